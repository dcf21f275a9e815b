import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBundleFiles, readFilesUnder } from '../src/testing/parse-files.ts';
import { buildDemoFleet, DEMO_DIR, writeDemoFleet } from './build-demo.ts';

describe('build-demo', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('regenerates the committed demo/fleet byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'causeway-demo-'));
    dirs.push(dir);
    await writeDemoFleet(dir);
    const fresh = await readFilesUnder(dir);
    const committed = await readFilesUnder(DEMO_DIR);
    expect([...committed.keys()]).toEqual([...fresh.keys()]);
    for (const [path, text] of fresh)
      expect(committed.get(path) === text, `${path} differs; run: npx node scripts/build-demo.ts`).toBe(true);
  });

  it('carries the three faults and the custom Database', () => {
    const { management, workload } = parseBundleFiles(buildDemoFleet().files());
    const provisioning = management.filter((o) => o.kind === 'Machine' && o.status?.phase === 'Provisioning');
    expect(provisioning.map((m) => m.metadata.name.startsWith('prod-eu-md-0-'))).toEqual([true, true]);
    const prodUs = workload.get('payments/prod-us') ?? [];
    const unknown = prodUs.filter(
      (n) => n.kind === 'Node' && JSON.stringify(n.status?.conditions).includes('NodeStatusUnknown'),
    );
    expect(unknown).toHaveLength(1);
    const analyticsNodes = (workload.get('data/analytics') ?? []).filter((n) => n.kind === 'Node');
    const owned = new Set(management.filter((o) => o.kind === 'Machine').map((m) => m.spec?.providerID));
    expect(analyticsNodes.filter((n) => !owned.has(n.spec?.providerID)).map((n) => n.metadata.name)).toEqual([
      'analytics-adhoc-gpu-1',
    ]);
    expect(management.find((o) => o.kind === 'Database')?.spec?.clusterRef).toEqual({
      name: 'prod-eu',
      namespace: 'payments',
    });
  });
});
