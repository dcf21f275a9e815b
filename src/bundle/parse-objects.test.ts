import { describe, expect, it } from 'vitest';
import { jsonErrorPosition, parseObjectFile } from './parse-objects.ts';

const management = (file: string) => ({ file, plane: 'management' as const, workloadCluster: undefined });

const machine = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  metadata: { name: 'prod-md-0-abc', namespace: 'shop', uid: 'u-1' },
  spec: { clusterName: 'prod' },
};

describe('parseObjectFile', () => {
  it('reads a single JSON object with its identity', () => {
    const { objects, issues } = parseObjectFile(JSON.stringify(machine), management('management/m.json'));
    expect(issues).toEqual([]);
    expect(objects).toEqual([
      {
        id: 'm|cluster.x-k8s.io|Machine|shop|prod-md-0-abc',
        plane: 'management',
        workloadCluster: undefined,
        apiVersion: 'cluster.x-k8s.io/v1beta2',
        group: 'cluster.x-k8s.io',
        version: 'v1beta2',
        kind: 'Machine',
        namespace: 'shop',
        name: 'prod-md-0-abc',
        uid: 'u-1',
        raw: machine,
        source: { file: 'management/m.json' },
      },
    ]);
  });

  it('reads every item of a kubectl List and says which item each came from', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [machine, { ...machine, metadata: { ...machine.metadata, name: 'b' } }],
    };
    const { objects } = parseObjectFile(JSON.stringify(list), management('management/machines.json'));
    expect(objects.map((o) => [o.name, o.source.item])).toEqual([
      ['prod-md-0-abc', 'items[0]'],
      ['b', 'items[1]'],
    ]);
  });

  it('gives the items of a typed list (MachineList) the kind and apiVersion the list names', () => {
    const list = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineList',
      items: [{ metadata: { name: 'x', namespace: 'a' } }],
    };
    const { objects, issues } = parseObjectFile(JSON.stringify(list), management('management/ml.json'));
    expect(issues).toEqual([]);
    expect(objects[0]).toMatchObject({
      kind: 'Machine',
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      version: 'v1beta1',
    });
    expect(objects[0]?.raw).toMatchObject({ kind: 'Machine', apiVersion: 'cluster.x-k8s.io/v1beta1' });
  });

  it('reads multi-document YAML with the line each document starts on', () => {
    const text = [
      'apiVersion: v1',
      'kind: Node',
      'metadata:',
      '  name: n1',
      '---',
      '',
      '---',
      'apiVersion: v1',
      'kind: Node',
      'metadata:',
      '  name: n2',
    ].join('\n');
    const { objects, issues } = parseObjectFile(text, {
      file: 'workload/a/b/nodes.yaml',
      plane: 'workload',
      workloadCluster: 'a/b',
    });
    expect(issues).toEqual([]);
    expect(objects.map((o) => [o.id, o.source.line])).toEqual([
      ['w:a/b||Node||n1', 1],
      ['w:a/b||Node||n2', 8],
    ]);
  });

  it('names the file and line of a JSON syntax error', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Node"\n  "metadata": {}\n}';
    const { objects, issues } = parseObjectFile(text, management('management/bad.json'));
    expect(objects).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'error',
      code: 'json-syntax',
      source: { file: 'management/bad.json', line: 4 },
    });
    expect(issues[0]?.message).toMatch(/^invalid JSON at line 4, column 3/);
  });

  it('names the line of a YAML syntax error and keeps the good documents', () => {
    const text =
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Node\nmetadata: [unclosed\n';
    const { objects, issues } = parseObjectFile(text, management('management/n.yaml'));
    expect(objects.map((o) => o.name)).toEqual(['ok']);
    expect(issues[0]).toMatchObject({
      code: 'yaml-syntax',
      source: { file: 'management/n.yaml', item: 'document 2' },
    });
    expect(issues[0]?.source.line).toBeGreaterThanOrEqual(8);
  });

  it('skips an object without kind or name and says what is missing', () => {
    const list = {
      kind: 'List',
      apiVersion: 'v1',
      items: [
        { apiVersion: 'v1', metadata: { name: 'x' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: {} },
      ],
    };
    const { objects, issues } = parseObjectFile(JSON.stringify(list), management('management/p.json'));
    expect(objects).toEqual([]);
    expect(issues.map((i) => [i.code, i.message, i.source.item])).toEqual([
      ['missing-field', 'object has no kind; it was skipped', 'items[0]'],
      ['missing-field', 'Pod has no metadata.name; it was skipped', 'items[1]'],
    ]);
  });

  it('rejects a top level that is not an object', () => {
    const { issues } = parseObjectFile('[1, 2]', management('management/a.json'));
    expect(issues[0]).toMatchObject({
      code: 'not-an-object',
      message: 'expected a Kubernetes object or List, found a list',
    });
  });

  it('keeps an unknown kind as it is', () => {
    const custom = {
      apiVersion: 'example.com/v1alpha1',
      kind: 'Database',
      metadata: { name: 'orders', namespace: 'shop' },
      spec: { size: 3 },
    };
    const { objects } = parseObjectFile(JSON.stringify(custom), management('management/db.json'));
    expect(objects[0]).toMatchObject({
      kind: 'Database',
      group: 'example.com',
      version: 'v1alpha1',
      raw: custom,
    });
  });

  it('never keeps Secret data', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'a' },
      data: { value: 'c2VjcmV0' },
      stringData: { x: 'y' },
    };
    const { objects } = parseObjectFile(JSON.stringify(secret), management('management/s.json'));
    expect(objects[0]?.raw).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'a' },
    });
  });

  it('refuses binary content', () => {
    const { objects, issues } = parseObjectFile('\u0000\u0001garbage', management('management/x.json'));
    expect(objects).toEqual([]);
    expect(issues[0]?.code).toBe('binary-file');
  });

  it('reads empty YAML files and empty documents as nothing', () => {
    expect(parseObjectFile('', management('management/e.yaml'))).toEqual({ objects: [], issues: [] });
    expect(parseObjectFile('---\n---\n', management('management/e.yaml'))).toEqual({
      objects: [],
      issues: [],
    });
  });
});

describe('jsonErrorPosition', () => {
  it('turns an offset into a line and column', () => {
    expect(jsonErrorPosition('ab\ncd', new Error('Unexpected token in JSON at position 4'))).toEqual({
      line: 2,
      column: 2,
    });
  });
});
