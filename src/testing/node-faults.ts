/** Node faults: a kubelet that stops reporting or reports NotReady, and node pressure with kubelet eviction. */
import { markPodNotReady, recreateElsewhere, resync, timeInput } from './fault-support.ts';
import type { TimeInput } from './fault-support.ts';
import type { MachineHandle } from './fleet-types.ts';
import { nodeConditions } from './machine-status.ts';
import { addManagementEvent, addWorkloadEvent } from './noise.ts';
import type { Fields, RawObject } from './raw.ts';
import { isoSeconds, MINUTE, SECOND, timeOf } from './time.ts';
import { podReady } from './workload-objects.ts';

/** How a Node stopped being Ready. */
export interface NodeNotReadyOptions {
  /** Node Ready reason; `NodeStatusUnknown` (default) means the kubelet went silent and all conditions turn Unknown. */
  readonly reason?: string;
  readonly message?: string;
  readonly since: TimeInput;
  /** Evict (mark Terminating) pods that do not tolerate the taint after 300 s and recreate them elsewhere; default true. */
  readonly evictPods?: boolean;
}

/** Turns a machine's Node NotReady since `since`, with taints, pod evictions and the events that come with them. */
export function nodeNotReady(m: MachineHandle, opts: NodeNotReadyOptions): RawObject {
  const c = m.cluster;
  const node = m.node;
  if (!node) throw new Error(`nodeNotReady: machine ${m.name} has no Node`);
  const since = timeInput(opts.since, 'nodeNotReady.since');
  const now = c.ctx.fleet.capturedAtMs;
  const silent = (opts.reason ?? 'NodeStatusUnknown') === 'NodeStatusUnknown';
  const reason = opts.reason ?? 'NodeStatusUnknown';
  const message =
    opts.message ??
    (silent
      ? 'Kubelet stopped posting node status.'
      : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
  const heartbeat = isoSeconds(since - c.ctx.rng.int(10, 40) * SECOND);
  for (const cond of nodeConditions(node) as unknown as Fields[]) {
    if (silent)
      Object.assign(cond, {
        status: 'Unknown',
        lastHeartbeatTime: heartbeat,
        lastTransitionTime: isoSeconds(since),
        reason,
        message,
      });
    else if (cond.type === 'Ready')
      Object.assign(cond, { status: 'False', lastTransitionTime: isoSeconds(since), reason, message });
  }
  const taint = silent ? 'node.kubernetes.io/unreachable' : 'node.kubernetes.io/not-ready';
  const spec = node.spec ?? (node.spec = {});
  const taints = ((spec.taints as Fields[] | undefined) ?? []).filter(
    (t) => !String(t.key).startsWith('node.kubernetes.io/'),
  );
  taints.push({ key: taint, effect: 'NoSchedule', timeAdded: isoSeconds(since + SECOND) });
  taints.push({ key: taint, effect: 'NoExecute', timeAdded: isoSeconds(since + SECOND) });
  spec.taints = taints;
  addWorkloadEvent(c, {
    regarding: node,
    reason: 'NodeNotReady',
    message: `Node ${node.metadata.name} status is now: NodeNotReady`,
    first: since,
    component: 'node-controller',
  });
  const evictAt = since + 300 * SECOND;
  const pods = m.pods;
  for (const pod of pods) {
    markPodNotReady(pod, since + 40 * SECOND);
    addWorkloadEvent(c, {
      regarding: pod,
      type: 'Warning',
      reason: 'NodeNotReady',
      message: 'Node is not ready',
      first: since + 40 * SECOND,
      component: 'node-controller',
    });
  }
  if (opts.evictPods !== false && evictAt < now) {
    const evicted = pods.filter((p) => !toleratesForever(p, taint));
    for (const pod of evicted) {
      const at = evictAt + c.ctx.rng.int(0, 5) * SECOND;
      pod.metadata.deletionTimestamp = isoSeconds(at + 30 * SECOND);
      pod.metadata.deletionGracePeriodSeconds = 30;
      const conditions = (pod.status?.conditions ?? []) as Fields[];
      conditions.unshift({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: isoSeconds(at),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
      addWorkloadEvent(c, {
        regarding: pod,
        reason: 'TaintManagerEviction',
        message: `Marking for deletion Pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name}`,
        first: at,
        component: 'taint-eviction-controller',
      });
    }
    recreateElsewhere(c, evicted, node, evictAt + 2 * SECOND);
  }
  resync(c);
  const verdict = m.pool ? conditionOf(m.machine, m.cluster.version, 'HealthCheckSucceeded') : undefined;
  if (m.pool && verdict?.status === 'False') {
    addManagementEvent(c, {
      regarding: m.machine,
      type: 'Normal',
      reason: 'MachineMarkedUnhealthy',
      message: `Machine ${c.namespace}/${m.pool.healthCheck.metadata.name}/${m.name}/${node.metadata.name} has been marked as unhealthy`,
      first: timeOf(verdict.lastTransitionTime),
      component: 'machinehealthcheck-controller',
    });
  }
  return node;
}

function conditionOf(
  obj: RawObject,
  version: MachineHandle['cluster']['version'],
  type: string,
): { status: string; lastTransitionTime: string } | undefined {
  const status = obj.status ?? {};
  const list = (
    version === 'v1beta2' ? status.conditions : (status.v1beta2 as Fields | undefined)?.conditions
  ) as { type: string; status: string; lastTransitionTime: string }[] | undefined;
  return list?.find((c) => c.type === type);
}

function toleratesForever(pod: RawObject, taint: string): boolean {
  const tolerations = (pod.spec?.tolerations ?? []) as Fields[];
  return tolerations.some(
    (t) =>
      (t.operator === 'Exists' && t.key === undefined) ||
      (t.key === taint && t.effect === 'NoExecute' && t.tolerationSeconds === undefined),
  );
}

/** A Node pressure condition. */
export type PressureType = 'DiskPressure' | 'MemoryPressure' | 'PIDPressure';

const PRESSURE: Readonly<
  Record<PressureType, { reason: string; message: string; taint: string; resource: string }>
> = {
  DiskPressure: {
    reason: 'KubeletHasDiskPressure',
    message: 'kubelet has disk pressure',
    taint: 'node.kubernetes.io/disk-pressure',
    resource: 'ephemeral-storage',
  },
  MemoryPressure: {
    reason: 'KubeletHasInsufficientMemory',
    message: 'kubelet has insufficient memory available',
    taint: 'node.kubernetes.io/memory-pressure',
    resource: 'memory',
  },
  PIDPressure: {
    reason: 'KubeletHasInsufficientPID',
    message: 'kubelet has insufficient PID available',
    taint: 'node.kubernetes.io/pid-pressure',
    resource: 'pids',
  },
};

/** Puts a machine's Node under `type` pressure since `since`: condition, taint, kubelet events, one evicted pod. */
export function nodePressure(
  m: MachineHandle,
  type: PressureType,
  opts: { readonly since: TimeInput; readonly message?: string },
): RawObject {
  const c = m.cluster;
  const node = m.node;
  if (!node) throw new Error(`nodePressure: machine ${m.name} has no Node`);
  const since = timeInput(opts.since, 'nodePressure.since');
  const p = PRESSURE[type];
  for (const cond of nodeConditions(node) as unknown as Fields[]) {
    if (cond.type === type)
      Object.assign(cond, {
        status: 'True',
        lastTransitionTime: isoSeconds(since),
        reason: p.reason,
        message: opts.message ?? p.message,
      });
  }
  const spec = node.spec ?? (node.spec = {});
  spec.taints = [
    ...((spec.taints as Fields[] | undefined) ?? []),
    { key: p.taint, effect: 'NoSchedule', timeAdded: isoSeconds(since + SECOND) },
  ];
  const host = node.metadata.name;
  addWorkloadEvent(c, {
    regarding: node,
    reason: `NodeHas${type}`,
    message: `Node ${host} status is now: NodeHas${type}`,
    first: since,
    component: 'kubelet',
    host,
  });
  addWorkloadEvent(c, {
    regarding: node,
    type: 'Warning',
    reason: 'EvictionThresholdMet',
    message: `Attempting to reclaim ${p.resource}`,
    first: since + 10 * SECOND,
    last: c.ctx.fleet.capturedAtMs - 2 * MINUTE,
    count: c.ctx.rng.int(3, 12),
    component: 'kubelet',
    host,
  });
  const victim = m.pods.find(
    (pod) => pod.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' && podReady(pod),
  );
  if (victim) {
    const at = since + 30 * SECOND;
    const message = `The node was low on resource: ${p.resource}. Threshold quantity: 10%, available: 8%.`;
    const status = victim.status ?? {};
    Object.assign(status, { phase: 'Failed', reason: 'Evicted', message });
    for (const cs of (status.containerStatuses ?? []) as Fields[]) {
      const startedAt = ((cs.state as Fields).running as Fields | undefined)?.startedAt;
      cs.state = {
        terminated: {
          exitCode: 137,
          reason: 'ContainerStatusUnknown',
          startedAt,
          finishedAt: isoSeconds(at),
        },
      };
      cs.ready = false;
      cs.started = false;
    }
    markPodNotReady(victim, at);
    addWorkloadEvent(c, {
      regarding: victim,
      type: 'Warning',
      reason: 'Evicted',
      message,
      first: at,
      component: 'kubelet',
      host,
    });
    recreateElsewhere(c, [victim], node, at + SECOND);
  }
  resync(c);
  return node;
}
