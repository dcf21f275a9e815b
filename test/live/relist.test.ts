import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKubeClient } from '../../src/sources/kube-client.ts';
import { createLiveSource, type LiveSource } from '../../src/sources/live-source.ts';
import { startControlPlane, type ControlPlane } from '../../src/testing/control-plane.ts';
import { controlledClients, type ControlledClients } from '../../src/testing/controlled-client.ts';
import { ensureKubeBinaries } from '../../src/testing/kube-binaries.ts';
import { kubeJson } from '../../src/testing/kube-http.ts';
import { SETUP_TIMEOUT, targetOf, within } from './live-helpers.ts';

let cp: ControlPlane;
let source: LiveSource;
let clients: ControlledClients;
const MACHINES = '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machines';

function machine(name: string) {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name, namespace: 'default' },
    spec: {
      clusterName: 'c1',
      bootstrap: { dataSecretName: 'none' },
      infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSMachine', name },
    },
  };
}

async function etcd(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${cp.etcdUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  const binaries = await ensureKubeBinaries();
  // Without the watch cache a watch goes straight to etcd, so a compacted resourceVersion gives 410 Gone.
  cp = await startControlPlane({ workloads: 0, binaries, apiserverArgs: ['--watch-cache=false'] });
  for (const name of ['m-keep', 'm-delete'])
    await kubeJson(cp.management, 'POST', MACHINES, { body: machine(name) });
  clients = controlledClients(createKubeClient);
  source = createLiveSource({
    target: targetOf(cp.management),
    workloads: false,
    clientFactory: clients.factory,
  });
  await source.start();
  expect(await source.waitForSync(30_000)).toBe(true);
}, SETUP_TIMEOUT);

afterAll(async () => {
  clients?.release();
  await source?.stop();
  await cp?.stop();
}, 60_000);

const machineNames = (): string[] =>
  source
    .bundle()
    .objects.filter((o) => o.kind === 'Machine')
    .map((o) => o.name)
    .sort();
const machinesStatus = () =>
  source.statuses()[0]!.resources.find((r) => r.resource === 'machines.cluster.x-k8s.io')!;

it('relists after 410 Gone from a compacted resourceVersion and loses nothing', async () => {
  expect(machineNames()).toEqual(['m-delete', 'm-keep']);
  // Partition: the watches drop and cannot reconnect while the fleet changes and etcd compacts.
  clients.hold();
  clients.cut();
  await kubeJson(cp.management, 'POST', MACHINES, { body: machine('m-added-during-gap') });
  await kubeJson(cp.management, 'DELETE', `${MACHINES}/m-delete`);
  const { header } = (await etcd('/v3/kv/range', { key: Buffer.from('/').toString('base64') })) as {
    header: { revision: string };
  };
  await etcd('/v3/kv/compaction', { revision: header.revision, physical: true });
  expect(machinesStatus().relists).toBe(0);

  clients.release();
  await within(10_000, 'relisted machines', () => machinesStatus().relists > 0);
  await within(2_000, 'the gap is caught up', () => machineNames().join() === 'm-added-during-gap,m-keep');
  expect(machinesStatus().state).toBe('live');
  // What the live model holds is what the server holds.
  const server = (await kubeJson(cp.management, 'GET', MACHINES)) as {
    items: { metadata: { name: string } }[];
  };
  expect(machineNames()).toEqual(server.items.map((i) => i.metadata.name).sort());
  // And it keeps watching after the relist.
  await kubeJson(cp.management, 'POST', MACHINES, { body: machine('m-after') });
  await within(1_000, 'change after relist', () => machineNames().includes('m-after'));
});
