/** Healthy fleets carrying the ordinary noise of real fleets: any warning or critical incident here is a false positive. */
import { stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type { ClusterHandle, FleetBuilder, RawObject } from '../../../src/testing/fleet-builder.ts';
import type { Fields } from '../../../src/testing/raw.ts';
import { str } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import { DAY, HOUR, lastMachines, machineAt, MINUTE, nowOf, poolOf, SECOND } from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** A pod of the cluster's own namespace owned by a ReplicaSet (an application pod). */
function appPod(c: ClusterHandle, index = 0): RawObject {
  const pods = c.pods.filter(
    (p) => p.metadata.namespace === c.namespace && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
  );
  const pod = pods[index % Math.max(1, pods.length)];
  if (!pod) throw new Error(`scenario: ${c.key} has no application pod`);
  return pod;
}

/** A scheduling warning that resolved when the autoscaler added a node. */
function oldFailedScheduling(b: FleetBuilder, c: ClusterHandle, at: number): void {
  b.addEvent(c, 'workload', {
    regarding: appPod(c),
    type: 'Warning',
    reason: 'FailedScheduling',
    message:
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    first: at,
    last: at + 2 * MINUTE,
    count: 4,
    component: 'default-scheduler',
    api: 'events.k8s.io/v1',
    action: 'Scheduling',
  });
}

/** Conflicts on optimistic concurrency that controllers retry: logged as errors, resolved on the next reconcile. */
function retriedConflicts(b: FleetBuilder, c: ClusterHandle, count: number): void {
  const now = nowOf(b);
  const pool = poolOf(c);
  for (let i = 0; i < count; i++) {
    const ts = now - (7 + 8 * i) * MINUTE - i * 311;
    const victim = pool.machines[i % pool.machines.length];
    b.addReconcileLog('capi', {
      ts,
      level: 'error',
      msg: 'Reconciler error',
      object: pool.machineSet,
      cluster: c.name,
      error: `Operation cannot be fulfilled on machines.cluster.x-k8s.io "${victim?.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`,
    });
    b.addReconcileLog('capi', {
      ts: ts + 450,
      msg: 'Reconciling MachineSet',
      object: pool.machineSet,
      cluster: c.name,
    });
  }
  b.addReconcileLog('kubeadm-control-plane', {
    ts: now - 23 * MINUTE,
    level: 'error',
    msg: 'Reconciler error',
    object: c.controlPlane,
    controller: 'kubeadmcontrolplane',
    cluster: c.name,
    error: `Operation cannot be fulfilled on kubeadmcontrolplanes.controlplane.cluster.x-k8s.io "${c.controlPlane.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
  });
}

/** The healthy scenarios. */
export const HEALTHY_SCENARIOS: readonly Scenario[] = [
  {
    id: 'healthy-brief-scale-up',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/book/src/developer/core/controllers/machine.md',
    description:
      'An autoscaler scale-up in progress: one new machine has been Provisioning for 100 seconds, another is ' +
      'Provisioned and waiting 70 seconds for its Node; a third joined two minutes ago. Nothing is wrong.',
    capturedAt: CAPTURED,
    seed: 901,
    healthy: ['shop/prod-eu', 'shop/prod-us', 'infra/lab'],
    build(b) {
      const eu = b.addCluster({
        namespace: 'shop',
        name: 'prod-eu',
        provider: 'aws',
        region: 'eu-west-1',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({
        namespace: 'shop',
        name: 'prod-us',
        provider: 'azure',
        region: 'eastus',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'infra', name: 'lab', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const [a, c] = lastMachines(eu, 2);
      if (!a || !c) throw new Error('scenario: no machines');
      stuckMachine(a, { phase: 'Provisioning', since: now - 100 * SECOND });
      stuckMachine(c, { phase: 'Provisioned', since: now - 160 * SECOND });
      return [];
    },
  },
  {
    id: 'healthy-retried-conflicts',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/6324',
    description:
      'Controllers log write conflicts they retry, every few minutes for an hour, and an old burst of reconcile ' +
      'errors from a brief API outage six hours ago that has since cleared.',
    capturedAt: CAPTURED,
    seed: 902,
    healthy: ['data/etl', 'corp/erp'],
    build(b) {
      const etl = b.addCluster({
        namespace: 'data',
        name: 'etl',
        provider: 'gcp',
        region: 'europe-west4',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const erp = b.addCluster({
        namespace: 'corp',
        name: 'erp',
        provider: 'vsphere',
        region: 'dc-fra',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      const now = nowOf(b);
      retriedConflicts(b, etl, 7);
      retriedConflicts(b, erp, 6);
      for (let i = 0; i < 6; i++) {
        b.addReconcileLog('gcp', {
          ts: now - 6 * HOUR + i * 2 * MINUTE,
          level: 'error',
          msg: 'Reconciler error',
          object: etl.infraCluster,
          controller: 'gcpcluster',
          cluster: etl.name,
          error: 'googleapi: Error 503: Service Unavailable, backendError',
        });
      }
      b.addReconcileLog('gcp', {
        ts: now - 6 * HOUR + 13 * MINUTE,
        msg: 'Reconciling GCPCluster',
        object: etl.infraCluster,
        controller: 'gcpcluster',
        cluster: etl.name,
      });
      return [];
    },
  },
  {
    id: 'healthy-old-resolved-warnings',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/4722',
    description:
      'Warnings that resolved days ago: an InsufficientInstanceCapacity on a machine that has run for three days, ' +
      'a CrashLoop BackOff two days ago, a FailedScheduling and a NodeNotReady from yesterday.',
    capturedAt: CAPTURED,
    seed: 903,
    healthy: ['media/stream', 'media/encode'],
    build(b) {
      const stream = b.addCluster({
        namespace: 'media',
        name: 'stream',
        provider: 'aws',
        region: 'us-west-2',
        createdAt: '2026-11-10T08:00:00Z',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const encode = b.addCluster({
        namespace: 'media',
        name: 'encode',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      const now = nowOf(b);
      const m = machineAt(stream, 2);
      b.addEvent(stream, 'management', {
        regarding: m.infraMachine,
        type: 'Warning',
        reason: 'FailedCreate',
        message:
          'Failed to create instance: failed to run instance: InsufficientInstanceCapacity: We currently do not have sufficient m6i.2xlarge capacity in the Availability Zone you requested (us-west-2b). ' +
          'Our system will be working on provisioning additional capacity.\n\tstatus code: 500, request id: 0e5c1f7a-3d2b-4c8e-9a61-b7f04d2e8c13',
        first: now - 3 * DAY - 5 * HOUR,
        last: now - 3 * DAY - 4 * HOUR,
        count: 6,
        component: 'aws-controller',
      });
      const pod = appPod(encode, 1);
      const container = str(((pod.spec?.containers ?? []) as Fields[])[0]?.name) ?? 'app';
      b.addEvent(encode, 'workload', {
        regarding: pod,
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container ${container} in pod ${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`,
        first: now - 2 * DAY - 3 * HOUR,
        last: now - 2 * DAY - 2 * HOUR,
        count: 17,
        component: 'kubelet',
        host: str(pod.spec?.nodeName) ?? '',
        fieldPath: `spec.containers{${container}}`,
      });
      oldFailedScheduling(b, stream, now - 27 * HOUR);
      const node = machineAt(encode, 0).node;
      if (node) {
        b.addEvent(encode, 'workload', {
          regarding: node,
          reason: 'NodeNotReady',
          message: `Node ${node.metadata.name} status is now: NodeNotReady`,
          first: now - 26 * HOUR,
          component: 'node-controller',
        });
        b.addEvent(encode, 'workload', {
          regarding: node,
          reason: 'NodeReady',
          message: `Node ${node.metadata.name} status is now: NodeReady`,
          first: now - 26 * HOUR + 3 * MINUTE,
          component: 'kubelet',
          host: node.metadata.name,
        });
      }
      return [];
    },
  },
  {
    id: 'healthy-completed-rollout-v1beta1',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/book/src/developer/core/controllers/machine-deployment.md',
    description:
      'A v1beta1 fleet two days after a MachineDeployment rollout: the old MachineSet is kept empty (revision ' +
      'history), the new one owns every machine, and the rollout events are still listed.',
    capturedAt: CAPTURED,
    seed: 904,
    apiVersion: 'v1beta1',
    healthy: ['bank/core', 'bank/cards'],
    build(b) {
      const core = b.addCluster({
        namespace: 'bank',
        name: 'core',
        provider: 'vsphere',
        region: 'dc-zrh',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'bank', name: 'cards', provider: 'metal3', region: 'rack-z1' });
      const now = nowOf(b);
      const pool = poolOf(core);
      const old = structuredClone(pool.machineSet);
      const oldName = `${pool.machineDeployment.metadata.name}-5f8c7d9b4`;
      old.metadata = {
        ...old.metadata,
        name: oldName,
        creationTimestamp: isoSeconds(now - 16 * DAY),
        annotations: {
          ...(old.metadata.annotations ?? {}),
          'machinedeployment.clusters.x-k8s.io/revision': '1',
        },
        labels: { ...(old.metadata.labels ?? {}), 'machine-template-hash': '1736281795' },
      };
      delete old.metadata.uid;
      delete old.metadata.resourceVersion;
      (old.spec ?? (old.spec = {})).replicas = 0;
      old.status = {
        replicas: 0,
        fullyLabeledReplicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        observedGeneration: 3,
        selector: (pool.machineSet.status ?? {}).selector,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: isoSeconds(now - 2 * DAY) }],
      };
      b.addObject('management', old);
      for (const annotated of [pool.machineDeployment, pool.machineSet]) {
        const annotations = annotated.metadata.annotations ?? {};
        annotations['machinedeployment.clusters.x-k8s.io/revision'] = '2';
        annotated.metadata.annotations = annotations;
      }
      b.addEvent(core, 'management', {
        regarding: pool.machineDeployment,
        reason: 'SuccessfulScale',
        message: `Scaled down MachineSet ${core.namespace}/${oldName} to 0 replicas`,
        first: now - 2 * DAY,
        component: 'machinedeployment-controller',
      });
      return [];
    },
  },
  {
    id: 'healthy-remediated-yesterday',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/internal/controllers/machinehealthcheck/machinehealthcheck_controller.go',
    description:
      'One worker was marked unhealthy yesterday and replaced; the replacement has run since. The ' +
      'MachineMarkedUnhealthy and delete events from yesterday are still listed.',
    capturedAt: CAPTURED,
    seed: 905,
    healthy: ['telco/upf', 'telco/oam'],
    build(b) {
      const upf = b.addCluster({
        namespace: 'telco',
        name: 'upf',
        provider: 'openstack',
        region: 'RegionTwo',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'telco', name: 'oam', provider: 'metal3', region: 'rack-t3' });
      const now = nowOf(b);
      const pool = poolOf(upf);
      const at = now - 21 * HOUR;
      const replaced = `${pool.machineSet.metadata.name}-q7z2n`;
      const ghost: RawObject = {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Machine',
        metadata: { name: replaced, namespace: upf.namespace, uid: '3b9f2c71-6a0e-4d8b-91c4-e5f7a2d6c830' },
      };
      b.addEvent(upf, 'management', {
        regarding: ghost,
        reason: 'MachineMarkedUnhealthy',
        message: `Machine ${upf.namespace}/${replaced} has been marked as unhealthy by ${upf.namespace}/${pool.healthCheck.metadata.name}`,
        first: at,
        component: 'machinehealthcheck-controller',
      });
      b.addEvent(upf, 'management', {
        regarding: pool.machineSet,
        reason: 'SuccessfulDelete',
        message: `Deleted machine "${replaced}"`,
        first: at + 15 * SECOND,
        component: 'machineset-controller',
      });
      return [];
    },
  },
  {
    id: 'healthy-seven-providers',
    source: 'https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/book/src/user/troubleshooting.md',
    description:
      'One healthy cluster on each provider with everyday noise: readiness probe blips, CronJob runs, a ' +
      'FailedScheduling from yesterday and a retried conflict.',
    capturedAt: CAPTURED,
    seed: 906,
    healthy: [
      'fleet/aws-1',
      'fleet/azure-1',
      'fleet/gcp-1',
      'fleet/vsphere-1',
      'fleet/openstack-1',
      'fleet/metal3-1',
      'fleet/docker-1',
    ],
    build(b) {
      const now = nowOf(b);
      const providers = ['aws', 'azure', 'gcp', 'vsphere', 'openstack', 'metal3', 'docker'] as const;
      const clusters = providers.map((provider) =>
        b.addCluster({
          namespace: 'fleet',
          name: `${provider}-1`,
          provider,
          controlPlaneReplicas: provider === 'docker' ? 1 : 3,
          pools: [{ name: 'md-0', replicas: 2 }],
        }),
      );
      const [first, second] = clusters;
      if (first) oldFailedScheduling(b, first, now - 30 * HOUR);
      if (second) retriedConflicts(b, second, 2);
      return [];
    },
  },
];
