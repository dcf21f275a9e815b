/**
 * Evidence-shape scenarios, second set: situations the other catalogs do not build (a MachineDeployment rollout
 * whose new MachineSet fails while the old one is kept, a drain blocked for over an hour during a rollout, a
 * short-circuited MachineHealthCheck, an expired kubeconfig client certificate, webhooks that block writes, a
 * ClusterClass upgrade that cannot reconcile, throttling across two clusters, an application regression after a
 * Deployment rollout, a brand-new control plane behind a broken load balancer, bare-metal hosts that never
 * register) and two healthy fleets with the noise of real ones.
 */
import { recreateElsewhere } from '../../../src/testing/fault-support.ts';
import { removeNode } from '../../../src/testing/faults.ts';
import { nodeNotReady, orphanNode, resync, stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type {
  ClusterHandle,
  FleetBuilder,
  MachineHandle,
  PoolHandle,
  RawObject,
} from '../../../src/testing/fleet-builder.ts';
import type { Condition, Fields } from '../../../src/testing/raw.ts';
import { cond, oldCond, ownerRef, removeConditions, setConditions, str } from '../../../src/testing/raw.ts';
import { syncMachineSet } from '../../../src/testing/owner-rollups.ts';
import { syncRollups } from '../../../src/testing/rollups.ts';
import { isoSeconds, timeOf } from '../../../src/testing/time.ts';
import { syncWorkloadControllers } from '../../../src/testing/workload-objects.ts';
import type { Expectation, Scenario } from '../scenario.ts';
import {
  appPodOn,
  fakeUuid,
  cloudInitFooter,
  cloudInitHeader,
  connectionDown,
  DAY,
  failProvisioning,
  HOUR,
  infraClusterNotReady,
  lastMachines,
  machineAt,
  MINUTE,
  names,
  nowOf,
  poolOf,
  reconcileErrors,
  SECOND,
  setNodeCondition,
  workersWaitForControlPlane,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

// ---------------------------------------------------------------------------------------------------------------
// Helpers local to these scenarios
// ---------------------------------------------------------------------------------------------------------------

/** A deterministic lower-case suffix of `n` characters, as Kubernetes generates names. */
function fakeSuffix(seed: number, n = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let x = (seed * 2246822519) >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length] ?? 'x';
  }
  return out;
}

/** An object reference as events carry it. */
function objectRef(obj: RawObject): Fields {
  return {
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name,
    uid: obj.metadata.uid ?? '',
    apiVersion: obj.apiVersion,
  };
}

/** Application pods (ReplicaSet-owned, in the cluster's own namespace). */
function appPods(c: ClusterHandle): RawObject[] {
  return c.pods.filter(
    (p) => p.metadata.namespace === c.namespace && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
  );
}

/** Moves a machine's creation (and its Node's, pods' and creation events') to `at`, as a rollout would have. */
function createdAt(m: MachineHandle, at: number): void {
  for (const obj of [
    m.machine,
    m.infraMachine,
    m.bootstrap,
    ...m.extras.filter((x) => x.kind !== 'BareMetalHost'),
  ])
    obj.metadata.creationTimestamp = isoSeconds(obj === m.machine ? at : at + SECOND);
  const expiry = m.machine.metadata.annotations?.['machine.cluster.x-k8s.io/certificates-expiry'];
  if (expiry !== undefined && m.machine.metadata.annotations)
    m.machine.metadata.annotations['machine.cluster.x-k8s.io/certificates-expiry'] = isoSeconds(
      at + 365 * DAY,
    );
  for (const e of m.cluster.managementEvents) {
    const about = (e.involvedObject ?? e.regarding) as Fields | undefined;
    if (e.reason === 'SuccessfulCreate' && e.message === `Created machine "${m.name}"`)
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(at);
    if (e.reason === 'SuccessfulSetNodeRef' && about?.uid === m.machine.metadata.uid)
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
  }
  const node = m.node;
  if (!node) return;
  node.metadata.creationTimestamp = isoSeconds(at + 2 * MINUTE + 30 * SECOND);
  for (const c of ((node.status ?? {}).conditions ?? []) as Fields[])
    c.lastTransitionTime = isoSeconds(at + 2 * MINUTE + 50 * SECOND);
  for (const pod of m.pods) {
    pod.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
    const status = pod.status ?? {};
    status.startTime = isoSeconds(at + 3 * MINUTE + SECOND);
    for (const pc of (status.conditions ?? []) as Fields[])
      pc.lastTransitionTime = isoSeconds(at + 3 * MINUTE + 12 * SECOND);
    for (const cs of (status.containerStatuses ?? []) as Fields[]) {
      cs.state = { running: { startedAt: isoSeconds(at + 3 * MINUTE + 8 * SECOND) } };
      cs.restartCount = 0;
      delete cs.lastState;
    }
  }
}

/**
 * Renames a machine (Machine, infra machine, KubeadmConfig, VSphereVM), and its Node when the Node is named after
 * it, everywhere the fleet mentions it: references, events and controller logs.
 */
function renameMachine(m: MachineHandle, name: string): void {
  const c = m.cluster;
  const old = m.name;
  const swap = (text: string): string => text.split(old).join(name);
  for (const obj of [
    m.machine,
    m.infraMachine,
    m.bootstrap,
    ...m.extras.filter((x) => x.kind !== 'BareMetalHost'),
  ]) {
    obj.metadata.name = name;
    for (const ref of obj.metadata.ownerReferences ?? []) if (ref.name === old) ref.name = name;
  }
  const spec = m.machine.spec ?? {};
  const configRef = ((spec.bootstrap as Fields | undefined)?.configRef ?? {}) as Fields;
  if (configRef.name === old) configRef.name = name;
  const infraRef = (spec.infrastructureRef ?? {}) as Fields;
  if (infraRef.name === old) infraRef.name = name;
  (m as { name: string }).name = name;
  const node = m.node;
  if (m.site.nodeName === old) {
    (m.site as { nodeName: string }).nodeName = name;
    if (node) {
      node.metadata.name = name;
      const labels = node.metadata.labels ?? {};
      if (labels['kubernetes.io/hostname'] === old) labels['kubernetes.io/hostname'] = name;
      for (const a of ((node.status ?? {}).addresses ?? []) as Fields[])
        if (a.address === old) a.address = name;
      for (const pod of c.pods) {
        const ps = pod.spec ?? {};
        if (ps.nodeName === old) ps.nodeName = name;
        if (pod.metadata.name.endsWith(`-${old}`)) pod.metadata.name = swap(pod.metadata.name);
      }
      for (const e of c.workloadEvents) {
        const about = (e.involvedObject ?? e.regarding) as Fields | undefined;
        if (about && typeof about.name === 'string') about.name = swap(about.name);
        e.metadata.name = swap(e.metadata.name);
        for (const key of ['message', 'note']) if (typeof e[key] === 'string') e[key] = swap(e[key]);
        const source = e.source as Fields | undefined;
        if (source && source.host === old) source.host = name;
        if (e.reportingInstance === old) e.reportingInstance = name;
      }
    }
    if (m.nodeRef === old) m.nodeRef = name;
  }
  if (node?.metadata.annotations?.['cluster.x-k8s.io/machine'] === old)
    node.metadata.annotations['cluster.x-k8s.io/machine'] = name;
  for (const e of c.managementEvents) {
    const about = (e.involvedObject ?? e.regarding) as Fields | undefined;
    if (about?.name === old) about.name = name;
    e.metadata.name = swap(e.metadata.name);
    for (const key of ['message', 'note']) if (typeof e[key] === 'string') e[key] = swap(e[key]);
  }
  for (let i = 0; i < c.logs.length; i++) {
    const line = c.logs[i];
    if (line?.text.includes(old)) c.logs[i] = { ...line, text: swap(line.text) };
  }
}

/** Makes a machine a member of MachineSet `ms`: its labels, its owner, and the MachineSet's creation event. */
function moveToSet(m: MachineHandle, ms: RawObject): void {
  const setLabels = ms.metadata.labels ?? {};
  for (const obj of [
    m.machine,
    m.infraMachine,
    m.bootstrap,
    ...m.extras.filter((x) => x.kind !== 'BareMetalHost'),
  ]) {
    const labels = obj.metadata.labels;
    if (!labels || labels['cluster.x-k8s.io/set-name'] === undefined) continue;
    labels['cluster.x-k8s.io/set-name'] = ms.metadata.name;
    const hash = setLabels['machine-template-hash'];
    if (hash !== undefined) labels['machine-template-hash'] = hash;
  }
  m.machine.metadata.ownerReferences = [ownerRef(ms)];
  for (const e of m.cluster.managementEvents) {
    if (e.reason !== 'SuccessfulCreate' || e.message !== `Created machine "${m.name}"`) continue;
    if (e.involvedObject) e.involvedObject = objectRef(ms);
    if (e.regarding) e.regarding = objectRef(ms);
  }
}

/** A copy of a template or MachineSet as a new object: fresh identity, a new name, created at `at`. */
function cloneAs(obj: RawObject, name: string, at: number): RawObject {
  const copy = structuredClone(obj);
  copy.metadata = { ...copy.metadata, name, creationTimestamp: isoSeconds(at), generation: 1 };
  delete copy.metadata.uid;
  delete copy.metadata.resourceVersion;
  return copy;
}

/** Another MachineSet of a pool's MachineDeployment (the builder generates one), added to the management plane. */
function otherMachineSet(
  b: FleetBuilder,
  pool: PoolHandle,
  opts: {
    readonly suffix: string;
    readonly hash: string;
    readonly at: number;
    readonly replicas: number;
    readonly revision: string;
    readonly infraTemplate: string;
    readonly version?: string;
  },
): RawObject {
  const md = pool.machineDeployment;
  const ms = cloneAs(pool.machineSet, `${md.metadata.name}-${opts.suffix}`, opts.at);
  const hash = `${opts.hash}-${opts.suffix}`;
  const labels = { ...(ms.metadata.labels ?? {}), 'machine-template-hash': hash };
  ms.metadata.labels = labels;
  ms.metadata.annotations = {
    'machinedeployment.clusters.x-k8s.io/desired-replicas': String(
      Number(md.spec?.replicas ?? opts.replicas),
    ),
    'machinedeployment.clusters.x-k8s.io/max-replicas': String(Number(md.spec?.replicas ?? 0) + 1),
    'machinedeployment.clusters.x-k8s.io/revision': opts.revision,
  };
  const spec = ms.spec ?? (ms.spec = {});
  spec.replicas = opts.replicas;
  spec.selector = { matchLabels: { ...labels } };
  const template = (spec.template ?? {}) as { metadata?: Fields; spec?: Fields };
  template.metadata = { labels: { ...labels } };
  const tplSpec = template.spec ?? {};
  ((tplSpec.infrastructureRef ?? {}) as Fields).name = opts.infraTemplate;
  if (opts.version) tplSpec.version = opts.version;
  ms.status = {};
  return b.addObject('management', ms);
}

/** Sets the revision annotation of a MachineDeployment or MachineSet. */
function setRevision(obj: RawObject, revision: string): void {
  const annotations = obj.metadata.annotations ?? (obj.metadata.annotations = {});
  annotations['machinedeployment.clusters.x-k8s.io/revision'] = revision;
}

/** Writes a MachineSet's status from its own machines, as the MachineSet controller does; `extra` replaces by type. */
function writeSetStatus(
  c: ClusterHandle,
  ms: RawObject,
  machines: readonly MachineHandle[],
  extra: readonly Condition[] = [],
): void {
  syncMachineSet(c, ms, machines);
  if (extra.length) setConditions(ms, c.version, 'new', extra);
}

/** Marks a machine not up-to-date with its MachineDeployment (the MachineSet controller's UpToDate condition). */
function notUpToDate(m: MachineHandle, at: number, reasons: readonly string[]): void {
  setConditions(m.machine, m.cluster.version, 'new', [
    cond('UpToDate', 'False', 'NotUpToDate', isoSeconds(at), reasons.map((r) => `* ${r}`).join('\n')),
  ]);
}

/** Drops the health-check verdict of a machine the MachineHealthCheck does not (yet) judge unhealthy. */
function healthCheckPasses(m: MachineHandle): void {
  const c = m.cluster;
  const created = str(m.machine.metadata.creationTimestamp) ?? '';
  for (const style of ['new', 'old'] as const)
    removeConditions(m.machine, c.version, style, ['OwnerRemediated']);
  setConditions(m.machine, c.version, 'new', [
    cond('HealthCheckSucceeded', 'True', 'HealthCheckSucceeded', created),
  ]);
  setConditions(m.machine, c.version, 'old', [oldCond('HealthCheckSucceeded', 'True', created)]);
  // Ready summarises the failing conditions: drop the health check's bullet.
  const list = (
    c.version === 'v1beta2'
      ? m.machine.status?.conditions
      : (m.machine.status?.v1beta2 as Fields | undefined)?.conditions
  ) as Condition[] | undefined;
  const ready = list?.find((x) => x.type === 'Ready');
  if (ready) {
    const blocks: string[] = [];
    for (const line of ready.message.split('\n')) {
      if (line.startsWith('* ') || blocks.length === 0) blocks.push(line);
      else blocks[blocks.length - 1] += `\n${line}`;
    }
    ready.message = blocks.filter((x) => !x.startsWith('* HealthCheckSucceeded')).join('\n');
  }
}

/** Sets how long a pool's MachineHealthCheck waits for a new machine's Node (v1beta2 or v1beta1 field). */
function nodeStartupTimeout(c: ClusterHandle, pool: PoolHandle, seconds: number): void {
  const spec = pool.healthCheck.spec ?? (pool.healthCheck.spec = {});
  if (c.version === 'v1beta2')
    ((spec.checks ?? (spec.checks = {})) as Fields).nodeStartupTimeoutSeconds = seconds;
  else spec.nodeStartupTimeout = `${Math.floor(seconds / 60)}m0s`;
}

/** Removes control-plane machines the scenario says were never created (KCP waits for the first one). */
function dropControlPlaneMachines(c: ClusterHandle, keep: number): void {
  const dropped = c.controlPlaneMachines.slice(keep);
  const uids = new Set<string>();
  for (const m of dropped) {
    for (const obj of [m.machine, m.infraMachine, m.bootstrap]) uids.add(obj.metadata.uid ?? '');
    if (m.node) removeNode(c, m.node);
  }
  const gone = new Set(names(dropped));
  c.controlPlaneMachines.splice(keep);
  for (let i = c.machines.length - 1; i >= 0; i--)
    if (gone.has(c.machines[i]?.name ?? '')) c.machines.splice(i, 1);
  for (let i = c.managementEvents.length - 1; i >= 0; i--) {
    const about = (c.managementEvents[i]?.involvedObject ?? c.managementEvents[i]?.regarding) as
      Fields | undefined;
    if (uids.has(str(about?.uid) ?? '')) c.managementEvents.splice(i, 1);
  }
  for (let i = c.logs.length - 1; i >= 0; i--) {
    const text = c.logs[i]?.text ?? '';
    if ([...gone].some((n) => text.includes(n))) c.logs.splice(i, 1);
  }
}

/** klog's header (`E1120 08:15:03.118204       1 `) for a time. */
function klogHead(level: 'I' | 'W' | 'E', ms: number): string {
  const iso = new Date(ms).toISOString();
  const micros = `${iso.slice(20, 23)}${String((ms * 7) % 1000).padStart(3, '0')}`;
  return `${level}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${micros}       1`;
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios
// ---------------------------------------------------------------------------------------------------------------

/** The second set of evidence-shape scenarios. */
export const SHAPE2_SCENARIOS: readonly Scenario[] = [
  {
    id: 'shape2-aws-rollout-new-machineset-type-not-offered-in-zone',
    source: 'https://github.com/longhorn/longhorn-tests/pull/1130',
    description:
      'A MachineDeployment (maxSurge 1, maxUnavailable 0) rolls out a new AWSMachineTemplate with the instance type ' +
      'r7iz.2xlarge. The surge machine of the new MachineSet lands in a zone that does not offer the type: ' +
      'RunInstances answers "Unsupported: Your requested instance type ... is not supported in your requested ' +
      'Availability Zone". The old MachineSet keeps its three Running machines, so the MachineDeployment stays ' +
      "Available and the rollout simply never progresses; the cause is only on the new MachineSet's machine. The " +
      "pool's health check waits 60 minutes for a Node, so nothing has been remediated yet.",
    capturedAt: CAPTURED,
    seed: 1201,
    healthy: ['retail/checkout-us', 'ops/monitoring'],
    build(b) {
      const c = b.addCluster({
        namespace: 'retail',
        name: 'storefront-us',
        provider: 'aws',
        region: 'us-east-1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'retail', name: 'checkout-us', provider: 'aws', region: 'us-east-1' });
      b.addCluster({ namespace: 'ops', name: 'monitoring', provider: 'gcp', region: 'us-east4' });
      const now = nowOf(b);
      const pool = poolOf(c);
      const md = pool.machineDeployment;
      const start = now - 47 * MINUTE;
      const type = 'r7iz.2xlarge';

      // The health check of this pool gives a new machine an hour to get its Node.
      nodeStartupTimeout(c, pool, 3600);

      // The new template and MachineSet; the MachineDeployment now points at them.
      const template = b.addObject(
        'management',
        cloneAs(pool.infraTemplate, `${md.metadata.name}-${fakeSuffix(1201)}`, start - 3 * MINUTE),
      );
      const tplSpec = ((template.spec ?? {}).template as Fields | undefined)?.spec as Fields | undefined;
      if (tplSpec) tplSpec.instanceType = type;
      for (const obj of [md, pool.machineSet]) (obj.spec ?? (obj.spec = {})).replicas = 3;
      Object.assign(pool.machineSet.metadata.annotations ?? {}, {
        'machinedeployment.clusters.x-k8s.io/desired-replicas': '3',
        'machinedeployment.clusters.x-k8s.io/max-replicas': '4',
      });
      const oldRevision = Number(
        md.metadata.annotations?.['machinedeployment.clusters.x-k8s.io/revision'] ?? '1',
      );
      const revision = String(oldRevision + 1);
      setRevision(md, revision);
      const mdTemplate = ((md.spec?.template ?? {}) as { spec?: Fields }).spec ?? {};
      ((mdTemplate.infrastructureRef ?? {}) as Fields).name = template.metadata.name;
      const newSet = otherMachineSet(b, pool, {
        suffix: fakeSuffix(1202),
        hash: '2417766393',
        at: start,
        replicas: 1,
        revision,
        infraTemplate: template.metadata.name,
      });
      b.addEvent(c, 'management', {
        regarding: md,
        reason: 'SuccessfulCreate',
        message: `Created MachineSet ${c.namespace}/${newSet.metadata.name}`,
        first: start,
        component: 'machinedeployment-controller',
      });

      // The surge machine of the new MachineSet.
      const m = machineAt(c, 3);
      const oldMachines = pool.machines.filter((x) => x !== m);
      renameMachine(m, `${newSet.metadata.name}-${fakeSuffix(1203)}`);
      moveToSet(m, newSet);
      const infraSpec = m.infraMachine.spec ?? (m.infraMachine.spec = {});
      infraSpec.instanceType = type;
      const infraAnnotations = m.infraMachine.metadata.annotations ?? {};
      infraAnnotations['cluster.x-k8s.io/cloned-from-name'] = template.metadata.name;
      const zone = m.site.zone;
      const others = ['a', 'b', 'c', 'd', 'f'].map((z) => `us-east-1${z}`).filter((z) => z !== zone);
      const message =
        `failed to create AWSMachine instance: failed to run instance: Unsupported: Your requested instance type (${type}) is not supported in your requested Availability Zone (${zone}). ` +
        `Please retry your request by not specifying an Availability Zone or choosing ${others.join(', ')}.\n` +
        `\tstatus code: 400, request id: ${fakeUuid(1204)}`;
      failProvisioning(b, m, {
        since: start + 6 * SECOND,
        message,
        condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
        event: {
          reason: 'FailedCreate',
          message: `Failed to create instance: ${message.replace('failed to create AWSMachine instance: ', '')}`,
          component: 'aws-controller',
        },
        log: {},
      });

      // Statuses as the MachineSet and MachineDeployment controllers write them during the rollout.
      healthCheckPasses(m);
      for (const x of oldMachines) notUpToDate(x, start, ['AWSMachine is not up-to-date']);
      syncRollups(c);
      writeSetStatus(c, pool.machineSet, oldMachines);
      writeSetStatus(c, newSet, [m]);
      setConditions(md, c.version, 'new', [
        cond(
          'RollingOut',
          'True',
          'RollingOut',
          isoSeconds(start),
          'Rolling out 3 not up-to-date replicas\n* AWSMachine is not up-to-date',
        ),
      ]);
      return [
        {
          cluster: 'retail/storefront-us',
          category: 'invalid-machine-spec',
          targets: [m.name, newSet.metadata.name],
        },
      ];
    },
  },
  {
    id: 'shape2-vsphere-rollout-drain-blocked-pdb-v1beta1',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/book/src/tasks/automated-machine-management/machine_deletions.md',
    description:
      'A v1beta1 fleet. A MachineDeployment rollout from v1.33.5 to v1.34.2 created its three new machines, but the ' +
      'last old machine has been Deleting for 84 minutes: its drain cannot evict the pod of an application whose ' +
      'PodDisruptionBudget requires every replica to be healthy (DrainingSucceeded False, "Cannot evict pod as it ' +
      'would violate the pod\'s disruption budget"), so the old MachineSet never reaches zero and the rollout never ' +
      'completes.',
    capturedAt: CAPTURED,
    seed: 1202,
    apiVersion: 'v1beta1',
    healthy: ['erp/finance', 'corp/intranet'],
    build(b) {
      const c = b.addCluster({
        namespace: 'erp',
        name: 'sap-apps',
        provider: 'vsphere',
        region: 'dc-fra1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'erp', name: 'finance', provider: 'vsphere', region: 'dc-fra1' });
      b.addCluster({ namespace: 'corp', name: 'intranet', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      const pool = poolOf(c);
      const md = pool.machineDeployment;
      const start = now - 118 * MINUTE;
      const drainSince = now - 84 * MINUTE;
      const oldVersion = 'v1.33.5';

      // The control plane was upgraded first, then the workers' MachineDeployment rolled to a new MachineSet.
      c.controlPlaneMachines.forEach((m, i) => createdAt(m, start - 45 * MINUTE + i * 9 * MINUTE));
      const fresh = pool.machines.slice(1);
      fresh.forEach((m, i) => createdAt(m, start + i * 12 * MINUTE));
      for (const obj of [md, pool.machineSet]) (obj.spec ?? (obj.spec = {})).replicas = 3;
      Object.assign(pool.machineSet.metadata.annotations ?? {}, {
        'machinedeployment.clusters.x-k8s.io/desired-replicas': '3',
        'machinedeployment.clusters.x-k8s.io/max-replicas': '4',
      });
      c.controlPlaneTemplate.metadata.creationTimestamp = isoSeconds(start - 50 * MINUTE);
      pool.infraTemplate.metadata.creationTimestamp = isoSeconds(start - 5 * MINUTE);
      pool.machineSet.metadata.creationTimestamp = isoSeconds(start - 20 * SECOND);
      setRevision(md, '3');
      setRevision(pool.machineSet, '3');
      for (const e of c.managementEvents) {
        if (
          e.reason === 'SuccessfulCreate' &&
          e.message === `Created MachineSet ${c.namespace}/${pool.machineSet.metadata.name}`
        )
          e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(start - 20 * SECOND);
      }

      // The old template and MachineSet, scaled to zero, with the one machine left to delete.
      const m = machineAt(c, 0);
      const oldSetAt = timeOf(m.machine.metadata.creationTimestamp) - 9 * SECOND;
      const oldTemplate = b.addObject(
        'management',
        cloneAs(pool.infraTemplate, `${md.metadata.name}-${fakeSuffix(1211)}`, oldSetAt - MINUTE),
      );
      const oldTplSpec = ((oldTemplate.spec ?? {}).template as Fields | undefined)?.spec as
        Fields | undefined;
      if (oldTplSpec) oldTplSpec.template = `ubuntu-2404-kube-${oldVersion}`;
      const oldSet = otherMachineSet(b, pool, {
        suffix: fakeSuffix(1212),
        hash: '3902218845',
        at: oldSetAt,
        replicas: 0,
        revision: '2',
        infraTemplate: oldTemplate.metadata.name,
        version: oldVersion,
      });
      const node = m.node;
      if (!node) throw new Error('scenario: no node');
      renameMachine(m, `${oldSet.metadata.name}-${fakeSuffix(1213)}`);
      moveToSet(m, oldSet);
      (m.machine.spec ?? {}).version = oldVersion;
      const info = (node.status?.nodeInfo ?? {}) as Fields;
      info.kubeletVersion = oldVersion;
      info.kubeProxyVersion = oldVersion;
      for (const obj of [m.infraMachine, ...m.extras]) {
        const spec = obj.spec ?? (obj.spec = {});
        spec.template = `ubuntu-2404-kube-${oldVersion}`;
      }
      const annotations = m.infraMachine.metadata.annotations ?? {};
      annotations['cluster.x-k8s.io/cloned-from-name'] = oldTemplate.metadata.name;
      for (const [i, gone] of [fakeSuffix(1214), fakeSuffix(1215)].entries()) {
        b.addEvent(c, 'management', {
          regarding: oldSet,
          reason: 'SuccessfulDelete',
          message: `Deleted machine "${oldSet.metadata.name}-${gone}"`,
          first: start + (8 + 12 * i) * MINUTE,
          component: 'machineset-controller',
        });
      }
      b.addEvent(c, 'management', {
        regarding: oldSet,
        reason: 'SuccessfulDelete',
        message: `Deleted machine "${m.name}"`,
        first: drainSince - 3 * SECOND,
        component: 'machineset-controller',
      });

      // The drain: cordoned, and the only evictable replica of a PDB-protected app cannot leave.
      const pod = appPodOn(m);
      if (!pod) throw new Error('scenario: no application pod on the drained node');
      const owner = pod.metadata.ownerReferences?.[0]?.uid;
      const replicas = c.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === owner).length;
      const pdbAt = timeOf(c.cluster.metadata.creationTimestamp) + 2 * HOUR;
      const app = pod.metadata.labels?.['app.kubernetes.io/name'] ?? pod.metadata.name.split('-')[0] ?? 'app';
      (node.spec ?? (node.spec = {})).unschedulable = true;
      node.spec.taints = [
        ...((node.spec.taints as Fields[] | undefined) ?? []),
        {
          key: 'node.kubernetes.io/unschedulable',
          effect: 'NoSchedule',
          timeAdded: isoSeconds(drainSince + SECOND),
        },
      ];
      // Everything else on the node was evicted and runs elsewhere; only the protected pod is left.
      const blocked = m.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === owner);
      const evicted = m.pods.filter(
        (p) => !blocked.includes(p) && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
      );
      for (const p of evicted) c.pods.splice(c.pods.indexOf(p), 1);
      recreateElsewhere(c, evicted, node, drainSince + 25 * SECOND);
      b.addObject(c, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: app, namespace: c.namespace, creationTimestamp: isoSeconds(pdbAt) },
        spec: { minAvailable: replicas, selector: { matchLabels: { 'app.kubernetes.io/name': app } } },
        status: {
          currentHealthy: replicas,
          desiredHealthy: replicas,
          disruptionsAllowed: 0,
          expectedPods: replicas,
          observedGeneration: 1,
          conditions: [
            {
              type: 'DisruptionAllowed',
              status: 'False',
              reason: 'InsufficientPods',
              message: '',
              observedGeneration: 1,
              lastTransitionTime: isoSeconds(pdbAt),
            },
          ],
        },
      });
      const podRef = blocked.map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`).join(', ');
      const drain =
        `Drain not completed yet (started at ${isoSeconds(drainSince)}):\n* Pods with eviction failed:\n` +
        `  * Cannot evict pod as it would violate the pod's disruption budget. The disruption budget ${app} needs ${replicas} healthy pods and has ${replicas} currently: ${podRef}`;
      m.machine.metadata.deletionTimestamp = isoSeconds(drainSince - 3 * SECOND);
      for (let t = drainSince + 20 * SECOND, k = 0; t < now; t += 20 * SECOND, k++) {
        b.addReconcileLog('capi', {
          ts: t + (k % 7) * 97,
          msg: 'Drain not completed yet, requeuing in 20s',
          object: m.machine,
          controller: 'machine',
          cluster: c.name,
          fields: { Node: { name: node.metadata.name }, podsFailedEviction: podRef },
        });
      }

      // Statuses: the last resync first, then what the controllers write about the deletion and the rollout.
      resync(c);
      const status = m.machine.status ?? (m.machine.status = {});
      status.phase = 'Deleting';
      status.deletion = { nodeDrainStartTime: isoSeconds(drainSince) };
      const drainAt = isoSeconds(drainSince);
      setConditions(m.machine, c.version, 'new', [
        cond('Deleting', 'True', 'DrainingNode', drainAt, drain),
        cond(
          'Ready',
          'False',
          'NotReady',
          drainAt,
          '* Deleting: Machine deletion in progress, stage: DrainingNode',
        ),
        cond('Available', 'False', 'NotReady', drainAt),
        cond(
          'UpToDate',
          'False',
          'NotUpToDate',
          isoSeconds(start),
          `* Version ${oldVersion}, ${c.kubernetesVersion} required\n* VSphereMachine is not up-to-date`,
        ),
      ]);
      setConditions(m.machine, c.version, 'old', [
        oldCond('Ready', 'False', drainAt, 'Draining', drain, 'Info'),
        oldCond('DrainingSucceeded', 'False', drainAt, 'Draining', drain, 'Info'),
      ]);
      syncRollups(c);
      writeSetStatus(c, pool.machineSet, fresh);
      writeSetStatus(
        c,
        oldSet,
        [m],
        [cond('ScalingDown', 'True', 'ScalingDown', drainAt, 'Scaling down from 1 to 0 replicas')],
      );
      setConditions(md, c.version, 'new', [
        cond(
          'RollingOut',
          'True',
          'RollingOut',
          isoSeconds(start),
          `Rolling out 1 not up-to-date replicas\n* Version ${oldVersion}, ${c.kubernetesVersion} required\n* VSphereMachine is not up-to-date`,
        ),
      ]);
      return [{ cluster: 'erp/sap-apps', category: 'drain-blocked', targets: [m.name] }];
    },
  },
  {
    id: 'shape2-openstack-mhc-short-circuit-runtime-down',
    source: 'https://github.com/kubernetes/kubernetes/issues/22011',
    description:
      'A configuration-management run rewrites the containerd configuration of three of five workers at the same ' +
      'moment and containerd does not come back: their kubelets report Ready False "container runtime is down" and ' +
      "their pods are evicted. Five minutes later all three cross the health check's timeout together, so the " +
      "pool's MachineHealthCheck (maxUnhealthy 40%) short-circuits: RemediationAllowed False TooManyUnhealthy and " +
      'RemediationRestricted events, no machine is replaced. The cause is on the nodes, not in the health check.',
    capturedAt: CAPTURED,
    seed: 1203,
    healthy: ['media/cdn-edge'],
    build(b) {
      const c = b.addCluster({
        namespace: 'media',
        name: 'transcode',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'media', name: 'cdn-edge', provider: 'aws', region: 'eu-north-1' });
      const now = nowOf(b);
      const bad = [machineAt(c, 0), machineAt(c, 2), machineAt(c, 3)];
      // The configuration run restarted containerd on the three workers within two seconds.
      const sinces = [now - 31 * MINUTE, now - 31 * MINUTE + SECOND, now - 31 * MINUTE + 2 * SECOND];
      bad.forEach((m, i) =>
        nodeNotReady(m, {
          since: sinces[i] ?? now - 30 * MINUTE,
          reason: 'KubeletNotReady',
          message: 'container runtime is down',
        }),
      );
      // Short-circuited: the health check judges the machines but does not mark them for remediation.
      for (let i = c.managementEvents.length - 1; i >= 0; i--)
        if (c.managementEvents[i]?.reason === 'MachineMarkedUnhealthy') c.managementEvents.splice(i, 1);
      for (const m of bad)
        for (const style of ['new', 'old'] as const)
          removeConditions(m.machine, c.version, style, ['OwnerRemediated']);
      syncRollups(c);
      const pool = poolOf(c);
      const tooMany = (sinces[2] ?? now) + 5 * MINUTE;
      for (const x of (pool.healthCheck.status?.conditions ?? []) as Fields[])
        if (x.type === 'RemediationAllowed') x.lastTransitionTime = isoSeconds(tooMany);
      for (const x of ((
        (pool.healthCheck.status?.deprecated as Fields | undefined)?.v1beta1 as Fields | undefined
      )?.conditions ?? []) as Fields[])
        if (x.type === 'RemediationAllowed') x.lastTransitionTime = isoSeconds(tooMany);
      b.addEvent(c, 'management', {
        regarding: pool.healthCheck,
        type: 'Warning',
        reason: 'RemediationRestricted',
        message:
          'Remediation restricted due to exceeded number of unhealthy machines (total: 5, unhealthy: 3, maxUnhealthy: 40%)',
        first: tooMany,
        last: now - 40 * SECOND,
        count: 61,
        component: 'machinehealthcheck-controller',
      });
      return [{ cluster: 'media/transcode', category: 'node-unhealthy', targets: names(bad) }];
    },
  },
  {
    id: 'shape2-azure-kubeconfig-client-cert-expired',
    source: 'https://github.com/kubernetes/minikube/issues/11960',
    description:
      'A year-old cluster whose <cluster>-kubeconfig Secret was recreated by hand during a migration and lost its ' +
      'ownerReference: KCP only rotates kubeconfigs it owns, so the client certificate in it expired 2h15m ago. The ' +
      'management controllers are now rejected ("the server has asked for the client to provide credentials"), ' +
      'RemoteConnectionProbe is False and Machines report NodeHealthy Unknown; the workload cluster itself is ' +
      'healthy (captured with a separate read-only kubeconfig) and its kube-apiservers log "Unable to authenticate ' +
      'the request ... x509: certificate has expired or is not yet valid" for the management\'s requests.',
    capturedAt: CAPTURED,
    seed: 1204,
    healthy: ['fin/payments', 'ops/logging'],
    build(b) {
      const c = b.addCluster({
        namespace: 'fin',
        name: 'ledger',
        provider: 'azure',
        region: 'westeurope',
        createdAt: '2025-10-08T07:12:00Z',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'fin', name: 'payments', provider: 'azure', region: 'westeurope' });
      b.addCluster({ namespace: 'ops', name: 'logging', provider: 'gcp', region: 'europe-west4' });
      const now = nowOf(b);
      // The last Kubernetes upgrade replaced every machine 41 days ago.
      const upgrade = now - 41 * DAY;
      c.controlPlaneMachines.forEach((m, i) => createdAt(m, upgrade + i * 9 * MINUTE));
      poolOf(c).machines.forEach((m, i) => createdAt(m, upgrade + 40 * MINUTE + i * 6 * MINUTE));
      resync(c);
      const expiry = Date.parse('2026-11-20T08:14:51Z');
      const expiryIso = '2026-11-20T08:14:51Z';
      connectionDown(b, c, {
        since: expiry + 35 * SECOND,
        lastSucceeded: expiry - 25 * SECOND,
        error:
          `failed to create cluster accessor: error creating client for remote cluster "${c.key}": error getting rest mapping: ` +
          'failed to get API group resources: unable to retrieve the complete list of server APIs: v1: the server has asked for the client to provide credentials',
      });
      // Each kube-apiserver rejects the expired client certificate of the management cluster's requests.
      c.controlPlaneMachines.forEach((m, k) => {
        const node = m.node;
        if (!node) return;
        const lines: string[] = [];
        for (
          let t = expiry + (9 + 13 * k) * SECOND + 217, n = 0;
          t < now;
          t += (47 + (n % 5) * 6) * SECOND + ((n * 379) % 1000), n++
        ) {
          const nowIso = isoSeconds(t);
          const x509 = `x509: certificate has expired or is not yet valid: current time ${nowIso} is after ${expiryIso}`;
          lines.push(
            `${klogHead('E', t)} authentication.go:74] "Unable to authenticate the request" err="[${x509}, verifying certificate SN=5837420196652214083, SKID=, AKID=8E:41:0F:D2:77:3A:C9:15:6B:E0:52:19:AF:94:0C:3D:71:B8:26:E5 failed: ${x509}]"`,
          );
        }
        b.addLog(
          {
            plane: 'workload',
            cluster: c,
            namespace: 'kube-system',
            pod: `kube-apiserver-${node.metadata.name}`,
            container: 'kube-apiserver',
          },
          lines,
        );
      });
      return [
        {
          cluster: 'fin/ledger',
          category: 'certificate-expired',
          accept: ['credentials-invalid'],
          targets: ['ledger'],
        },
      ];
    },
  },
  {
    id: 'shape2-metal3-bmo-webhook-refused-association',
    source: 'https://github.com/metal3-io/cluster-api-provider-metal3/issues/705',
    description:
      'A scale-up from 3 to 5 workers: CAPM3 picks free BareMetalHosts for the new Metal3Machines but cannot claim ' +
      "them: updating a host is rejected because the baremetal-operator's validating webhook does not answer " +
      '("failed calling webhook \\"baremetalhost.metal3.io\\" ... connect: connection refused"). The hosts stay ' +
      'available, the Metal3Machines carry AssociateBMH False and capm3 logs the error on every reconcile.',
    capturedAt: CAPTURED,
    seed: 1205,
    healthy: ['telco/core', 'corp/erp'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'edge-ran',
        provider: 'metal3',
        region: 'rack-e4',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'telco', name: 'core', provider: 'metal3', region: 'rack-c2' });
      b.addCluster({ namespace: 'corp', name: 'erp', provider: 'vsphere', region: 'dc-ams' });
      const now = nowOf(b);
      const webhook =
        'Internal error occurred: failed calling webhook "baremetalhost.metal3.io": failed to call webhook: ' +
        'Post "https://baremetal-operator-webhook-service.baremetal-operator-system.svc:443/validate-metal3-io-v1alpha1-baremetalhost?timeout=10s": ' +
        'dial tcp 10.108.131.42:443: connect: connection refused';
      // Bare metal takes long to provision: the pool's health check waits an hour for a Node.
      nodeStartupTimeout(c, poolOf(c), 3600);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (38 - 6 * i) * MINUTE;
        stuckMachine(m, {
          phase: 'Provisioning',
          since,
          infraCondition: {
            type: 'AssociateBMH',
            reason: 'AssociateBMHFailed',
            message: webhook,
            severity: 'Error',
          },
        });
        // The host CAPM3 chose was never claimed: still available, no consumer.
        const host = m.extras.find((x) => x.kind === 'BareMetalHost');
        if (host) {
          if (host.spec) delete host.spec.consumerRef;
          const status = host.status ?? (host.status = {});
          const prov = (status.provisioning ?? {}) as Fields;
          prov.state = 'available';
          Object.assign(status, {
            operationalStatus: 'OK',
            poweredOn: false,
            errorType: '',
            errorMessage: '',
            errorCount: 0,
          });
        }
        const annotations = m.infraMachine.metadata.annotations ?? {};
        delete annotations['metal3.io/BareMetalHost'];
        reconcileErrors(b, c, {
          object: m.infraMachine,
          controller: 'metal3machine',
          error: `failed to associate the Metal3Machine to a BaremetalHost: ${webhook}`,
          from: since + 30 * SECOND,
          everyMinutes: 3,
        });
      });
      stuck.forEach(healthCheckPasses);
      syncRollups(c);
      return [{ cluster: 'telco/edge-ran', category: 'webhook-failure', targets: names(stuck) }];
    },
  },
  {
    id: 'shape2-docker-clusterclass-upgrade-blocked-webhook-x509',
    source: 'https://github.com/cert-manager/cert-manager/issues/6864',
    description:
      'A ClusterClass-managed CAPD cluster is upgraded from v1.34.2 to v1.34.3 by changing spec.topology.version. ' +
      'The ClusterClass patches the node image from the version, so the topology controller must rotate the ' +
      "DevMachineTemplate, but its dry-run apply fails: capd's webhook serving certificate was renewed while " +
      "cert-manager's cainjector was not running, so the webhook's caBundle is stale (\"tls: failed to verify " +
      'certificate: x509: certificate signed by unknown authority"). TopologyReconciled is False (ReconcileFailed) ' +
      'for an hour and nothing is upgraded. Topology-wrapper text from outscale/cluster-api-provider-outscale#864.',
    capturedAt: CAPTURED,
    seed: 1206,
    healthy: ['platform/ci-runners', 'web/shop'],
    build(b) {
      const c = b.addCluster({
        namespace: 'platform',
        name: 'dev-tools',
        provider: 'docker',
        pools: [{ name: 'md-0', replicas: 2 }],
      });
      b.addCluster({
        namespace: 'platform',
        name: 'ci-runners',
        provider: 'docker',
        controlPlaneReplicas: 1,
      });
      b.addCluster({ namespace: 'web', name: 'shop', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      const pool = poolOf(c);
      const created = timeOf(c.cluster.metadata.creationTimestamp);
      const infraApi = c.infraCluster.apiVersion;
      const core = c.cluster.apiVersion;
      const classAt = created - 2 * DAY;

      // The ClusterClass and the templates it names.
      const classTemplates: RawObject[] = [
        {
          apiVersion: infraApi,
          kind: 'DevClusterTemplate',
          metadata: { name: 'quick-start-cluster', namespace: c.namespace },
          spec: { template: { spec: { backend: { docker: {} } } } },
        },
        {
          apiVersion: c.controlPlane.apiVersion,
          kind: 'KubeadmControlPlaneTemplate',
          metadata: { name: 'quick-start-control-plane', namespace: c.namespace },
          spec: {
            template: {
              spec: { kubeadmConfigSpec: structuredClone(c.controlPlane.spec?.kubeadmConfigSpec ?? {}) },
            },
          },
        },
        {
          apiVersion: infraApi,
          kind: 'DevMachineTemplate',
          metadata: { name: 'quick-start-control-plane', namespace: c.namespace },
          spec: { template: { spec: { backend: { docker: { extraMounts: [] } } } } },
        },
        {
          apiVersion: infraApi,
          kind: 'DevMachineTemplate',
          metadata: { name: 'quick-start-default-worker-machinetemplate', namespace: c.namespace },
          spec: { template: { spec: { backend: { docker: { extraMounts: [] } } } } },
        },
        {
          apiVersion: pool.bootstrapTemplate.apiVersion,
          kind: 'KubeadmConfigTemplate',
          metadata: { name: 'quick-start-default-worker-bootstraptemplate', namespace: c.namespace },
          spec: structuredClone(pool.bootstrapTemplate.spec ?? {}),
        },
      ];
      for (const t of classTemplates) {
        t.metadata.creationTimestamp = isoSeconds(classAt);
        b.addObject('management', t);
      }
      const ref = (t: RawObject | undefined): Fields => ({
        apiVersion: t?.apiVersion ?? '',
        kind: t?.kind ?? '',
        name: t?.metadata.name ?? '',
      });
      const classAtIso = isoSeconds(classAt);
      b.addObject('management', {
        apiVersion: core,
        kind: 'ClusterClass',
        metadata: {
          name: 'quick-start',
          namespace: c.namespace,
          generation: 1,
          creationTimestamp: classAtIso,
        },
        spec: {
          infrastructure: { templateRef: ref(classTemplates[0]) },
          controlPlane: {
            templateRef: ref(classTemplates[1]),
            machineInfrastructure: { templateRef: ref(classTemplates[2]) },
          },
          workers: {
            machineDeployments: [
              {
                class: 'default-worker',
                bootstrap: { templateRef: ref(classTemplates[4]) },
                infrastructure: { templateRef: ref(classTemplates[3]) },
              },
            ],
          },
          variables: [
            {
              name: 'imageRepository',
              required: false,
              schema: { openAPIV3Schema: { type: 'string', default: '' } },
            },
          ],
          patches: [
            {
              name: 'customImage',
              description: 'Sets the node image of every machine from the Kubernetes version.',
              definitions: [
                {
                  selector: {
                    apiVersion: infraApi,
                    kind: 'DevMachineTemplate',
                    matchResources: {
                      controlPlane: true,
                      machineDeploymentClass: { names: ['default-worker'] },
                    },
                  },
                  jsonPatches: [
                    {
                      op: 'add',
                      path: '/spec/template/spec/backend/docker/customImage',
                      valueFrom: { template: 'kindest/node:{{ .builtin.controlPlane.version }}' },
                    },
                  ],
                },
              ],
            },
          ],
        },
        status: {
          observedGeneration: 1,
          conditions: [
            cond('VariablesReady', 'True', 'VariablesReady', classAtIso),
            cond('RefVersionsUpToDate', 'True', 'RefVersionsUpToDate', classAtIso),
            cond('Paused', 'False', 'NotPaused', classAtIso),
          ],
          variables: [
            {
              name: 'imageRepository',
              definitions: [
                {
                  from: 'inline',
                  required: false,
                  schema: { openAPIV3Schema: { type: 'string', default: '' } },
                },
              ],
            },
          ],
        },
      });

      // The Cluster is managed by the topology; its objects carry the topology labels.
      const upgradeAt = now - 58 * MINUTE;
      const target = 'v1.34.3';
      const spec = c.cluster.spec ?? (c.cluster.spec = {});
      spec.topology = {
        classRef: { name: 'quick-start' },
        version: target,
        controlPlane: { replicas: c.controlPlaneMachines.length },
        workers: {
          machineDeployments: [{ class: 'default-worker', name: 'md-0', replicas: pool.machines.length }],
        },
        variables: [{ name: 'imageRepository', value: '' }],
      };
      c.cluster.metadata.generation = 4;
      for (const obj of [
        c.infraCluster,
        c.controlPlane,
        c.controlPlaneTemplate,
        pool.machineDeployment,
        pool.infraTemplate,
        pool.bootstrapTemplate,
      ]) {
        const labels = obj.metadata.labels ?? (obj.metadata.labels = {});
        labels['topology.cluster.x-k8s.io/owned'] = '';
      }
      const mdLabels = pool.machineDeployment.metadata.labels ?? {};
      mdLabels['topology.cluster.x-k8s.io/deployment-name'] = 'md-0';
      for (const tpl of [c.controlPlaneTemplate, pool.infraTemplate]) {
        const tplSpec = ((tpl.spec ?? {}).template as Fields | undefined)?.spec as Fields | undefined;
        if (tplSpec)
          tplSpec.backend = {
            docker: { customImage: `kindest/node:${c.kubernetesVersion}`, extraMounts: [] },
          };
      }

      // The topology controller cannot dry-run the rotation of the control plane's machine template.
      const tplKey = `${c.namespace}/${c.controlPlaneTemplate.metadata.name}`;
      const error =
        `error reconciling the Cluster topology: failed to create patch helper for DevMachineTemplate ${tplKey}: server side apply dry-run failed for modified object: ` +
        'Internal error occurred: failed calling webhook "default.devmachinetemplate.infrastructure.cluster.x-k8s.io": failed to call webhook: ' +
        `Post "https://capd-webhook-service.capd-system.svc:443/mutate-infrastructure-cluster-x-k8s-io-${infraApi.split('/')[1] ?? 'v1beta2'}-devmachinetemplate?timeout=10s": ` +
        'tls: failed to verify certificate: x509: certificate signed by unknown authority';
      const failedAt = isoSeconds(upgradeAt + 2 * SECOND);
      setConditions(c.cluster, c.version, 'new', [
        cond('TopologyReconciled', 'False', 'ReconcileFailed', failedAt, error),
      ]);
      setConditions(c.cluster, c.version, 'old', [
        oldCond('TopologyReconciled', 'False', failedAt, 'TopologyReconcileFailed', error, 'Error'),
      ]);
      reconcileErrors(b, c, {
        controllerId: 'capi',
        controller: 'topology/cluster',
        object: c.cluster,
        error,
        from: upgradeAt + 2 * SECOND,
        everyMinutes: 5,
      });
      return [
        {
          cluster: 'platform/dev-tools',
          category: 'webhook-failure',
          accept: ['certificate-expired'],
          targets: ['dev-tools'],
        },
      ];
    },
  },
  {
    id: 'shape2-gcp-compute-read-rate-limit-two-clusters',
    source: 'https://github.com/scylladb/scylla-cluster-tests/issues/7940',
    description:
      'Two CAPG clusters in one project and region scale up at the same time; Compute Engine throttles the ' +
      "project's read calls (\"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute " +
      'per region\' ... rateLimitExceeded"). Every GCPMachine and GCPCluster reconcile of both clusters logs the error ' +
      'and the new machines wait in Provisioning. It is a rate limit, not a resource quota; one cause for both clusters. ' +
      'A cluster of the fleet in another region is unaffected.',
    capturedAt: CAPTURED,
    seed: 1207,
    healthy: ['analytics/warehouse'],
    build(b) {
      const web = b.addCluster({
        namespace: 'retail',
        name: 'web-eu',
        provider: 'gcp',
        region: 'europe-west1',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      const api = b.addCluster({
        namespace: 'retail',
        name: 'api-eu',
        provider: 'gcp',
        region: 'europe-west1',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'analytics', name: 'warehouse', provider: 'gcp', region: 'us-central1' });
      const now = nowOf(b);
      const since = now - 34 * MINUTE;
      const error =
        "googleapi: Error 403: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' " +
        "of service 'compute.googleapis.com' for consumer 'project_number:418275630981'., rateLimitExceeded";
      const clusters = [web, api];
      const keys = clusters.map((c) => c.key);
      return clusters.map((c, k): Expectation => {
        nodeStartupTimeout(c, poolOf(c), 1200);
        const stuck = lastMachines(c, k === 0 ? 2 : 1);
        stuck.forEach((m, i) => {
          failProvisioning(b, m, {
            since: now - (16 - 2 * i - k) * MINUTE,
            message: error,
            log: { controller: 'gcpmachine' },
          });
        });
        // Throttled calls hit every reconcile, also of machines that are fine.
        c.machines
          .filter((m) => !stuck.includes(m))
          .forEach((m, i) => {
            for (
              let t = since + (i % 7) * 71 * SECOND, n = 0;
              t < now;
              t += (9 + ((i + n) % 4) * 3) * MINUTE, n++
            ) {
              b.addReconcileLog('gcp', {
                ts: t,
                level: 'error',
                msg: 'Reconciler error',
                object: m.infraMachine,
                controller: 'gcpmachine',
                cluster: c.name,
                error,
              });
            }
          });
        reconcileErrors(b, c, {
          object: c.infraCluster,
          controller: 'gcpcluster',
          error,
          from: since + 50 * SECOND,
          everyMinutes: 6,
        });
        stuck.forEach(healthCheckPasses);
        syncRollups(c);
        return { cluster: c.key, category: 'api-rate-limited', targets: names(stuck), together: keys };
      });
    },
  },
  {
    id: 'shape2-azure-latency-regression-after-app-rollout',
    source: 'https://github.com/nextcloud/helm/issues/797',
    description:
      'An application Deployment rolls out a new image 38 minutes ago; four minutes after its pods are Ready the ' +
      "service's p99 latency steps from about 0.2 s to 1.4 s and readiness probes of the new pods start timing out " +
      'now and then. Cluster API, the machines and the nodes are all healthy: the cause is the application change.',
    capturedAt: CAPTURED,
    seed: 1208,
    healthy: ['travel/search', 'ops/ci'],
    build(b) {
      const c = b.addCluster({
        namespace: 'travel',
        name: 'booking',
        provider: 'azure',
        region: 'northeurope',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'travel', name: 'search', provider: 'azure', region: 'northeurope' });
      b.addCluster({ namespace: 'ops', name: 'ci', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const at = now - 38 * MINUTE;

      // The application Deployment with the most pods, and its current ReplicaSet.
      const deployments = c.workloadControllers.filter(
        (w) => w.kind === 'Deployment' && w.metadata.namespace === c.namespace,
      );
      const podsOf = (rs: RawObject): RawObject[] =>
        c.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid);
      const rsOf = (d: RawObject): RawObject | undefined =>
        c.workloadControllers.find(
          (w) => w.kind === 'ReplicaSet' && w.metadata.ownerReferences?.[0]?.uid === d.metadata.uid,
        );
      const ranked = deployments
        .map((d) => ({ d, rs: rsOf(d) }))
        .filter((x): x is { d: RawObject; rs: RawObject } => x.rs !== undefined)
        .sort((x, y) => podsOf(y.rs).length - podsOf(x.rs).length);
      const top = ranked[0];
      if (!top) throw new Error('scenario: no application Deployment');
      const { d: deployment, rs: oldRs } = top;
      const service = deployment.metadata.name;
      const pods = podsOf(oldRs);

      // The rollout: a new ReplicaSet with the new image takes over every pod; the old one is scaled to zero.
      const revision = String(
        Number(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1') + 1,
      );
      const hash = '5d8c7f9b64';
      const rs = structuredClone(oldRs);
      const image = `ghcr.io/example/${c.namespace}-${service}:4.2.0`;
      rs.metadata = {
        ...rs.metadata,
        name: `${service}-${hash}`,
        uid: fakeUuid(1281),
        resourceVersion: c.ctx.nextWorkloadRV(),
        creationTimestamp: isoSeconds(at),
        labels: { ...(oldRs.metadata.labels ?? {}), 'pod-template-hash': hash },
        annotations: { ...(oldRs.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision },
      };
      const rsSpec = rs.spec ?? {};
      rsSpec.replicas = pods.length;
      rsSpec.selector = { matchLabels: { ...(rs.metadata.labels ?? {}) } };
      const rsTemplate = (rsSpec.template ?? {}) as { metadata?: Fields; spec?: Fields };
      rsTemplate.metadata = { labels: { ...(rs.metadata.labels ?? {}) } };
      for (const ct of (rsTemplate.spec?.containers ?? []) as Fields[]) ct.image = image;
      (oldRs.spec ?? {}).replicas = 0;
      c.workloadControllers.push(rs);
      const dAnnotations = deployment.metadata.annotations ?? {};
      dAnnotations['deployment.kubernetes.io/revision'] = revision;
      const dTemplate = ((deployment.spec ?? {}).template ?? {}) as { spec?: Fields };
      for (const ct of (dTemplate.spec?.containers ?? []) as Fields[]) ct.image = image;
      deployment.metadata.generation = Number(revision);
      pods.forEach((pod, i) => {
        const t = at + (5 + 35 * i) * SECOND;
        pod.metadata.name = `${rs.metadata.name}-${fakeSuffix(1282 + i)}`;
        pod.metadata.generateName = `${rs.metadata.name}-`;
        pod.metadata.uid = fakeUuid(1290 + i);
        pod.metadata.creationTimestamp = isoSeconds(t);
        pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'pod-template-hash': hash };
        pod.metadata.ownerReferences = [ownerRef(rs)];
        for (const ct of (pod.spec?.containers ?? []) as Fields[]) ct.image = image;
        const status = pod.status ?? {};
        status.startTime = isoSeconds(t + SECOND);
        for (const pc of (status.conditions ?? []) as Fields[])
          pc.lastTransitionTime = isoSeconds(t + 14 * SECOND);
        for (const cs of (status.containerStatuses ?? []) as Fields[]) {
          cs.image = image;
          cs.imageID = `ghcr.io/example/${c.namespace}-${service}@sha256:${'9f2c1e7a4b6d8035'.repeat(4)}`;
          cs.state = { running: { startedAt: isoSeconds(t + 6 * SECOND) } };
          cs.restartCount = 0;
          delete cs.lastState;
        }
        b.addEvent(c, 'workload', {
          regarding: deployment,
          reason: 'ScalingReplicaSet',
          message: `Scaled up replica set ${rs.metadata.name} from ${i} to ${i + 1}`,
          first: t,
          component: 'deployment-controller',
        });
        b.addEvent(c, 'workload', {
          regarding: deployment,
          reason: 'ScalingReplicaSet',
          message: `Scaled down replica set ${oldRs.metadata.name} from ${pods.length - i} to ${pods.length - i - 1}`,
          first: t + 20 * SECOND,
          component: 'deployment-controller',
        });
        b.addEvent(c, 'workload', {
          regarding: rs,
          reason: 'SuccessfulCreate',
          message: `Created pod: ${pod.metadata.name}`,
          first: t,
          component: 'replicaset-controller',
        });
        const host = str(pod.spec?.nodeName) ?? '';
        const container = str(((pod.spec?.containers ?? []) as Fields[])[0]?.name) ?? 'app';
        b.addEvent(c, 'workload', {
          regarding: pod,
          reason: 'Pulled',
          message: `Successfully pulled image "${image}" in 2.113s (2.113s including waiting). Image size: 48213377 bytes.`,
          first: t + 4 * SECOND,
          component: 'kubelet',
          host,
          fieldPath: `spec.containers{${container}}`,
        });
        const count = 5 + ((i * 3) % 7);
        b.addEvent(c, 'workload', {
          regarding: pod,
          type: 'Warning',
          reason: 'Unhealthy',
          message: `Readiness probe failed: Get "http://${str(pod.status?.podIP) ?? ''}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
          first: at + 6 * MINUTE + i * 41 * SECOND,
          last: now - (1 + (i % 3)) * MINUTE,
          count,
          component: 'kubelet',
          host,
          fieldPath: `spec.containers{${container}}`,
        });
      });
      syncWorkloadControllers(c.workloadControllers, c.pods);

      // The service-level indicator: p99 latency steps up four minutes after the new pods are Ready.
      const step = at + 4 * MINUTE + pods.length * 35 * SECOND;
      const points: [number, number][] = [];
      for (let t = now - 180 * MINUTE, k = 0; t <= now; t += MINUTE, k++) {
        const base = 0.19 + ((k * 7) % 5) * 0.012;
        const value = t >= step ? 1.31 + ((k * 3) % 4) * 0.045 : base;
        points.push([Math.floor(t / 1000), Number(value.toFixed(3))]);
      }
      b.addMetric(c, 'p99-latency-seconds', [
        {
          labels: {
            __name__: 'service:http_request_duration_seconds:p99',
            service,
            namespace: c.namespace,
          },
          points,
        },
      ]);
      return [
        {
          cluster: 'travel/booking',
          category: 'workload-regression',
          targets: [deployment.metadata.name, rs.metadata.name],
        },
      ];
    },
  },
  {
    id: 'shape2-healthy-node-joined-outside-capi',
    source: 'https://github.com/kubernetes/kubeadm/issues/1108',
    description:
      'A healthy vSphere cluster with one extra Node that an administrator joined by hand six days ago (kubeadm join ' +
      'on a legacy GPU VM): no Machine owns it. It is Ready and runs its DaemonSet pods. The taxonomy has no ' +
      'category for it and the tool documents it as a cross-plane finding (info), not an outage: no warning or ' +
      'critical incident is expected in either cluster.',
    capturedAt: CAPTURED,
    seed: 1209,
    healthy: ['lab/gpu-research', 'lab/notebooks'],
    build(b) {
      const c = b.addCluster({
        namespace: 'lab',
        name: 'gpu-research',
        provider: 'vsphere',
        region: 'dc-muc',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'lab', name: 'notebooks', provider: 'gcp', region: 'europe-west3' });
      const now = nowOf(b);
      orphanNode(c, 'gpu-legacy-01', { createdAt: now - 6 * DAY - 3 * HOUR });
      return [];
    },
  },
  {
    id: 'shape2-healthy-six-providers-with-noise',
    source: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    description:
      'A healthy fleet at scale: six clusters on AWS, Azure, GCP, vSphere, OpenStack and Metal3 (31 workers). ' +
      'Noise only: a Kubernetes upgrade of the GCP cluster that finished six hours ago (with the ControlPlaneUnhealthy ' +
      'warnings KCP recorded during it), old FailedScheduling, BackOff and FailedMount warnings from one to three ' +
      'days ago, a completed database-migration Job, and one Evicted pod from a memory-pressure episode three days ' +
      'ago whose node has long recovered.',
    capturedAt: CAPTURED,
    seed: 1210,
    healthy: [
      'fleet/shop-us',
      'fleet/crm-eu',
      'fleet/data-eu',
      'fleet/factory-de',
      'fleet/telco-no',
      'fleet/edge-se',
    ],
    build(b) {
      const shop = b.addCluster({
        namespace: 'fleet',
        name: 'shop-us',
        provider: 'aws',
        region: 'us-east-2',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      const crm = b.addCluster({
        namespace: 'fleet',
        name: 'crm-eu',
        provider: 'azure',
        region: 'westeurope',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const data = b.addCluster({
        namespace: 'fleet',
        name: 'data-eu',
        provider: 'gcp',
        region: 'europe-west4',
        pools: [
          { name: 'md-0', replicas: 5 },
          { name: 'highmem', replicas: 2, instanceType: 'n2-highmem-8' },
        ],
      });
      const factory = b.addCluster({
        namespace: 'fleet',
        name: 'factory-de',
        provider: 'vsphere',
        region: 'dc-stuttgart',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const telco = b.addCluster({
        namespace: 'fleet',
        name: 'telco-no',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const edge = b.addCluster({
        namespace: 'fleet',
        name: 'edge-se',
        provider: 'metal3',
        region: 'rack-s1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const now = nowOf(b);

      // 1. An upgrade of data-eu that finished six hours ago: control plane first, then both pools.
      const start = now - 7 * HOUR;
      data.controlPlaneMachines.forEach((m, i) => createdAt(m, start + i * 8 * MINUTE));
      data.controlPlaneTemplate.metadata.creationTimestamp = isoSeconds(start - 4 * MINUTE);
      for (const pool of data.pools)
        pool.infraTemplate.metadata.creationTimestamp = isoSeconds(start - 3 * MINUTE);
      data.pools.forEach((pool, p) => {
        pool.machineSet.metadata.creationTimestamp = isoSeconds(start + (26 + 3 * p) * MINUTE);
        const revision = String(
          Number(
            pool.machineDeployment.metadata.annotations?.['machinedeployment.clusters.x-k8s.io/revision'] ??
              '1',
          ) + 1,
        );
        setRevision(pool.machineDeployment, revision);
        setRevision(pool.machineSet, revision);
        pool.machines.forEach((m, i) => createdAt(m, start + (26 + 3 * p + 6 * i) * MINUTE));
        for (const e of data.managementEvents) {
          if (
            e.reason === 'SuccessfulCreate' &&
            e.message === `Created MachineSet ${data.namespace}/${pool.machineSet.metadata.name}`
          )
            e.firstTimestamp =
              e.lastTimestamp =
              e.metadata.creationTimestamp =
                isoSeconds(start + (26 + 3 * p) * MINUTE);
        }
      });
      resync(data);
      data.controlPlaneMachines.forEach((m, i) => {
        b.addEvent(data, 'management', {
          regarding: data.controlPlane,
          type: 'Warning',
          reason: 'ControlPlaneUnhealthy',
          message: `Waiting for control plane to pass preflight checks to continue reconciliation: [Machine ${m.name} does not have a corresponding Node yet (Machine.status.nodeRef not set)]`,
          first: start + i * 8 * MINUTE + 20 * SECOND,
          last: start + i * 8 * MINUTE + 2 * MINUTE + 40 * SECOND,
          count: 9,
          component: 'kubeadm-control-plane-controller',
        });
      });

      // 2. Old warnings that resolved long ago.
      const shopPod = appPods(shop)[0];
      if (shopPod) {
        b.addEvent(shop, 'workload', {
          regarding: shopPod,
          type: 'Warning',
          reason: 'FailedScheduling',
          message:
            '0/8 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 5 Insufficient cpu. ' +
            'preemption: 0/8 nodes are available: 3 Preemption is not helpful for scheduling, 5 No preemption victims found for incoming pod.',
          first: now - 2 * DAY - 3 * HOUR,
          last: now - 2 * DAY - 3 * HOUR + 3 * MINUTE,
          count: 5,
          component: 'default-scheduler',
          api: 'events.k8s.io/v1',
          action: 'Scheduling',
        });
      }
      const telcoPod = appPods(telco)[1];
      if (telcoPod) {
        const container = str(((telcoPod.spec?.containers ?? []) as Fields[])[0]?.name) ?? 'app';
        b.addEvent(telco, 'workload', {
          regarding: telcoPod,
          type: 'Warning',
          reason: 'BackOff',
          message: `Back-off restarting failed container ${container} in pod ${telcoPod.metadata.name}_${telco.namespace}(${telcoPod.metadata.uid ?? ''})`,
          first: now - 26 * HOUR,
          last: now - 26 * HOUR + 4 * MINUTE,
          count: 6,
          component: 'kubelet',
          host: str(telcoPod.spec?.nodeName) ?? '',
          fieldPath: `spec.containers{${container}}`,
        });
      }
      const factoryPod = appPods(factory)[0];
      if (factoryPod) {
        b.addEvent(factory, 'workload', {
          regarding: factoryPod,
          type: 'Warning',
          reason: 'FailedMount',
          message:
            'MountVolume.MountDevice failed for volume "pvc-bec216fc-54e3-45f3-b257-7d874efcb05c" : rpc error: code = NotFound desc = disk: 6000c29ccfe2d1a5dbd8a5c9c4d02116 not attached to node',
          first: now - 3 * DAY - 5 * HOUR,
          last: now - 3 * DAY - 5 * HOUR + 6 * MINUTE,
          count: 4,
          component: 'kubelet',
          host: str(factoryPod.spec?.nodeName) ?? '',
        });
      }

      // 3. A database migration Job that completed yesterday.
      const edgePod = appPods(edge)[0];
      if (edgePod) {
        const ranAt = now - 21 * HOUR;
        const job: RawObject = {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: 'db-migrate-20261119',
            namespace: edge.namespace,
            uid: fakeUuid(1301),
            resourceVersion: edge.ctx.nextWorkloadRV(),
            creationTimestamp: isoSeconds(ranAt),
            labels: { 'app.kubernetes.io/name': 'db-migrate' },
          },
          spec: {
            backoffLimit: 2,
            completions: 1,
            parallelism: 1,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'migrate', image: 'ghcr.io/example/fleet-migrate:2.7.1' }],
              },
            },
          },
          status: {
            startTime: isoSeconds(ranAt),
            completionTime: isoSeconds(ranAt + 94 * SECOND),
            succeeded: 1,
            ready: 0,
            terminating: 0,
            uncountedTerminatedPods: {},
            conditions: [
              {
                type: 'SuccessCriteriaMet',
                status: 'True',
                lastProbeTime: isoSeconds(ranAt + 94 * SECOND),
                lastTransitionTime: isoSeconds(ranAt + 94 * SECOND),
              },
              {
                type: 'Complete',
                status: 'True',
                lastProbeTime: isoSeconds(ranAt + 94 * SECOND),
                lastTransitionTime: isoSeconds(ranAt + 94 * SECOND),
              },
            ],
          },
        };
        edge.workloadControllers.push(job);
        const pod = structuredClone(edgePod);
        pod.metadata = {
          name: `db-migrate-20261119-${fakeSuffix(1302)}`,
          generateName: 'db-migrate-20261119-',
          namespace: edge.namespace,
          uid: fakeUuid(1303),
          resourceVersion: edge.ctx.nextWorkloadRV(),
          creationTimestamp: isoSeconds(ranAt),
          labels: {
            'batch.kubernetes.io/job-name': 'db-migrate-20261119',
            'job-name': 'db-migrate-20261119',
          },
          ownerReferences: [ownerRef(job)],
        };
        const ps = pod.spec ?? (pod.spec = {});
        ps.restartPolicy = 'Never';
        ps.containers = [{ name: 'migrate', image: 'ghcr.io/example/fleet-migrate:2.7.1' }];
        pod.status = {
          phase: 'Succeeded',
          hostIP: str(edgePod.status?.hostIP) ?? '',
          podIP: str(edgePod.status?.podIP) ?? '',
          startTime: isoSeconds(ranAt + SECOND),
          conditions: [
            {
              type: 'PodReadyToStartContainers',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(ranAt + 96 * SECOND),
            },
            {
              type: 'Initialized',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(ranAt + SECOND),
              reason: 'PodCompleted',
            },
            {
              type: 'Ready',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(ranAt + 94 * SECOND),
              reason: 'PodCompleted',
            },
            {
              type: 'ContainersReady',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(ranAt + 94 * SECOND),
              reason: 'PodCompleted',
            },
            {
              type: 'PodScheduled',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(ranAt + SECOND),
            },
          ],
          containerStatuses: [
            {
              name: 'migrate',
              image: 'ghcr.io/example/fleet-migrate:2.7.1',
              imageID: `ghcr.io/example/fleet-migrate@sha256:${'7ac41e90b2d35f68'.repeat(4)}`,
              containerID: `containerd://${'e3b0c44298fc1c14'.repeat(4)}`,
              ready: false,
              started: false,
              restartCount: 0,
              state: {
                terminated: {
                  exitCode: 0,
                  reason: 'Completed',
                  startedAt: isoSeconds(ranAt + 4 * SECOND),
                  finishedAt: isoSeconds(ranAt + 93 * SECOND),
                  containerID: `containerd://${'e3b0c44298fc1c14'.repeat(4)}`,
                },
              },
            },
          ],
          qosClass: 'BestEffort',
        };
        edge.pods.push(pod);
        b.addEvent(edge, 'workload', {
          regarding: job,
          reason: 'Completed',
          message: 'Job completed',
          first: ranAt + 94 * SECOND,
          component: 'job-controller',
        });
      }

      // 4. One pod evicted under memory pressure three days ago; its node recovered minutes later.
      const evictedAt = now - 3 * DAY - 2 * HOUR;
      const victimMachine = machineAt(crm, 1);
      const victimNode = victimMachine.node;
      const template = victimMachine.pods.find((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet');
      if (victimNode && template) {
        const host = victimNode.metadata.name;
        const rsName = template.metadata.ownerReferences?.[0]?.name ?? 'app';
        const evicted = structuredClone(template);
        evicted.metadata = {
          ...evicted.metadata,
          name: `${rsName}-${fakeSuffix(1304)}`,
          uid: fakeUuid(1305),
          resourceVersion: crm.ctx.nextWorkloadRV(),
          creationTimestamp: isoSeconds(evictedAt - 2 * DAY),
        };
        const container = str(((evicted.spec?.containers ?? []) as Fields[])[0]?.name) ?? 'app';
        const message = `The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki. Container ${container} was using 1734408Ki, request is 128Mi, has larger consumption of memory. `;
        evicted.status = {
          phase: 'Failed',
          reason: 'Evicted',
          message,
          startTime: isoSeconds(evictedAt - 2 * DAY + SECOND),
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(evictedAt),
              reason: 'TerminationByKubelet',
              message,
            },
            {
              type: 'Ready',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(evictedAt),
              reason: 'PodFailed',
            },
          ],
          containerStatuses: [
            {
              name: container,
              ready: false,
              started: false,
              restartCount: 0,
              image: str(((evicted.spec?.containers ?? []) as Fields[])[0]?.image) ?? '',
              imageID: '',
              state: {
                terminated: {
                  exitCode: 137,
                  reason: 'ContainerStatusUnknown',
                  message: 'The container could not be located when the pod was terminated',
                  startedAt: isoSeconds(evictedAt - 2 * DAY + 9 * SECOND),
                  finishedAt: isoSeconds(evictedAt),
                },
              },
            },
          ],
          qosClass: 'Burstable',
        };
        crm.pods.push(evicted);
        b.addEvent(crm, 'workload', {
          regarding: victimNode,
          reason: 'NodeHasInsufficientMemory',
          message: `Node ${host} status is now: NodeHasInsufficientMemory`,
          first: evictedAt - 40 * SECOND,
          component: 'kubelet',
          host,
        });
        b.addEvent(crm, 'workload', {
          regarding: victimNode,
          type: 'Warning',
          reason: 'EvictionThresholdMet',
          message: 'Attempting to reclaim memory',
          first: evictedAt - 30 * SECOND,
          last: evictedAt + 20 * SECOND,
          count: 3,
          component: 'kubelet',
          host,
        });
        b.addEvent(crm, 'workload', {
          regarding: evicted,
          type: 'Warning',
          reason: 'Evicted',
          message,
          first: evictedAt,
          component: 'kubelet',
          host,
        });
        b.addEvent(crm, 'workload', {
          regarding: victimNode,
          reason: 'NodeHasSufficientMemory',
          message: `Node ${host} status is now: NodeHasSufficientMemory`,
          first: evictedAt + 4 * MINUTE,
          component: 'kubelet',
          host,
        });
        setNodeCondition(victimNode, 'MemoryPressure', {
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          since: evictedAt + 4 * MINUTE,
          heartbeat: now - 37 * SECOND,
        });
      }
      return [];
    },
  },
  {
    id: 'shape2-openstack-first-control-plane-lb-pending-update',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-openstack/issues/1197',
    description:
      'A brand-new OpenStack cluster (56 minutes old). When CAPO added the first control-plane server to the Octavia ' +
      'API load balancer, the load balancer went to PENDING_UPDATE and never came back; CAPO logs "failed to reconcile ' +
      'load balancer: load balancer ... is not in expected state ACTIVE, current state is PENDING_UPDATE". The server ' +
      'boots, but kubeadm init (v1.34.2) reaches the API through the load balancer and times out ("error execution ' +
      'phase upload-config/kubeadm: ... context deadline exceeded", text from kubernetes/kubeadm#3294): the Machine ' +
      'stays Provisioned without a Node, KCP never initializes, the workers wait in Pending and the capture could not ' +
      'read the cluster.',
    capturedAt: CAPTURED,
    seed: 1211,
    healthy: ['gov/portal', 'corp/mail'],
    uncaptured: { 'gov/records': 'Unable to connect to the server: EOF' },
    build(b) {
      const now = nowOf(b);
      const created = now - 56 * MINUTE;
      const c = b.addCluster({
        namespace: 'gov',
        name: 'records',
        provider: 'openstack',
        region: 'RegionOne',
        createdAt: isoSeconds(created),
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'gov', name: 'portal', provider: 'openstack', region: 'RegionOne' });
      b.addCluster({ namespace: 'corp', name: 'mail', provider: 'aws', region: 'eu-central-1' });

      // KCP creates one machine and waits for it to initialize the control plane.
      dropControlPlaneMachines(c, 1);
      const cp = machineAt(c, 0, 'cp');
      const cpSince = c.ctx.timeline.infraReadyMs + 20 * SECOND;
      stuckMachine(cp, { phase: 'Provisioned', since: cpSince });
      const workers = workersWaitForControlPlane(c, created);
      syncRollups(c);

      // The API load balancer: stuck in PENDING_UPDATE since the first member was added.
      const endpoint = (c.cluster.spec?.controlPlaneEndpoint ?? {}) as Fields;
      const host = str(endpoint.host) ?? '';
      const port = Number(endpoint.port ?? 6443);
      const lbId = 'b7a42f2d-2c99-45e7-a32d-8efd9b4cb301';
      const lbSince = cpSince + 75 * SECOND;
      const infraStatus = c.infraCluster.status ?? (c.infraCluster.status = {});
      infraStatus.apiServerLoadBalancer = {
        id: lbId,
        name: `k8s-clusterapi-cluster-${c.namespace}-${c.name}-kubeapi`,
        ip: host,
        internalIP: '10.6.0.7',
        allowedCIDRs: [],
      };
      const lbError = `failed to reconcile load balancer: load balancer "${lbId}" is not in expected state ACTIVE, current state is PENDING_UPDATE`;
      reconcileErrors(b, c, {
        object: c.infraCluster,
        controller: 'openstackcluster',
        error: lbError,
        from: lbSince,
        everyMinutes: 4,
      });
      infraClusterNotReady(c, {
        type: 'APIEndpointReady',
        reason: 'LoadBalancerReconcileError',
        message: lbError,
        since: lbSince,
      });

      // The first control-plane machine's boot log: kubeadm init reaches the API through the load balancer.
      const boot = cpSince + 70 * SECOND;
      const stamp = (ms: number): string => {
        const iso = new Date(ms).toISOString();
        return `[${iso.slice(0, 10)} ${iso.slice(11, 19)}]`;
      };
      const node = cp.site.nodeName;
      const ip = cp.site.ip;
      const init = [
        `[init] Using Kubernetes version: ${c.kubernetesVersion}`,
        '[preflight] Running pre-flight checks',
        '[preflight] Pulling images required for setting up a Kubernetes cluster',
        '[certs] Using certificateDir folder "/etc/kubernetes/pki"',
        '[certs] Using existing ca certificate authority',
        '[certs] Generating "apiserver" certificate and key',
        `[certs] apiserver serving cert is signed for DNS names [kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local ${node}] and IPs [10.96.0.1 ${ip} ${host}]`,
        '[kubeconfig] Using kubeconfig folder "/etc/kubernetes"',
        '[kubeconfig] Writing "admin.conf" kubeconfig file',
        '[kubeconfig] Writing "super-admin.conf" kubeconfig file',
        '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"',
        '[control-plane] Creating static Pod manifest for "kube-apiserver"',
        '[control-plane] Creating static Pod manifest for "kube-controller-manager"',
        '[control-plane] Creating static Pod manifest for "kube-scheduler"',
        '[kubelet-start] Starting the kubelet',
        '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"',
        '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s',
        '[kubelet-check] The kubelet is healthy after 1.002081349s',
        '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
      ];
      const failAt = boot + 4 * MINUTE;
      b.addBootLog(cp, 'cloud-init-output.log', [
        ...cloudInitHeader(boot - 20 * SECOND, 16.9),
        ...init.map((line, i) => `${stamp(boot + i * 3 * SECOND)} ${line}`),
        `${stamp(failAt)} error execution phase upload-config/kubeadm: could not bootstrap the admin user in file admin.conf: unable to create ClusterRoleBinding: Post "https://${host}:${port}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?timeout=10s": context deadline exceeded`,
        `${stamp(failAt)} To see the stack trace of this error execute with --v=5 or higher`,
        ...cloudInitFooter(failAt + SECOND, 'DataSourceOpenStackLocal [net,ver=2]'),
      ]);

      // Status of a Cluster and a KubeadmControlPlane that never initialized.
      const createdIso = isoSeconds(created);
      const lbIso = isoSeconds(lbSince);
      const kcpName = c.controlPlane.metadata.name;
      const mirrored = `* OpenStackCluster ${c.infraCluster.metadata.name}: ${lbError}`;
      const probe = 'Remote connection not established yet';
      const cpNotReady = `* Machine ${cp.name}:\n  * NodeHealthy: Waiting for a Node with spec.providerID ${cp.site.providerID} to exist`;
      const workersMsg = `* MachineDeployment ${poolOf(c).machineDeployment.metadata.name}: 0 available replicas, at least 3 required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is 3)`;
      c.cluster.status = {
        phase: 'Provisioned',
        observedGeneration: 1,
        initialization: { infrastructureProvisioned: true, controlPlaneInitialized: false },
        controlPlane: {
          desiredReplicas: 3,
          replicas: 1,
          readyReplicas: 0,
          availableReplicas: 0,
          upToDateReplicas: 1,
        },
        workers: {
          desiredReplicas: 3,
          replicas: 3,
          readyReplicas: 0,
          availableReplicas: 0,
          upToDateReplicas: 3,
        },
        conditions: [
          cond(
            'Available',
            'False',
            'NotAvailable',
            lbIso,
            `* InfrastructureReady: ${mirrored}\n* ControlPlaneAvailable: Control plane not yet initialized\n* WorkersAvailable:\n  ${workersMsg}\n* RemoteConnectionProbe: ${probe}`,
          ),
          cond('InfrastructureReady', 'False', 'LoadBalancerReconcileError', lbIso, mirrored),
          cond(
            'ControlPlaneInitialized',
            'False',
            'NotInitialized',
            createdIso,
            'Control plane not yet initialized',
          ),
          cond(
            'ControlPlaneAvailable',
            'False',
            'NotAvailable',
            createdIso,
            `* KubeadmControlPlane ${kcpName}: Control plane not yet initialized`,
          ),
          cond('WorkersAvailable', 'False', 'NotAvailable', createdIso, workersMsg),
          cond('ControlPlaneMachinesReady', 'False', 'NotReady', isoSeconds(cpSince), cpNotReady),
          cond(
            'WorkerMachinesReady',
            'False',
            'NotReady',
            createdIso,
            `* Machines ${names(workers).join(', ')}:\n  * BootstrapConfigReady: Waiting for Cluster control plane to be initialized\n  * InfrastructureReady: OpenStackMachine status.ready is false`,
          ),
          cond('RemoteConnectionProbe', 'False', 'RemoteConnectionProbeFailed', createdIso, probe),
          cond('RollingOut', 'False', 'NotRollingOut', createdIso),
          cond(
            'ScalingUp',
            'True',
            'ScalingUp',
            createdIso,
            '* KubeadmControlPlane: Scaling up from 1 to 3 replicas',
          ),
          cond('ScalingDown', 'False', 'NotScalingDown', createdIso),
          cond('Remediating', 'False', 'NotRemediating', createdIso),
          cond('Deleting', 'False', 'NotDeleting', createdIso),
          cond('Paused', 'False', 'NotPaused', createdIso),
        ],
        deprecated: {
          v1beta1: {
            conditions: [
              oldCond('Ready', 'False', lbIso, 'LoadBalancerReconcileError', lbError, 'Error'),
              oldCond(
                'ControlPlaneInitialized',
                'False',
                createdIso,
                'WaitingForControlPlaneProviderInitialized',
                '',
                'Info',
              ),
              oldCond('ControlPlaneReady', 'False', createdIso, 'WaitingForControlPlane', '', 'Info'),
              oldCond('InfrastructureReady', 'False', lbIso, 'LoadBalancerReconcileError', lbError, 'Error'),
            ],
          },
        },
      };
      c.controlPlane.status = {
        observedGeneration: 1,
        selector: `cluster.x-k8s.io/cluster-name=${c.name},cluster.x-k8s.io/control-plane`,
        replicas: 1,
        readyReplicas: 0,
        availableReplicas: 0,
        upToDateReplicas: 1,
        version: c.kubernetesVersion,
        initialization: { controlPlaneInitialized: false },
        conditions: [
          cond('Available', 'False', 'NotAvailable', createdIso, 'Control plane not yet initialized'),
          cond('Initialized', 'False', 'NotInitialized', createdIso),
          cond('CertificatesAvailable', 'True', 'Available', createdIso),
          cond('EtcdClusterHealthy', 'Unknown', 'HealthUnknown', createdIso),
          cond('ControlPlaneComponentsHealthy', 'Unknown', 'HealthUnknown', createdIso),
          cond('MachinesReady', 'False', 'NotReady', isoSeconds(cpSince), cpNotReady),
          cond('MachinesUpToDate', 'True', 'UpToDate', isoSeconds(cpSince)),
          cond('RollingOut', 'False', 'NotRollingOut', createdIso),
          cond('ScalingUp', 'True', 'ScalingUp', createdIso, 'Scaling up from 1 to 3 replicas'),
          cond('ScalingDown', 'False', 'NotScalingDown', createdIso),
          cond('Remediating', 'False', 'NotRemediating', createdIso),
          cond('Deleting', 'False', 'NotDeleting', createdIso),
          cond('Paused', 'False', 'NotPaused', createdIso),
        ],
        deprecated: {
          v1beta1: {
            conditions: [
              oldCond('Ready', 'False', createdIso, 'WaitingForKubeadmInit', '', 'Info'),
              oldCond('Available', 'False', createdIso, 'WaitingForKubeadmInit', '', 'Info'),
              oldCond('CertificatesAvailable', 'True', createdIso),
            ],
            readyReplicas: 0,
            updatedReplicas: 1,
            unavailableReplicas: 1,
          },
        },
      };
      return [
        {
          cluster: 'gov/records',
          category: 'load-balancer-failure',
          targets: [c.infraCluster.metadata.name, cp.name],
        },
      ];
    },
  },
  {
    id: 'shape2-metal3-new-hosts-stuck-registering-bmc-401',
    source: 'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
    description:
      'Two new servers were enrolled as BareMetalHosts five hours ago for a scale-up of a Metal3 pool (hostSelector ' +
      'rack/pool labels), but their BMC credentials Secret holds the wrong password: both hosts have been stuck in ' +
      '"registering" ever since with a registration error (Redfish "returned code 401"). The pool was scaled from 4 ' +
      'to 6 25 minutes ago; the two new Metal3Machines find no available host matching their selector ("No ' +
      'available host found"). The health check of this bare-metal pool waits an hour for a Node.',
    capturedAt: CAPTURED,
    seed: 1212,
    healthy: ['telco/oam', 'corp/git'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'upf-north',
        provider: 'metal3',
        region: 'rack-n7',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      b.addCluster({ namespace: 'telco', name: 'oam', provider: 'metal3', region: 'rack-n2' });
      b.addCluster({ namespace: 'corp', name: 'git', provider: 'azure', region: 'swedencentral' });
      const now = nowOf(b);
      const pool = poolOf(c);
      const selector = {
        matchLabels: { 'infra.example.com/rack': 'rack-n7', 'infra.example.com/pool': 'upf-workers' },
      };
      const tplSpec = ((pool.infraTemplate.spec ?? {}).template as Fields | undefined)?.spec as
        Fields | undefined;
      if (tplSpec) tplSpec.hostSelector = structuredClone(selector);
      for (const m of pool.machines) {
        (m.infraMachine.spec ?? (m.infraMachine.spec = {})).hostSelector = structuredClone(selector);
        const host = m.extras.find((x) => x.kind === 'BareMetalHost');
        if (host) host.metadata.labels = { ...(host.metadata.labels ?? {}), ...selector.matchLabels };
      }
      nodeStartupTimeout(c, pool, 3600);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        for (let k = m.extras.length - 1; k >= 0; k--)
          if (m.extras[k]?.kind === 'BareMetalHost') m.extras.splice(k, 1);
        const annotations = m.infraMachine.metadata.annotations ?? {};
        delete annotations['metal3.io/BareMetalHost'];
        stuckMachine(m, {
          phase: 'Provisioning',
          since: now - (27 - 3 * i) * MINUTE,
          infraCondition: {
            type: 'AssociateBMH',
            reason: 'AssociateBMHFailed',
            message: 'No available host found. Requeuing.. Object will be requeued after 30s',
            severity: 'Warning',
          },
        });
      });
      stuck.forEach(healthCheckPasses);
      syncRollups(c);
      const enrolled = now - 5 * HOUR - 10 * MINUTE;
      const hosts = [21, 22].map((n, k) => {
        const name = `rack-n7-host-${n}`;
        const bmc = `10.10.7.${41 + k}`;
        const node = fakeUuid(1221 + k);
        const message = `Failed to get power state for node ${node}. Error: Redfish exception occurred. Error: HTTP GET https://${bmc}/redfish/v1/Systems/System.Embedded.1 returned code 401.`;
        const host = b.addObject('management', {
          apiVersion: 'metal3.io/v1alpha1',
          kind: 'BareMetalHost',
          metadata: {
            name,
            namespace: c.namespace,
            creationTimestamp: isoSeconds(enrolled + k * 40 * SECOND),
            labels: { ...selector.matchLabels },
            finalizers: ['baremetalhost.metal3.io'],
          },
          spec: {
            online: true,
            bootMode: 'UEFI',
            bootMACAddress: `b4:96:91:7c:${(32 + k).toString(16)}:e0`,
            bmc: {
              address: `redfish-virtualmedia://${bmc}/redfish/v1/Systems/System.Embedded.1`,
              credentialsName: `${name}-bmc-secret`,
              disableCertificateVerification: true,
            },
          },
          status: {
            operationalStatus: 'error',
            errorType: 'registration error',
            errorMessage: message,
            errorCount: 37 + k,
            poweredOn: false,
            lastUpdated: isoSeconds(now - (3 + k) * MINUTE),
            goodCredentials: {},
            triedCredentials: {
              credentials: { name: `${name}-bmc-secret`, namespace: c.namespace },
              credentialsVersion: String(58213 + k),
            },
            provisioning: { state: 'registering', ID: node, bootMode: 'UEFI', image: { url: '' } },
            hardwareProfile: '',
            operationHistory: {
              register: { start: isoSeconds(enrolled + k * 40 * SECOND + 2 * SECOND), end: null },
              inspect: { start: null, end: null },
              provision: { start: null, end: null },
              deprovision: { start: null, end: null },
            },
          },
        });
        b.addEvent(c, 'management', {
          regarding: host,
          reason: 'RegistrationError',
          message,
          first: enrolled + k * 40 * SECOND + 50 * SECOND,
          last: now - (3 + k) * MINUTE,
          count: 37 + k,
          component: 'metal3-baremetal-controller',
        });
        return host;
      });
      return [
        {
          cluster: 'telco/upf-north',
          category: 'credentials-invalid',
          targets: [...names(stuck), ...hosts.map((h) => h.metadata.name)],
        },
      ];
    },
  },
];
