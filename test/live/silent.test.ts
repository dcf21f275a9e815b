import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLiveSource, type LiveSource } from '../../src/sources/live-source.ts';
import { startControlPlane, type ControlPlane } from '../../src/testing/control-plane.ts';
import { ensureKubeBinaries } from '../../src/testing/kube-binaries.ts';
import { kubeJson } from '../../src/testing/kube-http.ts';
import { writeKubeconfigSecret } from '../../src/testing/replay.ts';
import { startTcpProxy, type TcpProxy } from '../../src/testing/tcp-proxy.ts';
import { SETUP_TIMEOUT, targetOf, within } from './live-helpers.ts';

let cp: ControlPlane;
let proxy: TcpProxy;
let source: LiveSource;
const PROBE = { probeIntervalMs: 300, probeTimeoutMs: 700, backoffInitialMs: 100, backoffMaxMs: 500 };

beforeAll(async () => {
  const binaries = await ensureKubeBinaries();
  cp = await startControlPlane({ workloads: 1, binaries });
  const workload = cp.workloads[0]!;
  proxy = await startTcpProxy(Number(new URL(workload.url).port));
  // The workload cluster is reached through the proxy, which the test can silence.
  await writeKubeconfigSecret(cp.management, 'default/workload-0', {
    ...workload,
    url: `https://127.0.0.1:${proxy.port}`,
  });
  await kubeJson(cp.management, 'POST', '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters', {
    body: {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'workload-0', namespace: 'default' },
      spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
    },
  });
  source = createLiveSource({ target: targetOf(cp.management), timing: PROBE });
  await source.start();
  expect(await source.waitForSync(20_000)).toBe(true);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await source?.stop();
  await proxy?.stop();
  await cp?.stop();
}, 60_000);

it('detects a silent connection within probe interval + timeout, and recovers when it speaks again', async () => {
  const state = (): string | undefined => source.statuses()[1]?.state;
  await within(5_000, 'live', () => state() === 'live');
  proxy.freeze();
  const elapsed = await within(3_000, 'stale', () => state() === 'stale');
  expect(elapsed).toBeLessThan(PROBE.probeIntervalMs + PROBE.probeTimeoutMs + 500);
  expect(source.statuses()[1]?.message).toMatch(/default\/workload-0.*no response within 700 ms/);
  expect(source.statuses()[0]?.state).toBe('live');

  proxy.thaw();
  await within(10_000, 'live again', () => state() === 'live');
  await kubeJson(cp.workloads[0]!, 'POST', '/api/v1/nodes', {
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'after-silence' } },
  });
  await within(2_000, 'new node seen', () => source.bundle().objects.some((o) => o.name === 'after-silence'));
});
