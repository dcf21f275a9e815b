/** OpenStack (CAPO) scenarios: Nova, Neutron and boot failure texts from public issue reports. */
import { cond } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import {
  cloudInitFooter,
  cloudInitHeader,
  failJoin,
  failProvisioning,
  infraClusterNotReady,
  lastMachines,
  machineAt,
  MINUTE,
  names,
  nowOf,
  reconcileErrors,
  SECOND,
  setCoreConditions,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The openstack scenarios. */
export const OPENSTACK_SCENARIOS: readonly Scenario[] = [
  {
    id: 'openstack-instances-quota',
    source: 'https://github.com/gophercloud/gophercloud/issues/2912',
    description:
      'The project reached its instance quota: Nova rejects the server create with 403 "Quota exceeded for ' +
      'instances". The OpenStackMachines, their events and the capo log carry the Nova answer.',
    capturedAt: CAPTURED,
    seed: 501,
    healthy: ['lab/sandbox'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'core-5g',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'lab', name: 'sandbox', provider: 'aws', region: 'us-west-2' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const message =
          'error creating Openstack instance: Request forbidden: [POST http://10.1.0.30/compute/v2.1/servers], error message: ' +
          '{"forbidden": {"code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"}}';
        failProvisioning(b, m, {
          since: now - (34 - 3 * i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceCreateFailed' },
          event: { reason: 'Failedcreateserver', component: 'openstackmachine-controller' },
          log: {},
        });
      });
      return [{ cluster: 'telco/core-5g', category: 'cloud-quota-exceeded', targets: names(stuck) }];
    },
  },
  {
    id: 'openstack-hosts-exhausted',
    source: 'https://github.com/inercia/terraform-provider-kubeadm/issues/34',
    description:
      'Nova schedules the new servers but every compute host fails the build: the servers go to ERROR with fault ' +
      '"Exceeded maximum number of retries. Exhausted all hosts available", shown on InstanceReady.',
    capturedAt: CAPTURED,
    seed: 502,
    healthy: ['corp/git'],
    build(b) {
      const c = b.addCluster({
        namespace: 'univ',
        name: 'hpc',
        provider: 'openstack',
        region: 'RegionTwo',
        pools: [{ name: 'md-0', replicas: 4, instanceType: 'r1.xlarge' }],
      });
      b.addCluster({ namespace: 'corp', name: 'git', provider: 'azure', region: 'germanywestcentral' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const server =
          ['1451041c-da04-478c-93dd-0acb60dd149a', '67dd33cb-d68b-4f46-aa3b-f408f66cd936'][i] ?? '';
        const message = `Instance state is ERROR: Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${server}.`;
        failProvisioning(b, m, {
          since: now - (28 - 4 * i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceStateError' },
          event: { reason: 'InstanceStateError', component: 'openstackmachine-controller' },
        });
      });
      return [{ cluster: 'univ/hpc', category: 'capacity-unavailable', targets: names(stuck) }];
    },
  },
  {
    id: 'openstack-floating-ip-not-associated',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-openstack/issues/1269',
    description:
      'After the API load balancer is recreated, CAPO cannot associate its floating IP with the VIP port ' +
      '(Failedassociatefloatingip events, reconcile errors); APIEndpointReady and the Cluster infrastructure go False.',
    capturedAt: CAPTURED,
    seed: 503,
    healthy: ['media/cdn'],
    build(b) {
      const c = b.addCluster({
        namespace: 'gov',
        name: 'portal',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'media', name: 'cdn', provider: 'gcp', region: 'us-east4' });
      const now = nowOf(b);
      const since = now - 43 * MINUTE;
      const text =
        'Failed to associate floating IP 172.24.4.157 with port 33b2a9ef-88ce-4a3f-918f-939234df824f: Resource not found';
      b.addEvent(c, 'management', {
        regarding: c.infraCluster,
        type: 'Warning',
        reason: 'Failedassociatefloatingip',
        message: text,
        first: since,
        last: now - 2 * MINUTE,
        count: 14,
        component: 'openstack-controller',
      });
      reconcileErrors(b, c, {
        object: c.infraCluster,
        controller: 'openstackcluster',
        error: `failed to reconcile load balancer: ${text}`,
        from: since + 10 * SECOND,
        everyMinutes: 3,
      });
      infraClusterNotReady(c, {
        type: 'APIEndpointReady',
        reason: 'LoadBalancerReconcileError',
        message: `failed to reconcile load balancer: ${text}`,
        since,
      });
      return [
        {
          cluster: 'gov/portal',
          category: 'load-balancer-failure',
          accept: ['network-misconfigured'],
          targets: [c.infraCluster.metadata.name],
        },
      ];
    },
  },
  {
    id: 'openstack-resolver-down-cp-join',
    source: 'https://github.com/kubernetes/kubernetes/issues/123901',
    description:
      'A control-plane machine of a rollout boots from an image whose resolver points at a stub that is not ' +
      'running: kubeadm join cannot pull images ("lookup registry.k8s.io on [::1]:53 ... connection refused"). ' +
      'Only the boot log shows it; KCP waits on a Machine without Node.',
    capturedAt: CAPTURED,
    seed: 504,
    healthy: ['edu/lms'],
    build(b) {
      const c = b.addCluster({
        namespace: 'bank',
        name: 'ledger',
        provider: 'openstack',
        region: 'RegionThree',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'edu', name: 'lms', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const m = machineAt(c, 2, 'cp');
      const since = now - 38 * MINUTE;
      const v = c.kubernetesVersion;
      const pull = (component: string, pid: number): string =>
        `\t[ERROR ImagePull]: failed to pull image registry.k8s.io/${component}:${v}: output: E1120 09:54:0${pid % 10}.989013   ${pid} remote_image.go:180] "PullImage from image service failed" ` +
        `err="rpc error: code = Unknown desc = failed to pull and unpack image \\"registry.k8s.io/${component}:${v}\\": failed to resolve reference \\"registry.k8s.io/${component}:${v}\\": ` +
        `failed to do request: Head \\"https://registry.k8s.io/v2/${component}/manifests/${v}\\": dial tcp: lookup registry.k8s.io on [::1]:53: read udp [::1]:46078->[::1]:53: read: connection refused" image="registry.k8s.io/${component}:${v}"`;
      failJoin(b, m, {
        since,
        lines: [
          ...cloudInitHeader(since + 85 * SECOND),
          '[preflight] Running pre-flight checks',
          '[preflight] Reading configuration from the cluster...',
          "[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'",
          '[preflight] Running pre-flight checks before initializing the new control plane instance',
          '[preflight] Pulling images required for setting up a Kubernetes cluster',
          '[preflight] This might take a minute or two, depending on the speed of your internet connection',
          "[preflight] You can also perform this action beforehand using 'kubeadm config images pull'",
          'error execution phase preflight: [preflight] Some fatal errors occurred:',
          pull('kube-apiserver', 41570),
          pull('kube-controller-manager', 41607),
          pull('kube-scheduler', 41644),
          '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`',
          'To see the stack trace of this error execute with --v=5 or higher',
          ...cloudInitFooter(since + 2 * MINUTE, 'DataSourceOpenStackLocal [net,ver=2]'),
        ],
      });
      b.addEvent(c, 'management', {
        regarding: c.controlPlane,
        type: 'Warning',
        reason: 'ControlPlaneUnhealthy',
        message: `Waiting for control plane to pass preflight checks to continue reconciliation: [Machine ${m.name} does not have a corresponding Node yet (Machine.status.nodeRef not set)]`,
        first: since + 2 * MINUTE,
        last: now - MINUTE,
        count: 61,
        component: 'kubeadm-control-plane-controller',
      });
      setCoreConditions(c, c.controlPlane, [
        cond(
          'ScalingUp',
          'True',
          'ScalingUp',
          isoSeconds(since),
          `Scaling up from 2 to 3 replicas is blocked because:\n* Machine ${m.name} does not have a corresponding Node yet (Machine.status.nodeRef not set)`,
        ),
      ]);
      return [{ cluster: 'bank/ledger', category: 'dns-failure', targets: [m.name] }];
    },
  },
];
