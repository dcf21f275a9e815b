import { describe, expect, it } from 'vitest';

import { ROOT_CAUSE_CATEGORIES } from '../../model/incident.ts';
import { AWS_PACK } from './aws-pack.ts';
import { AZURE_PACK } from './azure-pack.ts';
import { GCP_PACK } from './gcp-pack.ts';
import type { KnowledgeEntry } from './entry.ts';

const PACKS = { aws: AWS_PACK, azure: AZURE_PACK, gcp: GCP_PACK } as const;
const ALL: readonly KnowledgeEntry[] = [...AWS_PACK, ...AZURE_PACK, ...GCP_PACK];

/** Entries whose examples match a pattern of an entry with another category: "<example id> -> <pattern id>". */
function crossTalk(entries: readonly KnowledgeEntry[]): string[] {
  const hits: string[] = [];
  for (const owner of entries) {
    for (const example of owner.examples) {
      for (const other of entries) {
        if (other.category === owner.category) continue;
        for (const pattern of other.patterns) {
          if (pattern.test(example)) hits.push(`${owner.id} -> ${other.id} ${String(pattern)}`);
        }
      }
    }
  }
  return hits;
}

describe('cloud knowledge packs', () => {
  it('matches every example with at least one of its own patterns', () => {
    const unmatched = ALL.flatMap((entry) =>
      entry.examples
        .filter((example) => !entry.patterns.some((pattern) => pattern.test(example)))
        .map((example) => `${entry.id}: ${example}`),
    );
    expect(unmatched).toEqual([]);
  });

  it('matches no example with a pattern of an entry of another category', () => {
    expect(crossTalk(ALL)).toEqual([]);
  });

  it('uses unique kebab-case ids prefixed by the source', () => {
    const ids = ALL.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of ALL) {
      expect(entry.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(entry.id.startsWith(`${entry.source}-`)).toBe(true);
    }
  });

  it('keeps each pack to its own source', () => {
    for (const [source, pack] of Object.entries(PACKS)) {
      expect(pack.every((entry) => entry.source === source)).toBe(true);
    }
  });

  it('uses only taxonomy categories', () => {
    const categories: readonly string[] = ROOT_CAUSE_CATEGORIES;
    expect(ALL.filter((entry) => !categories.includes(entry.category)).map((entry) => entry.id)).toEqual([]);
  });

  it('gives every entry patterns, examples, a remediation step and a source', () => {
    for (const entry of ALL) {
      expect(entry.patterns.length, entry.id).toBeGreaterThan(0);
      expect(entry.examples.length, entry.id).toBeGreaterThan(0);
      expect(entry.remediation.length, entry.id).toBeGreaterThan(0);
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      expect(entry.title.length, entry.id).toBeGreaterThan(0);
      expect(entry.explanation.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('uses case-insensitive, non-global patterns', () => {
    // A global flag makes RegExp.test stateful (lastIndex), which would break repeated matching.
    const bad = ALL.flatMap((entry) =>
      entry.patterns
        .filter((pattern) => !pattern.flags.includes('i') || pattern.global)
        .map((p) => `${entry.id} ${String(p)}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps specificity within 0.6 and 1', () => {
    for (const entry of ALL) {
      expect(entry.specificity, entry.id).toBeGreaterThanOrEqual(0.6);
      expect(entry.specificity, entry.id).toBeLessThanOrEqual(1);
    }
  });

  it('cites http(s) sources', () => {
    const bad = ALL.flatMap((entry) =>
      entry.sources.filter((url) => !/^https?:\/\//.test(url)).map((url) => `${entry.id} ${url}`),
    );
    expect(bad).toEqual([]);
  });

  it('matches nothing in ordinary healthy status text', () => {
    const healthy = [
      'Machine default/capi-quickstart-md-0-abcde is Running',
      'InstanceReady True',
      'Successfully created VM capi-quickstart-control-plane-xyz',
      'GCPMachine instance is running - instance-id: capi-quickstart-md-0-abcde',
      'Reconciling AWSCluster',
    ];
    const hits = ALL.flatMap((entry) =>
      healthy
        .filter((text) => entry.patterns.some((pattern) => pattern.test(text)))
        .map((text) => `${entry.id}: ${text}`),
    );
    expect(hits).toEqual([]);
  });
});
