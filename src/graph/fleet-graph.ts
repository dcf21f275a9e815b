import type { Edge, UnresolvedRef } from './edge.ts';
import { genericRefEdges } from './generic-refs.ts';
import { linkMachinesToNodes, type LinkConflict } from './machine-node-link.ts';
import { createObjectIndex, scopeOf, type ObjectIndex } from './object-index.ts';
import { findPath, type PathStep } from './path.ts';
import { BUILTIN_RELATIONS, type RelationRule } from './relations.ts';
import { applyRules } from './rule-edges.ts';
import { resolveClusters } from './cluster-membership.ts';
import { workloadEdges } from './workload-edges.ts';
import type { Bundle } from '../bundle/bundle.ts';
import type { ClusterKey, FleetObject, LogEntry, MetricSeries, Plane } from '../model/fleet.ts';

/** A query over objects; every field given must match. */
export interface ObjectQuery {
  readonly plane?: Plane;
  readonly cluster?: ClusterKey;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The fleet as one graph: objects of both planes, their relations, and the events, logs and metrics tied to them. */
export interface FleetGraph {
  readonly now: Date;
  readonly objects: readonly FleetObject[];
  readonly edges: readonly Edge[];
  readonly logs: readonly LogEntry[];
  readonly metrics: readonly MetricSeries[];
  /** Workload clusters whose objects were captured (`namespace/name`). */
  readonly capturedWorkloads: ReadonlySet<ClusterKey>;
  /** Machine and Node records that disagree. */
  readonly linkConflicts: readonly LinkConflict[];
  /** References to objects that are not in the fleet. */
  readonly unresolved: readonly UnresolvedRef[];
  readonly index: ObjectIndex;
  get(id: string): FleetObject | undefined;
  find(query: ObjectQuery): FleetObject[];
  /** The CAPI Cluster objects, sorted by namespace and name. */
  clusters(): readonly FleetObject[];
  /** The CAPI Cluster an object belongs to, as `namespace/name`. */
  clusterOf(id: string): ClusterKey | undefined;
  /** Every object of one cluster, both planes. */
  objectsOf(cluster: ClusterKey): readonly FleetObject[];
  edgesFrom(id: string): readonly Edge[];
  edgesTo(id: string): readonly Edge[];
  /** Objects this one is parent of, optionally through one relation. */
  children(id: string, relation?: string): FleetObject[];
  /** Objects this one is child of, optionally through one relation. */
  parents(id: string, relation?: string): FleetObject[];
  /** The shortest chain of relations between two objects, in either direction, or undefined. */
  path(fromId: string, toId: string): PathStep[] | undefined;
  /** Events about an object, oldest first. */
  eventsOf(id: string): readonly FleetObject[];
  logsOf(id: string): readonly LogEntry[];
  metricsOf(cluster: ClusterKey): readonly MetricSeries[];
  metricsOfNode(nodeId: string): readonly MetricSeries[];
  /** The workload Node of a Machine. */
  nodeOf(machineId: string): FleetObject | undefined;
  /** The Machine of a workload Node. */
  machineOf(nodeId: string): FleetObject | undefined;
  /** Pods scheduled on a Node. */
  podsOn(nodeId: string): readonly FleetObject[];
}

/** Options of {@link buildFleetGraph}. */
export interface BuildGraphOptions {
  /** A team's own relations, added to the built-in ones. */
  readonly relations?: readonly RelationRule[];
}

/** Builds the fleet graph from what a bundle reader or a live source collected. */
export function buildFleetGraph(
  bundle: Pick<Bundle, 'now' | 'objects' | 'logs' | 'metrics' | 'workloadClusters'>,
  options: BuildGraphOptions = {},
): FleetGraph {
  const objects = bundle.objects;
  const index = createObjectIndex(objects);
  const edges: Edge[] = [];
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  const add = (found: readonly Edge[]): void => {
    for (const edge of found) {
      edges.push(edge);
      push(outgoing, edge.from, edge);
      push(incoming, edge.to, edge);
    }
  };
  for (const object of objects) add(ownerEdges(object, index));
  const ruled = applyRules(objects, [...BUILTIN_RELATIONS, ...(options.relations ?? [])], index);
  add(ruled.edges);
  add(workloadEdges(objects, index).edges);
  // A generic *Ref adds nothing where a declared relation already links the pair, in either direction.
  const linked = (a: string, b: string): boolean =>
    (outgoing.get(a) ?? []).some((e) => e.to === b) || (outgoing.get(b) ?? []).some((e) => e.to === a);
  add(genericRefEdges(objects, index, linked));

  const membership = resolveClusters(objects, outgoing, incoming, index);
  const clusterOfObject = (object: FleetObject): ClusterKey | undefined =>
    object.plane === 'workload' ? object.workloadCluster : membership.get(object.id);
  const machines: { machine: FleetObject; cluster: string }[] = [];
  for (const object of index.ofKind('Machine')) {
    const cluster = membership.get(object.id);
    if (object.plane === 'management' && cluster) machines.push({ machine: object, cluster });
  }
  const nodesByCluster = new Map<string, FleetObject[]>();
  for (const node of index.ofKind('Node')) {
    if (node.plane !== 'workload' || !node.workloadCluster) continue;
    const list = nodesByCluster.get(node.workloadCluster);
    if (list) list.push(node);
    else nodesByCluster.set(node.workloadCluster, [node]);
  }
  const links = linkMachinesToNodes(machines, nodesByCluster);
  add(links.edges);

  const byCluster = new Map<ClusterKey, FleetObject[]>();
  for (const object of objects) {
    const cluster = clusterOfObject(object);
    if (cluster) push(byCluster, cluster, object);
  }
  const logsById = indexLogs(bundle.logs, index);
  const metricsByCluster = new Map<ClusterKey, MetricSeries[]>();
  const metricsByNode = new Map<string, MetricSeries[]>();
  for (const series of bundle.metrics) {
    push(metricsByCluster, series.cluster, series);
    const node = series.labels.node;
    const found = node ? index.lookup(`w:${series.cluster}`, 'Node', '', node) : undefined;
    if (found) push(metricsByNode, found.id, series);
  }
  const clusterObjects = index
    .ofKind('Cluster')
    .filter((c) => c.plane === 'management' && c.group === 'cluster.x-k8s.io')
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const related = (id: string, map: Map<string, Edge[]>, relation: string | undefined, end: 'from' | 'to') =>
    (map.get(id) ?? [])
      .filter((e) => relation === undefined || e.relation === relation)
      .map((e) => index.byId.get(e[end]))
      .filter((o): o is FleetObject => o !== undefined);

  return {
    now: bundle.now,
    objects,
    edges,
    logs: bundle.logs,
    metrics: bundle.metrics,
    capturedWorkloads: new Set([...bundle.workloadClusters, ...nodesByCluster.keys()]),
    linkConflicts: links.conflicts,
    unresolved: ruled.unresolved,
    index,
    get: (id) => index.byId.get(id),
    find: (query) =>
      objects.filter(
        (o) =>
          (query.plane === undefined || o.plane === query.plane) &&
          (query.kind === undefined || o.kind === query.kind) &&
          (query.namespace === undefined || o.namespace === query.namespace) &&
          (query.name === undefined || o.name === query.name) &&
          (query.cluster === undefined || clusterOfObject(o) === query.cluster),
      ),
    clusters: () => clusterObjects,
    clusterOf: (id) => {
      const object = index.byId.get(id);
      return object ? clusterOfObject(object) : undefined;
    },
    objectsOf: (cluster) => byCluster.get(cluster) ?? [],
    edgesFrom: (id) => outgoing.get(id) ?? [],
    edgesTo: (id) => incoming.get(id) ?? [],
    children: (id, relation) => related(id, outgoing, relation, 'to'),
    parents: (id, relation) => related(id, incoming, relation, 'from'),
    path: (fromId, toId) => findPath(fromId, toId, outgoing, incoming),
    eventsOf: (id) => sortEvents(related(id, outgoing, 'event', 'to')),
    logsOf: (id) => logsById.get(id) ?? [],
    metricsOf: (cluster) => metricsByCluster.get(cluster) ?? [],
    metricsOfNode: (nodeId) => metricsByNode.get(nodeId) ?? [],
    nodeOf: (machineId) => related(machineId, outgoing, 'node', 'to')[0],
    machineOf: (nodeId) => related(nodeId, incoming, 'node', 'from')[0],
    podsOn: (nodeId) => related(nodeId, outgoing, 'pod', 'to'),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function ownerEdges(object: FleetObject, index: ObjectIndex): Edge[] {
  const owners = (object.raw.metadata as { ownerReferences?: unknown } | undefined)?.ownerReferences;
  if (!Array.isArray(owners)) return [];
  const scope = scopeOf(object);
  const out: Edge[] = [];
  for (const owner of owners as unknown[]) {
    if (typeof owner !== 'object' || owner === null) continue;
    const { uid, kind, name, controller } = owner as Record<string, unknown>;
    const found =
      (typeof uid === 'string' ? index.byUid(scope, uid) : undefined) ??
      (typeof kind === 'string' && typeof name === 'string'
        ? (index.lookup(scope, kind, object.namespace, name) ?? index.lookup(scope, kind, '', name))
        : undefined);
    if (found && found.id !== object.id) {
      out.push({
        from: found.id,
        to: object.id,
        relation: 'owner',
        via: controller === true ? 'controller ownerReference' : 'ownerReference',
      });
    }
  }
  return out;
}

function indexLogs(logs: readonly LogEntry[], index: ObjectIndex): Map<string, LogEntry[]> {
  const out = new Map<string, LogEntry[]>();
  for (const entry of logs) {
    const origin = entry.origin;
    const scope = origin.type === 'workload-pod' ? `w:${origin.cluster}` : 'm';
    if (origin.type === 'machine-boot') {
      const machine = index.lookup('m', 'Machine', origin.namespace, origin.machine);
      if (machine) push(out, machine.id, entry);
      continue;
    }
    if (origin.type === 'workload-pod') {
      const pod = index.lookup(scope, 'Pod', origin.namespace, origin.pod);
      if (pod) push(out, pod.id, entry);
    }
    for (const ref of entry.objects) {
      const kind = ref.kind ? (index.canonicalKind(ref.kind.toLowerCase()) ?? ref.kind) : undefined;
      if (!kind) continue;
      const found = index.lookup(scope, kind, ref.namespace, ref.name);
      if (found) push(out, found.id, entry);
    }
  }
  return out;
}

function sortEvents(events: FleetObject[]): FleetObject[] {
  const time = (e: FleetObject): string => {
    const raw = e.raw as Record<string, unknown>;
    for (const key of ['lastTimestamp', 'eventTime', 'firstTimestamp']) {
      const value = raw[key];
      if (typeof value === 'string' && value) return value;
    }
    return '';
  };
  return events.sort((a, b) => time(a).localeCompare(time(b)));
}
