import { describe, expect, it } from 'vitest';
import { checkAgainstSchema, checkObjectAgainstCrd, crdSchemas } from './crd-check.ts';
import { DEFAULT_CRD_DIRS, readCrds } from '../testing/crds.ts';

describe('checkAgainstSchema', () => {
  it('checks types, required fields, enums, patterns, lengths, bounds and unknown fields', () => {
    const schema = {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$', maxLength: 3 },
        mode: { type: 'string', enum: ['A', 'B'] },
        count: { type: 'integer', minimum: 1 },
        surge: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'object', additionalProperties: { type: 'string' } },
        keys: {
          type: 'array',
          maxItems: 2,
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', properties: { name: { type: 'string' } } },
        },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
    expect(
      checkAgainstSchema(
        {
          mode: 'C',
          count: 0.5,
          surge: true,
          tags: { a: 1 },
          keys: [{ name: 'x' }, { name: 'x' }, { name: 'y' }],
          free: { anything: [1] },
          extra: 1,
        },
        schema,
      ),
    ).toEqual([
      '.name: required field is missing',
      '.mode: "C" is not one of "A", "B"',
      '.count: number where integer is required',
      '.surge: boolean where an integer or a string is required',
      '.tags.a: integer where string is required',
      '.keys: 3 items, more than 2',
      '.keys: duplicate map entry ["x"]',
      '.extra: unknown field (the API server would drop it)',
    ]);
    expect(checkAgainstSchema({ name: 'ABCD' }, schema)).toEqual([
      '.name: "ABCD" is longer than 3',
      '.name: "ABCD" does not match ^[a-z]+$',
    ]);
  });

  it('finds the mistakes a hand-written MachineDeployment would have against the real CRD', async () => {
    const schemas = crdSchemas((await readCrds(DEFAULT_CRD_DIRS)).map((c) => c.body));
    const schema = schemas.get('cluster.x-k8s.io/v1beta2/MachineDeployment');
    expect(schema).toBeDefined();
    const md = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'MachineDeployment',
      metadata: { name: 'x', namespace: 'default' },
      spec: {
        clusterName: 'c',
        selector: {},
        strategy: { type: 'RollingUpdate' },
        rollout: { strategy: { type: 'Recreate' } },
        template: {
          spec: {
            clusterName: 'c',
            bootstrap: {
              configRef: {
                apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
                kind: 'KubeadmConfigTemplate',
                name: 'b',
              },
            },
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'AWSMachineTemplate',
              name: 'Bad_Name',
            },
          },
        },
      },
    };
    expect(checkObjectAgainstCrd(md, schema!).sort()).toEqual([
      '.spec.rollout.strategy.type: "Recreate" is not one of "RollingUpdate", "OnDelete"',
      '.spec.strategy: unknown field (the API server would drop it)',
      '.spec.template.spec.bootstrap.configRef.apiGroup: required field is missing',
      '.spec.template.spec.bootstrap.configRef.apiVersion: unknown field (the API server would drop it)',
      '.spec.template.spec.infrastructureRef.name: "Bad_Name" does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    ]);
  });
});
