import type { Edge } from './edge.ts';
import type { ObjectIndex } from './object-index.ts';
import { CLUSTER_MEMBERSHIP_RELATIONS } from './relations.ts';
import { str, stringMap } from '../capi/access.ts';
import { CapiLabel } from '../capi/kinds.ts';
import type { ClusterKey, FleetObject } from '../model/fleet.ts';

function isCapiCluster(object: FleetObject): boolean {
  return object.kind === 'Cluster' && object.group === 'cluster.x-k8s.io' && object.plane === 'management';
}

/**
 * Which CAPI Cluster each management object belongs to: by being the Cluster, by the cluster-name label or
 * `spec.clusterName`, by referring to a Cluster, else from their owner or the object that refers to them (templates
 * excepted: they are shared). Workload objects belong to the cluster of their folder (`workloadCluster`) and are not
 * in the map: that keeps a fleet's hundreds of thousands of Pods and Events out of it.
 */
export function resolveClusters(
  objects: readonly FleetObject[],
  outgoing: ReadonlyMap<string, readonly Edge[]>,
  incoming: ReadonlyMap<string, readonly Edge[]>,
  index: ObjectIndex,
): Map<string, ClusterKey> {
  const membership = new Map<string, ClusterKey>();
  for (const object of objects) {
    if (object.plane === 'workload') continue;
    if (isCapiCluster(object)) {
      membership.set(object.id, `${object.namespace}/${object.name}`);
      continue;
    }
    const name =
      stringMap(object.raw, 'metadata.labels')[CapiLabel.clusterName] ?? str(object.raw, 'spec.clusterName');
    if (name && object.namespace) membership.set(object.id, `${object.namespace}/${name}`);
  }
  // An object that refers to a Cluster (a team's CRD with spec.clusterRef) belongs to it.
  for (const cluster of index.ofKind('Cluster')) {
    if (!isCapiCluster(cluster)) continue;
    for (const edge of incoming.get(cluster.id) ?? []) {
      if (!membership.has(edge.from)) membership.set(edge.from, `${cluster.namespace}/${cluster.name}`);
    }
  }
  const queue = [...membership.keys()];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    const cluster = membership.get(id);
    if (!cluster) continue;
    for (const edge of outgoing.get(id) ?? []) {
      if (!CLUSTER_MEMBERSHIP_RELATIONS.has(edge.relation)) continue;
      const child = edge.to;
      if (membership.has(child)) continue;
      membership.set(child, cluster);
      queue.push(child);
    }
  }
  return membership;
}
