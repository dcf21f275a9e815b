import { describe, expect, it } from 'vitest';
import { parseRelations } from './relations-file.ts';

describe('parseRelations', () => {
  it('reads field and label relations with their default parent ends', () => {
    const text = [
      'relations:',
      '  - name: runs-on',
      '    from: { kind: Tenant, group: example.com }',
      '    field: spec.clusterName',
      '    to: { kind: Cluster }',
      '  - name: owned-by-team',
      '    from: { kind: Machine }',
      '    label: example.com/team',
      '    to: { kind: Team }',
    ].join('\n');
    expect(parseRelations(text, 'relations.yaml')).toEqual([
      {
        relation: 'runs-on',
        from: { kind: 'Tenant', group: 'example.com' },
        to: { kind: 'Cluster' },
        parent: 'from',
        field: 'spec.clusterName',
      },
      {
        relation: 'owned-by-team',
        from: { kind: 'Machine' },
        to: { kind: 'Team' },
        parent: 'to',
        label: 'example.com/team',
      },
    ]);
  });

  it('names the file, line and field of a mistake', () => {
    const text =
      'relations:\n  - name: ok\n    from: { kind: A }\n    to: { kind: B }\n    field: spec.x\n  - name: bad\n    from: { kind: A }\n    to: { kind: B }\n';
    expect(() => parseRelations(text, 'r.yaml')).toThrow(
      'r.yaml:6: relations[1] needs exactly one of field (a dotted path such as spec.clusterRef) or label',
    );
  });

  it('rejects unknown fields, bad names and a bad parent', () => {
    const base = '    from: { kind: A }\n    to: { kind: B }\n    field: spec.x\n';
    expect(() => parseRelations(`relations:\n  - name: a\n${base}    colour: red\n`, 'r.yaml')).toThrow(
      /unknown field\(s\) colour/,
    );
    expect(() => parseRelations(`relations:\n  - name: Not Kebab\n${base}`, 'r.yaml')).toThrow(
      /name must be a kebab-case relation name, got "Not Kebab"/,
    );
    expect(() => parseRelations(`relations:\n  - name: a\n${base}    parent: up\n`, 'r.yaml')).toThrow(
      /parent must be from or to, got "up"/,
    );
    expect(() =>
      parseRelations(`relations:\n  - name: a\n    from: A\n    to: { kind: B }\n    field: x\n`, 'r.yaml'),
    ).toThrow(/relations\[0\]\.from must be a mapping with a kind/);
  });

  it('rejects a file that is not a relations list, and broken YAML, with the line', () => {
    expect(() => parseRelations('- a\n- b\n', 'r.yaml')).toThrow(
      /r\.yaml:1: expected a mapping with a `relations` list/,
    );
    expect(() => parseRelations('relations: [\n', 'r.yaml')).toThrow(/^r\.yaml:\d+: /);
  });
});
