import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../src/bundle/read-bundle.ts';
import { run } from '../../src/cli/main.ts';
import { watchCommand } from '../../src/cli/watch-command.ts';
import { kubeJson } from '../../src/testing/kube-http.ts';
import { buildFleetGraph } from '../../src/graph/fleet-graph.ts';
import { createLiveSource, type LiveSource } from '../../src/sources/live-source.ts';
import type { LiveChange } from '../../src/sources/cluster-connection.ts';
import { startControlPlane, type ControlPlane } from '../../src/testing/control-plane.ts';
import { ensureKubeBinaries } from '../../src/testing/kube-binaries.ts';
import { replayBundle } from '../../src/testing/replay.ts';
import { startFakeKubelet, type FakeKubelet } from '../../src/testing/fake-kubelet.ts';
import { graphShape, isServerOwnEvent, SCENARIO, SETUP_TIMEOUT, targetOf, within } from './live-helpers.ts';

let cp: ControlPlane;
let out: string;
let kubelet: FakeKubelet;
const CONTROLLER_LOG =
  '{"level":"error","ts":"2026-11-20T10:00:00Z","msg":"Reconciler error","controller":"machine","controllerKind":"Machine","Machine":{"name":"prod-eu-control-plane-mww5c","namespace":"shop"},"namespace":"shop","name":"prod-eu-control-plane-mww5c","reconcileID":"r1","error":"failed to reach the workload cluster"}\n';

/** A controller pod in the management server whose node is the fake kubelet, so pods/log returns a real log. */
async function addControllerPod(): Promise<void> {
  kubelet = await startFakeKubelet({ 'capi-system/capi-controller-manager-abc/manager': CONTROLLER_LOG });
  const node = (await kubeJson(cp.management, 'POST', '/api/v1/nodes', {
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'mgmt-node' } },
  })) as Record<string, unknown>;
  await kubeJson(cp.management, 'PUT', '/api/v1/nodes/mgmt-node/status', {
    body: {
      ...node,
      status: {
        addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } },
      },
    },
  });
  await kubeJson(cp.management, 'POST', '/api/v1/namespaces', {
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'capi-system' } },
  });
  await kubeJson(cp.management, 'POST', '/api/v1/namespaces/capi-system/pods', {
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'capi-controller-manager-abc',
        labels: { 'cluster.x-k8s.io/provider': 'cluster-api' },
      },
      spec: {
        nodeName: 'mgmt-node',
        containers: [
          { name: 'manager', image: 'registry.k8s.io/cluster-api/cluster-api-controller:v1.14.0' },
        ],
      },
    },
  });
}
/**
 * The warning a loaded 1.35 kube-apiserver emits when its first try to create the default ServiceCIDR fails: posted
 * here so that every run has one, as the servers of a busy CI machine sometimes do.
 */
async function addServerWarning(): Promise<void> {
  await kubeJson(cp.management, 'POST', '/api/v1/namespaces/default/events', {
    body: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'kubernetes.18eae302d08d03ed', namespace: 'default' },
      involvedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', name: 'kubernetes' },
      reason: 'KubernetesDefaultServiceCIDRError',
      message: 'The default ServiceCIDR can not be created',
      type: 'Warning',
      source: { component: 'kube-apiserver' },
    },
  });
}
let source: LiveSource;
const changes: LiveChange[] = [];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'causeway-live-'));
  const binaries = await ensureKubeBinaries();
  cp = await startControlPlane({ workloads: 2, binaries, clusterNames: ['prod-eu', 'lab'] });
  const [prodEu, lab] = cp.workloads;
  await addControllerPod();
  await addServerWarning();
  await replayBundle(SCENARIO, {
    management: cp.management,
    workloads: { 'shop/prod-eu': prodEu!, 'infra/lab': lab! },
  });
  source = createLiveSource({
    target: targetOf(cp.management),
    timing: { probeIntervalMs: 200, probeTimeoutMs: 1_000, backoffInitialMs: 100, backoffMaxMs: 1_000 },
    onChange: (change) => {
      changes.push(change);
      for (let i = listeners.length - 1; i >= 0; i--) if (listeners[i]!(change)) listeners.splice(i, 1);
    },
  });
  await source.start();
  expect(await source.waitForSync(30_000)).toBe(true);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await source?.stop();
  await cp?.stop();
  await rm(out, { recursive: true, force: true });
  await kubelet?.stop();
}, 60_000);

function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  };
  return run(args, io).then((status) => ({ status, stdout, stderr }));
}

/** Resolves when a change matching `match` arrives; returns the milliseconds from the call. */
function nextChange(match: (change: LiveChange) => boolean): { start: () => void; done: Promise<number> } {
  let t0 = 0;
  const done = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching change within 5 s')), 5_000);
    listeners.push((change) => {
      if (!match(change)) return false;
      clearTimeout(timer);
      resolve(performance.now() - t0);
      return true;
    });
  });
  return { start: () => (t0 = performance.now()), done };
}
const listeners: ((change: LiveChange) => boolean)[] = [];

describe('live mode against a replayed fleet', () => {
  it('gives the same graph as the offline reader gives for the bundle', async () => {
    const offline = buildFleetGraph(await readBundle(SCENARIO));
    const live = buildFleetGraph(source.bundle());
    // Live mode keeps what the servers reported about themselves; the comparison leaves it out.
    expect(live.objects.filter(isServerOwnEvent).map((o) => o.name)).toContain('kubernetes.18eae302d08d03ed');
    const expected = graphShape(offline);
    const actual = graphShape(live);
    expect(actual.ids).toEqual(expected.ids);
    expect(actual.edges).toEqual(expected.edges);
    // A CRD whose schema replay relaxed answers 429 for a moment while its storage reinitializes.
    await within(10_000, 'every cluster live', () => source.statuses().every((s) => s.state === 'live'));
    expect(source.statuses().map((s) => [s.cluster, s.state])).toEqual([
      ['management', 'live'],
      ['infra/lab', 'live'],
      ['shop/prod-eu', 'live'],
    ]);
  });

  it('describes and diagnoses the live fleet from a kubeconfig, like a bundle', async () => {
    const describe = await cli([
      'describe',
      '--kubeconfig',
      cp.management.kubeconfigPath,
      '-o',
      'json',
      '-q',
    ]);
    expect(describe.stderr).toBe('');
    expect(describe.status).toBe(0);
    const tree = JSON.parse(describe.stdout) as { clusters: { cluster: string }[] };
    expect(JSON.stringify(tree)).toContain('prod-eu');
    expect(JSON.stringify(tree)).toContain('lab');
    const diagnose = await cli([
      'diagnose',
      '--kubeconfig',
      cp.management.kubeconfigPath,
      '-o',
      'json',
      '-q',
    ]);
    expect(diagnose.status).toBe(0);
    expect(JSON.parse(diagnose.stdout)).toHaveProperty('incidents');
    const both = await cli(['diagnose', 'some/bundle', '--kubeconfig', cp.management.kubeconfigPath]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/instead of a bundle/);
  });

  it('snapshots the live fleet into a bundle that reads back as the same graph, without Secrets', async () => {
    const dir = join(out, 'snapshot');
    const result = await cli(['snapshot', '--kubeconfig', cp.management.kubeconfigPath, '-o', dir]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /\[\d+\/\d+\] management\/machines\.cluster\.x-k8s\.io\.json \(17 objects\)/,
    );
    const files = (await readdir(dir, { recursive: true })).map(String).sort();
    expect(files).toContain('bundle.yaml');
    expect(files).toContain('management/events.json');
    expect(files).toContain('workload/shop/prod-eu/nodes.json');
    expect(files).toContain('workload/infra/lab/pods.json');
    expect(files).toContain('logs/management/capi-system/capi-controller-manager-abc/manager.log');
    expect(
      await readFile(
        join(dir, 'logs/management/capi-system/capi-controller-manager-abc/manager.log'),
        'utf8',
      ),
    ).toBe(CONTROLLER_LOG);
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/"kind": "Secret"/);
      expect(text, file).not.toContain(cp.workloads[0]!.token);
    }
    const offline = graphShape(buildFleetGraph(await readBundle(SCENARIO)));
    const back = await readBundle(dir);
    expect(back.issues.filter((i) => i.severity !== 'notice')).toEqual([]);
    expect(graphShape(buildFleetGraph(back))).toEqual(offline);
    expect(back.management).toBe('management');
  });

  it('agrees with the kubectl capture script: the same files holding the same objects', async () => {
    const dir = join(out, 'snapshot');
    const captured = join(out, 'captured');
    await promisify(execFile)('bash', [
      'scripts/capture-bundle.sh',
      '--kubeconfig',
      cp.management.kubeconfigPath,
      '-o',
      captured,
      '--since',
      '1h',
    ]);
    const list = async (root: string): Promise<string[]> =>
      (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
        .sort();
    const files = await list(dir);
    expect(await list(captured)).toEqual(files);
    const names = async (file: string): Promise<string[]> =>
      (
        JSON.parse(await readFile(file, 'utf8')) as {
          items: { metadata: { namespace?: string; name: string } }[];
        }
      ).items
        .map((i) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`)
        .sort();
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      expect(await names(join(captured, file)), file).toEqual(await names(join(dir, file)));
    }
    expect(graphShape(buildFleetGraph(await readBundle(captured)))).toEqual(
      graphShape(buildFleetGraph(await readBundle(dir))),
    );
  }, 60_000);

  it('sees a new Machine, a Node going NotReady and a new Event within a second', async () => {
    const machine = nextChange(
      (c) =>
        c.type === 'object' &&
        c.action === 'added' &&
        c.object.kind === 'Machine' &&
        c.object.name === 'late-machine',
    );
    machine.start();
    await kubeJson(cp.management, 'POST', '/apis/cluster.x-k8s.io/v1beta2/namespaces/shop/machines', {
      body: {
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        kind: 'Machine',
        metadata: {
          name: 'late-machine',
          namespace: 'shop',
          labels: { 'cluster.x-k8s.io/cluster-name': 'prod-eu' },
        },
        spec: {
          clusterName: 'prod-eu',
          bootstrap: { dataSecretName: 'x' },
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'AWSMachine',
            name: 'late',
          },
        },
      },
    });
    expect(await machine.done).toBeLessThan(1_000);

    const prodEu = cp.workloads[0]!;
    const nodes = (await kubeJson(prodEu, 'GET', '/api/v1/nodes')) as {
      items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[];
    };
    const node = nodes.items[0]!;
    const notReady = nextChange(
      (c) =>
        c.type === 'object' &&
        c.object.kind === 'Node' &&
        c.object.name === node.metadata.name &&
        JSON.stringify(c.object.raw).includes('"type":"Ready","status":"False"'),
    );
    notReady.start();
    node.status.conditions = node.status.conditions.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False' } : c,
    );
    await kubeJson(prodEu, 'PUT', `/api/v1/nodes/${node.metadata.name}/status`, { body: node });
    expect(await notReady.done).toBeLessThan(1_000);

    const event = nextChange(
      (c) => c.type === 'object' && c.object.kind === 'Event' && c.object.name === 'late-event',
    );
    event.start();
    await kubeJson(prodEu, 'POST', '/api/v1/namespaces/default/events', {
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'late-event', namespace: 'default' },
        involvedObject: { kind: 'Node', name: node.metadata.name },
        reason: 'NodeNotReady',
        message: 'Node is not ready',
        type: 'Warning',
      },
    });
    expect(await event.done).toBeLessThan(1_000);
    const graph = buildFleetGraph(source.bundle());
    expect(graph.get(`w:shop/prod-eu||Event|default|late-event`)).toBeDefined();
  });

  it('watch prints cluster states and changes as JSON lines until stopped', async () => {
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, env: {} };
    const stop = new AbortController();
    const lines = (): Record<string, unknown>[] =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const running = watchCommand(
      ['--kubeconfig', cp.management.kubeconfigPath, '-o', 'json'],
      io,
      stop.signal,
    );
    await within(
      10_000,
      'three clusters live',
      () => lines().filter((l) => l.type === 'cluster' && l.state === 'live').length === 3,
    );
    // The first list is summarised per cluster, not printed object by object.
    expect(lines().filter((l) => l.type === 'object')).toEqual([]);
    await kubeJson(cp.workloads[1]!, 'POST', '/api/v1/namespaces/default/events', {
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'watched-event', namespace: 'default' },
        involvedObject: { kind: 'Node', name: 'x' },
        reason: 'Test',
        message: 'seen by watch',
        type: 'Normal',
      },
    });
    await within(1_000, 'event line', () => lines().some((l) => l.name === 'watched-event'));
    expect(lines().find((l) => l.name === 'watched-event')).toMatchObject({
      type: 'object',
      action: 'added',
      cluster: 'infra/lab',
      kind: 'Event',
      namespace: 'default',
    });
    stop.abort();
    expect(await running).toBe(0);
  });

  it('turns a killed workload cluster stale while the others stay live, and recovers it after a restart', async () => {
    const stale = nextChange(
      (c) => c.type === 'cluster' && c.status.cluster === 'infra/lab' && c.status.state !== 'live',
    );
    stale.start();
    await cp.killWorkload(1);
    // The probe runs every 200 ms with a 1 s timeout; a killed server refuses at once.
    expect(await stale.done).toBeLessThan(2_000);
    const states = Object.fromEntries(source.statuses().map((s) => [s.cluster, s.state]));
    expect(states).toEqual({ management: 'live', 'shop/prod-eu': 'live', 'infra/lab': 'stale' });
    // Stale is never healthy: the bundle says the cluster was not captured, so diagnose treats it as unreachable.
    const issue = source.bundle().issues.find((i) => i.code === 'workload-not-captured');
    expect(issue?.message).toMatch(
      /workload cluster infra\/lab is stale since .*(ECONNREFUSED|ECONNRESET|closed)/,
    );
    // Its last data is kept.
    expect(source.bundle().objects.some((o) => o.workloadCluster === 'infra/lab' && o.kind === 'Node')).toBe(
      true,
    );

    const back = nextChange(
      (c) => c.type === 'cluster' && c.status.cluster === 'infra/lab' && c.status.state === 'live',
    );
    back.start();
    await cp.restartWorkload(1);
    await back.done;
    await within(5_000, 'all live', () => source.statuses().every((s) => s.state === 'live'));
    const added = nextChange(
      (c) => c.type === 'object' && c.object.kind === 'Node' && c.object.name === 'after-restart',
    );
    added.start();
    await kubeJson(cp.workloads[1]!, 'POST', '/api/v1/nodes', {
      body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'after-restart' } },
    });
    expect(await added.done).toBeLessThan(1_000);
  }, 120_000);

  it('reads the controller logs through pods/log and ties them to the objects they name', async () => {
    const logs = await source.readControllerLogs(3600);
    expect(logs.map((l) => l.file)).toEqual([
      'logs/management/capi-system/capi-controller-manager-abc/manager.log',
    ]);
    expect(kubelet.requests.at(-1)).toMatch(
      /^\/containerLogs\/capi-system\/capi-controller-manager-abc\/manager\?.*sinceSeconds=3600/,
    );
    const graph = buildFleetGraph(source.bundle());
    const machine = graph.find({
      kind: 'Machine',
      namespace: 'shop',
      name: 'prod-eu-control-plane-mww5c',
    })[0]!;
    expect(graph.logsOf(machine.id).map((l) => l.error)).toEqual(['failed to reach the workload cluster']);
  });
});
