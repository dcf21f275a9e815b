import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.ts';
import { captureIo } from '../src/testing/capture-io.ts';

const ESC = String.fromCharCode(27);
const shared = join(import.meta.dirname, '../../shared');
const scenarios = join(shared, 'scenarios');
const temp: string[] = [];
afterAll(async () => {
  await Promise.all(temp.map((d) => rm(d, { recursive: true, force: true })));
});

async function runCli(args: string[], options: Parameters<typeof captureIo>[0] = {}) {
  const io = captureIo(options);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('causeway describe', () => {
  it('shows the cross-plane tree of every example bundle', async () => {
    const names = (await readdir(scenarios, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    for (const name of names) {
      const { code, out, err } = await runCli(['describe', join(scenarios, name)]);
      expect(err, name).toBe('');
      expect(code, name).toBe(0);
      expect(out, name).toMatch(/^Cluster\/[\w-]+\/[\w-]+ /m);
      expect(out, name).toMatch(/ControlPlane - KubeadmControlPlane\//);
      expect(out, name).toMatch(/MachineDeployment\//);
      expect(out, name).toMatch(/(Node\/|\d+ Nodes)/);
      expect(out.includes(ESC), name).toBe(false); // piped output is plain
    }
  });

  it('points out a Machine Running whose Node is NotReady', async () => {
    const { out } = await runCli(['describe', join(scenarios, 'disk-pressure-node'), '-o', 'json']);
    const description = JSON.parse(out) as {
      clusters: { cluster: string; findings: { type: string; message: string }[] }[];
    };
    const types = description.clusters.flatMap((c) => c.findings.map((f) => `${c.cluster} ${f.type}`));
    expect(types).toContain('shop/prod-eu node-under-pressure');
  });

  it('prints JSON that tools can read, with the tree and findings of each cluster', async () => {
    const { code, out } = await runCli(['describe', join(scenarios, 'healthy-fleet'), '-o', 'json']);
    expect(code).toBe(0);
    const description = JSON.parse(out) as {
      now: string;
      clusters: {
        cluster: string;
        workloadCaptured: boolean;
        root: { kind: string; children: { role: string }[] };
        findings: unknown[];
      }[];
    };
    expect(description.now).toBe('2026-11-20T10:30:00.000Z');
    expect(description.clusters.map((c) => c.cluster)).toEqual(['infra/lab', 'shop/prod-eu', 'shop/prod-us']);
    for (const cluster of description.clusters) {
      expect(cluster.root.kind).toBe('Cluster');
      expect(cluster.root.children.map((c) => c.role)).toEqual([
        'ClusterInfrastructure',
        'ControlPlane',
        'Workers',
      ]);
      expect(cluster.findings).toEqual([]);
    }
  });

  it('describes one cluster by namespace/name or by a unique name', async () => {
    const byKey = await runCli(['describe', join(scenarios, 'healthy-fleet'), 'shop/prod-eu']);
    expect(byKey.out).toMatch(/^Cluster\/shop\/prod-eu /m);
    expect(byKey.out).not.toMatch(/Cluster\/infra\/lab/);
    const byName = await runCli(['describe', join(scenarios, 'healthy-fleet'), 'lab']);
    expect(byName.out).toMatch(/^Cluster\/infra\/lab /m);
  });

  it('colors output when asked and never when NO_COLOR is set', async () => {
    const colored = await runCli(['describe', join(scenarios, 'healthy-fleet'), '--color', 'always']);
    expect(colored.out.includes(ESC)).toBe(true);
    const tty = await runCli(['describe', join(scenarios, 'healthy-fleet')], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(tty.out.includes(ESC)).toBe(false);
  });

  it('lists every Machine with --no-grouping', async () => {
    const grouped = await runCli(['describe', join(scenarios, 'healthy-fleet'), 'lab']);
    const flat = await runCli(['describe', join(scenarios, 'healthy-fleet'), 'lab', '--no-grouping']);
    expect(grouped.out).toMatch(/\d+ Machines/);
    expect(flat.out).not.toMatch(/\d+ Machines/);
    expect(flat.out.match(/Machine\/lab-/g)?.length).toBeGreaterThan(2);
  });

  it('reads the real v1alpha3 captures and says what it does not support', async () => {
    const { code, out } = await runCli([
      'describe',
      join(shared, 'real-captures/eks-anywhere-capd'),
      '--verbose',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Cluster\/default\/eksa-test-capd/);
    expect(out).toMatch(/notice .*v1alpha3: read with best effort/);
  });

  it('exits 2 naming an unknown cluster and the clusters there are', async () => {
    const { code, err } = await runCli(['describe', join(scenarios, 'healthy-fleet'), 'nope']);
    expect(code).toBe(2);
    expect(err).toBe(
      'causeway: no Cluster nope in the fleet; clusters: infra/lab, shop/prod-eu, shop/prod-us\n',
    );
  });

  it('exits 2 for a missing bundle and for usage errors', async () => {
    expect(await runCli(['describe', '/no/such/bundle'])).toEqual({
      code: 2,
      out: '',
      err: 'causeway: /no/such/bundle: no such file or directory\n',
    });
    const usage = await runCli(['describe']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/describe needs a bundle path\nRun 'causeway describe --help' for usage/);
    const badFlag = await runCli(['describe', 'x', '--bogus']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.err).toMatch(/Unknown option '--bogus'/);
  });

  it('exits 2 in strict mode naming the bad file and line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'causeway-cli-'));
    temp.push(root);
    await mkdir(join(root, 'management'));
    await writeFile(join(root, 'management/bad.yaml'), 'apiVersion: v1\nkind: [\n');
    const { code, err } = await runCli(['describe', root, '--strict']);
    expect(code).toBe(2);
    expect(err).toMatch(/^causeway: management\/bad\.yaml:\d+ \(document 1\): invalid YAML at line \d+/);
  });

  it('teaches with --help', async () => {
    const { code, out } = await runCli(['describe', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: causeway describe <bundle> \[cluster\]/);
    expect(out).toMatch(/Examples:/);
    const main = await runCli(['--help']);
    expect(main.out).toMatch(/describe <bundle> \[cluster\]/);
  });
});

describe('the causeway executable', () => {
  it('runs a command and exits with its status', () => {
    const bin = join(import.meta.dirname, '../bin/causeway.js');
    const ok = spawnSync(process.execPath, [bin, 'describe', join(scenarios, 'etcd-nospace')], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Cluster\/shop\/prod-us /m);
    const bad = spawnSync(process.execPath, [bin, 'describe', '/no/such/bundle'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('causeway: /no/such/bundle: no such file or directory\n');
  });
});

describe('causeway query', () => {
  const bundle = join(scenarios, 'healthy-fleet');

  it('lists children and parents of an object', async () => {
    const { code, out } = await runCli(['query', bundle, 'children', 'Cluster/shop/prod-eu', '-o', 'json']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { object: string; relation: string }[];
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ object: 'AWSCluster/shop/prod-eu', relation: 'infrastructure' }),
        expect.objectContaining({
          object: 'KubeadmControlPlane/shop/prod-eu-control-plane',
          relation: 'control-plane',
        }),
      ]),
    );
  });

  it('finds the path from a Cluster to a Pod in its workload cluster', async () => {
    const pods = await runCli(['describe', bundle, 'shop/prod-eu', '-o', 'json']);
    expect(pods.code).toBe(0);
    const nodeName = /"name": "(ip-[^"]+)"/.exec(pods.out)?.[1];
    expect(nodeName).toBeDefined();
    const { code, out } = await runCli([
      'query',
      bundle,
      'path',
      'Cluster/shop/prod-eu',
      `shop/prod-eu@Node/${nodeName}`,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Cluster\/shop\/prod-eu\n {2}-> cluster .*Machine\/shop\/.*\n {2}-> node .*Node\//);
  });

  it('exits 2 for an object that is not there', async () => {
    const { code, err } = await runCli(['query', bundle, 'children', 'Machine/shop/nope']);
    expect(code).toBe(2);
    expect(err).toBe('causeway: Machine/shop/nope: no Machine shop/nope in the management cluster\n');
  });
});
