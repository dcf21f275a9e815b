/**
 * Benchmarks on a large generated fleet: the bare JSON.parse floor, bundle load, graph build, describe and diagnose,
 * each in its own process so peak memory is its own. Prints figures; it is not a test.
 *
 *   npm run bench                       1,000 clusters (about 23,000 Machines, 250,000 Pods, 100,000+ Events)
 *   npm run bench -- --clusters 100     a smaller fleet
 *
 * The fleet is written once to a cache outside the repository and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '1000' },
    phase: { type: 'string' },
    dir: { type: 'string' },
  },
});
const clusters = Number(values.clusters);
const cacheRoot =
  process.env.CAUSEWAY_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'causeway');
const dir = values.dir ?? join(cacheRoot, `bench-fleet-${clusters}`);

interface Result {
  readonly phase: string;
  readonly seconds: number;
  /** User plus system CPU time of the phase's process, every thread (GC helpers too). */
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly detail: string;
}

async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** One measured phase, run inside a child process. */
async function runPhase(phase: string): Promise<Result> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let detail: string;
  if (phase === 'floor') {
    let bytes = 0;
    let items = 0;
    for (const file of await files(dir)) {
      if (!file.endsWith('.json')) continue;
      const text = await readFile(file, 'utf8');
      bytes += text.length;
      const parsed = JSON.parse(text) as { items?: unknown[] };
      items += parsed.items?.length ?? 1;
    }
    detail = `${(bytes / 2 ** 30).toFixed(2)} GiB of JSON, ${items} objects`;
  } else {
    const { readBundle } = await import('../src/bundle/read-bundle.ts');
    const { buildFleetGraph } = await import('../src/graph/fleet-graph.ts');
    const bundle = await readBundle(dir);
    const loaded = performance.now();
    const graph = buildFleetGraph(bundle);
    const built = performance.now();
    detail = `load ${((loaded - started) / 1000).toFixed(1)} s + graph ${((built - loaded) / 1000).toFixed(1)} s; ${bundle.objects.length} objects, ${graph.edges.length} edges, ${bundle.logs.length} log lines`;
    if (phase === 'describe') {
      const { describeFleet } = await import('../src/describe/describe-fleet.ts');
      const description = describeFleet(graph, {});
      detail += `; describe ${((performance.now() - built) / 1000).toFixed(1)} s for ${description.clusters.length} clusters`;
    } else if (phase === 'diagnose') {
      const { diagnose } = await import('../src/analysis/diagnose.ts');
      const diagnosis = diagnose(graph);
      detail += `; diagnose ${((performance.now() - built) / 1000).toFixed(1)} s, ${diagnosis.incidents.length} incidents`;
    }
  }
  return {
    phase,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuStarted)),
    peakMiB: process.resourceUsage().maxRSS / 1024,
    detail,
  };
}

async function ensureFleet(): Promise<void> {
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return;
  await rm(dir, { recursive: true, force: true });
  const { writeLargeFleet } = await import('../src/testing/large-fleet.ts');
  process.stderr.write(`writing a ${clusters}-cluster fleet to ${dir} ...\n`);
  const started = performance.now();
  let last = 0;
  await writeLargeFleet(dir, {
    clusters,
    workersPerCluster: 20,
    podsPerNode: 11,
    eventsPerCluster: 100,
    seed: 1,
    capturedAt: '2026-11-20T10:30:00Z',
    onProgress: (progress: { clustersDone: number }) => {
      if (performance.now() - last > 2000) {
        last = performance.now();
        process.stderr.write(`  ${progress.clustersDone}/${clusters} clusters\n`);
      }
    },
  });
  await writeFile(marker, new Date().toISOString());
  process.stderr.write(`  written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

if (values.phase) {
  process.stdout.write(JSON.stringify(await runPhase(values.phase)) + '\n');
} else {
  await ensureFleet();
  const size = (await Promise.all((await files(dir)).map(async (f) => (await stat(f)).size))).reduce(
    (a, b) => a + b,
    0,
  );
  process.stdout.write(
    `fleet: ${relative(process.cwd(), dir) || dir} (${clusters} clusters, ${(size / 2 ** 30).toFixed(2)} GiB)\n`,
  );
  process.stdout.write(`node ${process.version}, ${(await import('node:os')).cpus().length} cores\n\n`);
  const rows: Result[] = [];
  // The floor runs first and last: on a shared machine the faster of the two is the honest floor.
  for (const phase of ['floor', 'graph', 'describe', 'diagnose', 'floor']) {
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=8192',
        import.meta.filename,
        '--phase',
        phase,
        '--clusters',
        String(clusters),
        '--dir',
        dir,
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) {
      process.stdout.write(`${phase}: failed with exit ${child.status}\n`);
      continue;
    }
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Result;
    rows.push(result);
    process.stdout.write(
      `${phase.padEnd(9)} ${result.seconds.toFixed(1).padStart(6)} s  cpu ${result.cpuSeconds.toFixed(1).padStart(5)} s  peak ${result.peakMiB.toFixed(0).padStart(5)} MiB  ${result.detail}\n`,
    );
  }
  const floor = rows.filter((r) => r.phase === 'floor').sort((a, b) => a.seconds - b.seconds)[0];
  const graph = rows.find((r) => r.phase === 'graph');
  const diagnosis = rows.find((r) => r.phase === 'diagnose');
  // CPU time moves less than wall time when other work shares the cores; both ratios are printed.
  const cpuFloor = Math.min(...rows.filter((r) => r.phase === 'floor').map((r) => r.cpuSeconds));
  const ratios = (r: Result): string =>
    `${(r.seconds / floor!.seconds).toFixed(2)}x the JSON.parse floor (CPU time: ${(r.cpuSeconds / cpuFloor).toFixed(2)}x)`;
  if (floor && graph)
    process.stdout.write(
      `\nload + graph: ${ratios(graph)} (goal: within 2x), peak ${(graph.peakMiB / 1024).toFixed(2)} GiB (goal: under 3 GiB)\n`,
    );
  if (floor && diagnosis)
    process.stdout.write(
      `diagnose (load + graph + analysis): ${ratios(diagnosis)} (goal: within 2x), peak ${(diagnosis.peakMiB / 1024).toFixed(2)} GiB\n`,
    );
}
