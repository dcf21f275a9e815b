/** Fault helpers: change a generated cluster the way a real failure would, in both planes, consistently. */
import { detachNode, forgetNodeRefEvents, removeNode, resync, timeInput } from './fault-support.ts';
import type { TimeInput } from './fault-support.ts';
import type { ClusterHandle, MachineHandle } from './fleet-types.ts';
import type { InfraState } from './infra-status.ts';
import { renderBootstrap, renderInfraMachine } from './infra-status.ts';
import { addWorkloadEvent } from './noise.ts';
import type { RawObject } from './raw.ts';
import { isoSeconds, MINUTE, SECOND } from './time.ts';
import { buildNode } from './node-objects.ts';
import { addSystemPods } from './workload-gen.ts';

export type { TimeInput } from './fault-support.ts';
export { removeNode, resync } from './fault-support.ts';
export type { NodeNotReadyOptions, PressureType } from './node-faults.ts';
export { nodeNotReady, nodePressure } from './node-faults.ts';

/** How a machine is stuck. */
export interface StuckOptions {
  /** Pending: no bootstrap data; Provisioning: no instance; Provisioned: instance but no linked Node. */
  readonly phase: 'Pending' | 'Provisioning' | 'Provisioned';
  /** When the machine was created (and got stuck). */
  readonly since: TimeInput;
  /** The provider condition that reports why, e.g. `{type: 'InstanceReady', reason: 'InstanceProvisionFailed', message}`. */
  readonly infraCondition?: {
    readonly type?: string;
    readonly reason: string;
    readonly message: string;
    readonly severity?: InfraState['severity'];
  };
  /** Remove the machine's Node (default); false keeps the Node but unlinked (no providerID, no CAPI annotations). */
  readonly removeNode?: boolean;
}

/** Makes a machine a recent one stuck in `phase` since `since`; returns the machine. */
export function stuckMachine(m: MachineHandle, opts: StuckOptions): MachineHandle {
  const c = m.cluster;
  const since = timeInput(opts.since, 'stuckMachine.since');
  for (const obj of [
    m.machine,
    m.infraMachine,
    m.bootstrap,
    ...m.extras.filter((x) => x.kind !== 'BareMetalHost'),
  ]) {
    obj.metadata.creationTimestamp = isoSeconds(obj === m.machine ? since : since + SECOND);
  }
  for (const e of c.managementEvents) {
    if (e.reason === 'SuccessfulCreate' && e.message === `Created machine "${m.name}"`) {
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(since);
    }
  }
  if (m.node) {
    if (opts.removeNode === false) detachNode(m.node);
    else removeNode(c, m.node);
  }
  m.nodeRef = undefined;
  forgetNodeRefEvents(m);
  const failure = opts.infraCondition;
  const infra: InfraState = {
    provisioned: opts.phase === 'Provisioned',
    since: since + 40 * SECOND,
    ...(failure ? { reason: failure.reason, message: failure.message } : {}),
    ...(failure?.type ? { conditionType: failure.type } : {}),
    ...(failure?.severity ? { severity: failure.severity } : {}),
  };
  renderBootstrap(m, opts.phase !== 'Pending', opts.phase === 'Pending' ? since : since + 5 * SECOND);
  renderInfraMachine(m, infra);
  resync(c);
  return m;
}

/** Adds a Node that no Machine owns (joined by hand): no CAPI annotations, a providerID no Machine has. */
export function orphanNode(
  c: ClusterHandle,
  nodeName: string,
  opts: { readonly createdAt?: TimeInput; readonly providerID?: string } = {},
): RawObject {
  const ctx = c.ctx;
  const index = ctx.machineCount++;
  const site = ctx.profile.machine(ctx.rng, ctx.site, {
    namespace: c.namespace,
    cluster: c.name,
    machine: nodeName,
    index,
  });
  const created =
    opts.createdAt === undefined
      ? ctx.fleet.capturedAtMs - ctx.rng.int(26, 70) * 60 * MINUTE
      : timeInput(opts.createdAt, 'orphanNode.createdAt');
  const node = buildNode(ctx, {
    name: nodeName,
    providerID: opts.providerID ?? site.providerID,
    ip: site.ip,
    zone: site.zone,
    controlPlane: false,
    createdMs: created,
    instanceType: ctx.profile.instanceTypes.worker,
    podCidr: ctx.podCidr.replace(/\.0\.0\/16$/, `.${index % 256}.0/24`),
  });
  c.nodes.push(node);
  c.pods.push(...addSystemPods(c, node));
  addWorkloadEvent(c, {
    regarding: node,
    reason: 'RegisteredNode',
    message: `Node ${nodeName} event: Registered Node ${nodeName} in Controller`,
    first: created + 5 * SECOND,
    component: 'node-controller',
  });
  resync(c);
  return node;
}

/** Gives a machine's Node a providerID that does not match the Machine's, so Cluster API never links them. */
export function mismatchProviderID(m: MachineHandle, opts: { readonly providerID?: string } = {}): string {
  const c = m.cluster;
  const node = m.node;
  if (!node) throw new Error(`mismatchProviderID: machine ${m.name} has no Node`);
  const ctx = c.ctx;
  const other = ctx.profile.machine(ctx.rng, ctx.site, {
    namespace: c.namespace,
    cluster: c.name,
    machine: `${m.name}-${ctx.rng.suffix(5)}`,
    index: ctx.machineCount++,
  });
  const providerID = opts.providerID ?? other.providerID;
  detachNode(node);
  (node.spec ?? (node.spec = {})).providerID = providerID;
  m.nodeRef = undefined;
  forgetNodeRefEvents(m);
  resync(c);
  return providerID;
}
