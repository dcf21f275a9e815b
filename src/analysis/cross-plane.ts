import { str } from '../capi/access.ts';
import { PHASE_BUDGET_SECONDS, PHASE_LAYER } from '../capi/machine-phase.ts';
import { nodeHealth, phaseSince } from '../capi/status.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { Finding } from '../model/finding.ts';
import type { ClusterKey, FleetObject } from '../model/fleet.ts';

/** Options of {@link crossPlaneFindings}. */
export interface CrossPlaneOptions {
  /** Only this cluster. */
  readonly cluster?: ClusterKey;
  readonly phaseBudgetSeconds?: Readonly<Record<string, number>>;
}

/** Findings that only show when management and workload planes are read together. */
export function crossPlaneFindings(graph: FleetGraph, options: CrossPlaneOptions = {}): Finding[] {
  const budgets = options.phaseBudgetSeconds ?? PHASE_BUDGET_SECONDS;
  const now = graph.now.getTime();
  const findings: Finding[] = [];
  const clusters = graph.clusters().filter((c) => !options.cluster || key(c) === options.cluster);
  for (const cluster of clusters) {
    const clusterKey = key(cluster);
    const captured = graph.capturedWorkloads.has(clusterKey);
    if (!captured) {
      findings.push({
        type: 'workload-not-captured',
        severity: 'info',
        cluster: clusterKey,
        subjects: [cluster.id],
        message: `the workload cluster ${clusterKey} was not captured: Nodes and Pods cannot be checked`,
        since: undefined,
      });
    }
    for (const object of graph.objectsOf(clusterKey)) {
      if (object.kind === 'Machine' && object.plane === 'management') {
        findings.push(...machineFindings(graph, object, clusterKey, captured, now, budgets));
      } else if (object.kind === 'Node' && object.plane === 'workload') {
        findings.push(...nodeFindings(graph, object, clusterKey));
      }
    }
  }
  for (const conflict of graph.linkConflicts) {
    const cluster = conflict.machine ? graph.clusterOf(conflict.machine) : undefined;
    if (!cluster || (options.cluster && cluster !== options.cluster)) continue;
    if (conflict.kind === 'node-ref-missing') continue; // reported as machine-running-node-missing
    findings.push({
      type: 'machine-node-link-conflict',
      severity: 'warning',
      cluster,
      subjects: [conflict.machine ?? '', ...conflict.nodes].filter(Boolean),
      message: conflict.message,
      since: undefined,
    });
  }
  return findings;
}

function key(cluster: FleetObject): ClusterKey {
  return `${cluster.namespace}/${cluster.name}`;
}

function machineFindings(
  graph: FleetGraph,
  machine: FleetObject,
  cluster: ClusterKey,
  captured: boolean,
  now: number,
  budgets: Readonly<Record<string, number>>,
): Finding[] {
  const out: Finding[] = [];
  const name = `Machine ${machine.namespace}/${machine.name}`;
  const phase =
    str(machine.raw, 'status.phase') ??
    (str(machine.raw, 'metadata.deletionTimestamp') ? 'Deleting' : 'Pending');
  const node = graph.nodeOf(machine.id);
  if (phase === 'Running' && captured) {
    if (!node) {
      const nodeRef = str(machine.raw, 'status.nodeRef.name');
      out.push({
        type: 'machine-running-node-missing',
        severity: 'critical',
        cluster,
        subjects: [machine.id],
        message: `${name} is Running but its Node${nodeRef ? ` ${nodeRef}` : ''} is not in the workload cluster`,
        since: undefined,
      });
    } else {
      const health = nodeHealth(node);
      if (health.ready !== 'True') {
        out.push({
          type: 'machine-running-node-not-ready',
          severity: 'critical',
          cluster,
          subjects: [machine.id, node.id],
          message: `${name} is Running but its Node ${node.name} is ${health.ready === 'False' ? 'NotReady' : 'Unknown'}${health.reason ? ` (${health.reason}${health.message ? `: ${health.message}` : ''})` : ''}`,
          since: health.since,
        });
      }
    }
  }
  const budget = budgets[phase];
  const since =
    phase === 'Deleting'
      ? (str(machine.raw, 'metadata.deletionTimestamp') ?? phaseSince(machine))
      : phaseSince(machine);
  const sinceMs = since ? Date.parse(since) : NaN;
  if (budget !== undefined && Number.isFinite(sinceMs) && now - sinceMs > budget * 1000) {
    out.push({
      type: 'machine-stuck-in-phase',
      severity: 'warning',
      cluster,
      subjects: [machine.id],
      message: `${name} has been ${phase} for ${formatDuration((now - sinceMs) / 1000)} (budget ${formatDuration(budget)}): ${PHASE_LAYER[phase] ?? ''}`,
      since,
    });
  }
  return out;
}

function nodeFindings(graph: FleetGraph, node: FleetObject, cluster: ClusterKey): Finding[] {
  const out: Finding[] = [];
  const health = nodeHealth(node);
  if (!graph.machineOf(node.id)) {
    out.push({
      type: 'node-without-machine',
      severity: 'warning',
      cluster,
      subjects: [node.id],
      message: `Node ${node.name} in ${cluster} is not owned by any Machine: it joined outside Cluster API, or its Machine is gone`,
      since: str(node.raw, 'metadata.creationTimestamp'),
    });
  }
  if (health.pressure.length > 0) {
    out.push({
      type: 'node-under-pressure',
      severity: 'warning',
      cluster,
      subjects: [node.id],
      message: `Node ${node.name} reports ${health.pressure.join(', ')}`,
      since: undefined,
    });
  }
  return out;
}

/**
 * A multi-line condition message on one line: "* Machine m1:\n  * EtcdMemberHealthy: ..." becomes
 * "* Machine m1: * EtcdMemberHealthy: ...", other line breaks become "; ".
 */
export function oneLine(message: string): string {
  return message
    .trim()
    .replace(/:\s*\n\s*/g, ': ')
    .replace(/\s*\n\s*/g, '; ');
}

/** A duration as a person reads it: `40s`, `25m`, `3h12m`, `5d`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
