/** Status of the Cluster, recomputed with its MachineSets, MachineDeployments, health checks and control plane. */
import type { ClusterHandle } from './fleet-types.ts';
import { syncControlPlane, syncPool } from './owner-rollups.ts';
import type { Fields } from './raw.ts';
import { bullet, cond, oldCond, str } from './raw.ts';
import type { Counts } from './rollup-helpers.ts';
import {
  aggregate,
  counts,
  earliest,
  latest,
  quiet,
  remediating,
  summaryCondition,
  tail,
  toOld,
} from './rollup-helpers.ts';
import { isoSeconds } from './time.ts';

export function syncRollups(cluster: ClusterHandle): void {
  const version = cluster.version;
  const created = str(cluster.cluster.metadata.creationTimestamp) ?? '';
  const poolAvailable = cluster.pools.map((pool) => syncPool(cluster, pool));
  const cpAvailable = syncControlPlane(cluster);
  const workers = cluster.pools.flatMap((p) => p.machines);
  const infraAt = isoSeconds(cluster.ctx.timeline.infraReadyMs);
  const initAt = isoSeconds(cluster.ctx.timeline.controlPlaneInitializedMs);

  const notAvailable = poolAvailable
    .map((c, i) => ({ c, pool: cluster.pools[i] }))
    .filter(({ c }) => c.status !== 'True');
  const workersAvailable =
    cluster.pools.length === 0
      ? cond('WorkersAvailable', 'True', 'NoWorkers', initAt)
      : notAvailable.length === 0
        ? cond(
            'WorkersAvailable',
            'True',
            'Available',
            latest(
              poolAvailable.map((c) => c.lastTransitionTime),
              initAt,
            ),
          )
        : cond(
            'WorkersAvailable',
            'False',
            'NotAvailable',
            earliest(notAvailable.map(({ c }) => c.lastTransitionTime)),
            notAvailable
              .map(({ c, pool }) =>
                bullet(`MachineDeployment ${pool?.machineDeployment.metadata.name ?? ''}`, c.message),
              )
              .join('\n'),
          );
  const controlPlaneAvailable = cond(
    'ControlPlaneAvailable',
    cpAvailable.status,
    cpAvailable.reason,
    cpAvailable.lastTransitionTime,
    cpAvailable.message,
  );
  const probe = cond('RemoteConnectionProbe', 'True', 'ProbeSucceeded', initAt);
  const infra = cond('InfrastructureReady', 'True', 'Ready', infraAt);
  const gates = [probe, infra, controlPlaneAvailable, workersAvailable];
  const failing = gates.filter((g) => g.status !== 'True');
  const available =
    failing.length === 0
      ? cond(
          'Available',
          'True',
          'Available',
          latest(
            gates.map((g) => g.lastTransitionTime),
            initAt,
          ),
        )
      : cond(
          'Available',
          failing.some((g) => g.status === 'False') ? 'False' : 'Unknown',
          'NotAvailable',
          earliest(failing.map((g) => g.lastTransitionTime)),
          failing.map((g) => bullet(g.type, g.message)).join('\n'),
        );
  const cpReady = summaryCondition(
    'ControlPlaneMachinesReady',
    aggregate(cluster.controlPlaneMachines, 'Ready', initAt),
    ['Ready', 'NotReady', 'ReadyUnknown'],
  );
  const workerReady = summaryCondition('WorkerMachinesReady', aggregate(workers, 'Ready', initAt), [
    'Ready',
    'NotReady',
    'ReadyUnknown',
  ]);
  const conditions = [
    available,
    infra,
    cond('ControlPlaneInitialized', 'True', 'Initialized', initAt),
    controlPlaneAvailable,
    workersAvailable,
    cpReady,
    workerReady,
    summaryCondition(
      'ControlPlaneMachinesUpToDate',
      aggregate(cluster.controlPlaneMachines, 'UpToDate', initAt),
      ['UpToDate', 'NotUpToDate', 'UpToDateUnknown'],
    ),
    summaryCondition('WorkerMachinesUpToDate', aggregate(workers, 'UpToDate', initAt), [
      'UpToDate',
      'NotUpToDate',
      'UpToDateUnknown',
    ]),
    probe,
    ...quiet(initAt),
    remediating([...cluster.controlPlaneMachines, ...workers], initAt),
    ...tail(created),
  ];
  const old = [
    toOld(controlPlaneAvailable, 'Ready'),
    oldCond('ControlPlaneInitialized', 'True', initAt),
    toOld(controlPlaneAvailable, 'ControlPlaneReady'),
    oldCond('InfrastructureReady', 'True', infraAt),
  ];
  const cp = counts(cluster.controlPlaneMachines);
  const wk = counts(workers);
  const replicaStatus = (c: Counts, desired: number): Fields => ({ desiredReplicas: desired, ...c });
  const controlPlane = replicaStatus(cp, Number(cluster.controlPlane.spec?.replicas ?? cp.replicas));
  const workerStatus = replicaStatus(
    wk,
    cluster.pools.reduce((n, p) => n + Number(p.machineDeployment.spec?.replicas ?? 0), 0),
  );
  const zones = cluster.ctx.site.zones;
  if (version === 'v1beta2') {
    cluster.cluster.status = {
      phase: 'Provisioned',
      observedGeneration: 1,
      initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true },
      controlPlane,
      workers: workerStatus,
      failureDomains: zones.map((name) => ({ name, controlPlane: true })),
      conditions,
      deprecated: { v1beta1: { conditions: old } },
    };
    return;
  }
  cluster.cluster.status = {
    phase: 'Provisioned',
    observedGeneration: 1,
    infrastructureReady: true,
    controlPlaneReady: cpAvailable.status === 'True',
    failureDomains: Object.fromEntries(zones.map((name) => [name, { controlPlane: true }])),
    conditions: old,
    v1beta2: { conditions, controlPlane, workers: workerStatus },
  };
}
