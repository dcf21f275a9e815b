/** Fault injection shared by the scenario catalog: each step changes a generated fleet the way a real failure surfaces. */
import type {
  ClusterHandle,
  FleetBuilder,
  MachineHandle,
  PoolHandle,
  RawObject,
} from '../../../src/testing/fleet-builder.ts';
import { stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type { Condition, ConditionStatus, Fields, OldCondition } from '../../../src/testing/raw.ts';
import { cond, oldCond, removeConditions, setConditions, str } from '../../../src/testing/raw.ts';
import { isoSeconds, MINUTE, SECOND } from '../../../src/testing/time.ts';

export { DAY, HOUR, MINUTE, SECOND } from '../../../src/testing/time.ts';

/** The capture moment of a builder, in milliseconds. */
export function nowOf(b: FleetBuilder): number {
  return Date.parse(b.capturedAt);
}

/** A pool of a cluster by name; throws when the scenario asks for one that was not generated. */
export function poolOf(c: ClusterHandle, name = 'md-0'): PoolHandle {
  const pool = c.pools.find((p) => p.name === name);
  if (!pool) throw new Error(`scenario: ${c.key} has no pool ${name}`);
  return pool;
}

/** The last `n` machines of a pool: the ones a scale-up would have added most recently. */
export function lastMachines(c: ClusterHandle, n: number, pool = 'md-0'): MachineHandle[] {
  const machines = poolOf(c, pool).machines;
  if (machines.length < n) throw new Error(`scenario: ${c.key}/${pool} has fewer than ${n} machines`);
  return machines.slice(machines.length - n);
}

/** One machine by index: workers by pool, or the control plane with pool `cp`. */
export function machineAt(c: ClusterHandle, index: number, pool = 'md-0'): MachineHandle {
  const list = pool === 'cp' ? c.controlPlaneMachines : poolOf(c, pool).machines;
  const m = list[index];
  if (!m) throw new Error(`scenario: ${c.key}/${pool} has no machine ${index}`);
  return m;
}

/** The names of machines, for expectations. */
export function names(machines: readonly MachineHandle[]): string[] {
  return machines.map((m) => m.name);
}

/** Reconcile errors a controller logs again and again, with controller-runtime's requeue backoff. */
export function reconcileErrors(
  b: FleetBuilder,
  c: ClusterHandle,
  opts: {
    readonly object: RawObject;
    readonly error: string;
    readonly from: number;
    /** The controller whose pod logs the error; defaults to the cluster's infrastructure provider. */
    readonly controllerId?: Parameters<FleetBuilder['addReconcileLog']>[0];
    /** controller-runtime controller name, e.g. `awsmachine`. */
    readonly controller?: string;
    readonly everyMinutes?: number;
    readonly until?: number;
  },
): void {
  const now = nowOf(b);
  const until = opts.until ?? now - MINUTE;
  const every = opts.everyMinutes ?? 4;
  let n = 0;
  for (let t = opts.from; t < until; t += (every + (n % 3)) * MINUTE, n++) {
    b.addReconcileLog(opts.controllerId ?? c.provider, {
      ts: t + n * 173,
      level: 'error',
      msg: 'Reconciler error',
      object: opts.object,
      ...(opts.controller ? { controller: opts.controller } : {}),
      cluster: c.name,
      error: opts.error,
    });
  }
}

/** Where and how a provisioning failure shows. */
export interface ProvisionFault {
  /** When the machine was created and started failing. */
  readonly since: number;
  /** The provider's error text. */
  readonly message: string;
  /** The infra machine condition that reports it; omit to leave the condition without a message. */
  readonly condition?: {
    readonly type?: string;
    readonly reason: string;
    readonly message?: string;
    readonly severity?: 'Error' | 'Warning' | 'Info';
  };
  /** A Warning event the provider records on the infra machine. */
  readonly event?: { readonly reason: string; readonly message?: string; readonly component: string };
  /** Reconcile errors in the provider's controller log (the text defaults to `message`). */
  readonly log?: { readonly error?: string; readonly controller?: string };
}

/** A machine stuck in Provisioning: the provider cannot create its instance. */
export function failProvisioning(b: FleetBuilder, m: MachineHandle, fault: ProvisionFault): void {
  const c = m.cluster;
  const now = nowOf(b);
  stuckMachine(m, {
    phase: 'Provisioning',
    since: fault.since,
    ...(fault.condition
      ? {
          infraCondition: {
            ...(fault.condition.type ? { type: fault.condition.type } : {}),
            reason: fault.condition.reason,
            message: fault.condition.message ?? fault.message,
            ...(fault.condition.severity ? { severity: fault.condition.severity } : {}),
          },
        }
      : {}),
  });
  if (fault.event) {
    const count = Math.max(1, Math.floor((now - fault.since) / (5 * MINUTE)));
    b.addEvent(c, 'management', {
      regarding: m.infraMachine,
      type: 'Warning',
      reason: fault.event.reason,
      message: fault.event.message ?? fault.message,
      first: fault.since + 45 * SECOND,
      last: now - 2 * MINUTE,
      count,
      component: fault.event.component,
    });
  }
  if (fault.log) {
    reconcileErrors(b, c, {
      object: m.infraMachine,
      error: fault.log.error ?? fault.message,
      from: fault.since + 40 * SECOND,
      controller: fault.log.controller ?? c.ctx.profile.controllers.machine,
    });
  }
}

/** A machine whose instance runs but never joins: the error is only in its boot log. */
export function failJoin(
  b: FleetBuilder,
  m: MachineHandle,
  opts: { readonly since: number; readonly lines: readonly string[]; readonly file?: string },
): void {
  stuckMachine(m, { phase: 'Provisioned', since: opts.since });
  b.addBootLog(m, opts.file ?? 'cloud-init-output.log', opts.lines);
}

/** The header cloud-init prints before the final modules run, as in every cloud-init-output.log. */
export function cloudInitHeader(at: number, upSeconds = 18.4): string[] {
  const when = new Date(at).toUTCString().replace('GMT', '+0000');
  return [
    `Cloud-init v. 24.1.3-0ubuntu1~22.04.1 running 'init' at ${when}. Up ${upSeconds.toFixed(2)} seconds.`,
    `Cloud-init v. 24.1.3-0ubuntu1~22.04.1 running 'modules:config' at ${when}. Up ${(upSeconds + 4.1).toFixed(2)} seconds.`,
    `Cloud-init v. 24.1.3-0ubuntu1~22.04.1 running 'modules:final' at ${when}. Up ${(upSeconds + 6.7).toFixed(2)} seconds.`,
  ];
}

/** What cloud-init prints after a final-stage script failed (cloud-init-output.log also receives its warnings). */
export function cloudInitFooter(
  at: number,
  datasource = 'DataSourceNoCloud [seed=/dev/sr0][dsmode=net]',
): string[] {
  const d = new Date(at);
  const stamp = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  const when = d.toUTCString().replace('GMT', '+0000');
  return [
    `${stamp} - cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)`,
    `${stamp} - util.py[WARNING]: Running module scripts-user (<module 'cloudinit.config.cc_scripts_user' from '/usr/lib/python3/dist-packages/cloudinit/config/cc_scripts_user.py'>) failed`,
    `Cloud-init v. 24.1.3-0ubuntu1~22.04.1 finished at ${when}. Datasource ${datasource}.  Up 341.52 seconds`,
  ];
}

/** A condition in the layout of an infrastructure object's contract (v1beta1 providers keep old-style lists). */
function infraCondition(
  obj: RawObject,
  contract: 'v1beta1' | 'v1beta2',
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  at: string,
): void {
  const status0 = obj.status ?? (obj.status = {});
  const list = (Array.isArray(status0.conditions) ? status0.conditions : []) as (Condition | OldCondition)[];
  const next: Condition | OldCondition =
    contract === 'v1beta1'
      ? oldCond(type, status, at, reason, message, status === 'False' ? 'Error' : 'Info')
      : cond(type, status, reason, at, message);
  const i = list.findIndex((x) => x.type === type);
  if (i >= 0) list[i] = next;
  else list.push(next);
  status0.conditions = list;
}

/**
 * The infrastructure cluster stops being ready: its condition `type` and Ready turn False with the provider's text,
 * and the Cluster mirrors it in InfrastructureReady and Available. Call after every helper that resyncs the cluster.
 */
export function infraClusterNotReady(
  c: ClusterHandle,
  opts: { readonly type: string; readonly reason: string; readonly message: string; readonly since: number },
): void {
  const at = isoSeconds(opts.since);
  const contract = c.ctx.profile.contract;
  infraCondition(c.infraCluster, contract, opts.type, 'False', opts.reason, opts.message, at);
  infraCondition(c.infraCluster, contract, 'Ready', 'False', opts.reason, opts.message, at);
  const status = c.infraCluster.status ?? {};
  if (contract === 'v1beta1') status.ready = false;
  const mirrored = `* ${c.infraCluster.kind} ${c.infraCluster.metadata.name}: ${opts.message}`;
  setConditions(c.cluster, c.version, 'new', [
    cond('InfrastructureReady', 'False', opts.reason, at, opts.message),
    cond('Available', 'False', 'NotAvailable', at, `* InfrastructureReady: ${mirrored}`),
  ]);
  setConditions(c.cluster, c.version, 'old', [
    oldCond('InfrastructureReady', 'False', at, opts.reason, opts.message, 'Error'),
  ]);
}

/** Sets conditions of a Cluster API core object (Machine, KCP, MachineSet, Cluster) in both styles. */
export function setCoreConditions(c: ClusterHandle, obj: RawObject, conditions: readonly Condition[]): void {
  setConditions(obj, c.version, 'new', conditions);
  setConditions(
    obj,
    c.version,
    'old',
    conditions.map((x) =>
      x.status === 'True'
        ? oldCond(x.type, 'True', x.lastTransitionTime)
        : oldCond(
            x.type,
            x.status,
            x.lastTransitionTime,
            x.reason,
            x.message,
            x.status === 'False' ? 'Warning' : 'Info',
          ),
    ),
  );
}

/** Status of a Node condition, with the kubelet's heartbeat. */
export function setNodeCondition(
  node: RawObject,
  type: string,
  fields: { status: ConditionStatus; reason: string; message: string; since: number; heartbeat: number },
): void {
  const list = ((node.status ?? {}).conditions ?? []) as Fields[];
  const c = list.find((x) => x.type === type);
  const next = {
    type,
    status: fields.status,
    lastHeartbeatTime: isoSeconds(fields.heartbeat),
    lastTransitionTime: isoSeconds(fields.since),
    reason: fields.reason,
    message: fields.message,
  };
  if (c) Object.assign(c, next);
  else list.push(next);
}

/** The name of a Node, for messages. */
export function nodeName(m: MachineHandle): string {
  return m.node?.metadata.name ?? m.site.nodeName;
}

/** The Kubernetes version of a Machine spec as CAPI writes it. */
export function machineVersion(m: MachineHandle): string {
  return str(m.machine.spec?.version) ?? m.cluster.kubernetesVersion;
}

/** The cluster cannot be reached: probe condition, Machines' node conditions Unknown, capi and KCP log errors. */
export function connectionDown(
  b: FleetBuilder,
  c: ClusterHandle,
  opts: { since: number; lastSucceeded: number; error: string },
): void {
  const at = isoSeconds(opts.since);
  const probe = `Remote connection probe failed, probe last succeeded at ${isoSeconds(opts.lastSucceeded)}`;
  setCoreConditions(c, c.cluster, [
    cond('RemoteConnectionProbe', 'False', 'ProbeFailed', at, probe),
    cond('Available', 'False', 'NotAvailable', at, `* RemoteConnectionProbe: ${probe}`),
  ]);
  for (const m of c.machines) {
    setCoreConditions(c, m.machine, [
      cond('NodeReady', 'Unknown', 'ConnectionDown', at, probe),
      cond('NodeHealthy', 'Unknown', 'ConnectionDown', at, probe),
      cond('Ready', 'Unknown', 'ReadyUnknown', at, `* NodeHealthy: ${probe}`),
    ]);
  }
  reconcileErrors(b, c, {
    controllerId: 'capi',
    object: c.cluster,
    error: opts.error,
    from: opts.since + 20 * SECOND,
    everyMinutes: 5,
  });
  reconcileErrors(b, c, {
    controllerId: 'kubeadm-control-plane',
    controller: 'kubeadmcontrolplane',
    object: c.controlPlane,
    error: opts.error,
    from: opts.since + 50 * SECOND,
    everyMinutes: 5,
  });
}

/** A deterministic UUID-shaped id (reconcile IDs, request IDs) from a number. */
export function fakeUuid(n: number): string {
  let x = (n * 2654435761) >>> 0;
  let hex = '';
  for (let i = 0; i < 32; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    hex += ((x >>> 16) & 15).toString(16);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An application pod (ReplicaSet-owned, in the cluster's own namespace) on a machine's node. */
export function appPodOn(m: MachineHandle): RawObject | undefined {
  return m.pods.find(
    (p) =>
      p.metadata.namespace === m.cluster.namespace && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
  );
}

/**
 * The workers of a new cluster whose control plane never initialized: Pending from a few seconds after `created`,
 * waiting for bootstrap data, and not judged by the health check (CAPI does not judge machines before the cluster's
 * infrastructure and control plane are up: no NodeStartupTimeout, nothing waiting for remediation).
 */
export function workersWaitForControlPlane(c: ClusterHandle, created: number): MachineHandle[] {
  const workers = poolOf(c).machines;
  workers.forEach((m, i) => stuckMachine(m, { phase: 'Pending', since: created + (25 + 3 * i) * SECOND }));
  const waiting = '* DataSecretAvailable: Waiting for Cluster control plane to be initialized';
  for (const m of workers) {
    const createdM = str(m.machine.metadata.creationTimestamp) ?? isoSeconds(created);
    const infra = m.infraMachine.kind;
    for (const style of ['new', 'old'] as const)
      removeConditions(m.machine, c.version, style, ['OwnerRemediated']);
    setCoreConditions(c, m.machine, [
      cond('BootstrapConfigReady', 'False', 'NotReady', createdM, waiting),
      cond('HealthCheckSucceeded', 'True', 'HealthCheckSucceeded', createdM),
      cond(
        'Ready',
        'False',
        'NotReady',
        createdM,
        `* BootstrapConfigReady: ${waiting}\n* InfrastructureReady: ${infra} status.ready is false\n` +
          `* NodeHealthy: Waiting for ${infra} to report spec.providerID`,
      ),
    ]);
  }
  return workers;
}
