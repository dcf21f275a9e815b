import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkAgainstSchema } from '../../src/intent/crd-check.ts';
import { intentJsonSchema, policyJsonSchema } from '../../src/intent/json-schema.ts';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('published JSON Schemas', () => {
  it('schemas/intent.schema.json is the schema generated from the intent format (causeway compile --print-schema)', () => {
    const committed: unknown = JSON.parse(readFileSync('schemas/intent.schema.json', 'utf8'));
    expect(committed).toEqual(roundTrip(intentJsonSchema()));
  });

  it('schemas/policy.schema.json is the schema generated from the policy format (--print-policy-schema)', () => {
    const committed: unknown = JSON.parse(readFileSync('schemas/policy.schema.json', 'utf8'));
    expect(committed).toEqual(roundTrip(policyJsonSchema()));
  });

  it('accepts every example, and an editor using it would flag an unknown field and a bad enum', () => {
    const schema = roundTrip(intentJsonSchema()) as Record<string, unknown>;
    for (const provider of ['aws', 'azure', 'docker', 'vsphere']) {
      const example: unknown = parse(readFileSync(`examples/intents/${provider}.yaml`, 'utf8'));
      expect(checkAgainstSchema(example, schema), provider).toEqual([]);
    }
    const policy: unknown = parse(readFileSync('examples/intents/policy.yaml', 'utf8'));
    expect(checkAgainstSchema(policy, roundTrip(policyJsonSchema()) as Record<string, unknown>)).toEqual([]);
    const broken = {
      ...(parse(readFileSync('examples/intents/docker.yaml', 'utf8')) as object),
      controlPlane: { replicas: 2, size: 'L' },
    };
    expect(checkAgainstSchema(broken, schema)).toEqual([
      '.controlPlane.replicas: 2 is not one of 1, 3, 5, 7',
      '.controlPlane.size: unknown field (the API server would drop it)',
    ]);
  });
});
