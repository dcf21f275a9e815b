import { expect, it } from 'vitest';

import { ROOT_CAUSE_CATEGORIES } from '../../model/incident.ts';
import { CAPI_PACK } from './capi-pack.ts';
import { CLOUD_INIT_PACK } from './cloud-init-pack.ts';
import { DOCKER_PACK } from './docker-pack.ts';
import type { KnowledgeEntry } from './entry.ts';
import { KUBEADM_PACK } from './kubeadm-pack.ts';
import { KUBELET_PACK } from './kubelet-pack.ts';
import { METAL3_PACK } from './metal3-pack.ts';
import { OPENSTACK_PACK } from './openstack-pack.ts';
import { VSPHERE_PACK } from './vsphere-pack.ts';

const PACKS: Readonly<Record<string, readonly KnowledgeEntry[]>> = {
  vsphere: VSPHERE_PACK,
  openstack: OPENSTACK_PACK,
  metal3: METAL3_PACK,
  docker: DOCKER_PACK,
  capi: CAPI_PACK,
  kubeadm: KUBEADM_PACK,
  'cloud-init': CLOUD_INIT_PACK,
  kubelet: KUBELET_PACK,
};

const ENTRIES: readonly KnowledgeEntry[] = Object.values(PACKS).flat();

function matches(entry: KnowledgeEntry, text: string): boolean {
  return entry.patterns.some((pattern) => pattern.test(text));
}

it('holds entries only of the source of their pack', () => {
  for (const [source, pack] of Object.entries(PACKS)) {
    expect(pack.length, source).toBeGreaterThan(0);
    for (const entry of pack) expect(entry.source, entry.id).toBe(source);
  }
});

it('matches every example with at least one pattern of its own entry', () => {
  const unmatched = ENTRIES.flatMap((entry) =>
    entry.examples.filter((example) => !matches(entry, example)).map((example) => `${entry.id}: ${example}`),
  );
  expect(unmatched).toEqual([]);
});

it('never matches an example with a pattern of an entry of another category', () => {
  const conflicts = ENTRIES.flatMap((entry) =>
    entry.examples.flatMap((example) =>
      ENTRIES.filter((other) => other.category !== entry.category)
        .filter((other) => matches(other, example))
        .map(
          (other) =>
            `${entry.id} (${entry.category}) example also matches ${other.id} (${other.category}): ${example}`,
        ),
    ),
  );
  expect(conflicts).toEqual([]);
});

it('uses unique kebab-case ids prefixed by the source', () => {
  const ids = ENTRIES.map((entry) => entry.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const entry of ENTRIES) {
    expect(entry.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(entry.id.startsWith(`${entry.source}-`), entry.id).toBe(true);
  }
});

it('uses only categories of the taxonomy', () => {
  const known: readonly string[] = ROOT_CAUSE_CATEGORIES;
  for (const entry of ENTRIES) expect(known, entry.id).toContain(entry.category);
});

it('gives every entry a remediation step, a source, an example and a sane specificity', () => {
  for (const entry of ENTRIES) {
    expect(entry.remediation.length, entry.id).toBeGreaterThan(0);
    expect(entry.sources.length, entry.id).toBeGreaterThan(0);
    expect(entry.examples.length, entry.id).toBeGreaterThan(0);
    expect(entry.examples.length, entry.id).toBeLessThanOrEqual(3);
    expect(entry.specificity, entry.id).toBeGreaterThan(0);
    expect(entry.specificity, entry.id).toBeLessThanOrEqual(1);
    for (const source of entry.sources) expect(source, entry.id).toMatch(/^https:\/\//);
  }
});

it('uses case-insensitive, stateless patterns', () => {
  for (const entry of ENTRIES) {
    for (const pattern of entry.patterns) {
      expect(pattern.flags, `${entry.id} ${String(pattern)}`).toContain('i');
      expect(pattern.flags, `${entry.id} ${String(pattern)}`).not.toMatch(/[gy]/);
    }
  }
});
