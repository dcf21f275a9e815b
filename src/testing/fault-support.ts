/** Shared steps of the fault helpers: resync, removing and unlinking Nodes, replacing evicted pods. */
import type { ClusterHandle, MachineHandle } from './fleet-types.ts';
import { nodeConditions, syncMachine } from './machine-status.ts';
import { addWorkloadEvent } from './noise.ts';
import type { Fields, RawObject } from './raw.ts';
import { str } from './raw.ts';
import { syncRollups } from './rollups.ts';
import { isoSeconds, parseTime, SECOND } from './time.ts';
import { syncWorkloadControllers } from './workload-objects.ts';

/** A time option: RFC 3339 text or milliseconds since the epoch. */
export type TimeInput = string | number;

/** Milliseconds of a time option; `field` names it in the error for bad text. */
export function timeInput(t: TimeInput, field: string): number {
  return typeof t === 'number' ? t : parseTime(t, field);
}

/** Re-derives everything that summarises the cluster's machines and pods. */
export function resync(c: ClusterHandle): void {
  for (const m of c.machines) syncMachine(m);
  syncRollups(c);
  syncWorkloadControllers(c.workloadControllers, c.pods);
}

/** Removes a Node and its pods from the workload cluster. */
export function removeNode(c: ClusterHandle, node: RawObject): void {
  const at = c.nodes.indexOf(node);
  if (at >= 0) c.nodes.splice(at, 1);
  for (let i = c.pods.length - 1; i >= 0; i--)
    if (c.pods[i]?.spec?.nodeName === node.metadata.name) c.pods.splice(i, 1);
  for (const m of c.machines) if (m.node === node) m.node = undefined;
}

/** Drops the SuccessfulSetNodeRef events of a machine that never got its Node. */
export function forgetNodeRefEvents(m: MachineHandle): void {
  const events = m.cluster.managementEvents;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    const about = (e?.involvedObject ?? e?.regarding) as Fields | undefined;
    if (e && about?.uid === m.machine.metadata.uid && e.reason === 'SuccessfulSetNodeRef')
      events.splice(i, 1);
  }
}

/** Unlinks a Node from Cluster API: no providerID, no cluster.x-k8s.io annotations. */
export function detachNode(node: RawObject): void {
  if (node.spec) delete node.spec.providerID;
  const annotations = node.metadata.annotations ?? {};
  for (const key of Object.keys(annotations))
    if (key.startsWith('cluster.x-k8s.io/')) delete annotations[key];
}

/** Turns a pod's Ready condition False at `at`, as the node lifecycle controller does. */
export function markPodNotReady(pod: RawObject, at: number): void {
  for (const cond of (pod.status?.conditions ?? []) as Fields[]) {
    if (cond.type === 'Ready' && cond.status === 'True')
      Object.assign(cond, { status: 'False', lastTransitionTime: isoSeconds(at) });
  }
}

/** Creates replacement pods for ReplicaSet-owned pods on other Ready worker nodes, with their events. */
export function recreateElsewhere(
  c: ClusterHandle,
  gone: readonly RawObject[],
  from: RawObject,
  at: number,
): void {
  const targets = c.nodes.filter(
    (n) =>
      n !== from &&
      n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined &&
      nodeConditions(n).some((x) => x.type === 'Ready' && x.status === 'True'),
  );
  let i = 0;
  for (const pod of gone) {
    const owner = pod.metadata.ownerReferences?.[0];
    if (owner?.kind !== 'ReplicaSet' || targets.length === 0) continue;
    const rs = c.workloadControllers.find((w) => w.metadata.uid === owner.uid);
    const node = targets[i++ % targets.length];
    if (!rs || !node) continue;
    const copy = structuredClone(pod);
    const name = `${rs.metadata.name}-${c.ctx.rng.suffix(5)}`;
    copy.metadata = {
      ...copy.metadata,
      name,
      uid: c.ctx.rng.uuid(),
      resourceVersion: c.ctx.nextWorkloadRV(),
      creationTimestamp: isoSeconds(at),
    };
    delete copy.metadata.deletionTimestamp;
    delete copy.metadata.deletionGracePeriodSeconds;
    const spec = copy.spec ?? {};
    spec.nodeName = node.metadata.name;
    const status = copy.status ?? {};
    const hostIp = str((node.status?.addresses as Fields[] | undefined)?.[0]?.address) ?? '';
    status.hostIP = hostIp;
    status.hostIPs = [{ ip: hostIp }];
    const cidr = (str(node.spec?.podCIDR) ?? '10.0.0.0/24').split('.').slice(0, 3).join('.');
    status.podIP = `${cidr}.${150 + (i % 90)}`;
    status.podIPs = [{ ip: status.podIP }];
    status.startTime = isoSeconds(at + SECOND);
    status.conditions = [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map((type) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: isoSeconds(at + (type === 'Ready' || type === 'ContainersReady' ? 20 : 2) * SECOND),
    }));
    for (const cs of (status.containerStatuses ?? []) as Fields[]) {
      cs.state = { running: { startedAt: isoSeconds(at + 8 * SECOND) } };
      delete cs.lastState;
      cs.restartCount = 0;
      cs.containerID = `containerd://${c.ctx.rng.hex(64)}`;
    }
    c.pods.push(copy);
    addWorkloadEvent(c, {
      regarding: rs,
      reason: 'SuccessfulCreate',
      message: `Created pod: ${name}`,
      first: at,
      component: 'replicaset-controller',
    });
    addWorkloadEvent(c, {
      regarding: copy,
      reason: 'Scheduled',
      message: `Successfully assigned ${copy.metadata.namespace ?? ''}/${name} to ${node.metadata.name}`,
      first: at + SECOND,
      component: 'default-scheduler',
      api: 'events.k8s.io/v1',
      action: 'Binding',
    });
  }
}
