import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validIntent } from './intent-gen.ts';
import { compileIntent } from '../../src/intent/compile.ts';
import { checkObjectAgainstCrd, crdSchemas } from '../../src/intent/crd-check.ts';
import type { Manifest } from '../../src/intent/manifest.ts';
import { parseIntent } from '../../src/intent/parse-intent.ts';
import { DEFAULT_CRD_DIRS, readCrds } from '../../src/testing/crds.ts';
import { createRandom } from '../../src/testing/random.ts';

let schemas: Map<string, Readonly<Record<string, unknown>>>;

beforeAll(async () => {
  schemas = crdSchemas((await readCrds(DEFAULT_CRD_DIRS)).map((c) => c.body));
});

/** Problems of every object that has a CRD in ../shared/crds, and the kinds that have none. */
function check(manifests: readonly Manifest[]): { problems: string[]; unchecked: string[] } {
  const problems: string[] = [];
  const unchecked: string[] = [];
  for (const m of manifests) {
    const schema = schemas.get(`${m.apiVersion}/${m.kind}`);
    if (!schema) {
      unchecked.push(`${m.apiVersion}/${m.kind}`);
      continue;
    }
    for (const p of checkObjectAgainstCrd(m as unknown as Record<string, unknown>, schema)) {
      problems.push(`${m.kind}/${m.metadata.name}${p}`);
    }
  }
  return { problems, unchecked: [...new Set(unchecked)].sort() };
}

describe('compiled objects against the openAPIV3Schema of their CRDs', () => {
  for (const provider of ['docker', 'aws', 'azure', 'vsphere']) {
    for (const mode of ['expanded', 'topology'] as const) {
      it(`validates every ${provider} ${mode} object that has a CRD in ../shared/crds`, () => {
        const text = readFileSync(`examples/intents/${provider}.yaml`, 'utf8');
        const { problems, unchecked } = check(compileIntent(parseIntent(text, 'x.yaml').intent, { mode }));
        expect(problems).toEqual([]);
        // Core and kubeadm kinds always have a CRD here; only Azure and vSphere kinds may not.
        expect(
          unchecked.every((k) => /^infrastructure\.cluster\.x-k8s\.io\/v1beta1\/(Azure|VSphere)/.test(k)),
        ).toBe(true);
        if (provider === 'docker' || provider === 'aws') expect(unchecked).toEqual([]);
      });
    }
  }

  it('validates the objects of 200 random valid intents of every provider in both modes', () => {
    const random = createRandom('crd-property');
    let objects = 0;
    for (let i = 0; i < 200; i++) {
      const provider = random.pick(['docker', 'aws', 'azure', 'vsphere']);
      const text = stringify(validIntent(provider, random));
      const { intent } = parseIntent(text, `random-${i}.yaml`);
      for (const mode of ['expanded', 'topology'] as const) {
        const manifests = compileIntent(intent, { mode });
        objects += manifests.length;
        expect(check(manifests).problems, text).toEqual([]);
      }
    }
    expect(objects).toBeGreaterThan(2000);
  });
});
