/**
 * Evidence-shape scenarios: the same kinds of faults as the provider catalogs, but with the root cause in places
 * and forms the other scenarios do not use (klog-format controller logs, boot logs only, node-problem-detector
 * conditions, events.k8s.io/v1 events, a brand-new cluster whose infrastructure never came up, a blocked KCP
 * rollout, a fault across three namespaces, v1beta1 fleets, two faults in one fleet, stuck deletions).
 */
import { recreateElsewhere } from '../../../src/testing/fault-support.ts';
import { removeNode } from '../../../src/testing/faults.ts';
import { resync, stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type {
  ClusterHandle,
  FleetBuilder,
  MachineHandle,
  RawObject,
} from '../../../src/testing/fleet-builder.ts';
import type { Fields } from '../../../src/testing/raw.ts';
import { cond, oldCond, str } from '../../../src/testing/raw.ts';
import { syncRollups } from '../../../src/testing/rollups.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Expectation, Scenario } from '../scenario.ts';
import {
  appPodOn,
  fakeUuid,
  connectionDown,
  cloudInitHeader,
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
  setCoreConditions,
  setNodeCondition,
  workersWaitForControlPlane,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

// ---------------------------------------------------------------------------------------------------------------
// Helpers local to these scenarios
// ---------------------------------------------------------------------------------------------------------------

/** A klog text line (`E1120 09:58:03.552019       1 controller.go:347] ...`) as controllers print it by default. */
function klogLine(level: 'I' | 'W' | 'E', ms: number, source: string, text: string): string {
  const iso = new Date(ms).toISOString();
  const micros = `${iso.slice(20, 23)}${String((ms * 7) % 1000).padStart(3, '0')}`;
  return `${level}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${micros}       1 ${source}] ${text}`;
}

/** klog key/value pairs, values quoted the way Go's %q does for ASCII text. */
function kv(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
}

/** The controller-runtime key/value pairs of a reconcile of `obj` in klog text form. */
function klogObject(obj: RawObject, controller: string, reconcileID: string): string {
  const ns = obj.metadata.namespace ?? '';
  const group = obj.apiVersion.split('/')[0] ?? '';
  return kv({
    controller,
    controllerGroup: group,
    controllerKind: obj.kind,
    [obj.kind]: `${ns}/${obj.metadata.name}`,
    namespace: ns,
    name: obj.metadata.name,
    reconcileID,
  });
}

/** The container log path of a management controller pod. */
function managementLogPathOf(b: FleetBuilder, id: Parameters<FleetBuilder['controllerPod']>[0]): string {
  const pod = b.controllerPod(id);
  return `logs/management/${pod.namespace}/${pod.pod}/${pod.container}.log`;
}

/** Drops every line the builder generated for one controller's log (to rewrite that log in another format). */
function dropControllerLog(b: FleetBuilder, id: Parameters<FleetBuilder['controllerPod']>[0]): void {
  const path = managementLogPathOf(b, id);
  for (const c of b.clusters) {
    for (let i = c.logs.length - 1; i >= 0; i--) if (c.logs[i]?.path === path) c.logs.splice(i, 1);
  }
}

/** Scales a pool's MachineDeployment and MachineSet to `replicas` (the machines stay as they are). */
function scalePool(c: ClusterHandle, pool: string, replicas: number): void {
  const p = poolOf(c, pool);
  for (const obj of [p.machineDeployment, p.machineSet]) (obj.spec ?? (obj.spec = {})).replicas = replicas;
  resync(c);
}

/** Any application pod of the cluster. */
function anyAppPod(c: ClusterHandle, index = 0): RawObject {
  const pods = c.pods.filter(
    (p) => p.metadata.namespace === c.namespace && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
  );
  const pod = pods[index % Math.max(1, pods.length)];
  if (!pod) throw new Error(`scenario: ${c.key} has no application pod`);
  return pod;
}

/** A copy of `pod` as a new pod of the same ReplicaSet (new name and uid), without status. */
function siblingPod(pod: RawObject, suffix: string, at: number, uid: string): RawObject {
  const copy = structuredClone(pod);
  const base = pod.metadata.name.split('-').slice(0, -1).join('-');
  copy.metadata = {
    ...copy.metadata,
    name: `${base}-${suffix}`,
    uid,
    creationTimestamp: isoSeconds(at),
  };
  delete copy.metadata.resourceVersion;
  copy.status = {};
  return copy;
}

/** Moves a machine's creation (and its Node's and pods') to `at`, as if a rollout had just created it. */
function createdAt(m: MachineHandle, at: number): void {
  for (const obj of [m.machine, m.infraMachine, m.bootstrap]) obj.metadata.creationTimestamp = isoSeconds(at);
  for (const e of m.cluster.managementEvents) {
    const about = (e.involvedObject ?? e.regarding) as Fields | undefined;
    if (about?.uid !== m.machine.metadata.uid) continue;
    if (e.reason === 'SuccessfulSetNodeRef')
      e.firstTimestamp = e.lastTimestamp = e.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
  }
  const node = m.node;
  if (!node) return;
  node.metadata.creationTimestamp = isoSeconds(at + 2 * MINUTE + 30 * SECOND);
  for (const c of ((node.status ?? {}).conditions ?? []) as Fields[])
    c.lastTransitionTime = isoSeconds(at + 2 * MINUTE + 50 * SECOND);
  for (const pod of m.pods) pod.metadata.creationTimestamp = isoSeconds(at + 3 * MINUTE);
}

const AZURE_CLIENT = '0b9c21e4-5d37-4f0a-8a61-3e7f2c9d4b18';
const AZURE_RULE = '-'.repeat(80);

/** An Azure SDK (track 2) ResponseError text, as CAPZ wraps it. */
function azureResponseError(opts: {
  method: string;
  url: string;
  status: string;
  code: string;
  message: string;
}): string {
  const body = JSON.stringify({ error: { code: opts.code, message: opts.message } }, null, 2);
  return `${opts.method} ${opts.url}\n${AZURE_RULE}\nRESPONSE ${opts.status}\nERROR CODE: ${opts.code}\n${AZURE_RULE}\n${body}\n${AZURE_RULE}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios
// ---------------------------------------------------------------------------------------------------------------

/** The evidence-shape scenarios. */
export const SHAPE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'shape-gcp-image-missing-klog-log-only',
    source: 'https://github.com/docker-archive/infrakit.gcp/issues/1',
    description:
      'A new GCP pool references a custom image that an image-retention job deleted: every instance insert fails ' +
      'with "The referenced image resource cannot be found". CAPG sets no condition message; the text is only in ' +
      'the capg controller log, which runs with the default klog text format (not JSON).',
    capturedAt: CAPTURED,
    seed: 1101,
    healthy: ['ops/grafana'],
    build(b) {
      const c = b.addCluster({
        namespace: 'ml',
        name: 'feature-store',
        provider: 'gcp',
        region: 'europe-west4',
        pools: [
          { name: 'md-0', replicas: 3 },
          { name: 'highmem', replicas: 2, instanceType: 'n2-highmem-16' },
        ],
      });
      b.addCluster({ namespace: 'ops', name: 'grafana', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      const project = 'acme-ml-prod-7f3k';
      const image = `projects/acme-ml-images/global/images/cluster-api-ubuntu-2404-v1-34-2-20260914`;
      const pool = poolOf(c, 'highmem');
      const tplSpec = ((pool.infraTemplate.spec ?? {}).template as Fields | undefined)?.spec as
        Fields | undefined;
      if (tplSpec) tplSpec.image = image;
      const stuck = lastMachines(c, 2, 'highmem');
      const error =
        "googleapi: Error 400: Invalid value for field 'resource.disks[0].initializeParams.sourceImage': " +
        `'https://www.googleapis.com/compute/v1/${image}'. The referenced image resource cannot be found., invalid`;
      // The provider runs with the default text logging format: rewrite its whole log as klog lines.
      dropControllerLog(b, 'gcp');
      const lines: { ts: number; text: string }[] = [];
      let n = 0;
      for (const m of c.machines) {
        if (stuck.includes(m)) continue;
        const ts = now - (50 - 3 * (n % 12)) * MINUTE - n * 977;
        lines.push({
          ts,
          text: klogLine(
            'I',
            ts,
            'gcpmachine_controller.go:171',
            `"Reconciling GCPMachine" ${klogObject(m.infraMachine, 'gcpmachine', fakeUuid(++n))}`,
          ),
        });
      }
      for (let t = now - 55 * MINUTE; t < now; t += 11 * MINUTE) {
        lines.push({
          ts: t + 431,
          text: klogLine(
            'I',
            t + 431,
            'gcpcluster_controller.go:142',
            `"Reconciling GCPCluster" ${klogObject(c.infraCluster, 'gcpcluster', fakeUuid(++n))}`,
          ),
        });
      }
      stuck.forEach((m, i) => {
        const since = now - (31 - 4 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioning', since });
        const spec = m.infraMachine.spec ?? (m.infraMachine.spec = {});
        spec.image = image;
        for (let t = since + 40 * SECOND, k = 0; t < now - MINUTE; t += (4 + (k % 3)) * MINUTE, k++) {
          const id = fakeUuid(++n);
          const obj = klogObject(m.infraMachine, 'gcpmachine', id);
          lines.push({
            ts: t,
            text: klogLine('I', t, 'gcpmachine_controller.go:171', `"Reconciling GCPMachine" ${obj}`),
          });
          lines.push({
            ts: t + 1200,
            text: klogLine(
              'I',
              t + 1200,
              'instances.go:106',
              `"Creating an instance for a machine" ${obj} instance=${JSON.stringify(m.name)} project=${JSON.stringify(project)}`,
            ),
          });
          lines.push({
            ts: t + 1650,
            text: klogLine(
              'E',
              t + 1650,
              'instances.go:109',
              `"Error creating an instance" err=${JSON.stringify(error)} ${obj} name=${JSON.stringify(m.name)}`,
            ),
          });
          lines.push({
            ts: t + 1652,
            text: klogLine(
              'E',
              t + 1652,
              'controller.go:347',
              `"Reconciler error" err=${JSON.stringify(error)} ${obj}`,
            ),
          });
        }
      });
      lines.sort((a, z) => a.ts - z.ts);
      b.addLog(
        { plane: 'management', ...b.controllerPod('gcp') },
        lines.map((l) => l.text),
      );
      return [{ cluster: 'ml/feature-store', category: 'image-not-found', targets: names(stuck) }];
    },
  },
  {
    id: 'shape-vsphere-join-token-expired-boot-log-only',
    source: 'https://github.com/Knappek/Knappek.github.io/blob/main/docs/tanzu/tkgs/disaster-recovery.md',
    description:
      'Two workers of a scale-up were created while the kubeadm bootstrap controller was scaled down for a ' +
      'management-cluster upgrade; their bootstrap tokens expired and the token cleaner removed them before the VMs ' +
      'booted. kubeadm join retries discovery ("could not find a JWS signature in the cluster-info ConfigMap"); the ' +
      'VMs run, the Machines stay Provisioned, and the text is only in their cloud-init output.',
    capturedAt: CAPTURED,
    seed: 1102,
    healthy: ['corp/wiki'],
    build(b) {
      const c = b.addCluster({
        namespace: 'factory',
        name: 'scada',
        provider: 'vsphere',
        region: 'dc-ber',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'corp', name: 'wiki', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      const stamp = (ms: number): string => {
        const iso = new Date(ms).toISOString();
        return `[${iso.slice(0, 10)} ${iso.slice(11, 19)}]`;
      };
      const rfc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
      const klogTime = (ms: number, pid: number): string => {
        const iso = new Date(ms).toISOString();
        return `I${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}${String(ms % 1000).padStart(3, '0')}    ${pid}`;
      };
      const phase =
        "'kubeadm join phase preflight --ignore-preflight-errors=DirAvailable--etc-kubernetes-manifests'";
      stuck.forEach((m, i) => {
        const since = now - (44 - 5 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioned', since });
        const token = ['5j3q2p', 'x8kd1w'][i] ?? 'abcdef';
        const boot = since + 3 * MINUTE;
        const lines = [...cloudInitHeader(boot, 21.7)];
        let pid = 1244 + 97 * i;
        for (let t = boot + 30 * SECOND; t < now - 2 * MINUTE; t += 5 * MINUTE + 15 * SECOND, pid += 61) {
          lines.push(`${stamp(t)} +++ [${rfc(t)}] running ${phase}`);
          lines.push(`${stamp(t)} [preflight] Running pre-flight checks`);
          for (let k = 0; k < 4; k++) {
            const at = t + (1 + 70 * k) * SECOND;
            lines.push(
              `${stamp(at)} ${klogTime(at, pid)} token.go:223] [discovery] The cluster-info ConfigMap does not yet contain a JWS signature for token ID "${token}", will try again`,
            );
          }
          const end = t + 5 * MINUTE;
          lines.push(
            `${stamp(end)} error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${token}"`,
          );
          lines.push(`${stamp(end)} To see the stack trace of this error execute with --v=5 or higher`);
          lines.push(`${stamp(end)} !!! [${rfc(end)}] kubeadm reported failed action(s) for ${phase}`);
        }
        b.addBootLog(m, 'cloud-init-output.log', lines);
      });
      return [{ cluster: 'factory/scada', category: 'bootstrap-failure', targets: names(stuck) }];
    },
  },
  {
    id: 'shape-aws-readonly-rootfs-node-problem-detector',
    source: 'https://github.com/kubernetes/node-problem-detector/issues/274',
    description:
      'The EBS root volume of one worker hits I/O errors and the kernel remounts it read-only. The kubelet keeps ' +
      'reporting Ready (kubernetes#99126), so Cluster API and the health check see nothing; node-problem-detector ' +
      'sets ReadonlyFilesystem True and every pod scheduled there fails with UnexpectedAdmissionError ' +
      '("read-only file system"). The evidence is only in the Node conditions and workload events.',
    capturedAt: CAPTURED,
    seed: 1103,
    healthy: ['ops/ci-runners'],
    build(b) {
      const c = b.addCluster({
        namespace: 'ads',
        name: 'reporting',
        provider: 'aws',
        region: 'us-east-1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      const ops = b.addCluster({ namespace: 'ops', name: 'ci-runners', provider: 'gcp', region: 'us-east4' });
      const now = nowOf(b);
      const m = machineAt(c, 1);
      const node = m.node;
      if (!node) throw new Error('scenario: no node');
      const since = now - 41 * MINUTE;
      const kernel = 'EXT4-fs (nvme0n1p1): Remounting filesystem read-only';
      // node-problem-detector runs on every node of both clusters.
      for (const cl of [c, ops]) {
        for (const n of cl.nodes) {
          const created = Date.parse(str(n.metadata.creationTimestamp) ?? CAPTURED);
          const bad = n === node;
          setNodeCondition(n, 'KernelDeadlock', {
            status: 'False',
            reason: 'KernelHasNoDeadlock',
            message: 'kernel has no deadlock',
            since: created + 40 * SECOND,
            heartbeat: now - 23 * SECOND,
          });
          setNodeCondition(n, 'ReadonlyFilesystem', {
            status: bad ? 'True' : 'False',
            reason: bad ? 'FilesystemIsReadOnly' : 'FilesystemIsNotReadOnly',
            message: bad ? kernel : 'Filesystem is not read-only',
            since: bad ? since : created + 40 * SECOND,
            heartbeat: now - 23 * SECOND,
          });
        }
      }
      const host = node.metadata.name;
      b.addEvent(c, 'workload', {
        regarding: node,
        type: 'Warning',
        reason: 'FilesystemIsReadOnly',
        message: `Node condition ReadonlyFilesystem is now: True, reason: FilesystemIsReadOnly, message: "${kernel}"`,
        first: since,
        component: 'kernel-monitor',
        host,
      });
      // The ReplicaSets keep placing pods on the node (it is Ready and schedulable); the kubelet rejects each one.
      const template = appPodOn(m) ?? anyAppPod(c);
      for (let k = 0; k < 6; k++) {
        const at = since + (4 + 6 * k) * MINUTE;
        const pod = siblingPod(
          template,
          ['q7x2m', 'h4c9d', 'w2k8r', 'b6n3t', 'z9p5v', 'm1f7s'][k] ?? `p${k}`,
          at,
          fakeUuid(1103 + k),
        );
        (pod.spec ?? (pod.spec = {})).nodeName = host;
        const checkpoint = `.${String(54640323 + 7919 * k)}`;
        const reason = `Update plugin resources failed due to failed to write checkpoint file "kubelet_internal_checkpoint": open /var/lib/kubelet/device-plugins/${checkpoint}: read-only file system, which is unexpected.`;
        pod.status = {
          phase: 'Failed',
          reason: 'UnexpectedAdmissionError',
          message: `Pod ${reason}`,
          startTime: isoSeconds(at + SECOND),
        };
        b.addObject(c, pod);
        b.addEvent(c, 'workload', {
          regarding: pod,
          reason: 'Scheduled',
          message: `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name} to ${host}`,
          first: at,
          component: 'default-scheduler',
          api: 'events.k8s.io/v1',
          action: 'Binding',
        });
        b.addEvent(c, 'workload', {
          regarding: pod,
          type: 'Warning',
          reason: 'UnexpectedAdmissionError',
          message: reason,
          first: at + SECOND,
          component: 'kubelet',
          host,
        });
      }
      return [
        {
          cluster: 'ads/reporting',
          category: 'node-unhealthy',
          accept: ['storage-failure'],
          targets: [m.name],
        },
      ];
    },
  },
  {
    id: 'shape-openstack-port-no-ip-events-v1-only',
    source: 'https://github.com/redhat-performance/jetpack/issues/70',
    description:
      'The tenant network of a cluster has no free address left: Neutron answers 409 IpAddressGenerationFailure ' +
      'when CAPO creates the ports of two new workers. No condition carries the text; it is only in Warning ' +
      'FailedCreatePort events, which this capture holds in the events.k8s.io/v1 form (note/regarding/series).',
    capturedAt: CAPTURED,
    seed: 1104,
    healthy: ['dev/sandbox'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'ims',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      b.addCluster({ namespace: 'dev', name: 'sandbox', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      const network = 'be3a70aa-6e55-42f3-9a7e-613267fa78f5';
      stuck.forEach((m, i) => {
        const since = now - (38 - 5 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioning', since });
        const neutron =
          'Expected HTTP response code [201] when accessing [POST https://neutron.telco.example:9696/v2.0/ports], but got 409 instead ' +
          `{"NeutronError": {"type": "IpAddressGenerationFailure", "message": "No more IP addresses available on network ${network}.", "detail": ""}}`;
        b.addEvent(c, 'management', {
          regarding: m.infraMachine,
          type: 'Warning',
          reason: 'FailedCreatePort',
          message: `Failed to create port ${m.name}-0: ${neutron}`,
          first: since + 50 * SECOND,
          last: now - 2 * MINUTE,
          count: 14 - 2 * i,
          component: 'openstack-controller',
          api: 'events.k8s.io/v1',
        });
      });
      return [{ cluster: 'telco/ims', category: 'ip-exhaustion', targets: names(stuck) }];
    },
  },
  {
    id: 'shape-azure-new-cluster-subnet-outside-vnet',
    source: 'https://github.com/MicrosoftDocs/azure-docs/pull/123869',
    description:
      'A brand-new cluster (42 minutes old) whose AzureCluster narrows the VNet to 10.0.0.0/16 but keeps the node ' +
      'subnet at 10.1.0.0/16: ARM rejects the subnet (NetcfgSubnetRangeOutsideVnet), the AzureCluster never becomes ' +
      'ready, KCP creates no control-plane machine, every worker Machine waits in Pending, and no kubeconfig exists.',
    capturedAt: CAPTURED,
    seed: 1105,
    healthy: ['payments/ledger-us', 'corp/print'],
    uncaptured: {
      'payments/ledger-eu':
        'reading Secret payments/ledger-eu-kubeconfig: Error from server (NotFound): secrets "ledger-eu-kubeconfig" not found',
    },
    build(b) {
      const now = nowOf(b);
      const created = now - 42 * MINUTE;
      const c = b.addCluster({
        namespace: 'payments',
        name: 'ledger-eu',
        provider: 'azure',
        region: 'westeurope',
        createdAt: isoSeconds(created),
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'payments', name: 'ledger-us', provider: 'azure', region: 'eastus' });
      b.addCluster({ namespace: 'corp', name: 'print', provider: 'vsphere', region: 'dc-fra' });

      // KCP never creates a machine while the infrastructure is not provisioned: drop what the builder generated.
      const removed = new Set<string>();
      for (const m of c.controlPlaneMachines) {
        for (const obj of [m.machine, m.infraMachine, m.bootstrap]) removed.add(obj.metadata.uid ?? '');
        if (m.node) removeNode(c, m.node);
      }
      const cpNames = new Set(c.controlPlaneMachines.map((m) => m.name));
      c.controlPlaneMachines.splice(0);
      for (let i = c.machines.length - 1; i >= 0; i--) {
        const m = c.machines[i];
        if (m && cpNames.has(m.name)) c.machines.splice(i, 1);
      }
      for (let i = c.managementEvents.length - 1; i >= 0; i--) {
        const about = (c.managementEvents[i]?.involvedObject ?? c.managementEvents[i]?.regarding) as
          Fields | undefined;
        if (removed.has(str(about?.uid) ?? '')) c.managementEvents.splice(i, 1);
      }
      for (let i = c.logs.length - 1; i >= 0; i--) {
        const text = c.logs[i]?.text ?? '';
        if ([...cpNames].some((n) => text.includes(n))) c.logs.splice(i, 1);
      }
      const workers = workersWaitForControlPlane(c, created);
      syncRollups(c);

      // The AzureCluster spec: the VNet was narrowed, the node subnet was not.
      const spec = c.infraCluster.spec ?? {};
      const net = (spec.networkSpec ?? {}) as Fields;
      const vnet = (net.vnet ?? {}) as Fields;
      vnet.cidrBlocks = ['10.0.0.0/16'];
      delete spec.controlPlaneEndpoint;
      delete (c.cluster.spec ?? {}).controlPlaneEndpoint;
      const sub = str(spec.subscriptionID) ?? '';
      const subnet = `${c.name}-node-subnet`;
      const vnetName = `${c.name}-vnet`;
      const arm = azureResponseError({
        method: 'PUT',
        url: `https://management.azure.com/subscriptions/${sub}/resourceGroups/${c.name}/providers/Microsoft.Network/virtualNetworks/${vnetName}/subnets/${subnet}`,
        status: '400: Bad Request',
        code: 'NetcfgSubnetRangeOutsideVnet',
        message: `Subnet '${subnet}' is not valid because its IP address range is outside the IP address range of virtual network '${vnetName}'.`,
      });
      const inner = `failed to create or update resource ${c.name}/${subnet} (service: subnets): ${arm}`;
      const wrapped = `failed to reconcile cluster services: ${inner}`;
      const since = created + 50 * SECOND;
      reconcileErrors(b, c, {
        object: c.infraCluster,
        controller: 'azurecluster',
        error: wrapped,
        from: since,
        everyMinutes: 3,
      });
      b.addEvent(c, 'management', {
        regarding: c.infraCluster,
        type: 'Warning',
        reason: 'ClusterReconcilerNormalFailed',
        message: wrapped,
        first: since,
        last: now - MINUTE,
        count: 13,
        component: 'azurecluster-reconciler',
      });
      for (let t = created + 30 * SECOND; t < now; t += 10 * MINUTE) {
        b.addReconcileLog('kubeadm-control-plane', {
          ts: t,
          msg: 'Cluster infrastructure is not ready yet',
          object: c.controlPlane,
          controller: 'kubeadmcontrolplane',
          cluster: c.name,
        });
      }
      infraClusterNotReady(c, {
        type: 'SubnetsReady',
        reason: 'Failed',
        message: inner,
        since,
      });
      infraClusterNotReady(c, {
        type: 'NetworkInfrastructureReady',
        reason: 'Failed',
        message: wrapped,
        since,
      });

      // Status of a Cluster and a KubeadmControlPlane that never got past infrastructure.
      const at = isoSeconds(since);
      const createdIso = isoSeconds(created);
      const mirrored = `* AzureCluster ${c.infraCluster.metadata.name}: ${wrapped}`;
      const kcpName = c.controlPlane.metadata.name;
      const mdName = poolOf(c).machineDeployment.metadata.name;
      const workersMsg = `* MachineDeployment ${mdName}: 0 available replicas, at least 3 required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is 3)`;
      const conditions = [
        cond(
          'Available',
          'False',
          'NotAvailable',
          at,
          `* InfrastructureReady: ${mirrored}\n* ControlPlaneAvailable: Control plane not yet initialized\n* WorkersAvailable:\n  ${workersMsg}\n* RemoteConnectionProbe: Remote connection not established yet`,
        ),
        cond('InfrastructureReady', 'False', 'Failed', at, mirrored),
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
        cond('ControlPlaneMachinesReady', 'True', 'NoReplicas', createdIso),
        cond(
          'WorkerMachinesReady',
          'False',
          'NotReady',
          createdIso,
          `* Machines ${names(workers).join(', ')}:\n  * BootstrapConfigReady: Waiting for Cluster control plane to be initialized\n  * InfrastructureReady: AzureMachine status.ready is false`,
        ),
        cond(
          'RemoteConnectionProbe',
          'False',
          'RemoteConnectionProbeFailed',
          createdIso,
          'Remote connection not established yet',
        ),
        cond('RollingOut', 'False', 'NotRollingOut', createdIso),
        cond(
          'ScalingUp',
          'True',
          'ScalingUp',
          createdIso,
          '* KubeadmControlPlane: Scaling up from 0 to 3 replicas',
        ),
        cond('ScalingDown', 'False', 'NotScalingDown', createdIso),
        cond('Remediating', 'False', 'NotRemediating', createdIso),
        cond('Deleting', 'False', 'NotDeleting', createdIso),
        cond('Paused', 'False', 'NotPaused', createdIso),
      ];
      c.cluster.status = {
        phase: 'Provisioning',
        observedGeneration: 1,
        initialization: { infrastructureProvisioned: false, controlPlaneInitialized: false },
        controlPlane: {
          desiredReplicas: 3,
          replicas: 0,
          readyReplicas: 0,
          availableReplicas: 0,
          upToDateReplicas: 0,
        },
        workers: {
          desiredReplicas: 3,
          replicas: 3,
          readyReplicas: 0,
          availableReplicas: 0,
          upToDateReplicas: 3,
        },
        conditions,
        deprecated: {
          v1beta1: {
            conditions: [
              oldCond('Ready', 'False', at, 'Failed', wrapped, 'Error'),
              oldCond(
                'ControlPlaneInitialized',
                'False',
                createdIso,
                'WaitingForControlPlaneProviderInitialized',
                '',
                'Info',
              ),
              oldCond('ControlPlaneReady', 'False', createdIso, 'WaitingForControlPlane', '', 'Info'),
              oldCond('InfrastructureReady', 'False', at, 'Failed', wrapped, 'Error'),
            ],
          },
        },
      };
      c.controlPlane.status = {
        observedGeneration: 1,
        selector: `cluster.x-k8s.io/cluster-name=${c.name},cluster.x-k8s.io/control-plane`,
        replicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        upToDateReplicas: 0,
        initialization: { controlPlaneInitialized: false },
        conditions: [
          cond('Available', 'False', 'NotAvailable', createdIso, 'Control plane not yet initialized'),
          cond('Initialized', 'False', 'NotInitialized', createdIso),
          cond('CertificatesAvailable', 'True', 'Available', createdIso),
          cond('EtcdClusterHealthy', 'Unknown', 'HealthUnknown', createdIso),
          cond('ControlPlaneComponentsHealthy', 'Unknown', 'HealthUnknown', createdIso),
          cond('MachinesReady', 'True', 'NoReplicas', createdIso),
          cond('MachinesUpToDate', 'True', 'NoReplicas', createdIso),
          cond('RollingOut', 'False', 'NotRollingOut', createdIso),
          cond('ScalingUp', 'True', 'ScalingUp', createdIso, 'Scaling up from 0 to 3 replicas'),
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
            updatedReplicas: 0,
            unavailableReplicas: 0,
          },
        },
      };
      return [
        {
          cluster: 'payments/ledger-eu',
          category: 'network-misconfigured',
          targets: [c.infraCluster.metadata.name, ...names(workers)],
        },
      ];
    },
  },
  {
    id: 'shape-vsphere-kcp-rollout-blocked-etcd-crashloop',
    source: 'https://github.com/etcd-io/etcd/issues/18642',
    description:
      'A control-plane upgrade to v1.34.2 is requested, but the etcd member on one control-plane VM has been ' +
      'crash-looping since a datastore outage corrupted its bbolt file ("panic: freepages: failed to get all ' +
      'reachable pages"). KCP refuses to create the first new machine: EtcdClusterHealthy False, ControlPlaneUnhealthy ' +
      'events, RollingOut True with nothing rolling; the panic is in the etcd pod log of the workload cluster.',
    capturedAt: CAPTURED,
    seed: 1106,
    healthy: ['energy/billing'],
    build(b) {
      const c = b.addCluster({
        namespace: 'energy',
        name: 'grid-ops',
        provider: 'vsphere',
        region: 'dc-ams',
        kubernetesVersion: 'v1.33.5',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'energy', name: 'billing', provider: 'vsphere', region: 'dc-ams' });
      const now = nowOf(b);
      const crashSince = now - 53 * MINUTE;
      const upgradeAt = now - 38 * MINUTE;
      const target = 'v1.34.2';
      const bad = machineAt(c, 1, 'cp');
      const node = bad.node;
      if (!node) throw new Error('scenario: no node');
      const host = node.metadata.name;
      const etcdPod = c.pods.find((p) => p.metadata.name === `etcd-${host}`);
      if (!etcdPod) throw new Error('scenario: no etcd pod');
      (c.controlPlane.spec ?? (c.controlPlane.spec = {})).version = target;

      // The etcd static pod crash-loops.
      const status = etcdPod.status ?? (etcdPod.status = {});
      for (const cnd of (status.conditions ?? []) as Fields[]) {
        if (cnd.type === 'Ready' || cnd.type === 'ContainersReady')
          Object.assign(cnd, { status: 'False', lastTransitionTime: isoSeconds(crashSince) });
      }
      const lastExit = now - 3 * MINUTE - 12 * SECOND;
      for (const cs of (status.containerStatuses ?? []) as Fields[]) {
        cs.ready = false;
        cs.started = false;
        cs.restartCount = 15;
        cs.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=etcd pod=etcd-${host}_kube-system(${etcdPod.metadata.uid ?? ''})`,
          },
        };
        cs.lastState = {
          terminated: {
            exitCode: 2,
            reason: 'Error',
            startedAt: isoSeconds(lastExit - 2 * SECOND),
            finishedAt: isoSeconds(lastExit),
            containerID: `containerd://${'4f1c9e0a7b3d52e6'.repeat(4)}`,
          },
        };
      }
      b.addEvent(c, 'workload', {
        regarding: etcdPod,
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container etcd in pod etcd-${host}_kube-system(${etcdPod.metadata.uid ?? ''})`,
        first: crashSince + 40 * SECOND,
        last: now - 20 * SECOND,
        count: 231,
        component: 'kubelet',
        host,
        fieldPath: 'spec.containers{etcd}',
      });
      const iso = (ms: number): string =>
        `${new Date(ms).toISOString().slice(0, 23)}${String(ms % 1000).padStart(3, '0')}Z`;
      const etcdJson = (ms: number, caller: string, msg: string, extra: Fields = {}): string =>
        JSON.stringify({ level: 'info', ts: iso(ms), caller, msg, ...extra });
      const start = lastExit - 2 * SECOND;
      b.addLog(
        { plane: 'workload', cluster: c, namespace: 'kube-system', pod: `etcd-${host}`, container: 'etcd' },
        [
          etcdJson(start, 'etcdmain/etcd.go:64', 'Running: ', {
            args: [
              'etcd',
              '--advertise-client-urls=https://' + bad.site.ip + ':2379',
              '--data-dir=/var/lib/etcd',
              `--name=${host}`,
            ],
          }),
          etcdJson(start + 3, 'embed/etcd.go:140', 'configuring peer listeners', {
            'listen-peer-urls': [`https://${bad.site.ip}:2380`],
          }),
          etcdJson(start + 41, 'embed/etcd.go:308', 'starting an etcd server', {
            'etcd-version': '3.6.4',
            'data-dir': '/var/lib/etcd',
            name: host,
          }),
          etcdJson(start + 188, 'etcdserver/backend.go:81', 'opened backend db', {
            path: '/var/lib/etcd/member/snap/db',
            took: '1.402315ms',
          }),
          'panic: freepages: failed to get all reachable pages (page 1407: multiple references (stack: [44412 14397 2892 1407]))',
          '',
          'goroutine 147 [running]:',
          'go.etcd.io/bbolt.(*DB).freepages.func2()',
          '\t/go/pkg/mod/go.etcd.io/bbolt@v1.4.3/db.go:1248 +0x8d',
          'created by go.etcd.io/bbolt.(*DB).freepages in goroutine 1',
          '\t/go/pkg/mod/go.etcd.io/bbolt@v1.4.3/db.go:1246 +0x1dc',
        ],
      );

      // Conditions as KCP writes them (set after the last resync, which would recompute them).
      resync(c);
      const crashIso = isoSeconds(crashSince + 90 * SECOND);
      const upIso = isoSeconds(upgradeAt);
      const member = `Failed to connect to the etcd Pod on the ${host} Node: context deadline exceeded`;
      for (const m of c.controlPlaneMachines) {
        setCoreConditions(c, m.machine, [
          cond('UpToDate', 'False', 'NotUpToDate', upIso, `* Version v1.33.5, ${target} required`),
        ]);
      }
      setCoreConditions(c, bad.machine, [
        cond('EtcdPodHealthy', 'False', 'Failed', crashIso, 'CrashLoopBackOff'),
        cond('EtcdMemberHealthy', 'Unknown', 'InspectionFailed', crashIso, member),
        cond(
          'Ready',
          'False',
          'NotReady',
          crashIso,
          `* EtcdPodHealthy: CrashLoopBackOff\n* EtcdMemberHealthy: ${member}`,
        ),
      ]);
      syncRollups(c);
      const kcp = c.controlPlane;
      setCoreConditions(c, kcp, [
        cond(
          'EtcdClusterHealthy',
          'False',
          'NotHealthy',
          crashIso,
          `* Machine ${bad.name}:\n  * EtcdMemberHealthy: ${member}`,
        ),
        cond(
          'ControlPlaneComponentsHealthy',
          'False',
          'NotHealthy',
          crashIso,
          `* Machine ${bad.name}:\n  * EtcdPodHealthy: CrashLoopBackOff`,
        ),
        cond(
          'RollingOut',
          'True',
          'RollingOut',
          upIso,
          `Rolling out 3 not up-to-date replicas\n* Version v1.33.5, ${target} required`,
        ),
      ]);
      const preflight = `[Machine ${bad.name} reports EtcdPodHealthy condition is false (CrashLoopBackOff), Machine ${bad.name} reports EtcdMemberHealthy condition is unknown (${member})]`;
      b.addEvent(c, 'management', {
        regarding: kcp,
        type: 'Warning',
        reason: 'ControlPlaneUnhealthy',
        message: `Waiting for control plane to pass preflight checks to continue reconciliation: ${preflight}`,
        first: upgradeAt + 5 * SECOND,
        last: now - 30 * SECOND,
        count: 149,
        component: 'kubeadm-control-plane-controller',
      });
      for (let t = upgradeAt + 5 * SECOND, k = 0; t < now; t += 4 * MINUTE + (k % 3) * 17 * SECOND, k++) {
        b.addReconcileLog('kubeadm-control-plane', {
          ts: t,
          msg: 'Waiting for control plane to pass preflight checks',
          object: kcp,
          controller: 'kubeadmcontrolplane',
          cluster: c.name,
          fields: { failures: preflight.slice(1, -1) },
        });
      }
      return [
        {
          cluster: 'energy/grid-ops',
          category: 'etcd-unhealthy',
          targets: [bad.name, kcp.metadata.name],
        },
      ];
    },
  },
  {
    id: 'shape-aws-vcpu-limit-three-namespaces',
    source: 'https://github.com/bentoml/bentoctl/issues/202',
    description:
      'Three teams run clusters in their own namespaces, all in one AWS account and region: scale-ups in the three ' +
      'clusters hit the account-wide vCPU limit (VcpuLimitExceeded). One cause, one incident; a cluster of the same ' +
      'fleet in another region scales normally.',
    capturedAt: CAPTURED,
    seed: 1107,
    healthy: ['team-web/web-prod'],
    build(b) {
      const teams = [
        { namespace: 'team-search', name: 'search-prod', stuck: 2 },
        { namespace: 'team-recs', name: 'recs-prod', stuck: 1 },
        { namespace: 'team-ads', name: 'ads-prod', stuck: 2 },
      ];
      const clusters = teams.map((t) =>
        b.addCluster({
          namespace: t.namespace,
          name: t.name,
          provider: 'aws',
          region: 'us-west-2',
          pools: [{ name: 'md-0', replicas: 5, instanceType: 'c6i.8xlarge' }],
        }),
      );
      b.addCluster({ namespace: 'team-web', name: 'web-prod', provider: 'aws', region: 'eu-west-1' });
      const now = nowOf(b);
      const keys = clusters.map((c) => c.key);
      return clusters.map((c, k): Expectation => {
        const stuck = lastMachines(c, teams[k]?.stuck ?? 1);
        stuck.forEach((m, i) => {
          const message =
            'failed to create AWSMachine instance: failed to run instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 512 allows ' +
            'for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.\n' +
            `\tstatus code: 400, request id: ${fakeUuid(1107 + 10 * k + i)}`;
          failProvisioning(b, m, {
            since: now - (33 - 6 * k - 2 * i) * MINUTE,
            message,
            condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
            event: {
              reason: 'FailedCreate',
              message: `Failed to create instance: ${message.replace('failed to create AWSMachine instance: ', '')}`,
              component: 'aws-controller',
            },
            log: {},
          });
        });
        return { cluster: c.key, category: 'cloud-quota-exceeded', targets: names(stuck), together: keys };
      });
    },
  },
  {
    id: 'shape-metal3-no-available-host-v1beta1',
    source: 'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
    description:
      'A v1beta1 fleet: a store cluster is scaled from 4 to 6 workers but every BareMetalHost of the rack is ' +
      'already consumed. The two new Metal3Machines report AssociateBMH False "No available host found".',
    capturedAt: CAPTURED,
    seed: 1108,
    apiVersion: 'v1beta1',
    healthy: ['corp/files'],
    build(b) {
      const c = b.addCluster({
        namespace: 'edge',
        name: 'pos-eu',
        provider: 'metal3',
        region: 'rack-e2',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      b.addCluster({ namespace: 'corp', name: 'files', provider: 'vsphere', region: 'dc-zrh' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        // No host was ever associated: the machine has no BareMetalHost.
        for (let k = m.extras.length - 1; k >= 0; k--)
          if (m.extras[k]?.kind === 'BareMetalHost') m.extras.splice(k, 1);
        stuckMachine(m, {
          phase: 'Provisioning',
          since: now - (26 - 2 * i) * MINUTE,
          infraCondition: {
            type: 'AssociateBMH',
            reason: 'AssociateBMHFailed',
            message: 'No available host found. Requeuing.. Object will be requeued after 30s',
            severity: 'Warning',
          },
        });
      });
      return [{ cluster: 'edge/pos-eu', category: 'capacity-unavailable', targets: names(stuck) }];
    },
  },
  {
    id: 'shape-two-faults-docker-lb-and-gcp-quota',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/7740',
    description:
      'Two unrelated faults in one fleet. (1) The haproxy load-balancer container of a CAPD cluster was stopped ' +
      'during host maintenance: CAPD logs "load balancer IP cannot be empty", the management cluster cannot reach ' +
      'the API server and the capture could not read the cluster. (2) A GCP scale-up exceeds the regional CPUS ' +
      'quota ("Quota \'CPUS\' exceeded", text from https://github.com/mesosphere-backup/terraform-dcos/issues/61).',
    capturedAt: CAPTURED,
    seed: 1109,
    healthy: ['dev/playground'],
    uncaptured: {
      'dev/kind-ci': 'Unable to connect to the server: dial tcp 172.18.0.4:6443: connect: no route to host',
    },
    build(b) {
      const d = b.addCluster({
        namespace: 'dev',
        name: 'kind-ci',
        provider: 'docker',
        controlPlaneReplicas: 1,
        pools: [{ name: 'md-0', replicas: 2 }],
      });
      const g = b.addCluster({
        namespace: 'data',
        name: 'spark',
        provider: 'gcp',
        region: 'us-east1',
        pools: [{ name: 'md-0', replicas: 6, instanceType: 'n2-standard-16' }],
      });
      b.addCluster({ namespace: 'dev', name: 'playground', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);

      // (1) CAPD: the -lb container exists but is stopped, so it has no IP.
      const since = now - 29 * MINUTE;
      const lbError = `failed to get ip for the load balancer: load balancer IP cannot be empty: container ${d.name}-lb does not have an associated IP address`;
      reconcileErrors(b, d, {
        object: d.infraCluster,
        controller: 'devcluster',
        error: lbError,
        from: since + 15 * SECOND,
        everyMinutes: 3,
      });
      connectionDown(b, d, {
        since: since + 40 * SECOND,
        lastSucceeded: since,
        error:
          'failed to get client: failed to create cluster accessor: error creating http client and mapper for remote cluster "dev/kind-ci": ' +
          'error creating client for remote cluster "dev/kind-ci": error getting rest mapping: failed to get API group resources: ' +
          'unable to retrieve the complete list of server APIs: v1: Get "https://172.18.0.4:6443/api/v1?timeout=10s": dial tcp 172.18.0.4:6443: connect: no route to host',
      });
      infraClusterNotReady(d, {
        type: 'LoadBalancerAvailable',
        reason: 'LoadBalancerProvisioningFailed',
        message: lbError,
        since,
      });

      // (2) GCP: regional CPUS quota.
      const stuck = lastMachines(g, 2);
      stuck.forEach((m, i) => {
        failProvisioning(b, m, {
          since: now - (24 - 3 * i) * MINUTE,
          message:
            "googleapi: Error 403: Quota 'CPUS' exceeded.  Limit: 72.0 in region us-east1., quotaExceeded",
          condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
          log: {},
        });
      });
      return [
        {
          cluster: 'dev/kind-ci',
          category: 'load-balancer-failure',
          targets: [d.infraCluster.metadata.name],
        },
        { cluster: 'data/spark', category: 'cloud-quota-exceeded', targets: names(stuck) },
      ];
    },
  },
  {
    id: 'shape-healthy-rollout-scaleup-old-warnings',
    source:
      'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/clusterapi/README.md',
    description:
      'A healthy fleet with realistic noise: the cluster-autoscaler started a scale-up two minutes ago (pending pods, ' +
      'FailedScheduling and TriggeredScaleUp events, one machine Provisioning, one waiting for its Node); a KCP ' +
      'rollout finished 50 minutes ago (its ControlPlaneUnhealthy warnings are still listed); old resolved warnings ' +
      '(a BareMetalHost inspection error three days ago, a NodeNotReady blip, a Neutron 503 four hours ago).',
    capturedAt: CAPTURED,
    seed: 1110,
    healthy: ['retail/web', 'retail/api', 'retail/stores'],
    build(b) {
      const web = b.addCluster({
        namespace: 'retail',
        name: 'web',
        provider: 'openstack',
        region: 'RegionOne',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      const api = b.addCluster({
        namespace: 'retail',
        name: 'api',
        provider: 'azure',
        region: 'northeurope',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      const stores = b.addCluster({
        namespace: 'retail',
        name: 'stores',
        provider: 'metal3',
        region: 'rack-r4',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      const now = nowOf(b);

      // 1. Autoscaler scale-up from 3 to 5, two minutes old.
      const pool = poolOf(web);
      const [a, z] = lastMachines(web, 2);
      if (!a || !z) throw new Error('scenario: no machines');
      stuckMachine(a, { phase: 'Provisioning', since: now - 2 * MINUTE });
      stuckMachine(z, { phase: 'Provisioned', since: now - 2 * MINUTE + 4 * SECOND });
      setCoreConditions(web, pool.machineSet, [
        cond(
          'ScalingUp',
          'True',
          'ScalingUp',
          isoSeconds(now - 2 * MINUTE),
          'Scaling up from 3 to 5 replicas',
        ),
      ]);
      setCoreConditions(web, pool.machineDeployment, [
        cond(
          'ScalingUp',
          'True',
          'ScalingUp',
          isoSeconds(now - 2 * MINUTE),
          `Scaling up from 3 to 5 replicas\n* MachineSet ${pool.machineSet.metadata.name}: Scaling up from 3 to 5 replicas`,
        ),
      ]);
      const nodeGroup = `MachineDeployment/${web.namespace}/${pool.machineDeployment.metadata.name}`;
      const template = anyAppPod(web, 1);
      for (let k = 0; k < 3; k++) {
        const at = now - 2 * MINUTE - 40 * SECOND + k * 3 * SECOND;
        const pod = siblingPod(template, ['r8d2k', 'v3m9x', 'c5j1q'][k] ?? `p${k}`, at, fakeUuid(1110 + k));
        delete (pod.spec ?? {}).nodeName;
        pod.status = {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: isoSeconds(at),
              reason: 'Unschedulable',
              message:
                '0/8 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 5 Insufficient cpu. preemption: 0/8 nodes are available: 3 Preemption is not helpful for scheduling, 5 No preemption victims found for incoming pod.',
            },
          ],
          qosClass: 'Burstable',
        };
        b.addObject(web, pod);
        b.addEvent(web, 'workload', {
          regarding: pod,
          type: 'Warning',
          reason: 'FailedScheduling',
          message:
            '0/8 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 5 Insufficient cpu. preemption: 0/8 nodes are available: 3 Preemption is not helpful for scheduling, 5 No preemption victims found for incoming pod.',
          first: at + SECOND,
          last: now - 20 * SECOND,
          count: 3,
          component: 'default-scheduler',
          api: 'events.k8s.io/v1',
          action: 'Scheduling',
        });
        b.addEvent(web, 'workload', {
          regarding: pod,
          reason: 'TriggeredScaleUp',
          message: `pod triggered scale-up: [{${nodeGroup} 3->5 (max: 10)}]`,
          first: at + 12 * SECOND,
          component: 'cluster-autoscaler',
        });
      }
      // A Neutron outage four hours ago, retried and cleared.
      for (let i = 0; i < 5; i++) {
        b.addReconcileLog('openstack', {
          ts: now - 4 * HOUR + i * 90 * SECOND,
          level: 'error',
          msg: 'Reconciler error',
          object: web.infraCluster,
          controller: 'openstackcluster',
          cluster: web.name,
          error:
            'failed to reconcile network: Expected HTTP response code [200] when accessing [GET https://neutron.retail.example:9696/v2.0/networks?name=k8s-clusterapi-cluster-retail-web], but got 503 instead',
        });
      }
      b.addReconcileLog('openstack', {
        ts: now - 4 * HOUR + 9 * MINUTE,
        msg: 'Reconciling OpenStackCluster',
        object: web.infraCluster,
        controller: 'openstackcluster',
        cluster: web.name,
      });

      // 2. A control-plane rollout that finished 50 minutes ago.
      const start = now - 74 * MINUTE;
      api.controlPlaneMachines.forEach((m, i) => createdAt(m, start + i * 8 * MINUTE));
      resync(api);
      for (let i = 1; i < api.controlPlaneMachines.length + 1; i++) {
        const m = api.controlPlaneMachines[i - 1];
        if (!m) continue;
        b.addEvent(api, 'management', {
          regarding: api.controlPlane,
          type: 'Warning',
          reason: 'ControlPlaneUnhealthy',
          message: `Waiting for control plane to pass preflight checks to continue reconciliation: [Machine ${m.name} does not have a corresponding Node yet (Machine.status.nodeRef not set)]`,
          first: start + (i - 1) * 8 * MINUTE + 20 * SECOND,
          last: start + (i - 1) * 8 * MINUTE + 2 * MINUTE + 40 * SECOND,
          count: 9,
          component: 'kubeadm-control-plane-controller',
        });
      }

      // 3. Old warnings that resolved long ago.
      const first = machineAt(stores, 0);
      const bmh = first.extras.find((x) => x.kind === 'BareMetalHost');
      if (bmh) {
        b.addEvent(stores, 'management', {
          regarding: bmh,
          reason: 'InspectionError',
          message:
            'Failed to inspect hardware. Reason: unable to start inspection: Redfish exception occurred. Error: Setting boot mode to bios failed for node 0c2f7e41-8a6d-4b1e-9d53-2f4a7c9e1b60.',
          first: now - 3 * DAY - 2 * HOUR,
          component: 'metal3-baremetal-controller',
        });
        b.addEvent(stores, 'management', {
          regarding: bmh,
          reason: 'InspectionComplete',
          message: 'Hardware inspection completed',
          first: now - 3 * DAY - HOUR,
          component: 'metal3-baremetal-controller',
        });
      }
      const node = machineAt(stores, 1).node;
      if (node) {
        b.addEvent(stores, 'workload', {
          regarding: node,
          reason: 'NodeNotReady',
          message: `Node ${node.metadata.name} status is now: NodeNotReady`,
          first: now - 5 * HOUR,
          component: 'node-controller',
        });
        b.addEvent(stores, 'workload', {
          regarding: node,
          reason: 'NodeReady',
          message: `Node ${node.metadata.name} status is now: NodeReady`,
          first: now - 5 * HOUR + 2 * MINUTE,
          component: 'kubelet',
          host: node.metadata.name,
        });
      }
      return [];
    },
  },
  {
    id: 'shape-metal3-node-joined-unlinked-uuid-label',
    source: 'https://github.com/openshift/cluster-capi-operator/pull/175',
    description:
      "Someone edited a pool's KubeadmConfigTemplate in place and replaced kubeletExtraArgs, dropping node-labels " +
      '(metal3.io/uuid) and provider-id; the cluster was then scaled from 4 to 6. The two new hosts provision and ' +
      'their Nodes join and are Ready, but CAPM3 cannot find a Node with the host uuid label, so no providerID is ' +
      'set and the Machines never link to their Nodes ("could not find node with label: metal3.io/uuid=...").',
    capturedAt: CAPTURED,
    seed: 1111,
    healthy: ['corp/vpn'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'core-upf',
        provider: 'metal3',
        region: 'rack-t7',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      b.addCluster({ namespace: 'corp', name: 'vpn', provider: 'aws', region: 'eu-central-1' });
      const now = nowOf(b);
      (c.infraCluster.spec ?? (c.infraCluster.spec = {})).noCloudProvider = true;
      const edited = (version: string): unknown =>
        version === 'v1beta1' ? { 'max-pods': '250' } : [{ name: 'max-pods', value: '250' }];
      const pool = poolOf(c);
      const setArgs = (spec: Fields | undefined): void => {
        const join = (spec?.joinConfiguration ?? {}) as Fields;
        const reg = (join.nodeRegistration ?? {}) as Fields;
        reg.kubeletExtraArgs = edited(c.version);
      };
      setArgs(
        ((pool.bootstrapTemplate.spec ?? {}).template as Fields | undefined)?.spec as Fields | undefined,
      );
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (27 - 4 * i) * MINUTE;
        setArgs(m.bootstrap.spec);
        const host = m.extras.find((x) => x.kind === 'BareMetalHost');
        const uuid = host?.metadata.uid ?? fakeUuid(1111 + i);
        const error = `requeuing, could not find node with label: metal3.io/uuid=${uuid}. Object will be requeued after 30s`;
        stuckMachine(m, {
          phase: 'Provisioning',
          since,
          removeNode: false,
          infraCondition: {
            type: 'KubernetesNodeReady',
            reason: 'SettingProviderIDOnNodeFailed',
            message: error,
            severity: 'Error',
          },
        });
        // The host itself provisioned fine and is powered on; the Node registered and is Ready.
        if (host) {
          const status = host.status ?? (host.status = {});
          const prov = (status.provisioning ?? {}) as Fields;
          prov.state = 'provisioned';
          Object.assign(status, {
            operationalStatus: 'OK',
            poweredOn: true,
            errorType: '',
            errorMessage: '',
            errorCount: 0,
          });
        }
        const conditions = (m.infraMachine.status?.conditions ?? []) as Fields[];
        conditions.push(
          oldCond('AssociateBMH', 'True', isoSeconds(since + 20 * SECOND)) as unknown as Fields,
        );
        if (m.node) {
          const joined = since + 9 * MINUTE;
          m.node.metadata.creationTimestamp = isoSeconds(joined);
          for (const cnd of ((m.node.status ?? {}).conditions ?? []) as Fields[])
            cnd.lastTransitionTime = isoSeconds(joined + 20 * SECOND);
        }
        for (let t = since + 9 * MINUTE + 30 * SECOND, k = 0; t < now - 30 * SECOND; t += 3 * MINUTE, k++) {
          b.addReconcileLog('metal3', {
            ts: t + k * 211,
            level: 'error',
            msg: 'Failed to set the target node providerID',
            object: m.infraMachine,
            controller: 'metal3machine',
            cluster: c.name,
            error,
            fields: { providerID: '' },
          });
        }
      });
      return [{ cluster: 'telco/core-upf', category: 'bootstrap-failure', targets: names(stuck) }];
    },
  },
  {
    id: 'shape-azure-scale-down-vm-delete-forbidden',
    source: 'https://github.com/Azure/ARO-HCP/pull/1611',
    description:
      'The custom role of the CAPZ identity was tightened and lost Microsoft.Compute/virtualMachines/delete. A ' +
      'scale-down from 4 to 3 drained its worker 34 minutes ago, but deleting the VM fails with 403 ' +
      'AuthorizationFailed: the Machine is stuck Deleting (WaitingForInfrastructureDeletion).',
    capturedAt: CAPTURED,
    seed: 1112,
    healthy: ['fin/backoffice', 'ops/metrics'],
    build(b) {
      const c = b.addCluster({
        namespace: 'fin',
        name: 'trading',
        provider: 'azure',
        region: 'uksouth',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'fin', name: 'backoffice', provider: 'azure', region: 'uksouth' });
      b.addCluster({ namespace: 'ops', name: 'metrics', provider: 'gcp', region: 'europe-west2' });
      const now = nowOf(b);
      const since = now - 34 * MINUTE;
      const m = machineAt(c, 3);
      const node = m.node;
      if (!node) throw new Error('scenario: no node');
      scalePool(c, 'md-0', 3);
      // Drained: cordoned, application pods evicted and recreated elsewhere.
      (node.spec ?? (node.spec = {})).unschedulable = true;
      node.spec.taints = [
        ...((node.spec.taints as Fields[] | undefined) ?? []),
        {
          key: 'node.kubernetes.io/unschedulable',
          effect: 'NoSchedule',
          timeAdded: isoSeconds(since + 2 * SECOND),
        },
      ];
      const evicted = m.pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet');
      for (const pod of evicted) {
        const i = c.pods.indexOf(pod);
        if (i >= 0) c.pods.splice(i, 1);
      }
      recreateElsewhere(c, evicted, node, since + 20 * SECOND);
      resync(c);

      const sub = str((c.infraCluster.spec ?? {}).subscriptionID) ?? '';
      const scope = `/subscriptions/${sub}/resourceGroups/${c.name}/providers/Microsoft.Compute/virtualMachines/${m.name}`;
      const arm = azureResponseError({
        method: 'DELETE',
        url: `https://management.azure.com${scope}`,
        status: '403: Forbidden',
        code: 'AuthorizationFailed',
        message: `The client '${AZURE_CLIENT}' with object id '${AZURE_CLIENT}' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/delete' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      });
      const inner = `failed to delete AzureMachine service virtualmachine: failed to delete resource ${c.name}/${m.name} (service: virtualmachine): ${arm}`;
      const error = `error deleting AzureMachine ${c.namespace}/${m.name}: ${inner}`;
      const at = isoSeconds(since + 45 * SECOND);

      m.machine.metadata.deletionTimestamp = isoSeconds(since);
      m.infraMachine.metadata.deletionTimestamp = isoSeconds(since + 40 * SECOND);
      (m.machine.status ?? (m.machine.status = {})).phase = 'Deleting';
      const infraStatus = m.infraMachine.status ?? (m.infraMachine.status = {});
      infraStatus.ready = true;
      infraStatus.vmState = 'Succeeded';
      infraStatus.conditions = [
        oldCond('Ready', 'False', at, 'DeletionFailed', inner, 'Warning'),
        oldCond('BootstrapSucceeded', 'True', isoSeconds(now - 5 * DAY)),
        oldCond('VMRunning', 'False', at, 'DeletionFailed', inner, 'Warning'),
      ];
      setCoreConditions(c, m.machine, [
        cond(
          'Deleting',
          'True',
          'WaitingForInfrastructureDeletion',
          isoSeconds(since + 40 * SECOND),
          'Waiting for AzureMachine to be deleted',
        ),
        cond('InfrastructureReady', 'False', 'DeletionFailed', at, inner),
        cond(
          'Ready',
          'False',
          'NotReady',
          isoSeconds(since),
          '* Deleting: Machine deletion in progress, stage: WaitingForInfrastructureDeletion',
        ),
      ]);
      const ms = poolOf(c).machineSet;
      setCoreConditions(c, ms, [
        cond('ScalingDown', 'True', 'ScalingDown', isoSeconds(since), 'Scaling down from 4 to 3 replicas'),
      ]);
      b.addEvent(c, 'management', {
        regarding: ms,
        reason: 'SuccessfulDelete',
        message: `Deleted machine "${m.name}"`,
        first: since,
        component: 'machineset-controller',
      });
      b.addEvent(c, 'management', {
        regarding: m.infraMachine,
        type: 'Warning',
        reason: 'Error deleting AzureMachine',
        message: error,
        first: since + 45 * SECOND,
        last: now - MINUTE,
        count: 17,
        component: 'azuremachine-reconciler',
      });
      reconcileErrors(b, c, {
        object: m.infraMachine,
        controller: 'azuremachine',
        error,
        from: since + 45 * SECOND,
      });
      return [{ cluster: 'fin/trading', category: 'iam-permission-denied', targets: [m.name] }];
    },
  },
];
