import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LargeFleetProgress } from './large-fleet.ts';
import { writeLargeFleet } from './large-fleet.ts';
import { parseBundleFiles, readFilesUnder } from './parse-files.ts';

describe('writeLargeFleet', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('streams valid Lists whose counts match the summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'causeway-large-fleet-'));
    dirs.push(dir);
    const progress: LargeFleetProgress[] = [];
    const summary = await writeLargeFleet(dir, {
      clusters: 5,
      workersPerCluster: 12,
      podsPerNode: 10,
      eventsPerCluster: 30,
      seed: 5,
      capturedAt: '2026-11-20T10:30:00Z',
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.clustersDone)).toEqual([1, 2, 3, 4, 5]);
    expect(summary).toMatchObject({
      clusters: 5,
      controlPlaneMachines: 15,
      workerMachines: 60,
      machines: 75,
    });
    const files = await readFilesUnder(dir);
    expect(files.get('bundle.yaml')).toBe('capturedAt: "2026-11-20T10:30:00Z"\nmanagement: "mgmt-bench"\n');
    const { management, workload } = parseBundleFiles(files);
    const count = (kind: string): number => management.filter((o) => o.kind === kind).length;
    expect(count('Cluster')).toBe(5);
    expect(count('Machine')).toBe(summary.machines);
    expect(count('MachineDeployment')).toBe(10);
    expect(count('KubeadmConfig')).toBe(summary.machines);
    expect(workload.size).toBe(5);
    const all = [...workload.values()].flat();
    expect(all.filter((o) => o.kind === 'Node')).toHaveLength(summary.nodes);
    expect(all.filter((o) => o.kind === 'Pod')).toHaveLength(summary.pods);
    expect(all.filter((o) => o.kind === 'Event').length + count('Event')).toBe(summary.events);
    expect(all.filter((o) => o.kind === 'Event').length).toBe(5 * 30);
    const uids = [...management, ...all].map((o) => o.metadata.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect([...files.keys()].some((p) => p.startsWith('logs/management/capi-system/'))).toBe(true);
  });

  it('writes the same bytes for the same seed', async () => {
    const opts = {
      clusters: 2,
      workersPerCluster: 3,
      podsPerNode: 8,
      eventsPerCluster: 10,
      seed: 9,
      capturedAt: '2026-11-20T10:30:00Z',
    };
    const a = await mkdtemp(join(tmpdir(), 'causeway-large-fleet-'));
    const b = await mkdtemp(join(tmpdir(), 'causeway-large-fleet-'));
    dirs.push(a, b);
    await writeLargeFleet(a, opts);
    await writeLargeFleet(b, opts);
    expect(await readFilesUnder(a)).toEqual(await readFilesUnder(b));
  });
});
