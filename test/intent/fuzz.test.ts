import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validIntent } from './intent-gen.ts';
import { run } from '../../src/cli/main.ts';
import { compileIntent } from '../../src/intent/compile.ts';
import { parseIntent } from '../../src/intent/parse-intent.ts';
import { IntentError } from '../../src/intent/problems.ts';
import { createRandom, type Random } from '../../src/testing/random.ts';

type Json = Record<string, unknown>;
type Mutation = { family: string; apply: (intent: Json, r: Random) => string };

const clone = (v: Json): Json => structuredClone(v);
const pools = (intent: Json): Json[] => (intent.nodePools as Json[] | undefined) ?? [];
const yaml = (v: Json): string => stringify(v);

/** Sets a field at a dotted path, creating objects on the way. */
function set(target: Json, path: string, value: unknown): Json {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Json;
  }
  at[keys.at(-1)!] = value;
  return target;
}

function withPool(intent: Json, pool: Json): Json {
  return { ...intent, nodePools: [...pools(intent), { name: 'extra', replicas: 1, ...pool }] };
}

/** Families of changes that each make any valid intent invalid. */
const MUTATIONS: Mutation[] = [
  {
    family: 'unknown field',
    apply: (i, r) => {
      const where = r.pick([
        '',
        'controlPlane.',
        'network.',
        'healthChecks.',
        'rollout.',
        'controlPlane.machine.',
      ]);
      return yaml(set(clone(i), `${where}zz${r.suffix(4)}`, r.pick([1, 'x', true])));
    },
  },
  {
    family: 'wrong type',
    apply: (i, r) => {
      const [path, value] = r.pick<[string, unknown]>([
        ['name', 42],
        ['namespace', ['a']],
        ['kubernetesVersion', 1.3],
        ['controlPlane.replicas', '3'],
        ['controlPlane', 'big'],
        ['nodePools', 'general'],
        ['network.pods', '10.0.0.0/8'],
        ['healthChecks.enabled', 'yes'],
        ['healthChecks.nodeStartupTimeoutSeconds', '10m'],
        ['rollout.maxSurge', true],
        ['provider', 'aws'],
      ]);
      return yaml(set(clone(i), path, value));
    },
  },
  {
    family: 'wrong type in a pool',
    apply: (i, r) =>
      yaml(
        withPool(
          clone(i),
          r.pick<Json>([
            { replicas: 'three' },
            { labels: ['a=b'] },
            { taints: ['NoSchedule'] },
            { failureDomains: { a: 1 } },
            { autoscaling: [1, 3] },
            { machine: 'large' },
          ]),
        ),
      ),
  },
  {
    family: 'impossible size',
    apply: (i, r) => {
      const [path, value] = r.pick<[string, unknown]>([
        ['controlPlane.replicas', r.pick([0, 2, 4, -1, 9, 1e12])],
        ['healthChecks.maxUnhealthy', r.pick(['101%', -1, 'half', 2.5])],
        ['healthChecks.unhealthyNodeTimeoutSeconds', r.pick([0, -5, 1e9])],
        ['network.apiServerPort', r.pick([0, 70000, -1])],
      ]);
      return yaml(set(clone(i), path, value));
    },
  },
  {
    family: 'impossible pool size',
    apply: (i, r) =>
      yaml(
        withPool(
          clone(i),
          r.pick<Json>([
            { replicas: -1 },
            { replicas: 1001 },
            { replicas: 2.5 },
            { replicas: 1e15 },
            { autoscaling: { min: 5, max: 2 } },
            { autoscaling: { min: -1, max: 2 } },
            { machine: { diskGiB: r.pick([0, 7, 1e9]) } },
            { rollout: { maxSurge: 0, maxUnavailable: 0 } },
          ]),
        ),
      ),
  },
  {
    family: 'bad CIDR',
    apply: (i, r) => {
      const bad = r.pick([
        ['10.0.0.0'],
        ['300.1.1.1/8'],
        ['10.0.0.1/8'],
        ['fd00::/200'],
        ['banana'],
        ['10.96.0.0/12'],
        ['192.168.0.0/30'],
        ['10.0.0.0/8', '10.1.0.0/16'],
        [],
        ['a', 'b', 'c'],
      ]);
      return yaml(set(clone(i), 'network.pods', bad));
    },
  },
  {
    family: 'bad name',
    apply: (i, r) => {
      const name = r.pick([
        'a'.repeat(64),
        'x'.repeat(50),
        'Prod',
        'my_cluster',
        '-x',
        '',
        'x-',
        'ünï',
        'a.b',
      ]);
      const where = r.pick(['name', 'namespace', 'pool']);
      if (where === 'pool')
        return yaml(withPool(clone(i), { name: name === 'x'.repeat(50) ? 'y'.repeat(64) : name }));
      return yaml(
        set(clone(i), where, where === 'namespace' && name === 'x'.repeat(50) ? 'n'.repeat(64) : name),
      );
    },
  },
  {
    family: 'bad label or taint',
    apply: (i, r) =>
      yaml(
        withPool(
          clone(i),
          r.pick<Json>([
            { labels: { 'bad key!': 'x' } },
            { labels: { ok: 'v'.repeat(64) } },
            { labels: { 'kubernetes.io/role': 'x' } },
            { labels: { [`${'p'.repeat(254)}/x`]: 'y' } },
            { taints: [{ key: 'k', effect: 'Sometimes' }] },
            { taints: [{ effect: 'NoSchedule' }] },
          ]),
        ),
      ),
  },
  {
    family: 'bad version',
    apply: (i, r) =>
      yaml(
        set(
          clone(i),
          'kubernetesVersion',
          r.pick(['latest', 'v2.0.0', 'v1.34', '1.34.2-rc.0', 'v1.34.2.1', 1.34, '']),
        ),
      ),
  },
  {
    family: 'missing field',
    apply: (i, r) => {
      const copy = clone(i);
      delete copy[r.pick(['name', 'kubernetesVersion', 'provider', 'apiVersion', 'kind'])];
      return yaml(copy);
    },
  },
  {
    family: 'two providers',
    apply: (i) => yaml({ ...i, provider: { docker: {}, aws: { region: 'eu-west-1' } } }),
  },
  {
    family: 'damaged YAML',
    apply: (i, r) => {
      const lines = yaml(i).split('\n');
      const at = r.int(0, lines.length - 2);
      const damage = r.pick(['tab', 'bracket', 'duplicate', 'colon']);
      if (damage === 'tab') lines.splice(at, 0, '\tname: x');
      if (damage === 'bracket') lines.splice(at, 0, 'broken: [a, b');
      if (damage === 'duplicate') lines.push(lines.find((l) => l.startsWith('name:')) ?? 'name: x');
      if (damage === 'colon') lines.splice(at, 0, 'key: a: b');
      return lines.join('\n');
    },
  },
];

function brokenIntents(count: number, seed: string): { family: string; text: string }[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, () => {
    const base = validIntent(r.pick(['docker', 'aws', 'azure', 'vsphere']), r);
    const mutation = r.pick(MUTATIONS);
    return { family: mutation.family, text: mutation.apply(base, r) };
  });
}

describe('broken intents', () => {
  it('always give an IntentError naming file:line:column, the field path and what is allowed, never a crash or output', () => {
    const seen = new Map<string, number>();
    for (const [n, { family, text }] of brokenIntents(1500, 'fuzz-intents').entries()) {
      let error: unknown;
      let output: unknown;
      try {
        const parsed = parseIntent(text, `broken-${n}.yaml`);
        output = compileIntent(parsed.intent, { mode: 'expanded' });
      } catch (e) {
        error = e;
      }
      expect(output, `${family}\n${text}`).toBeUndefined();
      expect(error, `${family}\n${text}`).toBeInstanceOf(IntentError);
      const e = error as IntentError;
      expect(e.problems.length).toBeGreaterThan(0);
      for (const p of e.problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
        expect(p.path.length).toBeGreaterThan(0);
        expect(p.problem.length).toBeGreaterThan(0);
        expect(p.allowed.length).toBeGreaterThan(0);
      }
      for (const line of e.message.split('\n')) {
        expect(line).toMatch(
          new RegExp(`^(broken-${n}\\.yaml:\\d+:\\d+: \\S.*; allowed: .+|\\.\\.\\. and \\d+ more problems)$`),
        );
      }
      seen.set(family, (seen.get(family) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(MUTATIONS.map((m) => m.family).sort());
  });

  describe('through the CLI', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'causeway-fuzz-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('exit with status 2, the problems on stderr and nothing on stdout', async () => {
      for (const [n, { text }] of brokenIntents(40, 'fuzz-cli').entries()) {
        const file = join(dir, `broken-${n}.yaml`);
        await writeFile(file, text);
        let stdout = '';
        let stderr = '';
        const io = {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
          env: {},
        };
        const mode = n % 2 === 0 ? 'expanded' : 'topology';
        expect(await run(['compile', file, '--mode', mode], io), stderr).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(new RegExp(`^causeway: ${file.replace(/[.\\]/g, '\\$&')}:\\d+:\\d+: `));
      }
    });
  });
});
