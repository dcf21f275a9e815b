/** Cluster API, kubeadm, kubelet and workload scenarios, each placed on a provider where it is typical. */
import { nodeNotReady, nodePressure, resync, stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type { ClusterHandle, MachineHandle, RawObject } from '../../../src/testing/fleet-builder.ts';
import type { Fields } from '../../../src/testing/raw.ts';
import { cond } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Expectation, Scenario } from '../scenario.ts';
import {
  connectionDown,
  cloudInitFooter,
  cloudInitHeader,
  DAY,
  failJoin,
  lastMachines,
  machineAt,
  MINUTE,
  names,
  nowOf,
  poolOf,
  reconcileErrors,
  SECOND,
  setCoreConditions,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** Scales a pool's MachineDeployment and MachineSet to `replicas` (the machines stay as they are). */
function scalePool(c: ClusterHandle, pool: string, replicas: number): void {
  const p = poolOf(c, pool);
  for (const obj of [p.machineDeployment, p.machineSet]) (obj.spec ?? (obj.spec = {})).replicas = replicas;
  resync(c);
}

/** Moves a machine's creation (and its Node's and pods') to `at`, as if a rollout had just created it. */
function createdAt(m: MachineHandle, at: number): void {
  for (const obj of [m.machine, m.infraMachine, m.bootstrap]) obj.metadata.creationTimestamp = isoSeconds(at);
  for (const e of m.cluster.managementEvents) {
    if (e.reason === 'SuccessfulCreate' && e.message === `Created machine "${m.name}"`)
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(at);
    if (e.reason === 'SuccessfulSetNodeRef' && (e.involvedObject as Fields | undefined)?.name === m.name)
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
  }
  const node = m.node;
  if (!node) return;
  node.metadata.creationTimestamp = isoSeconds(at + 2 * MINUTE + 30 * SECOND);
  for (const c of ((node.status ?? {}).conditions ?? []) as Fields[])
    if (c.type === 'Ready') c.lastTransitionTime = isoSeconds(at + 2 * MINUTE + 50 * SECOND);
  for (const pod of m.pods) pod.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
}

/** A Machine object that existed once: enough to be the subject of an event after it was deleted. */
function gone(c: ClusterHandle, name: string, uid: string): RawObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name, namespace: c.namespace, uid },
  };
}

/** The core scenarios. */
export const CORE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'kcp-etcd-extra-member',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/2651',
    description:
      'A KCP rollout on bare metal is stuck after a control-plane machine went away but its etcd member stayed: ' +
      'EtcdClusterHealthy is False and KCP keeps recording "there are 3 control plane nodes, but 4 etcd members".',
    capturedAt: CAPTURED,
    seed: 801,
    healthy: ['shop/web'],
    build(b) {
      const c = b.addCluster({
        namespace: 'infra',
        name: 'bm-core',
        provider: 'metal3',
        region: 'rack-d4',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'shop', name: 'web', provider: 'gcp', region: 'europe-west1' });
      const now = nowOf(b);
      const since = now - 64 * MINUTE;
      const text = 'there are 3 control plane nodes, but 4 etcd members';
      setCoreConditions(c, c.controlPlane, [
        cond('EtcdClusterHealthy', 'False', 'NotHealthy', isoSeconds(since), text),
        cond(
          'RollingOut',
          'True',
          'RollingOut',
          isoSeconds(since - 6 * MINUTE),
          '* 1 Machine with a spec change',
        ),
      ]);
      b.addEvent(c, 'management', {
        regarding: c.controlPlane,
        type: 'Warning',
        reason: 'ControlPlaneUnhealthy',
        message: `Waiting for control plane to pass etcd health check to continue reconciliation: ${text}`,
        first: since,
        last: now - MINUTE,
        count: 118,
        component: 'kubeadm-control-plane-controller',
      });
      reconcileErrors(b, c, {
        controllerId: 'kubeadm-control-plane',
        controller: 'kubeadmcontrolplane',
        object: c.controlPlane,
        error: `waiting for control plane to pass etcd health check before removing a control plane machine: ${text}`,
        from: since + 30 * SECOND,
        everyMinutes: 5,
      });
      return [
        { cluster: 'infra/bm-core', category: 'etcd-unhealthy', targets: [c.controlPlane.metadata.name] },
      ];
    },
  },
  {
    id: 'capa-webhook-no-endpoints',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/6115',
    description:
      'The capa webhook pod is gone: the MachineSet controller cannot create AWSMachines for a scale-up because ' +
      'the mutating webhook has no endpoints (FailedCreate events and Reconciler errors on the MachineSet). The ' +
      'webhook name is the AWSMachine one; #6115 shows the same text for the AWSCluster webhook.',
    capturedAt: CAPTURED,
    seed: 802,
    healthy: ['data/etl'],
    build(b) {
      const c = b.addCluster({
        namespace: 'shop',
        name: 'orders',
        provider: 'aws',
        region: 'eu-west-1',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'data', name: 'etl', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      const since = now - 33 * MINUTE;
      scalePool(c, 'md-0', 5);
      const pool = poolOf(c, 'md-0');
      const ms = pool.machineSet;
      const error =
        `failed to clone infrastructure machine from AWSMachineTemplate ${pool.infraTemplate.metadata.name} while creating a machine: ` +
        'Internal error occurred: failed calling webhook "default.awsmachine.infrastructure.cluster.x-k8s.io": failed to call webhook: ' +
        'Post "https://capa-webhook-service.capa-system.svc:443/mutate-infrastructure-cluster-x-k8s-io-v1beta2-awsmachine?timeout=10s": ' +
        'no endpoints available for service "capa-webhook-service"';
      b.addEvent(c, 'management', {
        regarding: ms,
        type: 'Warning',
        reason: 'FailedCreate',
        message: `Failed to create machine: ${error}`,
        first: since,
        last: now - MINUTE,
        count: 19,
        component: 'machineset-controller',
      });
      reconcileErrors(b, c, {
        controllerId: 'capi',
        object: ms,
        error,
        from: since + 5 * SECOND,
        everyMinutes: 3,
      });
      setCoreConditions(c, ms, [
        cond('ScalingUp', 'True', 'ScalingUp', isoSeconds(since), 'Scaling up from 3 to 5 replicas'),
      ]);
      return [{ cluster: 'shop/orders', category: 'webhook-failure', targets: [ms.metadata.name] }];
    },
  },
  {
    id: 'drain-blocked-by-pdb',
    source: 'https://github.com/kubernetes/kops/issues/7820',
    description:
      'A scale-down deletes a worker whose node runs the only ready replica of a PodDisruptionBudget-protected ' +
      'app: drain has been retrying for 48 minutes, "Cannot evict pod as it would violate the pod\'s disruption budget".',
    capturedAt: CAPTURED,
    seed: 803,
    healthy: ['shop/api'],
    build(b) {
      const c = b.addCluster({
        namespace: 'payments',
        name: 'gateway',
        provider: 'azure',
        region: 'uksouth',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'shop', name: 'api', provider: 'aws', region: 'eu-west-2' });
      const now = nowOf(b);
      const since = now - 48 * MINUTE;
      const m = machineAt(c, 2);
      const pod = m.pods.find(
        (p) => p.metadata.namespace === c.namespace && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
      );
      if (!pod || !m.node) throw new Error('scenario: no app pod on the drained node');
      const app =
        pod.metadata.labels?.['app.kubernetes.io/name'] ??
        pod.metadata.name.split('-').slice(0, -2).join('-');
      scalePool(c, 'md-0', 3);
      m.machine.metadata.deletionTimestamp = isoSeconds(since);
      (m.machine.status ?? {}).phase = 'Deleting';
      const node = m.node;
      (node.spec ?? (node.spec = {})).unschedulable = true;
      node.spec.taints = [
        ...((node.spec.taints as Fields[] | undefined) ?? []),
        {
          key: 'node.kubernetes.io/unschedulable',
          effect: 'NoSchedule',
          timeAdded: isoSeconds(since + 2 * SECOND),
        },
      ];
      const evict = `Cannot evict pod as it would violate the pod's disruption budget.`;
      setCoreConditions(c, m.machine, [
        cond(
          'Deleting',
          'True',
          'DrainingNode',
          isoSeconds(since),
          `Drain not completed yet (started at ${isoSeconds(since + 3 * SECOND)}):\n* Pod ${pod.metadata.namespace}/${pod.metadata.name}: ${evict} The disruption budget ${app} needs 1 healthy pods and has 1 currently`,
        ),
      ]);
      b.addEvent(c, 'management', {
        regarding: m.machine,
        type: 'Warning',
        reason: 'FailedDrainNode',
        message: `error draining Machine's node "${node.metadata.name}": error when evicting pod "${pod.metadata.name}" (will retry after 5s): ${evict}`,
        first: since + 25 * SECOND,
        last: now - MINUTE,
        count: 47,
        component: 'machine-controller',
      });
      b.addObject(c, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: app, namespace: c.namespace, creationTimestamp: isoSeconds(now - 9 * DAY) },
        spec: { minAvailable: 1, selector: { matchLabels: { ...(pod.metadata.labels ?? {}) } } },
        status: {
          currentHealthy: 1,
          desiredHealthy: 1,
          disruptionsAllowed: 0,
          expectedPods: 1,
          observedGeneration: 1,
        },
      });
      setCoreConditions(c, poolOf(c, 'md-0').machineSet, [
        cond('ScalingDown', 'True', 'ScalingDown', isoSeconds(since), 'Scaling down from 4 to 3 replicas'),
      ]);
      return [{ cluster: 'payments/gateway', category: 'drain-blocked', targets: [m.name] }];
    },
  },
  {
    id: 'node-pleg-not-healthy',
    source: 'https://github.com/kubernetes/kubernetes/issues/101056',
    description:
      'The container runtime of one worker hangs: the kubelet reports Ready False, "container runtime status check ' +
      'may not have completed yet, PLEG is not healthy", its pods are evicted and the health check flags the Machine.',
    capturedAt: CAPTURED,
    seed: 804,
    healthy: ['ops/logs'],
    build(b) {
      const c = b.addCluster({
        namespace: 'ads',
        name: 'bidder',
        provider: 'gcp',
        region: 'us-central1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'ops', name: 'logs', provider: 'vsphere', region: 'dc-ams' });
      const now = nowOf(b);
      const m = machineAt(c, 1);
      nodeNotReady(m, {
        since: now - 22 * MINUTE,
        reason: 'KubeletNotReady',
        message:
          'container runtime status check may not have completed yet, PLEG is not healthy: pleg was last seen active 16m6.559177445s ago; threshold is 3m0s',
      });
      return [{ cluster: 'ads/bidder', category: 'node-unhealthy', targets: [m.name] }];
    },
  },
  {
    id: 'workload-cluster-unreachable',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-openstack/issues/2491',
    description:
      'The management cluster loses its route to one workload API endpoint: RemoteConnectionProbe turns False, ' +
      'every Machine reports NodeHealthy Unknown (ConnectionDown), capi and KCP log "cluster is not reachable", ' +
      'and the capture could not read the workload cluster.',
    capturedAt: CAPTURED,
    seed: 805,
    healthy: ['iot/ingest'],
    uncaptured: {
      'iot/telemetry': 'Unable to connect to the server: dial tcp 10.40.0.12:6443: i/o timeout',
    },
    build(b) {
      const c = b.addCluster({
        namespace: 'iot',
        name: 'telemetry',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'iot', name: 'ingest', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      connectionDown(b, c, {
        since: now - 41 * MINUTE,
        lastSucceeded: now - 42 * MINUTE,
        error:
          'failed to get client: failed to create cluster accessor: error creating http client and mapper for remote cluster "iot/telemetry": ' +
          'error creating client for remote cluster "iot/telemetry": cluster is not reachable: Get "https://10.40.0.12:6443/?timeout=5s": context deadline exceeded',
      });
      return [
        {
          cluster: 'iot/telemetry',
          category: 'workload-cluster-unreachable',
          accept: ['network-misconfigured'],
          targets: ['telemetry'],
        },
      ];
    },
  },
  {
    id: 'apiserver-serving-certificate-expired',
    source: 'https://github.com/kubevirt/project-infra/pull/4980',
    description:
      'A development cluster whose control-plane machines never rolled in a year: the API server certificate ' +
      'expired three hours ago, every client fails "x509: certificate has expired or is not yet valid", the probe fails.',
    capturedAt: CAPTURED,
    seed: 806,
    healthy: ['dev/tools'],
    uncaptured: {
      'legacy/billing':
        'Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-20T10:29:41Z is after 2026-11-20T07:21:03Z',
    },
    build(b) {
      const c = b.addCluster({
        namespace: 'legacy',
        name: 'billing',
        provider: 'docker',
        controlPlaneReplicas: 1,
        createdAt: '2025-11-20T07:05:00Z',
        pools: [{ name: 'md-0', replicas: 2 }],
      });
      b.addCluster({ namespace: 'dev', name: 'tools', provider: 'docker', controlPlaneReplicas: 1 });
      const expiry = Date.parse('2026-11-20T07:21:03Z');
      const cp = machineAt(c, 0, 'cp');
      const annotations = cp.machine.metadata.annotations ?? {};
      annotations['machine.cluster.x-k8s.io/certificates-expiry'] = isoSeconds(expiry);
      cp.machine.metadata.annotations = annotations;
      resync(c);
      connectionDown(b, c, {
        since: expiry + 40 * SECOND,
        lastSucceeded: expiry - 10 * SECOND,
        error:
          'failed to create cluster accessor: error creating client for remote cluster "legacy/billing": error getting rest mapping: ' +
          'failed to get API group resources: unable to retrieve the complete list of server APIs: v1: Get "https://172.18.0.3:6443/api/v1?timeout=10s": ' +
          'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-20T10:28:55Z is after 2026-11-20T07:21:03Z',
      });
      return [{ cluster: 'legacy/billing', category: 'certificate-expired', targets: ['billing'] }];
    },
  },
  {
    id: 'machineset-kubernetes-version-skew',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/internal/controllers/machineset/machineset_preflight.go',
    description:
      'The control plane was upgraded to v1.34 but a MachineDeployment still pins v1.31: its scale-up is held by ' +
      'the KubernetesVersionSkew preflight check (MachineSet ScalingUp True with the preflight message).',
    capturedAt: CAPTURED,
    seed: 807,
    healthy: ['crm/web'],
    build(b) {
      const c = b.addCluster({
        namespace: 'crm',
        name: 'backend',
        provider: 'gcp',
        region: 'asia-east1',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'crm', name: 'web', provider: 'gcp', region: 'asia-east1' });
      const now = nowOf(b);
      const since = now - 47 * MINUTE;
      const old = 'v1.31.4';
      const pool = poolOf(c, 'md-0');
      for (const obj of [pool.machineDeployment, pool.machineSet]) {
        const template = (obj.spec?.template ?? {}) as { spec?: Fields };
        if (template.spec) template.spec.version = old;
      }
      for (const m of pool.machines) {
        (m.machine.spec ?? {}).version = old;
        const info = (m.node?.status?.nodeInfo ?? {}) as Fields;
        info.kubeletVersion = old;
        info.kubeProxyVersion = old;
      }
      scalePool(c, 'md-0', 5);
      const held =
        'Performing "Scale up" on hold because MachineSet version (1.31.4) and ControlPlane version (1.34.2) do not conform to the kubernetes version skew policy ' +
        'as MachineSet version is more than 2 minor versions older than the ControlPlane version ("KubernetesVersionSkew" preflight failed). ' +
        'The operation will continue after the preflight check(s) pass';
      setCoreConditions(c, pool.machineSet, [
        cond(
          'ScalingUp',
          'True',
          'ScalingUp',
          isoSeconds(since),
          `Scaling up from 3 to 5 replicas is blocked because:\n* ${held}`,
        ),
      ]);
      for (let t = since + 15 * SECOND; t < now; t += 15 * MINUTE) {
        b.addReconcileLog('capi', { ts: t, msg: held, object: pool.machineSet, cluster: c.name });
      }
      return [{ cluster: 'crm/backend', category: 'version-skew', targets: [pool.machineSet.metadata.name] }];
    },
  },
  {
    id: 'mhc-remediation-loop',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/4472',
    description:
      'Workers of a pool never get a Node and the MachineHealthCheck replaces them after the 10 minute startup ' +
      'timeout, again and again: MachineMarkedUnhealthy for seven machines in three hours, two replacements failing now.',
    capturedAt: CAPTURED,
    seed: 808,
    healthy: ['retail/catalog'],
    build(b) {
      const c = b.addCluster({
        namespace: 'retail',
        name: 'checkout-eu',
        provider: 'azure',
        region: 'francecentral',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'retail', name: 'catalog', provider: 'azure', region: 'francecentral' });
      const now = nowOf(b);
      const pool = poolOf(c, 'md-0');
      const mhc = pool.healthCheck;
      const current = lastMachines(c, 2);
      current.forEach((m, i) =>
        stuckMachine(m, { phase: 'Provisioned', since: now - (24 - 5 * i) * MINUTE }),
      );
      const marked = (machine: RawObject, at: number): void => {
        b.addEvent(c, 'management', {
          regarding: machine,
          reason: 'MachineMarkedUnhealthy',
          message: `Machine ${c.namespace}/${machine.metadata.name} has been marked as unhealthy by ${c.namespace}/${mhc.metadata.name}`,
          first: at,
          component: 'machinehealthcheck-controller',
        });
        b.addEvent(c, 'management', {
          regarding: pool.machineSet,
          reason: 'SuccessfulDelete',
          message: `Deleted machine "${machine.metadata.name}"`,
          first: at + 20 * SECOND,
          component: 'machineset-controller',
        });
      };
      const prefix = pool.machineSet.metadata.name;
      ['x7k2p', 'b9qrt', 'm4dzl', 'w2hcs', 'k8vfn'].forEach((suffix, i) => {
        marked(
          gone(c, `${prefix}-${suffix}`, `7c1d4e2a-51f3-4b0a-9e6d-2f8a3c5b7d${10 + i}`),
          now - (170 - 28 * i) * MINUTE,
        );
      });
      current.forEach((m, i) => marked(m.machine, now - (13 - 5 * i) * MINUTE));
      return [{ cluster: 'retail/checkout-eu', category: 'remediation-storm', targets: names(current) }];
    },
  },
  {
    id: 'rollout-kubelet-regression',
    source: 'https://github.com/kubernetes/kubernetes/issues/138388',
    description:
      'A MachineDeployment rollout moves workers from v1.30 to v1.31; soon after the new machines join, the ' +
      "storefront's error ratio steps from 0.3% to 4.5% (pods on the new kubelet hit RunContainerError).",
    capturedAt: CAPTURED,
    seed: 809,
    healthy: ['shop/search'],
    build(b) {
      const c = b.addCluster({
        namespace: 'shop',
        name: 'storefront',
        provider: 'aws',
        region: 'us-east-2',
        kubernetesVersion: 'v1.31.2',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'shop', name: 'search', provider: 'aws', region: 'us-east-2' });
      const now = nowOf(b);
      const start = now - 58 * MINUTE;
      const pool = poolOf(c, 'md-0');
      pool.machineSet.metadata.creationTimestamp = isoSeconds(start - 20 * SECOND);
      for (const obj of [pool.machineDeployment, pool.machineSet]) {
        const annotations = obj.metadata.annotations ?? {};
        annotations['machinedeployment.clusters.x-k8s.io/revision'] = '4';
        obj.metadata.annotations = annotations;
      }
      pool.machines.forEach((m, i) => createdAt(m, start + i * 6 * MINUTE));
      resync(c);
      b.addEvent(c, 'management', {
        regarding: pool.machineDeployment,
        reason: 'SuccessfulCreate',
        message: `Created MachineSet ${c.namespace}/${pool.machineSet.metadata.name}`,
        first: start - 20 * SECOND,
        component: 'machinedeployment-controller',
      });
      const step = start + 21 * MINUTE;
      const points: [number, number][] = [];
      for (let t = now - 120 * MINUTE, k = 0; t <= now; t += MINUTE, k++) {
        const base = 0.003 + ((k * 7) % 5) * 0.0002;
        const value = t >= step ? 0.045 + ((k * 3) % 4) * 0.001 : base;
        points.push([Math.floor(t / 1000), Number(value.toFixed(4))]);
      }
      b.addMetric(c, 'http-error-ratio', [
        { labels: { __name__: 'http_error_ratio', service: 'storefront', namespace: c.namespace }, points },
      ]);
      return [
        {
          cluster: 'shop/storefront',
          category: 'workload-regression',
          targets: [...names(pool.machines), pool.machineDeployment.metadata.name],
        },
      ];
    },
  },
  {
    id: 'join-api-server-timeout-boot-log-only',
    source: 'https://github.com/kubernetes/kubeadm/issues/2740',
    description:
      'A new network security group blocks the workers of a pool from the API server: kubeadm join times out ' +
      '"couldn\'t validate the identity of the API Server". The error is only in the machines\' cloud-init output.',
    capturedAt: CAPTURED,
    seed: 810,
    healthy: ['fin/reports'],
    build(b) {
      const c = b.addCluster({
        namespace: 'fin',
        name: 'risk',
        provider: 'azure',
        region: 'swedencentral',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'fin', name: 'reports', provider: 'metal3', region: 'rack-f1' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      const endpoint = '10.0.0.4';
      stuck.forEach((m, i) => {
        const since = now - (37 - 6 * i) * MINUTE;
        failJoin(b, m, {
          since,
          lines: [
            ...cloudInitHeader(since + 75 * SECOND, 14.2),
            '[preflight] Running pre-flight checks',
            `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${endpoint}:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)`,
            'To see the stack trace of this error execute with --v=5 or higher',
            ...cloudInitFooter(since + 7 * MINUTE, 'DataSourceAzure [seed=/dev/sr0]'),
          ],
        });
      });
      return [{ cluster: 'fin/risk', category: 'network-misconfigured', targets: names(stuck) }];
    },
  },
  {
    id: 'cp-join-etcd-learner-timeout',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-azure/issues/5687',
    description:
      'During a KCP scale-up the new control-plane machine times out adding its etcd member (slow disks): ' +
      'cloud-init output ends in "context deadline exceeded / error creating local etcd static pod manifest file".',
    capturedAt: CAPTURED,
    seed: 811,
    healthy: ['mobile/push'],
    build(b) {
      const c = b.addCluster({
        namespace: 'mobile',
        name: 'backend',
        provider: 'azure',
        region: 'eastus',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'mobile', name: 'push', provider: 'gcp', region: 'us-east1' });
      const now = nowOf(b);
      const m = machineAt(c, 2, 'cp');
      const since = now - 33 * MINUTE;
      const stamp = (offset: number): string => {
        const d = new Date(since + offset);
        return `[${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}]`;
      };
      const klog = (offset: number): string => {
        const d = new Date(since + offset);
        return `I${d.toISOString().slice(5, 7)}${d.toISOString().slice(8, 10)} ${d.toISOString().slice(11, 23)}000    1609`;
      };
      failJoin(b, m, {
        since,
        lines: [
          ...cloudInitHeader(since + 60 * SECOND),
          `${stamp(150_000)} [control-plane-join] Using existing control plane certificates`,
          `${stamp(151_000)} [etcd] Announced new etcd member joining to the existing etcd cluster`,
          `${stamp(152_000)} ${klog(152_000)} local.go:157] [etcd] Adding etcd member: https://10.0.0.6:2380`,
          `${stamp(154_000)} context deadline exceeded`,
          `${stamp(154_000)} error creating local etcd static pod manifest file`,
          `${stamp(154_000)} k8s.io/kubernetes/cmd/kubeadm/app/cmd/phases/join.runEtcdPhase`,
          `${stamp(154_000)} error execution phase control-plane-join/etcd: error creating local etcd static pod manifest file: context deadline exceeded`,
          ...cloudInitFooter(since + 155_000, 'DataSourceAzure [seed=/dev/sr0]'),
        ],
      });
      b.addEvent(c, 'management', {
        regarding: c.controlPlane,
        type: 'Warning',
        reason: 'ControlPlaneUnhealthy',
        message: `Waiting for control plane to pass preflight checks to continue reconciliation: [Machine ${m.name} does not have a corresponding Node yet (Machine.status.nodeRef not set)]`,
        first: since + 3 * MINUTE,
        last: now - MINUTE,
        count: 57,
        component: 'kubeadm-control-plane-controller',
      });
      return [
        {
          cluster: 'mobile/backend',
          category: 'etcd-unhealthy',
          accept: ['bootstrap-failure'],
          targets: [m.name],
        },
      ];
    },
  },
  {
    id: 'management-egress-blocked-two-clusters',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/6324',
    description:
      'A firewall change on the management network cuts it off from two workload API endpoints in the same ' +
      'project: both probes fail, KCP logs "error creating client and cache for remote cluster ... context deadline exceeded".',
    capturedAt: CAPTURED,
    seed: 812,
    healthy: ['games/match'],
    uncaptured: {
      'games/lobby-eu': 'Unable to connect to the server: dial tcp 10.128.0.9:443: i/o timeout',
      'games/lobby-us': 'Unable to connect to the server: dial tcp 10.132.0.7:443: i/o timeout',
    },
    build(b) {
      const clusters = ['lobby-eu', 'lobby-us'].map((name, i) =>
        b.addCluster({
          namespace: 'games',
          name,
          provider: 'gcp',
          region: i === 0 ? 'europe-west1' : 'us-west1',
          pools: [{ name: 'md-0', replicas: 3 }],
        }),
      );
      b.addCluster({ namespace: 'games', name: 'match', provider: 'aws', region: 'eu-west-1' });
      const now = nowOf(b);
      return clusters.map((c, i): Expectation => {
        connectionDown(b, c, {
          since: now - (36 - i) * MINUTE,
          lastSucceeded: now - (37 - i) * MINUTE,
          error: `failed to create remote cluster client: error creating client and cache for remote cluster: error creating dynamic rest mapper for remote cluster "games/${c.name}": context deadline exceeded`,
        });
        return {
          cluster: c.key,
          category: 'workload-cluster-unreachable',
          accept: ['network-misconfigured'],
          targets: [c.name],
          together: clusters.map((x) => x.key),
        };
      });
    },
  },
  {
    id: 'drain-waiting-for-volume-detach',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/13508',
    description:
      'A deleted worker drained but an EBS volume stays attached to it: the Machine has been in Deleting, ' +
      'WaitingForVolumeDetach, for 35 minutes while the VolumeAttachment still points at its node.',
    capturedAt: CAPTURED,
    seed: 813,
    healthy: ['ml/notebooks'],
    build(b) {
      const c = b.addCluster({
        namespace: 'db',
        name: 'postgres',
        provider: 'aws',
        region: 'ap-southeast-2',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'ml', name: 'notebooks', provider: 'gcp', region: 'australia-southeast1' });
      const now = nowOf(b);
      const since = now - 35 * MINUTE;
      const m = machineAt(c, 0);
      if (!m.node) throw new Error('scenario: no node');
      scalePool(c, 'md-0', 3);
      m.machine.metadata.deletionTimestamp = isoSeconds(since - 3 * MINUTE);
      (m.machine.status ?? {}).phase = 'Deleting';
      const node = m.node;
      (node.spec ?? (node.spec = {})).unschedulable = true;
      const pv = 'pvc-e3d18bb4-98a7-474a-a636-68e933b6a572';
      setCoreConditions(c, m.machine, [
        cond(
          'Deleting',
          'True',
          'WaitingForVolumeDetach',
          isoSeconds(since),
          `Waiting for Node volumes to be detached (started at ${isoSeconds(since)})\n* PersistentVolumes: ${pv}`,
        ),
      ]);
      b.addEvent(c, 'management', {
        regarding: m.machine,
        type: 'Warning',
        reason: 'FailedWaitForVolumeDetach',
        message: `error waiting for node volumes detaching, Machine's node "${node.metadata.name}": Node still has 1 volumes attached: ${pv}`,
        first: since + 30 * SECOND,
        last: now - MINUTE,
        count: 34,
        component: 'machine-controller',
      });
      b.addObject(c, {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: {
          name: 'csi-5a1f0c2e9b7d43e68c4f1a2b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
          creationTimestamp: isoSeconds(now - 6 * DAY),
        },
        spec: {
          attacher: 'ebs.csi.aws.com',
          nodeName: node.metadata.name,
          source: { persistentVolumeName: pv },
        },
        status: {
          attached: true,
          detachError: {
            time: isoSeconds(now - 4 * MINUTE),
            message:
              'rpc error: code = Internal desc = Could not detach volume "vol-0610bdf1017a8d7a8" from node "' +
              m.site.instanceId +
              '": context deadline exceeded',
          },
        },
      });
      return [
        { cluster: 'db/postgres', category: 'drain-blocked', accept: ['storage-failure'], targets: [m.name] },
      ];
    },
  },
  {
    id: 'node-memory-pressure',
    source: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    description:
      'A batch job without limits fills the memory of one worker: the kubelet reports MemoryPressure, taints the ' +
      'node and evicts a pod ("The node was low on resource: memory").',
    capturedAt: CAPTURED,
    seed: 814,
    healthy: ['lab/perf'],
    build(b) {
      const c = b.addCluster({
        namespace: 'science',
        name: 'genomics',
        provider: 'vsphere',
        region: 'dc-basel',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'lab', name: 'perf', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const m = machineAt(c, 3);
      nodePressure(m, 'MemoryPressure', { since: now - 19 * MINUTE });
      return [{ cluster: 'science/genomics', category: 'node-unhealthy', targets: [m.name] }];
    },
  },
  {
    id: 'kcp-remediation-retry-period',
    source:
      'https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/book/src/tasks/automated-machine-management/healthchecking.md',
    description:
      'A control-plane machine keeps failing its health check; KCP already replaced it within the retry period ' +
      'and now refuses ("can\'t remediate this machine because the operation already failed in the latest 1h0m0s").',
    capturedAt: CAPTURED,
    seed: 815,
    healthy: ['branch/office-7'],
    build(b) {
      const c = b.addCluster({
        namespace: 'branch',
        name: 'office-9',
        provider: 'vsphere',
        region: 'dc-office-9',
        pools: [{ name: 'md-0', replicas: 2 }],
      });
      b.addCluster({ namespace: 'branch', name: 'office-7', provider: 'vsphere', region: 'dc-office-7' });
      const now = nowOf(b);
      const m = machineAt(c, 2, 'cp');
      stuckMachine(m, { phase: 'Provisioned', since: now - 36 * MINUTE });
      const cpCheck = b.addObject('management', {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'MachineHealthCheck',
        metadata: {
          name: `${c.name}-control-plane-mhc`,
          namespace: c.namespace,
          creationTimestamp: c.cluster.metadata.creationTimestamp,
          labels: { 'cluster.x-k8s.io/cluster-name': c.name },
        },
        spec: {
          clusterName: c.name,
          selector: { matchLabels: { 'cluster.x-k8s.io/control-plane': '' } },
          checks: { nodeStartupTimeoutSeconds: 600 },
        },
        status: {
          expectedMachines: 3,
          currentHealthy: 2,
          remediationsAllowed: 1,
          targets: names(c.controlPlaneMachines),
        },
      });
      const at = isoSeconds(now - 26 * MINUTE);
      const refused =
        "KubeadmControlPlane can't remediate this machine because the operation already failed in the latest 1h0m0s (RetryPeriodSeconds)";
      setCoreConditions(c, m.machine, [
        cond(
          'HealthCheckSucceeded',
          'False',
          'NodeStartupTimeout',
          at,
          'Node failed to report startup in 10m0s',
        ),
        cond('OwnerRemediated', 'False', 'RemediationDeferred', at, refused),
      ]);
      setCoreConditions(c, c.controlPlane, [
        cond('Remediating', 'True', 'RemediationDeferred', at, `* Machine ${m.name}: ${refused}`),
      ]);
      b.addEvent(c, 'management', {
        regarding: m.machine,
        reason: 'MachineMarkedUnhealthy',
        message: `Machine ${c.namespace}/${m.name} has been marked as unhealthy by ${c.namespace}/${cpCheck.metadata.name}`,
        first: now - 26 * MINUTE,
        component: 'machinehealthcheck-controller',
      });
      b.addEvent(c, 'management', {
        regarding: c.controlPlane,
        type: 'Warning',
        reason: 'RemediationDeferred',
        message: `A control plane machine needs remediation, but the operation already failed in the latest 1h0m0s. Skipping remediation`,
        first: now - 25 * MINUTE,
        last: now - 2 * MINUTE,
        count: 12,
        component: 'kubeadm-control-plane-controller',
      });
      return [{ cluster: 'branch/office-9', category: 'remediation-storm', targets: [m.name] }];
    },
  },
];
