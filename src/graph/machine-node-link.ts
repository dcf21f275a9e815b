import type { Edge } from './edge.ts';
import { str, stringMap } from '../capi/access.ts';
import { CapiLabel } from '../capi/kinds.ts';
import type { FleetObject } from '../model/fleet.ts';

/** How a Machine was matched to a Node. */
export type LinkMethod = 'nodeRef' | 'providerID' | 'annotation';

/** Machine and Node records that disagree about each other. */
export interface LinkConflict {
  readonly machine: string | undefined;
  readonly nodes: readonly string[];
  readonly kind: 'methods-disagree' | 'node-ref-missing' | 'provider-id-mismatch';
  readonly message: string;
}

/** The Machine to Node edges of the fleet and the disagreements found on the way. */
export interface MachineNodeLinks {
  readonly edges: Edge[];
  readonly conflicts: LinkConflict[];
}

/** Provider IDs compared as the cloud means them: Azure's are case-insensitive. */
export function normalizeProviderId(id: string): string {
  return id.toLowerCase().startsWith('azure://') ? id.toLowerCase() : id;
}

/**
 * Links each Machine to its workload Node by `status.nodeRef`, by `spec.providerID` and by the Node's
 * `cluster.x-k8s.io/machine` annotation, and reports where these disagree. Only clusters whose workload side was
 * captured are checked for missing Nodes.
 */
export function linkMachinesToNodes(
  machines: readonly { machine: FleetObject; cluster: string }[],
  nodesByCluster: ReadonlyMap<string, readonly FleetObject[]>,
): MachineNodeLinks {
  const out: MachineNodeLinks = { edges: [], conflicts: [] };
  const indexes = new Map<string, ReturnType<typeof indexNodes>>();
  for (const [cluster, nodes] of nodesByCluster) indexes.set(cluster, indexNodes(nodes, cluster));
  for (const { machine, cluster } of machines) {
    const index = indexes.get(cluster);
    if (!index) continue;
    const nodeRef = str(machine.raw, 'status.nodeRef.name');
    const providerId = str(machine.raw, 'spec.providerID');
    const found: Partial<Record<LinkMethod, FleetObject>> = {
      nodeRef: nodeRef ? index.byName.get(nodeRef) : undefined,
      providerID: providerId ? index.byProviderId.get(normalizeProviderId(providerId)) : undefined,
      annotation: index.byMachine.get(`${machine.namespace}/${machine.name}`),
    };
    const chosen = found.nodeRef ?? found.providerID ?? found.annotation;
    const agreeing = (Object.keys(found) as LinkMethod[]).filter((m) => found[m] && found[m] === chosen);
    if (chosen)
      out.edges.push({ from: machine.id, to: chosen.id, relation: 'node', via: agreeing.join('+') });
    const distinct = [...new Set(Object.values(found).filter((n): n is FleetObject => n !== undefined))];
    if (distinct.length > 1) {
      const detail = (Object.keys(found) as LinkMethod[])
        .filter((m) => found[m])
        .map((m) => `${m} -> ${found[m]?.name}`)
        .join(', ');
      out.conflicts.push({
        machine: machine.id,
        nodes: distinct.map((n) => n.id),
        kind: 'methods-disagree',
        message: `Machine ${machine.namespace}/${machine.name} matches different Nodes: ${detail}`,
      });
    }
    if (nodeRef && !found.nodeRef) {
      out.conflicts.push({
        machine: machine.id,
        nodes: [],
        kind: 'node-ref-missing',
        message: `Machine ${machine.namespace}/${machine.name} has status.nodeRef ${nodeRef}, but the workload cluster ${cluster} has no such Node`,
      });
    }
    const chosenProviderId = chosen ? str(chosen.raw, 'spec.providerID') : undefined;
    if (
      chosen &&
      providerId &&
      chosenProviderId &&
      normalizeProviderId(chosenProviderId) !== normalizeProviderId(providerId)
    ) {
      out.conflicts.push({
        machine: machine.id,
        nodes: [chosen.id],
        kind: 'provider-id-mismatch',
        message: `Machine ${machine.namespace}/${machine.name} has providerID ${providerId} but its Node ${chosen.name} has ${chosenProviderId}`,
      });
    }
  }
  return out;
}

function indexNodes(nodes: readonly FleetObject[], cluster: string) {
  const byName = new Map<string, FleetObject>();
  const byProviderId = new Map<string, FleetObject>();
  const byMachine = new Map<string, FleetObject>();
  const [clusterNamespace] = cluster.split('/');
  for (const node of nodes) {
    byName.set(node.name, node);
    const providerId = str(node.raw, 'spec.providerID');
    if (providerId) byProviderId.set(normalizeProviderId(providerId), node);
    const annotations = stringMap(node.raw, 'metadata.annotations');
    const machine = annotations[CapiLabel.nodeMachine];
    if (machine)
      byMachine.set(`${annotations[CapiLabel.nodeClusterNamespace] ?? clusterNamespace}/${machine}`, node);
  }
  return { byName, byProviderId, byMachine };
}
