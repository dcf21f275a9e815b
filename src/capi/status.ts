import { findCondition, type Condition } from './conditions.ts';
import { at, bool, num, str } from './access.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Replica counters normalised over v1beta2, v1beta1 (with its `status.v1beta2` preview) and older versions. */
export interface Replicas {
  readonly desired: number | undefined;
  readonly current: number | undefined;
  readonly ready: number | undefined;
  readonly available: number | undefined;
  readonly upToDate: number | undefined;
}

/** Replica counters of a MachineDeployment, MachineSet, MachinePool or control plane. */
export function replicasOf(object: FleetObject): Replicas {
  const raw = object.raw;
  const preview = object.version === 'v1beta2' ? undefined : at(raw, 'status.v1beta2');
  const pick = (field: string, legacy?: string): number | undefined =>
    num(preview, field) ?? num(raw, `status.${field}`) ?? (legacy ? num(raw, `status.${legacy}`) : undefined);
  return {
    desired: num(raw, 'spec.replicas'),
    current: num(raw, 'status.replicas'),
    ready: pick('readyReplicas'),
    available: pick('availableReplicas'),
    upToDate: pick('upToDateReplicas', 'updatedReplicas'),
  };
}

/** Readiness of a workload Node from its Ready condition and pressure conditions. */
export interface NodeHealth {
  readonly ready: 'True' | 'False' | 'Unknown';
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly since: string | undefined;
  /**
   * Problem conditions that are True: the kubelet's pressure conditions, NetworkUnavailable, and the problems a
   * node-problem-detector adds (KernelDeadlock, ReadonlyFilesystem, FrequentKubeletRestart, ...), which leave the Node
   * Ready.
   */
  readonly pressure: readonly string[];
  readonly unschedulable: boolean;
}

const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];
/** Condition types that name a problem when True, as node-problem-detector and similar agents write them. */
const PROBLEM_TYPE =
  /Problem|Deadlock|Read-?only|Corrupt|Frequent|Restart|Shutdown|Unavailable|Error|Fail|Unhealthy|Pressure/i;
/** Condition types that name a good state when True, whatever else their name says. */
const GOOD_TYPE = /(Ready|OK|Healthy|Available|Configured)$/i;

/** The condition types of a Node that are True and mean a problem, kubelet's own first. */
function problemConditions(node: FleetObject): string[] {
  const out = PRESSURE.filter((type) => findCondition(node.raw, type)?.status === 'True');
  const conditions = (node.raw.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions)) return out;
  for (const condition of conditions as { type?: unknown; status?: unknown }[]) {
    const type = condition?.type;
    if (typeof type !== 'string' || condition.status !== 'True' || out.includes(type)) continue;
    if (PROBLEM_TYPE.test(type) && !GOOD_TYPE.test(type)) out.push(type);
  }
  return out;
}

/** The health of a Node as kubelet reports it. */
export function nodeHealth(node: FleetObject): NodeHealth {
  const ready: Condition | undefined = findCondition(node.raw, 'Ready');
  return {
    ready: ready?.status ?? 'Unknown',
    reason: ready?.reason,
    message: ready?.message,
    since: ready?.lastTransitionTime,
    pressure: problemConditions(node),
    unschedulable: bool(node.raw, 'spec.unschedulable') === true,
  };
}

/**
 * When a Machine entered its current phase, as well as the object tells: `status.lastUpdated`, but never before the
 * Machine was created (a Machine recreated under the same name can carry an older value).
 */
export function phaseSince(machine: FleetObject): string | undefined {
  const updated = str(machine.raw, 'status.lastUpdated');
  const created = str(machine.raw, 'metadata.creationTimestamp');
  if (!updated || !created) return updated ?? created;
  return Date.parse(updated) >= Date.parse(created) ? updated : created;
}

/** Pod counts by what a person cares about on a Node. */
export interface PodCounts {
  readonly total: number;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
  /** Pods being deleted (terminating) or evicted. */
  readonly terminating: number;
}

/** Counts pods by phase, with terminating and evicted ones apart. */
export function countPods(pods: readonly FleetObject[]): PodCounts {
  let running = 0;
  let pending = 0;
  let failed = 0;
  let terminating = 0;
  for (const pod of pods) {
    const phase = str(pod.raw, 'status.phase');
    if (str(pod.raw, 'metadata.deletionTimestamp') || str(pod.raw, 'status.reason') === 'Evicted')
      terminating++;
    else if (phase === 'Running' || phase === 'Succeeded') running++;
    else if (phase === 'Pending') pending++;
    else if (phase === 'Failed') failed++;
  }
  return { total: pods.length, running, pending, failed, terminating };
}
