/** Builds a scenario into a bundle, diagnoses it as the CLI does, and scores it as ../shared/tools/score-diagnosis.py. */
import { uncapturedClusters } from '../../src/bundle/bundle.ts';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../src/analysis/diagnose.ts';
import { readBundle } from '../../src/bundle/read-bundle.ts';
import { buildFleetGraph } from '../../src/graph/fleet-graph.ts';
import type { Diagnosis, Incident } from '../../src/model/incident.ts';
import { createFleetBuilder, writeBundle } from '../../src/testing/fleet-builder.ts';
import type { Provider } from '../../src/testing/fleet-builder.ts';
import type { Expectation, Scenario } from './scenario.ts';

const SEV: Readonly<Record<string, number>> = { critical: 2, warning: 1 };

/** How the diagnosis did on one expected fault. */
export interface FaultScore {
  readonly expectation: Expectation;
  /** Infrastructure provider of the faulty cluster. */
  readonly provider: Provider | undefined;
  /** A critical or warning incident names the cluster. */
  readonly detected: boolean;
  /** The first such incident (most severe, then most confident) has an accepted category. */
  readonly top1: boolean;
  /** One of them has an accepted category. */
  readonly any: boolean;
  /** Share of `targets` the first correct incident names; undefined when there are no targets. */
  readonly recall: number | undefined;
  /** For a fault over several clusters: one correct incident names them all; undefined otherwise. */
  readonly grouped: boolean | undefined;
  /** Categories of the incidents naming the cluster, in rank order. */
  readonly got: readonly string[];
  /** The evidence of the first incident naming the cluster, for reports. */
  readonly firstIncident: Incident | undefined;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly faults: readonly FaultScore[];
  /** Critical/warning incidents naming a cluster expected to be healthy, by cluster. */
  readonly falsePositives: readonly { readonly cluster: string; readonly titles: readonly string[] }[];
  readonly diagnosis: Diagnosis;
  readonly seconds: number;
}

function clustersOf(incident: Incident): Set<string> {
  const out = new Set<string>();
  for (const a of [...incident.affected, ...incident.chain]) if (a.cluster) out.add(a.cluster);
  return out;
}

/** Scores a diagnosis against expectations exactly as score-diagnosis.py does. */
export function scoreDiagnosis(
  diagnosis: Diagnosis,
  expect: readonly Expectation[],
  healthy: readonly string[],
  providers: ReadonlyMap<string, Provider> = new Map(),
): Pick<ScenarioResult, 'faults' | 'falsePositives'> {
  // Array.prototype.sort is stable, like Python's sort: ties keep the diagnosis order.
  const incidents = diagnosis.incidents
    .filter((i) => i.severity in SEV)
    .sort(
      (a, b) =>
        (SEV[b.severity] ?? 0) - (SEV[a.severity] ?? 0) || b.rootCause.confidence - a.rootCause.confidence,
    );
  const faults = expect.map((e): FaultScore => {
    const ok = new Set<string>([e.category, ...(e.accept ?? [])]);
    const mine = incidents.filter((i) => clustersOf(i).has(e.cluster));
    const got = mine.map((i) => i.rootCause.category);
    const good = mine.filter((i) => ok.has(i.rootCause.category));
    let recall: number | undefined;
    if (e.targets.length > 0) {
      const first = good[0];
      if (first) {
        const named = new Set([...first.affected, ...first.chain].map((x) => x.name));
        recall = e.targets.filter((t) => named.has(t)).length / e.targets.length;
      } else recall = 0;
    }
    const together = e.together;
    return {
      expectation: e,
      provider: providers.get(e.cluster),
      detected: mine.length > 0,
      top1: got[0] !== undefined && ok.has(got[0]),
      any: good.length > 0,
      recall,
      grouped: together ? good.some((i) => together.every((c) => clustersOf(i).has(c))) : undefined,
      got,
      firstIncident: mine[0],
    };
  });
  const falsePositives = healthy
    .map((cluster) => ({
      cluster,
      titles: incidents.filter((i) => clustersOf(i).has(cluster)).map((i) => i.title),
    }))
    .filter((fp) => fp.titles.length > 0);
  return { faults, falsePositives };
}

/** Builds, writes, reads and diagnoses a scenario in a temporary directory, then scores it. */
export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const started = performance.now();
  const builder = createFleetBuilder({
    capturedAt: scenario.capturedAt,
    seed: scenario.seed,
    ...(scenario.apiVersion ? { apiVersion: scenario.apiVersion } : {}),
  });
  const expect = scenario.build(builder);
  const providers = new Map(builder.clusters.map((c) => [c.key, c.provider]));
  const dir = await mkdtemp(join(tmpdir(), `causeway-scenario-${scenario.id}-`));
  try {
    await writeBundle(builder, dir);
    // A cluster the capture could not reach has no workload files, only the capture script's error note.
    for (const [cluster, error] of Object.entries(scenario.uncaptured ?? {})) {
      await rm(join(dir, 'workload', cluster), { recursive: true, force: true });
      await rm(join(dir, 'logs', 'workload', cluster), { recursive: true, force: true });
      await mkdir(join(dir, 'workload', cluster), { recursive: true });
      await writeFile(join(dir, 'workload', cluster, 'CAPTURE-ERROR.txt'), `${error}\n`);
    }
    const bundle = await readBundle(dir);
    const graph = buildFleetGraph(bundle);
    const unreachable = uncapturedClusters(bundle.issues);
    const diagnosis = diagnose(graph, { unreachable });
    const scored = scoreDiagnosis(diagnosis, expect, scenario.healthy, providers);
    return { scenario, ...scored, diagnosis, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Totals over many scenarios, as score-diagnosis.py prints them. */
export interface Totals {
  readonly faults: number;
  readonly detected: number;
  readonly top1: number;
  readonly any: number;
  readonly falsePositives: number;
  readonly recall: number;
  readonly grouped: number;
  readonly groups: number;
}

/** Adds up scenario results; recall is the mean over faults with targets. */
export function totalsOf(results: readonly ScenarioResult[]): Totals {
  const faults = results.flatMap((r) => r.faults);
  const recalls = faults.map((f) => f.recall).filter((r): r is number => r !== undefined);
  const groups = faults.filter((f) => f.grouped !== undefined);
  return {
    faults: faults.length,
    detected: faults.filter((f) => f.detected).length,
    top1: faults.filter((f) => f.top1).length,
    any: faults.filter((f) => f.any).length,
    falsePositives: results.reduce(
      (n, r) => n + r.falsePositives.reduce((m, fp) => m + fp.titles.length, 0),
      0,
    ),
    recall: recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0,
    grouped: groups.filter((f) => f.grouped).length,
    groups: groups.length,
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** One line per expected fault or healthy fleet, then the totals: for people reading test output. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const rows: string[][] = [
    ['scenario', 'provider', 'expected', 'got (rank order)', 'top1', 'recall', 'grp', 'fp'],
  ];
  for (const r of results) {
    const fp = String(r.falsePositives.reduce((n, f) => n + f.titles.length, 0));
    if (r.faults.length === 0) rows.push([r.scenario.id, '-', 'healthy', '-', '-', '-', '-', fp]);
    for (const f of r.faults) {
      rows.push([
        r.scenario.id,
        f.provider ?? '?',
        f.expectation.category,
        f.got.slice(0, 3).join(', ') || 'nothing',
        f.top1 ? 'ok' : 'MISS',
        f.recall === undefined ? '-' : f.recall.toFixed(2),
        f.grouped === undefined ? '-' : f.grouped ? 'ok' : 'MISS',
        fp,
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, i) => Math.min(48, Math.max(...rows.map((row) => (row[i] ?? '').length)))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, i) => pad(cell.length > 48 ? `${cell.slice(0, 47)}…` : cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const t = totalsOf(results);
  lines.push(
    '',
    `faults ${t.faults}, detected ${t.detected}, top-1 correct ${t.top1}, any correct ${t.any}, false positives ${t.falsePositives}, ` +
      `affected recall ${t.recall.toFixed(2)}, grouped ${t.grouped}/${t.groups}`,
    `top1=${t.top1}/${t.faults} (${t.faults ? ((100 * t.top1) / t.faults).toFixed(1) : '0'}%) any=${t.any}/${t.faults} fp=${t.falsePositives} recall=${t.recall.toFixed(2)} grouped=${t.grouped}/${t.groups}`,
  );
  return lines.join('\n');
}

/** Runs scenarios with a little concurrency (file I/O overlaps with analysis) and keeps their order. */
export async function runAll(scenarios: readonly Scenario[], concurrency = 4): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array<ScenarioResult>(scenarios.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const i = next++;
      const s = scenarios[i];
      if (s) results[i] = await runScenario(s);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, scenarios.length) }, worker));
  return results;
}
