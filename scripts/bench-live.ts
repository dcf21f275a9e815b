/**
 * Live-mode benchmarks against real kube-apiservers (the test harness): the time to load a replayed 100-cluster
 * fleet live, and the time from a change on a server to the change in the live model (p50/p99). Prints figures.
 *
 *   node scripts/bench-live.ts [--clusters 100] [--changes 2000] [--servers 4]
 *
 * 100 workload API servers are too heavy for a 2-core machine, so workload cluster i is replayed into workload
 * server i % servers, and its kubeconfig Secret points there: each of the 100 workload connections then lists
 * and watches a server shared with the other clusters of that server (more objects per cluster than the
 * bundle has, so the load figure is pessimistic).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { str } from '../src/capi/access.ts';
import { createLiveSource } from '../src/sources/live-source.ts';
import type { LiveChange } from '../src/sources/cluster-connection.ts';
import type { ClusterTarget } from '../src/sources/kubeconfig.ts';
import { startControlPlane, type ApiServerHandle } from '../src/testing/control-plane.ts';
import { kubeJson } from '../src/testing/kube-http.ts';
import { writeLargeFleet } from '../src/testing/large-fleet.ts';
import { replayBundle } from '../src/testing/replay.ts';
import { readBundle } from '../src/bundle/read-bundle.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '100' },
    changes: { type: 'string', default: '2000' },
    servers: { type: 'string', default: '4' },
  },
});
const clusters = Number(values.clusters);
const changes = Number(values.changes);
const servers = Number(values.servers);

const targetOf = (server: ApiServerHandle): ClusterTarget => ({
  name: 'management',
  server: server.url,
  ca: server.caPem,
  insecureSkipTlsVerify: false,
  token: server.token,
  clientCert: undefined,
  clientKey: undefined,
  basicAuth: undefined,
  tlsServerName: undefined,
});

const say = (line: string): void => void process.stderr.write(`${line}\n`);
const pct = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const dir = await mkdtemp(join(tmpdir(), 'causeway-bench-live-'));
const cp = await startControlPlane({ workloads: servers });
try {
  say(`generating a ${clusters}-cluster fleet ...`);
  await writeLargeFleet(dir, {
    clusters,
    workersPerCluster: 3,
    podsPerNode: 4,
    eventsPerCluster: 4,
    seed: 11,
    capturedAt: '2026-11-20T10:30:00Z',
  });
  const bundle = await readBundle(dir);
  const workloads = Object.fromEntries(
    bundle.workloadClusters.map((key, i) => [key, cp.workloads[i % servers]!] as const),
  );
  say(`replaying ${bundle.objects.length} objects into 1 + ${servers} API servers ...`);
  const replayStart = performance.now();
  await replayBundle(dir, { management: cp.management, workloads, concurrency: 16, existing: 'skip' });
  const replaySeconds = (performance.now() - replayStart) / 1000;

  const listeners = new Set<(change: LiveChange) => void>();
  const source = createLiveSource({
    target: targetOf(cp.management),
    onChange: (change) => {
      for (const listener of listeners) listener(change);
    },
  });
  const loadStart = performance.now();
  await source.start();
  const synced = await source.waitForSync(300_000);
  const loadMs = performance.now() - loadStart;
  const live = source.statuses().filter((s) => s.state === 'live').length;
  const objects = source.bundle().objects.length;
  const perServer = source
    .bundle()
    .objects.filter((o) => o.workloadCluster === bundle.workloadClusters[0]).length;

  // The management cluster alone: discovery and the first list of every Cluster API resource type.
  const managementOnly = createLiveSource({ target: targetOf(cp.management), workloads: false });
  const mgmtStart = performance.now();
  await managementOnly.start();
  await managementOnly.waitForSync(300_000);
  const mgmtMs = performance.now() - mgmtStart;
  const mgmtObjects = managementOnly.bundle().objects.length;
  await managementOnly.stop();

  // Change latency: label patches, half on Machines (management), half on Nodes (workload servers).
  const machines = source
    .bundle()
    .objects.filter((o) => o.kind === 'Machine')
    .slice(0, 50);
  const nodes = (
    (await kubeJson(cp.workloads[0]!, 'GET', '/api/v1/nodes?limit=50')) as {
      items: { metadata: { name: string } }[];
    }
  ).items.map((n) => n.metadata.name);
  const latencies: number[] = [];
  for (let i = 0; i < changes; i++) {
    const onMachine = i % 2 === 0 || nodes.length === 0;
    const machine = machines[i % machines.length]!;
    const node = nodes[i % Math.max(1, nodes.length)] ?? '';
    const value = String(i);
    const seen = new Promise<number>((resolve) => {
      const listener = (change: LiveChange): void => {
        if (change.type !== 'object' || str(change.object.raw, 'metadata.labels.bench-seq') !== value) return;
        listeners.delete(listener);
        resolve(performance.now());
      };
      listeners.add(listener);
    });
    const patch = { metadata: { labels: { 'bench-seq': value } } };
    const start = performance.now();
    if (onMachine) {
      await kubeJson(
        cp.management,
        'PATCH',
        `/apis/${machine.apiVersion}/namespaces/${machine.namespace}/machines/${machine.name}`,
        { body: patch, contentType: 'application/merge-patch+json' },
      );
    } else {
      await kubeJson(cp.workloads[0]!, 'PATCH', `/api/v1/nodes/${node}`, {
        body: patch,
        contentType: 'application/merge-patch+json',
      });
    }
    latencies.push((await seen) - start);
  }
  await source.stop();
  latencies.sort((a, b) => a - b);

  console.log(
    `live load: ${clusters} replayed clusters (workload clusters share ${servers} workload API servers)`,
  );
  console.log(`  replay into the servers        ${replaySeconds.toFixed(1)} s`);
  console.log(
    `  load live (discover, list all, ${clusters} workload connections): ${(loadMs / 1000).toFixed(2)} s, ${objects} objects, ${live}/${clusters + 1} clusters live${synced ? '' : ' (sync timed out)'}`,
  );
  console.log(
    `  (each workload connection holds its shared server's objects: ${perServer} for the first cluster, not its own ~${Math.round((bundle.objects.length - bundle.objects.filter((o) => o.plane === 'management').length) / clusters)})`,
  );
  console.log(
    `  management cluster only (--no-workload): ${(mgmtMs / 1000).toFixed(2)} s, ${mgmtObjects} objects`,
  );
  console.log(`change to model latency over ${changes} changes (request sent -> change in the live model):`);
  console.log(
    `  p50 ${pct(latencies, 50).toFixed(1)} ms   p99 ${pct(latencies, 99).toFixed(1)} ms   max ${latencies.at(-1)?.toFixed(1)} ms`,
  );
} finally {
  await cp.stop();
  await rm(dir, { recursive: true, force: true });
}
