/** Status of the owners of machines: MachineSet, MachineDeployment, MachineHealthCheck and KubeadmControlPlane. */
import { LABEL } from './capi-objects.ts';
import type { ClusterHandle, MachineHandle, PoolHandle } from './fleet-types.ts';
import type { Condition, Fields, RawObject } from './raw.ts';
import { cond, oldCond, str } from './raw.ts';
import {
  aggregate,
  counts,
  machineCondition,
  quiet,
  remediating,
  selectorString,
  summaryCondition,
  tail,
  toOld,
  writeStatus,
} from './rollup-helpers.ts';
import { isoSeconds } from './time.ts';

/**
 * Writes a MachineSet's status from the machines it owns, as the MachineSet controller does; returns the conditions
 * and counts its MachineDeployment rolls up.
 */
export function syncMachineSet(
  cluster: ClusterHandle,
  machineSet: RawObject,
  machines: readonly MachineHandle[],
): { ready: Condition; upToDate: Condition; counts: ReturnType<typeof counts> } {
  const created = str(machineSet.metadata.creationTimestamp) ?? '';
  const c = counts(machines);
  const ready = summaryCondition('MachinesReady', aggregate(machines, 'Ready', created), [
    'Ready',
    'NotReady',
    'ReadyUnknown',
  ]);
  const upToDate = summaryCondition('MachinesUpToDate', aggregate(machines, 'UpToDate', created), [
    'UpToDate',
    'NotUpToDate',
    'UpToDateUnknown',
  ]);
  const oldCounters = {
    fullyLabeledReplicas: c.replicas,
    readyReplicas: c.readyReplicas,
    availableReplicas: c.availableReplicas,
  };
  const msConditions = [
    ready,
    upToDate,
    ...quiet(created).slice(1),
    remediating(machines, created),
    ...tail(created),
  ];
  const msOld = [
    toOld(ready, 'Ready'),
    oldCond('MachinesCreated', 'True', created),
    toOld(ready),
    oldCond('Resized', 'True', created),
  ];
  writeStatus(
    machineSet,
    cluster.version,
    { observedGeneration: 1, selector: selectorString(machineSet) },
    c,
    msConditions,
    msOld,
    oldCounters,
  );
  return { ready, upToDate, counts: c };
}

/** Writes the MachineSet, MachineDeployment and MachineHealthCheck status of a pool; returns the MD's Available. */
export function syncPool(cluster: ClusterHandle, pool: PoolHandle): Condition {
  const version = cluster.version;
  const created = str(pool.machineSet.metadata.creationTimestamp) ?? '';
  const { ready, upToDate, counts: c } = syncMachineSet(cluster, pool.machineSet, pool.machines);
  const desired = Number(pool.machineDeployment.spec?.replicas ?? c.replicas);

  const available =
    c.availableReplicas >= desired
      ? cond('Available', 'True', 'Available', ready.status === 'True' ? ready.lastTransitionTime : created)
      : cond(
          'Available',
          'False',
          'NotAvailable',
          aggregate(pool.machines, 'Available', created).at,
          `${c.availableReplicas} available replicas, at least ${desired} required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is ${desired})`,
        );
  const mdConditions = [
    available,
    ready,
    upToDate,
    ...quiet(created),
    remediating(pool.machines, created),
    ...tail(created),
  ];
  const mdOld = [toOld(available, 'Ready'), toOld(available), oldCond('MachineSetReady', 'True', created)];
  const mdCounters = {
    readyReplicas: c.readyReplicas,
    availableReplicas: c.availableReplicas,
    unavailableReplicas: c.replicas - c.availableReplicas,
    updatedReplicas: c.upToDateReplicas,
  };
  writeStatus(
    pool.machineDeployment,
    version,
    { observedGeneration: 1, phase: 'Running', selector: selectorString(pool.machineDeployment) },
    c,
    mdConditions,
    mdOld,
    mdCounters,
  );
  syncHealthCheck(cluster, pool);
  return available;
}

/** Writes a MachineHealthCheck status from its machines' HealthCheckSucceeded. */
export function syncHealthCheck(cluster: ClusterHandle, pool: PoolHandle): void {
  const expected = pool.machines.length;
  const healthy = pool.machines.filter(
    (m) => machineCondition(m, 'HealthCheckSucceeded')?.status === 'True',
  ).length;
  const maxUnhealthy = Math.floor(expected * 0.4);
  const allowed = expected - healthy <= maxUnhealthy;
  const at = str(pool.healthCheck.metadata.creationTimestamp) ?? '';
  const condition = allowed
    ? cond('RemediationAllowed', 'True', 'RemediationAllowed', at)
    : cond(
        'RemediationAllowed',
        'False',
        'TooManyUnhealthy',
        isoSeconds(cluster.ctx.fleet.capturedAtMs - 60_000),
        `Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: ${expected}, unhealthy: ${expected - healthy}, maxUnhealthy: 40%)`,
      );
  const base = {
    expectedMachines: expected,
    currentHealthy: healthy,
    remediationsAllowed: Math.max(0, maxUnhealthy - (expected - healthy)),
    observedGeneration: 1,
    targets: pool.machines.map((m) => m.name),
  };
  pool.healthCheck.status =
    cluster.version === 'v1beta2'
      ? {
          ...base,
          conditions: [condition, ...tail(at).slice(1)],
          deprecated: { v1beta1: { conditions: [toOld(condition)] } },
        }
      : {
          ...base,
          conditions: [toOld(condition)],
          v1beta2: { conditions: [condition, ...tail(at).slice(1)] },
        };
}

/** Writes the KubeadmControlPlane status; returns its Available condition. */
export function syncControlPlane(cluster: ClusterHandle): Condition {
  const version = cluster.version;
  const machines = cluster.controlPlaneMachines;
  const kcp = cluster.controlPlane;
  const created = str(kcp.metadata.creationTimestamp) ?? '';
  const c = counts(machines);
  const initAt = isoSeconds(cluster.ctx.timeline.controlPlaneInitializedMs);
  const ready = summaryCondition('MachinesReady', aggregate(machines, 'Ready', created), [
    'Ready',
    'NotReady',
    'ReadyUnknown',
  ]);
  const upToDate = summaryCondition('MachinesUpToDate', aggregate(machines, 'UpToDate', created), [
    'UpToDate',
    'NotUpToDate',
    'UpToDateUnknown',
  ]);
  const etcd = summaryCondition('EtcdClusterHealthy', aggregate(machines, 'EtcdMemberHealthy', created), [
    'Healthy',
    'NotHealthy',
    'HealthUnknown',
  ]);
  const components = summaryCondition(
    'ControlPlaneComponentsHealthy',
    aggregate(machines, 'APIServerPodHealthy', created),
    ['Healthy', 'NotHealthy', 'HealthUnknown'],
  );
  const quorum = Math.floor(Number(kcp.spec?.replicas ?? machines.length) / 2) + 1;
  const available =
    c.readyReplicas >= quorum
      ? cond('Available', 'True', 'Available', initAt)
      : cond(
          'Available',
          'False',
          'NotAvailable',
          ready.lastTransitionTime,
          `${c.readyReplicas} of ${machines.length} control plane machines are ready, etcd quorum needs ${quorum}`,
        );
  const conditions = [
    available,
    cond('Initialized', 'True', 'Initialized', initAt),
    cond('CertificatesAvailable', 'True', 'Available', created),
    etcd,
    components,
    ready,
    upToDate,
    ...quiet(created),
    remediating(machines, created),
    ...tail(created),
  ];
  const old = [
    toOld(available, 'Ready'),
    toOld(available),
    oldCond('CertificatesAvailable', 'True', created),
    toOld(components),
    toOld(etcd),
    oldCond('MachinesCreated', 'True', created),
    toOld(ready),
    oldCond('Resized', 'True', created),
  ];
  const base: Fields = {
    observedGeneration: 1,
    version: cluster.kubernetesVersion,
    selector: `${LABEL.clusterName}=${cluster.name},${LABEL.controlPlane}`,
  };
  if (version === 'v1beta2') base.initialization = { controlPlaneInitialized: true };
  else Object.assign(base, { ready: c.readyReplicas > 0, initialized: true });
  const oldCounters = {
    readyReplicas: c.readyReplicas,
    updatedReplicas: c.upToDateReplicas,
    unavailableReplicas: c.replicas - c.readyReplicas,
  };
  writeStatus(kcp, version, base, c, conditions, old, oldCounters);
  return available;
}

/** Recomputes every summary status of a cluster from its machines (call after changing machines). */
