/** The ordinary noise of a healthy cluster: creation events, probe hiccups, CronJob runs, info logs, retried conflicts. */
import type { EventInput } from './event-objects.ts';
import { buildEvent } from './event-objects.ts';
import type { ClusterHandle, ControllerPod } from './fleet-types.ts';
import type { ReconcileEntry } from './controller-logs.ts';
import { conflictError, logLine, reconcileLine } from './controller-logs.ts';
import type { RawObject } from './raw.ts';
import { ownerRef, str } from './raw.ts';
import { isoSeconds, MINUTE, SECOND, timeOf } from './time.ts';
import { workloadMeta } from './node-objects.ts';
import { buildPod, podReady, tolerations } from './workload-objects.ts';

/** Records a management-cluster event about an object of cluster `c`. */
export function addManagementEvent(c: ClusterHandle, e: EventInput): RawObject {
  const event = buildEvent(c.ctx.rng, c.ctx.fleet.nextManagementRV(c.ctx.rng), e);
  c.managementEvents.push(event);
  return event;
}

/** Records a workload-cluster event of cluster `c`. */
export function addWorkloadEvent(c: ClusterHandle, e: EventInput): RawObject {
  const event = buildEvent(c.ctx.rng, c.ctx.nextWorkloadRV(), e);
  c.workloadEvents.push(event);
  return event;
}

/** Creation events the MachineDeployment, MachineSet and Machine controllers leave behind. */
export function managementNoise(c: ClusterHandle): void {
  for (const pool of c.pools) {
    const ms = pool.machineSet;
    addManagementEvent(c, {
      regarding: pool.machineDeployment,
      reason: 'SuccessfulCreate',
      message: `Created MachineSet ${c.namespace}/${ms.metadata.name}`,
      first: timeOf(ms.metadata.creationTimestamp),
      component: 'machinedeployment-controller',
    });
    for (const m of pool.machines) {
      addManagementEvent(c, {
        regarding: ms,
        reason: 'SuccessfulCreate',
        message: `Created machine "${m.name}"`,
        first: timeOf(m.machine.metadata.creationTimestamp),
        component: 'machineset-controller',
      });
    }
  }
  for (const m of c.machines) {
    if (!m.node) continue;
    addManagementEvent(c, {
      regarding: m.machine,
      reason: 'SuccessfulSetNodeRef',
      message: m.node.metadata.name,
      first: timeOf(m.node.metadata.creationTimestamp) + 20 * SECOND,
      component: 'machine-controller',
    });
  }
}

/** A CronJob with its last completed runs (Jobs and Succeeded pods) and the events each run leaves. */
function cronJobRuns(c: ClusterHandle, budget: number): number {
  const ctx = c.ctx;
  const workers = c.nodes.filter(
    (n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined,
  );
  const runs = Math.min(3, Math.floor(budget / 8));
  if (runs === 0 || workers.length === 0) return 0;
  const now = ctx.fleet.capturedAtMs;
  const name = 'report-export';
  const image = `ghcr.io/example/${c.namespace}-reports:1.${ctx.rng.int(0, 9)}.0`;
  const cronJob: RawObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: workloadMeta(ctx, name, c.namespace, ctx.timeline.controlPlaneInitializedMs + 2 * 60 * MINUTE, {
      labels: { 'app.kubernetes.io/name': name },
    }),
    spec: {
      schedule: '*/15 * * * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'export', image }], restartPolicy: 'Never' } } },
      },
    },
    status: {},
  };
  c.workloadControllers.push(cronJob);
  let events = 0;
  const lastRun = Math.floor((now - MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
  for (let r = runs - 1; r >= 0; r--) {
    const at = lastRun - r * 15 * MINUTE;
    const jobName = `${name}-${Math.floor(at / MINUTE)}`;
    const job: RawObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: workloadMeta(ctx, jobName, c.namespace, at, {
        labels: { 'batch.kubernetes.io/job-name': jobName },
        ownerReferences: [ownerRef(cronJob)],
      }),
      spec: { completions: 1, parallelism: 1, backoffLimit: 6 },
      status: {},
    };
    const node = ctx.rng.pick(workers);
    const pod = buildPod(ctx, {
      name: `${jobName}-${ctx.rng.suffix(5)}`,
      generateName: `${jobName}-`,
      namespace: c.namespace,
      node,
      owner: job,
      createdMs: at + SECOND,
      containers: [{ name: 'export', image }],
      labels: { 'batch.kubernetes.io/job-name': jobName },
      hostNetwork: false,
      podIp: `${(str(node.spec?.podCIDR) ?? '10.0.0.0/24').split('.').slice(0, 3).join('.')}.${200 + r}`,
      tolerations: tolerations('deployment'),
    });
    const done = at + ctx.rng.int(40, 160) * SECOND;
    completePod(pod, done);
    job.status = {
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: isoSeconds(done),
          lastTransitionTime: isoSeconds(done),
        },
      ],
      startTime: isoSeconds(at),
      completionTime: isoSeconds(done),
      succeeded: 1,
      ready: 0,
      terminating: 0,
    };
    c.workloadControllers.push(job);
    c.pods.push(pod);
    cronJob.status = { lastScheduleTime: isoSeconds(at), lastSuccessfulTime: isoSeconds(done) };
    const host = node.metadata.name;
    const pulled = `Container image "${image}" already present on machine`;
    const steps: EventInput[] = [
      {
        regarding: cronJob,
        reason: 'SuccessfulCreate',
        message: `Created job ${jobName}`,
        first: at,
        component: 'cronjob-controller',
      },
      {
        regarding: job,
        reason: 'SuccessfulCreate',
        message: `Created pod: ${pod.metadata.name}`,
        first: at + SECOND,
        component: 'job-controller',
      },
      {
        regarding: pod,
        reason: 'Scheduled',
        message: `Successfully assigned ${c.namespace}/${pod.metadata.name} to ${host}`,
        first: at + 2 * SECOND,
        component: 'default-scheduler',
        api: 'events.k8s.io/v1',
        action: 'Binding',
      },
      {
        regarding: pod,
        reason: 'Pulled',
        message: pulled,
        first: at + 4 * SECOND,
        component: 'kubelet',
        host,
        fieldPath: 'spec.containers{export}',
      },
      {
        regarding: pod,
        reason: 'Created',
        message: 'Created container: export',
        first: at + 4 * SECOND,
        component: 'kubelet',
        host,
        fieldPath: 'spec.containers{export}',
      },
      {
        regarding: pod,
        reason: 'Started',
        message: 'Started container export',
        first: at + 5 * SECOND,
        component: 'kubelet',
        host,
        fieldPath: 'spec.containers{export}',
      },
      {
        regarding: job,
        reason: 'Completed',
        message: 'Job completed',
        first: done,
        component: 'job-controller',
      },
      {
        regarding: cronJob,
        reason: 'SawCompletedJob',
        message: `Saw completed job: ${jobName}, condition: Complete`,
        first: done + SECOND,
        component: 'cronjob-controller',
      },
    ];
    for (const e of steps) addWorkloadEvent(c, e);
    events += steps.length;
  }
  return events;
}

/** Turns a Running pod into a Succeeded one that finished at `done`. */
function completePod(pod: RawObject, done: number): void {
  const status = pod.status ?? {};
  status.phase = 'Succeeded';
  for (const c of (status.conditions ?? []) as {
    type: string;
    status: string;
    lastTransitionTime: string;
  }[]) {
    if (c.type === 'Ready' || c.type === 'ContainersReady' || c.type === 'PodReadyToStartContainers') {
      c.status = 'False';
      c.lastTransitionTime = isoSeconds(done);
      if (c.type !== 'PodReadyToStartContainers') Object.assign(c, { reason: 'PodCompleted' });
    }
  }
  for (const cs of (status.containerStatuses ?? []) as Record<string, unknown>[]) {
    const running = (cs.state as { running?: { startedAt: string } }).running;
    cs.state = {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        startedAt: running?.startedAt ?? isoSeconds(done),
        finishedAt: isoSeconds(done),
        containerID: cs.containerID,
      },
    };
    cs.ready = false;
    cs.started = false;
  }
  status.qosClass = 'Burstable';
}

/** Workload events of an ordinary hour: CronJob runs, resolved readiness-probe failures, ingress reloads. */
export function workloadNoise(c: ClusterHandle, count: number): void {
  const ctx = c.ctx;
  const now = ctx.fleet.capturedAtMs;
  let made = cronJobRuns(c, count);
  const apps = c.pods.filter((p) => p.metadata.namespace === c.namespace && podReady(p));
  const ingress = c.pods.filter((p) => p.metadata.name.startsWith('ingress-nginx-controller-'));
  let i = 0;
  while (made < count && apps.length > 0) {
    const api = i % 4 === 3 ? 'events.k8s.io/v1' : 'v1';
    const pod = i % 5 === 4 && ingress.length > 0 ? ctx.rng.pick(ingress) : ctx.rng.pick(apps);
    const host = str(pod.spec?.nodeName) ?? '';
    const first = now - ctx.rng.int(20, 58) * MINUTE;
    if (pod.metadata.name.startsWith('ingress-nginx-controller-')) {
      addWorkloadEvent(c, {
        regarding: pod,
        reason: 'RELOAD',
        message: 'NGINX reload triggered due to a change in configuration',
        first,
        component: 'nginx-ingress-controller',
        api,
      });
    } else {
      const container = String(((pod.spec?.containers ?? []) as { name: string }[])[0]?.name ?? 'app');
      const n = ctx.rng.int(1, 4);
      addWorkloadEvent(c, {
        regarding: pod,
        type: 'Warning',
        reason: 'Unhealthy',
        message: `Readiness probe failed: Get "http://${str(pod.status?.podIP) ?? ''}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        first,
        last: first + (n - 1) * 10 * SECOND,
        count: n,
        component: 'kubelet',
        host,
        api,
        fieldPath: `spec.containers{${container}}`,
      });
    }
    made++;
    i++;
  }
}

/** Controller log lines for a healthy cluster, with the occasional retried write conflict. */
export function logNoise(c: ClusterHandle): void {
  const ctx = c.ctx;
  const rng = ctx.rng;
  const now = ctx.fleet.capturedAtMs;
  const capi = ctx.fleet.controllerPod('capi');
  const kcp = ctx.fleet.controllerPod('kubeadm-control-plane');
  const infra = ctx.fleet.controllerPod(ctx.profile.provider);
  const at = (): number => now - rng.int(60, 55 * 60) * SECOND - rng.int(0, 999);
  const log = (pod: ControllerPod, e: Omit<ReconcileEntry, 'cluster'>): void => {
    c.logs.push(logLine(pod, e.ts, reconcileLine(rng, { ...e, cluster: c.name })));
  };
  log(capi, { ts: at(), msg: 'Reconciling Cluster', object: c.cluster });
  for (const pool of c.pools)
    log(capi, { ts: at(), msg: 'Reconciling MachineDeployment', object: pool.machineDeployment });
  const machine = c.machines.length ? rng.pick(c.machines) : undefined;
  if (machine) {
    log(capi, { ts: at(), msg: 'Reconciling Machine', object: machine.machine });
    const kind = ctx.profile.machineKind;
    log(infra, {
      ts: at(),
      msg: `Reconciling ${kind}`,
      object: machine.infraMachine,
      controller: ctx.profile.controllers.machine,
    });
  }
  const clusterKind = ctx.profile.clusterKind;
  log(infra, {
    ts: at(),
    msg: `Reconciling ${clusterKind}`,
    object: c.infraCluster,
    controller: ctx.profile.controllers.cluster,
  });
  log(kcp, {
    ts: at(),
    msg: 'Reconciling KubeadmControlPlane',
    object: c.controlPlane,
    controller: 'kubeadmcontrolplane',
  });
  // A conflict is retried and the next reconcile succeeds: noise, not a fault.
  const pool = c.pools.length && rng.chance(0.35) ? rng.pick(c.pools) : undefined;
  const victim = pool?.machines.length ? rng.pick(pool.machines) : undefined;
  if (pool && victim) {
    const ts = at();
    const error = conflictError('machines.cluster.x-k8s.io', victim.name);
    log(capi, { ts, level: 'error', msg: 'Reconciler error', object: pool.machineSet, error });
    log(capi, { ts: ts + rng.int(5, 900), msg: 'Reconciling MachineSet', object: pool.machineSet });
  }
  if (rng.chance(0.15)) {
    const error = conflictError(
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
      c.controlPlane.metadata.name,
    );
    log(kcp, {
      ts: at(),
      level: 'error',
      msg: 'Reconciler error',
      object: c.controlPlane,
      controller: 'kubeadmcontrolplane',
      error,
    });
  }
}
