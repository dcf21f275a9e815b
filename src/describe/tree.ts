import type { ClusterDescription, DescribeRow, NodeSummary } from './model.ts';
import { str } from '../capi/access.ts';
import { summaryCondition } from '../capi/conditions.ts';
import { CapiLabel } from '../capi/kinds.ts';
import { countPods, nodeHealth, phaseSince, replicasOf } from '../capi/status.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { Finding } from '../model/finding.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Options of {@link describeCluster}. */
export interface DescribeOptions {
  /** Group alike Machines into one row, as clusterctl does (default true). */
  readonly grouping?: boolean;
}

const byName = (a: FleetObject, b: FleetObject): number => a.name.localeCompare(b.name);

/** Builds the cross-plane tree of one Cluster: management objects down to Machines, their Nodes and pod counts. */
export function describeCluster(
  graph: FleetGraph,
  cluster: FleetObject,
  findings: readonly Finding[],
  options: DescribeOptions = {},
): ClusterDescription {
  const key = `${cluster.namespace}/${cluster.name}`;
  const grouping = options.grouping ?? true;
  const findingsOf = (id: string): Finding[] => findings.filter((f) => f.subjects.includes(id));
  const placed = new Set<string>([cluster.id]);
  const members = graph.objectsOf(key);

  const row = (object: FleetObject, role: string | undefined, children: DescribeRow[]): DescribeRow => {
    placed.add(object.id);
    const condition = summaryCondition(object.raw, object.kind);
    const isMachine = object.kind === 'Machine';
    const node = isMachine ? graph.nodeOf(object.id) : undefined;
    if (node) placed.add(node.id);
    const counted =
      object.kind.endsWith('ControlPlane') ||
      ['MachineDeployment', 'MachineSet', 'MachinePool'].includes(object.kind);
    return {
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      plane: object.plane,
      role,
      members: undefined,
      replicas: counted ? replicasOf(object) : undefined,
      phase: str(object.raw, 'status.phase'),
      condition: condition && {
        type: condition.type,
        status: condition.status,
        ...(condition.reason ? { reason: condition.reason } : {}),
        ...(condition.message ? { message: condition.message } : {}),
      },
      since: condition?.lastTransitionTime ?? (isMachine ? phaseSince(object) : undefined),
      nodes: node ? [nodeSummary(graph, node)] : [],
      findings: [
        ...findingsOf(object.id),
        ...(node ? findingsOf(node.id).filter((f) => !f.subjects.includes(object.id)) : []),
      ],
      children,
    };
  };

  const machineRows = (machines: readonly FleetObject[]): DescribeRow[] => {
    const rows = [...machines].sort(byName).map((m) => row(m, undefined, []));
    return grouping ? groupAlike(rows) : rows;
  };
  const machinesOwnedBy = (owner: FleetObject): FleetObject[] =>
    graph.children(owner.id, 'owner').filter((c) => c.kind === 'Machine');

  const top: DescribeRow[] = [];
  const infra = graph.children(cluster.id, 'infrastructure')[0];
  if (infra) top.push(row(infra, 'ClusterInfrastructure', []));
  const controlPlane = graph.children(cluster.id, 'control-plane').find((o) => o.kind !== 'Machine');
  if (controlPlane) top.push(row(controlPlane, 'ControlPlane', machineRows(machinesOwnedBy(controlPlane))));

  const workers: DescribeRow[] = [];
  const deployments = members.filter((o) => o.kind === 'MachineDeployment').sort(byName);
  for (const deployment of deployments) {
    const sets = graph
      .children(deployment.id, 'owner')
      .filter((o) => o.kind === 'MachineSet')
      .sort(byName);
    workers.push(
      row(
        deployment,
        undefined,
        sets.map((set) => row(set, undefined, machineRows(machinesOwnedBy(set)))),
      ),
    );
  }
  for (const pool of members.filter((o) => o.kind === 'MachinePool').sort(byName)) {
    workers.push(row(pool, undefined, machineRows(machinesOwnedBy(pool))));
  }
  const loose = members.filter(
    (o) => o.kind === 'Machine' && o.plane === 'management' && !placed.has(o.id) && !isControlPlaneMachine(o),
  );
  const looseCp = members.filter(
    (o) => o.kind === 'Machine' && !placed.has(o.id) && isControlPlaneMachine(o),
  );
  if (looseCp.length > 0)
    top.push(group('Machine', 'ControlPlane machines without their control plane', machineRows(looseCp)));
  if (workers.length > 0) top.push(group('Workers', 'Workers', workers));
  if (loose.length > 0) top.push(group('Machine', 'Machines without a MachineSet', machineRows(loose)));

  const unowned = members
    .filter((o) => o.kind === 'Node' && o.plane === 'workload' && !placed.has(o.id) && !graph.machineOf(o.id))
    .sort(byName);
  if (unowned.length > 0) {
    top.push(
      group(
        'Node',
        'Nodes no Machine owns',
        unowned.map((node) => ({
          ...row(node, undefined, []),
          nodes: [nodeSummary(graph, node)],
          condition: undefined,
        })),
      ),
    );
  }
  const related = members
    .filter((o) => o.plane === 'management' && isTeamKind(o) && !placed.has(o.id))
    .sort(byName);
  if (related.length > 0)
    top.push(
      group(
        'Related',
        'Related objects',
        related.map((o) => row(o, undefined, [])),
      ),
    );

  return {
    cluster: key,
    workloadCaptured: graph.capturedWorkloads.has(key),
    root: row(cluster, undefined, top),
    findings,
  };
}

function isControlPlaneMachine(machine: FleetObject): boolean {
  const labels = (machine.raw.metadata as { labels?: Record<string, unknown> } | undefined)?.labels ?? {};
  return Object.hasOwn(labels, CapiLabel.controlPlane);
}

/** Custom kinds a team adds: neither Kubernetes' own, nor Cluster API's, nor events. */
function isTeamKind(object: FleetObject): boolean {
  if (object.kind === 'Event' || object.group === '' || object.group.endsWith('.k8s.io')) return false;
  return !object.group.endsWith('cluster.x-k8s.io');
}

function group(kind: string, name: string, children: DescribeRow[]): DescribeRow {
  return {
    kind,
    name,
    namespace: '',
    plane: kind === 'Node' ? 'workload' : 'management',
    role: name,
    members: undefined,
    replicas: undefined,
    phase: undefined,
    condition: undefined,
    since: undefined,
    nodes: [],
    findings: [],
    children,
  };
}

function nodeSummary(graph: FleetGraph, node: FleetObject): NodeSummary {
  const health = nodeHealth(node);
  return {
    name: node.name,
    ready: health.ready,
    reason: health.reason,
    since: health.since,
    pressure: health.pressure,
    pods: countPods(graph.podsOn(node.id)),
  };
}

/** Folds Machine rows with the same phase, condition and Node readiness, and no findings, into one row. */
function groupAlike(rows: readonly DescribeRow[]): DescribeRow[] {
  const out: DescribeRow[] = [];
  const groups = new Map<string, DescribeRow[]>();
  for (const r of rows) {
    if (r.findings.length > 0) {
      out.push(r);
      continue;
    }
    const signature = [
      r.phase,
      r.condition?.status,
      r.condition?.reason,
      r.nodes.map((n) => n.ready).join(),
    ].join('|');
    const same = groups.get(signature);
    if (same) same.push(r);
    else groups.set(signature, [r]);
  }
  for (const same of groups.values()) {
    const first = same[0];
    if (!first) continue;
    if (same.length === 1) {
      out.push(first);
      continue;
    }
    const latest = same
      .map((r) => r.since ?? '')
      .sort()
      .at(-1);
    out.push({
      ...first,
      name: `${same.length} Machines`,
      members: same.map((r) => r.name),
      since: latest || undefined,
      condition: first.condition && { ...first.condition, message: undefined },
      nodes: same.flatMap((r) => r.nodes),
    });
  }
  return out.sort(
    (a, b) =>
      (a.findings.length > 0 ? 0 : 1) - (b.findings.length > 0 ? 0 : 1) || a.name.localeCompare(b.name),
  );
}
