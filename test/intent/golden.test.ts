import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { examplePath, GOLDEN_CASES, goldenPath, renderGolden } from '../../scripts/update-golden.ts';
import { compileIntent } from '../../src/intent/compile.ts';
import { parseIntent } from '../../src/intent/parse-intent.ts';
import { renderManifests } from '../../src/intent/render.ts';
import { createRandom, type Random } from '../../src/testing/random.ts';

/** Lists whose order carries no meaning in the intent format: pools, zones, taints, CIDR blocks. */
const SET_LISTS = /^(nodePools|nodePools\[\]\.(failureDomains|taints)|network\.(pods|services))$/;

function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same intent with every map's keys and every set-like list in a random order. */
function shuffled(value: unknown, random: Random, path = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => shuffled(v, random, `${path}[]`));
    return SET_LISTS.test(path) ? shuffle(items, random) : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const keys = shuffle(Object.keys(value), random);
  return Object.fromEntries(
    keys.map((k) => [k, shuffled((value as Record<string, unknown>)[k], random, path ? `${path}.${k}` : k)]),
  );
}

describe('golden manifests per provider and mode', () => {
  for (const { provider, mode } of GOLDEN_CASES) {
    it(`compiles examples/intents/${provider}.yaml in ${mode} mode to test/golden/intent/${provider}-${mode}.yaml`, async () => {
      // On a deliberate change: npx node scripts/update-golden.ts, then review the diff.
      expect(await renderGolden(provider, mode)).toBe(readFileSync(goldenPath(provider, mode), 'utf8'));
    });

    it(`gives the same bytes for ${provider} ${mode} twice, and whatever the order of keys and lists`, () => {
      const text = readFileSync(examplePath(provider), 'utf8');
      const once = renderManifests(compileIntent(parseIntent(text, 'a.yaml').intent, { mode }));
      const twice = renderManifests(compileIntent(parseIntent(text, 'a.yaml').intent, { mode }));
      expect(twice).toBe(once);
      const random = createRandom(`shuffle-${provider}-${mode}`);
      for (let i = 0; i < 10; i++) {
        const reordered = stringify(shuffled(parse(text), random));
        expect(
          renderManifests(compileIntent(parseIntent(reordered, 'b.yaml').intent, { mode })),
          reordered,
        ).toBe(once);
      }
    });
  }

  it('changes a template name, and only that, when a pool shape changes', () => {
    const text = readFileSync(examplePath('aws'), 'utf8');
    const names = (t: string): string[] =>
      compileIntent(parseIntent(t, 'a.yaml').intent, { mode: 'expanded' }).map(
        (m) => `${m.kind}/${m.metadata.name}`,
      );
    const before = names(text);
    const after = names(text.replace('type: c6i.2xlarge', 'type: c6i.4xlarge'));
    expect(after.filter((n) => !before.includes(n))).toEqual([
      expect.stringMatching(/^AWSMachineTemplate\/payments-prod-batch-[0-9a-f]{8}$/),
    ]);
  });
});
