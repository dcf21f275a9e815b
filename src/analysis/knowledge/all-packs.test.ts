import { describe, expect, it } from 'vitest';
import { ALL_ENTRIES, entriesFor } from './index.ts';
import { matchText } from '../classify.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../model/incident.ts';

const PROVIDERS = new Set(['aws', 'azure', 'gcp', 'vsphere', 'openstack', 'metal3', 'docker']);

describe('the knowledge packs together', () => {
  it('have unique ids across every pack', () => {
    const ids = ALL_ENTRIES.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('cover every category of the taxonomy named by text', () => {
    // workload-regression is found from SLI series and rollouts, unknown is what no text names.
    const covered = new Set(ALL_ENTRIES.map((e) => e.category));
    const byText = ROOT_CAUSE_CATEGORIES.filter((c) => c !== 'unknown' && c !== 'workload-regression');
    expect(byText.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('classify every example as its own category first, with every pack in play as diagnose uses them', () => {
    const wrong: string[] = [];
    for (const entry of ALL_ENTRIES) {
      const entries = entriesFor(ALL_ENTRIES, PROVIDERS.has(entry.source) ? entry.source : undefined);
      for (const example of entry.examples) {
        const top = matchText(example, entries)[0];
        if (top?.category !== entry.category)
          wrong.push(
            `${entry.id} (${entry.category}) read as ${top?.id ?? 'nothing'} (${top?.category ?? '-'}): ${example.slice(0, 120)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
