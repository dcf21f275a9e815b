/** Writes the demo fleet to demo/fleet: five clusters on five providers, three of them with problems worth a cross-plane look. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FleetBuilder, MachineHandle } from '../src/testing/fleet-builder.ts';
import {
  createFleetBuilder,
  nodeNotReady,
  orphanNode,
  stuckMachine,
  writeBundle,
} from '../src/testing/fleet-builder.ts';

/** The demo's capture time: every age in the demo is measured from here. */
export const DEMO_CAPTURED_AT = '2026-11-20T10:30:00Z';

/** Where the committed demo fleet lives. */
export const DEMO_DIR = fileURLToPath(new URL('../demo/fleet', import.meta.url));

const NOW = Date.parse(DEMO_CAPTURED_AT);
const MINUTE = 60_000;

function requireMachine(m: MachineHandle | undefined, what: string): MachineHandle {
  if (!m) throw new Error(`build-demo: ${what} is missing`);
  return m;
}

/** EC2's answer when an Availability Zone has no capacity left for an instance type. */
function insufficientCapacity(zone: string, requestId: string): string {
  const others = ['a', 'b', 'c']
    .map((z) => `${zone.slice(0, -1)}${z}`)
    .filter((z) => z !== zone)
    .join(', ');
  return (
    'failed to create AWSMachine instance: failed to run instance: InsufficientInstanceCapacity: We currently do not have ' +
    `sufficient m6i.2xlarge capacity in the Availability Zone you requested (${zone}). Our system will be working on ` +
    'provisioning additional capacity. You can currently get m6i.2xlarge capacity by not specifying an Availability Zone ' +
    `in your request or choosing ${others}.\n\tstatus code: 500, request id: ${requestId}`
  );
}

/** (a) payments/prod-eu: two new workers of md-0 stuck in Provisioning for ~40 minutes on EC2 capacity. */
function ec2CapacityFault(b: FleetBuilder): void {
  const c = b.clusters.find((x) => x.key === 'payments/prod-eu');
  const pool = c?.pools.find((p) => p.name === 'md-0');
  if (!c || !pool) throw new Error('build-demo: payments/prod-eu md-0 is missing');
  const stuck = [
    requireMachine(pool.machines[3], 'prod-eu worker 3'),
    requireMachine(pool.machines[4], 'prod-eu worker 4'),
  ];
  stuck.forEach((m, i) => {
    const since = NOW - (41 - i) * MINUTE;
    const zone = m.site.zone;
    const message = insufficientCapacity(
      zone,
      ['0e5c1f7a-3d2b-4c8e-9a61-b7f04d2e8c13', '7b9d2e40-61fa-4f3c-8d25-0c1e9a7f5b68'][i] ?? '',
    );
    stuckMachine(m, {
      phase: 'Provisioning',
      since,
      infraCondition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed', message },
    });
    b.addEvent(c, 'management', {
      regarding: m.infraMachine,
      type: 'Warning',
      reason: 'FailedCreate',
      message: `Failed to create instance: ${message.replace('failed to create AWSMachine instance: ', '')}`,
      first: since + 45_000,
      last: NOW - (3 + i) * MINUTE,
      count: 9 - i,
      component: 'awsmachine-controller',
    });
    b.addReconcileLog('aws', {
      ts: since + 31_000,
      msg: 'Creating EC2 instance',
      object: m.infraMachine,
      controller: 'awsmachine',
      cluster: c.name,
    });
    // controller-runtime requeues with backoff; the error repeats every few minutes.
    for (let t = since + 44_000, n = 0; t < NOW - MINUTE; t += (4 + ((n + i) % 3)) * MINUTE, n++) {
      b.addReconcileLog('aws', {
        ts: t + n * 137,
        level: 'error',
        msg: 'Reconciler error',
        object: m.infraMachine,
        controller: 'awsmachine',
        cluster: c.name,
        error: message,
      });
    }
  });
}

/** (b) payments/prod-us: a Running machine whose Node stopped posting status ~25 minutes ago. */
function silentKubeletFault(b: FleetBuilder): void {
  const c = b.clusters.find((x) => x.key === 'payments/prod-us');
  const m = requireMachine(c?.pools[0]?.machines[1], 'prod-us worker 1');
  if (!c) return;
  const since = NOW - 25 * MINUTE;
  nodeNotReady(m, { since });
  // The checkout error ratio jumps when the node's pods stop answering, then settles as they are replaced.
  const points: [number, number][] = [];
  for (let t = NOW - 60 * MINUTE; t <= NOW; t += MINUTE) {
    const k = (t - (NOW - 60 * MINUTE)) / MINUTE;
    const base = 0.002 + (k % 3) * 0.0003;
    const spike = t >= since && t < since + 6 * MINUTE ? 0.071 - (t - since) / MINUTE / 200 : 0;
    points.push([Math.floor(t / 1000), Number((base + spike).toFixed(4))]);
  }
  b.addMetric(c, 'http-error-ratio', [
    { labels: { __name__: 'http_error_ratio', service: 'api', node: m.node?.metadata.name ?? '' }, points },
  ]);
}

/** (c) data/analytics: a Node someone joined by hand, with no Machine behind it. */
function handJoinedNode(b: FleetBuilder): void {
  const c = b.clusters.find((x) => x.key === 'data/analytics');
  if (!c) throw new Error('build-demo: data/analytics is missing');
  orphanNode(c, 'analytics-adhoc-gpu-1', { createdAt: NOW - 3 * 60 * MINUTE });
}

/** (d) noise on the healthy clusters: an old, resolved scheduling warning and a retried conflict. */
function healthyNoise(b: FleetBuilder): void {
  const c = b.clusters.find((x) => x.key === 'platform/ci');
  const pod = c?.pods.find(
    (p) => p.metadata.namespace === 'platform' && p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet',
  );
  const ms = c?.pools[0]?.machineSet;
  if (!c || !pod || !ms) throw new Error('build-demo: platform/ci has no app pod');
  b.addEvent(c, 'workload', {
    regarding: pod,
    type: 'Warning',
    reason: 'FailedScheduling',
    message:
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    first: NOW - 52 * MINUTE,
    last: NOW - 49 * MINUTE,
    count: 3,
    component: 'default-scheduler',
    api: 'events.k8s.io/v1',
    action: 'Scheduling',
  });
  const victim = c.pools[0]?.machines[0]?.name ?? '';
  const ts = NOW - 17 * MINUTE;
  b.addReconcileLog('capi', {
    ts,
    level: 'error',
    msg: 'Reconciler error',
    object: ms,
    cluster: c.name,
    error: `Operation cannot be fulfilled on machines.cluster.x-k8s.io "${victim}": the object has been modified; please apply your changes to the latest version and try again`,
  });
  b.addReconcileLog('capi', { ts: ts + 412, msg: 'Reconciling MachineSet', object: ms, cluster: c.name });
}

/** A custom resource that names a Cluster, to show custom kinds joining the graph. */
function customDatabase(b: FleetBuilder): void {
  const c = b.clusters.find((x) => x.key === 'payments/prod-eu');
  if (!c) return;
  b.addObject('management', {
    apiVersion: 'example.com/v1alpha1',
    kind: 'Database',
    metadata: {
      name: 'orders-db',
      namespace: 'payments',
      creationTimestamp: '2026-11-02T08:15:00Z',
      labels: { 'app.kubernetes.io/part-of': 'orders' },
      ownerReferences: [
        {
          apiVersion: c.cluster.apiVersion,
          kind: 'Cluster',
          name: c.name,
          uid: c.cluster.metadata.uid ?? '',
        },
      ],
    },
    spec: {
      clusterRef: { name: c.name, namespace: c.namespace },
      engine: 'postgres',
      version: '17.2',
      replicas: 3,
    },
    status: { phase: 'Ready', endpoint: 'orders-db.payments.svc.cluster.local:5432' },
  });
}

/** Builds the demo fleet (deterministic: the same files every time). */
export function buildDemoFleet(): FleetBuilder {
  const b = createFleetBuilder({ capturedAt: DEMO_CAPTURED_AT, management: 'mgmt-demo', seed: 2026 });
  b.addCluster({
    namespace: 'payments',
    name: 'prod-eu',
    provider: 'aws',
    region: 'eu-west-1',
    pools: [
      { name: 'md-0', replicas: 5 },
      { name: 'md-1', replicas: 2, instanceType: 'r6i.2xlarge' },
    ],
    labels: { env: 'prod', team: 'payments' },
  });
  b.addCluster({
    namespace: 'payments',
    name: 'prod-us',
    provider: 'azure',
    region: 'eastus',
    pools: [{ name: 'md-0', replicas: 4 }],
    labels: { env: 'prod', team: 'payments' },
  });
  b.addCluster({
    namespace: 'platform',
    name: 'ci',
    provider: 'docker',
    controlPlaneReplicas: 1,
    pools: [{ name: 'md-0', replicas: 2 }],
    labels: { env: 'ci' },
  });
  b.addCluster({
    namespace: 'data',
    name: 'analytics',
    provider: 'gcp',
    region: 'europe-west4',
    pools: [
      { name: 'md-0', replicas: 3 },
      { name: 'highmem', replicas: 2, instanceType: 'n2-highmem-8' },
    ],
    labels: { env: 'prod', team: 'data' },
  });
  b.addCluster({
    namespace: 'platform',
    name: 'edge',
    provider: 'vsphere',
    region: 'ams01',
    pools: [{ name: 'md-0', replicas: 2 }],
    labels: { env: 'prod' },
  });
  ec2CapacityFault(b);
  silentKubeletFault(b);
  handJoinedNode(b);
  healthyNoise(b);
  customDatabase(b);
  return b;
}

/** Writes the demo fleet into `dir` (default demo/fleet), replacing what was there. */
export async function writeDemoFleet(dir = DEMO_DIR): Promise<void> {
  await writeBundle(buildDemoFleet(), dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeDemoFleet(process.argv[2] ?? DEMO_DIR);
  console.log(`demo fleet written to ${process.argv[2] ?? DEMO_DIR}`);
}
