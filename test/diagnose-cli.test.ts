import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.ts';
import { ROOT_CAUSE_CATEGORIES, type Diagnosis } from '../src/model/incident.ts';
import { captureIo } from '../src/testing/capture-io.ts';

const root = join(import.meta.dirname, '..');
const shared = join(root, '../shared');
const demo = join(root, 'demo/fleet');

async function runCli(args: string[]) {
  const io = captureIo();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Checks an object against spec/diagnosis.md field by field. */
function expectContract(diagnosis: Diagnosis): void {
  expect(Number.isNaN(Date.parse(diagnosis.capturedAt))).toBe(false);
  for (const cluster of diagnosis.clusters) {
    expect(Object.keys(cluster).sort()).toEqual(['health', 'name', 'namespace']);
    expect(['healthy', 'degraded', 'failing', 'unknown']).toContain(cluster.health);
  }
  for (const incident of diagnosis.incidents) {
    expect(typeof incident.id).toBe('string');
    expect(['critical', 'warning', 'info']).toContain(incident.severity);
    expect(incident.title.length).toBeGreaterThan(10);
    expect(ROOT_CAUSE_CATEGORIES).toContain(incident.rootCause.category);
    expect(incident.rootCause.summary.length).toBeGreaterThan(10);
    expect(incident.rootCause.confidence).toBeGreaterThanOrEqual(0);
    expect(incident.rootCause.confidence).toBeLessThanOrEqual(1);
    expect(incident.affected.length).toBeGreaterThan(0);
    for (const a of incident.affected) {
      expect(a.cluster).toMatch(/^[^/]+\/[^/]+$/);
      expect(['management', 'workload']).toContain(a.plane);
      expect(a.kind && a.name).toBeTruthy();
    }
    expect(incident.chain.length).toBeGreaterThan(0);
    for (const link of incident.chain) {
      expect(['condition', 'event', 'log', 'phase', 'metric', 'relation', 'absence']).toContain(link.signal);
      expect(link.message.length).toBeGreaterThan(0);
    }
    expect(incident.remediation.length).toBeGreaterThan(0);
  }
}

describe('causeway diagnose', () => {
  it('prints the JSON contract for the demo fleet, most severe first, with causes from the evidence', async () => {
    const { code, out } = await runCli(['diagnose', demo, '-o', 'json']);
    expect(code).toBe(0);
    const diagnosis = JSON.parse(out) as Diagnosis;
    expectContract(diagnosis);
    const warnings = diagnosis.incidents.filter((i) => i.severity !== 'info');
    expect(
      warnings.map((i) => [i.rootCause.category, [...new Set(i.affected.map((a) => a.cluster))]]),
    ).toEqual([
      ['capacity-unavailable', ['payments/prod-eu']],
      ['node-unhealthy', ['payments/prod-us']],
    ]);
    expect(
      warnings[0]?.affected
        .filter((a) => a.kind === 'Machine')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['prod-eu-md-0-2jqfz-brmtb', 'prod-eu-md-0-2jqfz-fnqns']);
    expect(Object.fromEntries(diagnosis.clusters.map((c) => [`${c.namespace}/${c.name}`, c.health]))).toEqual(
      {
        'data/analytics': 'healthy',
        'payments/prod-eu': 'degraded',
        'payments/prod-us': 'degraded',
        'platform/ci': 'healthy',
        'platform/edge': 'healthy',
      },
    );
  });

  it('gives the same incident ids on every run', async () => {
    const first = JSON.parse((await runCli(['diagnose', demo, '-o', 'json'])).out) as Diagnosis;
    const second = JSON.parse((await runCli(['diagnose', demo, '-o', 'json'])).out) as Diagnosis;
    expect(second.incidents.map((i) => i.id)).toEqual(first.incidents.map((i) => i.id));
    expect(new Set(first.incidents.map((i) => i.id)).size).toBe(first.incidents.length);
  });

  it('exits 1 with --fail-on only when an incident of that severity or worse exists', async () => {
    expect((await runCli(['diagnose', demo, '--fail-on', 'warning', '-o', 'json'])).code).toBe(1);
    expect((await runCli(['diagnose', demo, '--fail-on', 'critical', '-o', 'json'])).code).toBe(0);
    expect(
      (await runCli(['diagnose', join(shared, 'scenarios/healthy-fleet'), '--fail-on', 'warning'])).code,
    ).toBe(0);
    const bad = await runCli(['diagnose', demo, '--fail-on', 'bad']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--fail-on must be critical, warning or info, not bad/);
  });

  it('reports a healthy fleet as healthy, with no warning or critical incident', async () => {
    const diagnosis = JSON.parse(
      (await runCli(['diagnose', join(shared, 'scenarios/healthy-fleet'), '-o', 'json'])).out,
    ) as Diagnosis;
    expect(diagnosis.incidents.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(diagnosis.clusters.map((c) => c.health)).toEqual(['healthy', 'healthy', 'healthy']);
  });

  it('prints a readable report: cause, evidence, affected objects and the fix', async () => {
    const { code, out } = await runCli(['diagnose', demo]);
    expect(code).toBe(0);
    expect(out).toMatch(/^WARNING 2 machines of payments\/prod-eu\/prod-eu-md-0 stuck provisioning: /m);
    expect(out).toMatch(/ {2}cause: {6}capacity-unavailable \(aws\), confidence 0\.\d\d/);
    expect(out).toMatch(/ {2}evidence:\n {4}1\. AWSMachine\/prod-eu-md-0-2jqfz-/);
    expect(out).toMatch(/ {2}fix:\n {4}- /);
  });

  it('exits 2 naming the problem for unusable input', async () => {
    expect(await runCli(['diagnose', '/no/such/bundle'])).toMatchObject({
      code: 2,
      err: 'causeway: /no/such/bundle: no such file or directory\n',
    });
  });
});

describe('the shared example fleets', () => {
  it('score every fault top-1 correct with no false positive, as score-diagnosis.py counts', () => {
    const command = `${process.execPath} ${join(root, 'bin/causeway.js')} diagnose {bundle} --output json`;
    const scored = spawnSync(
      'python3',
      [join(shared, 'tools/score-diagnosis.py'), join(shared, 'scenarios'), '--cmd', command],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(scored.status, scored.stderr).toBe(0);
    const last = scored.stdout.trim().split('\n').at(-1) ?? '';
    const figures: Record<string, string> = Object.fromEntries(
      last.split(' ').map((pair) => pair.split('=')),
    );
    const [top1, faults] = (figures.top1 ?? '0/1').split('/').map(Number);
    expect(top1, scored.stdout).toBe(faults);
    expect(figures.fp, scored.stdout).toBe('0');
    expect(figures.errors, scored.stdout).toBe('0');
    expect(Number(figures.recall), scored.stdout).toBeGreaterThanOrEqual(0.9);
    const [grouped, groups] = (figures.grouped ?? '0/1').split('/').map(Number);
    expect(grouped, scored.stdout).toBe(groups);
  });
});
