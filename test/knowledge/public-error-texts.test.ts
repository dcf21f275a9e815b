import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { matchText } from '../../src/analysis/classify.ts';
import { ALL_ENTRIES, entriesFor } from '../../src/analysis/knowledge/index.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../src/model/incident.ts';

/**
 * Error texts as CAPI providers, cloud APIs, kubeadm, cloud-init and kubelet print them, copied from public issue
 * threads, documentation and provider source (each with its source), and the root-cause category a platform engineer
 * reads in them. Some are service load balancers or borderline readings, so the bar is a share, not every text.
 */
interface PublicText {
  readonly provider: string;
  readonly category: string;
  readonly text: string;
  readonly source: string;
}

const FILE = resolve(import.meta.dirname, 'public-error-texts.json');
const PROVIDERS = new Set(['aws', 'azure', 'gcp', 'vsphere', 'openstack', 'metal3', 'docker']);

it('reads the right root cause in at least 90% of real error texts from public reports', async () => {
  const texts = JSON.parse(await readFile(FILE, 'utf8')) as PublicText[];
  expect(texts.length).toBeGreaterThanOrEqual(100);
  for (const item of texts) expect(ROOT_CAUSE_CATEGORIES, item.source).toContain(item.category);
  const misses = texts.flatMap((item) => {
    const provider = PROVIDERS.has(item.provider) ? item.provider : undefined;
    const got = matchText(item.text, entriesFor(ALL_ENTRIES, provider))[0]?.category ?? 'none';
    return got === item.category ? [] : [`${item.category} read as ${got}: ${item.text.slice(0, 160)}`];
  });
  const share = 1 - misses.length / texts.length;
  expect(share, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
});
