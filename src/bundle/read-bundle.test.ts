import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from './read-bundle.ts';
import { InputError } from '../model/errors.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function bundle(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'causeway-read-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const list = (...items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const machine = (name: string, version = 'v1beta2', extra: Record<string, unknown> = {}) => ({
  apiVersion: `cluster.x-k8s.io/${version}`,
  kind: 'Machine',
  metadata: { name, namespace: 'shop', creationTimestamp: '2026-11-19T08:00:00Z', ...extra },
});
const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

describe('readBundle', () => {
  it('reads every part of the layout: objects of both planes, logs, metrics and bundle.yaml', async () => {
    const root = await bundle({
      'bundle.yaml': 'capturedAt: "2026-11-20T10:30:00Z"\nmanagement: mgmt-1\n',
      'management/machines.json': list(machine('m1')),
      'management/nested/deeper/cluster.yaml':
        'apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata:\n  name: prod\n  namespace: shop\n',
      'workload/shop/prod/nodes.json': list(node('n1')),
      'logs/management/capi-system/capi-abc/manager.log':
        '{"level":"error","ts":"2026-11-20T10:00:00Z","msg":"Reconciler error","controllerKind":"Machine","namespace":"shop","name":"m1","error":"boom"}\n',
      'logs/machines/shop/m1/cloud-init-output.log': 'error execution phase preflight: connection refused\n',
      'metrics/shop/prod/http-error-ratio.json': JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result: [{ metric: { node: 'n1' }, values: [[1, '0.5']] }] },
      }),
      'README.txt': 'not part of a bundle',
    });
    const read = await readBundle(root);
    expect(read.capturedAt).toBe('2026-11-20T10:30:00Z');
    expect(read.now.toISOString()).toBe('2026-11-20T10:30:00.000Z');
    expect(read.management).toBe('mgmt-1');
    expect(read.objects.map((o) => `${o.plane}:${o.workloadCluster ?? ''}:${o.kind}/${o.name}`)).toEqual([
      'management::Machine/m1',
      'management::Cluster/prod',
      'workload:shop/prod:Node/n1',
    ]);
    expect(read.workloadClusters).toEqual(['shop/prod']);
    expect(read.logs.map((l) => [l.origin.type, l.level])).toEqual([
      ['machine-boot', 'error'],
      ['management-pod', 'error'],
    ]);
    expect(read.metrics.map((m) => [m.cluster, m.name, m.points])).toEqual([
      ['shop/prod', 'http-error-ratio', [[1, 0.5]]],
    ]);
    expect(read.issues).toEqual([
      {
        severity: 'notice',
        code: 'file-ignored',
        message: 'ignored: outside management/, workload/, logs/ and metrics/',
        source: { file: 'README.txt' },
      },
    ]);
  });

  it('reports a bad file with its line and reads the rest', async () => {
    const root = await bundle({
      'management/broken.json': '{\n  "items": [\n    {,}\n  ]\n}',
      'management/broken.yaml': 'kind: Node\nmetadata: {name: x\n',
      'management/good.json': list(machine('m1')),
    });
    const read = await readBundle(root);
    expect(read.objects.map((o) => o.name)).toEqual(['m1']);
    expect(read.issues.map((i) => [i.code, i.source.file, i.source.line])).toEqual([
      ['json-syntax', 'management/broken.json', 3],
      ['yaml-syntax', 'management/broken.yaml', 3],
    ]);
  });

  it('stops at the first bad file in strict mode, naming file and line', async () => {
    const root = await bundle({ 'management/a.json': '{"kind": ', 'management/b.json': list(machine('m1')) });
    await expect(readBundle(root, { strict: true })).rejects.toThrow(
      /^management\/a\.json:1: invalid JSON at line 1/,
    );
  });

  it('takes "now" from the newest timestamp when bundle.yaml is missing', async () => {
    const root = await bundle({
      'management/m.json': list(
        machine('m1'),
        machine('m2', 'v1beta2', { creationTimestamp: '2026-11-20T09:00:00Z' }),
      ),
    });
    expect((await readBundle(root)).now.toISOString()).toBe('2026-11-20T09:00:00.000Z');
  });

  it('says when capturedAt is not a time and falls back to the newest timestamp', async () => {
    const root = await bundle({
      'bundle.yaml': 'capturedAt: yesterday\n',
      'management/m.json': list(machine('m1')),
    });
    const read = await readBundle(root);
    expect(read.now.toISOString()).toBe('2026-11-19T08:00:00.000Z');
    expect(read.issues.map((i) => i.code)).toEqual(['bad-captured-at']);
  });

  it('skips a file over the size limit and says so', async () => {
    const root = await bundle({
      'management/big.json': list(machine('m1'), machine('m2')),
      'management/small.json': list(machine('m3')),
    });
    const read = await readBundle(root, { maxFileBytes: 300 });
    expect(read.objects.map((o) => o.name)).toEqual(['m3']);
    expect(read.issues[0]).toMatchObject({ code: 'file-too-large', source: { file: 'management/big.json' } });
  });

  it('reads v1beta1 and v1beta2 alike, notes older versions once per kind, and keeps the v1beta2 copy of a duplicate', async () => {
    const root = await bundle({
      'management/a.json': list(
        machine('m1', 'v1beta1'),
        machine('old-1', 'v1alpha3'),
        machine('old-2', 'v1alpha3'),
      ),
      'management/b.json': list(machine('m1', 'v1beta2')),
    });
    const read = await readBundle(root);
    expect(read.objects.map((o) => `${o.name}@${o.version}`)).toEqual([
      'm1@v1beta2',
      'old-1@v1alpha3',
      'old-2@v1alpha3',
    ]);
    expect(read.issues.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'duplicate-object'],
      ['notice', 'unsupported-api-version'],
    ]);
    expect(read.issues[1]?.message).toMatch(
      /^2 Machine objects at cluster\.x-k8s\.io\/v1alpha3: read with best effort/,
    );
  });

  it('reads a folder of plain kubectl captures as management objects, and says so', async () => {
    const root = await bundle({ 'machines.json': list(machine('m1')) });
    const read = await readBundle(root);
    expect(read.objects.map((o) => o.plane)).toEqual(['management']);
    expect(read.issues.map((i) => i.code)).toEqual(['not-a-bundle-layout']);
  });

  it('reads one capture file given directly', async () => {
    const root = await bundle({ 'machines.json': list(machine('m1')), 'other.json': list(machine('m2')) });
    const read = await readBundle(join(root, 'machines.json'));
    expect(read.objects.map((o) => o.name)).toEqual(['m1']);
  });

  it('fails clearly on a path that does not exist', async () => {
    const error = await readBundle('/nonexistent/bundle').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'bundle-not-found',
      message: '/nonexistent/bundle: no such file or directory',
    });
  });

  it('fails clearly when nothing at all can be read, naming the first problem', async () => {
    const root = await bundle({ 'management/a.json': '{oops' });
    await expect(readBundle(root)).rejects.toMatchObject({
      code: 'empty-bundle',
      message: expect.stringContaining('management/a.json:1: invalid JSON'),
    });
    const empty = await bundle({});
    await expect(readBundle(empty)).rejects.toMatchObject({ code: 'empty-bundle' });
  });

  it('reports a workload cluster the capture could not reach, with the reason it left', async () => {
    const root = await bundle({
      'management/m.json': list(machine('m1')),
      'workload/shop/prod/CAPTURE-ERROR.txt':
        'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout\n',
    });
    const read = await readBundle(root);
    expect(read.workloadClusters).toEqual([]);
    expect(read.issues).toEqual([
      {
        severity: 'warning',
        code: 'workload-not-captured',
        message:
          'the workload cluster shop/prod could not be captured: Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout',
        source: { file: 'workload/shop/prod/CAPTURE-ERROR.txt' },
      },
    ]);
  });

  it('does not read hidden files and folders', async () => {
    const root = await bundle({ 'management/.git/x.json': '{bad', 'management/m.json': list(machine('m1')) });
    expect((await readBundle(root)).issues).toEqual([]);
  });

  it('reports progress for every file', async () => {
    const root = await bundle({
      'management/a.json': list(machine('a')),
      'management/b.json': list(machine('b')),
    });
    const seen: string[] = [];
    await readBundle(root, { onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.file}`) });
    expect(seen).toEqual(['1/2 management/a.json', '2/2 management/b.json']);
  });
});

describe('readBundle on the shared examples', () => {
  const scenarios = join(import.meta.dirname, '../../../shared/scenarios');

  it('reads every example bundle without an error', async () => {
    const names = (await readdir(scenarios, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const read = await readBundle(join(scenarios, name));
      expect(
        read.issues.filter((i) => i.severity !== 'notice'),
        name,
      ).toEqual([]);
      expect(read.objects.length, name).toBeGreaterThan(50);
      expect(read.logs.length, name).toBeGreaterThan(0);
    }
  });

  it('takes the real v1alpha3 captures without crashing and says what it does not support', async () => {
    const read = await readBundle(join(import.meta.dirname, '../../../shared/real-captures'));
    expect(read.objects.length).toBeGreaterThan(10);
    expect(read.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const unsupported = read.issues
      .filter((i) => i.code === 'unsupported-api-version')
      .map((i) => i.message.split(':')[0]);
    expect(unsupported).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Machine objects? at cluster\.x-k8s\.io\/v1alpha3/),
        expect.stringMatching(/KubeadmControlPlane objects? at controlplane\.cluster\.x-k8s\.io\/v1alpha3/),
      ]),
    );
  });
});
