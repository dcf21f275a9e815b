/** Runs the diagnosis scenario suite (test/scenarios) and prints one line per fault, then the totals. */
import { ALL_SCENARIOS } from '../test/scenarios/catalog/index.ts';
import { formatTable, runAll } from '../test/scenarios/run-scenario.ts';

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const scenarios = only.length ? ALL_SCENARIOS.filter((s) => only.includes(s.id)) : ALL_SCENARIOS;
const started = performance.now();
const results = await runAll(scenarios);
console.log(formatTable(results));
if (process.argv.includes('--misses') || only.length) {
  for (const r of results) {
    for (const f of r.faults) {
      if (f.top1 && (f.recall ?? 1) >= 1 && f.grouped !== false) continue;
      const first = f.firstIncident;
      console.log(
        `\n${r.scenario.id} (${f.expectation.cluster}): expected ${f.expectation.category}, got ${f.got.join(', ') || 'nothing'}`,
      );
      if (first) {
        console.log(
          `  first incident: [${first.severity}] ${first.title} (confidence ${first.rootCause.confidence}, ${first.rootCause.knowledgeId ?? first.rootCause.basis ?? ''})`,
        );
        console.log(`  affected: ${first.affected.map((a) => `${a.kind}/${a.name}`).join(', ')}`);
      }
    }
    for (const fp of r.falsePositives)
      console.log(`\n${r.scenario.id}: false positive in ${fp.cluster}: ${fp.titles.join(' | ')}`);
  }
}
console.log(`\n${scenarios.length} scenarios in ${((performance.now() - started) / 1000).toFixed(1)} s`);
