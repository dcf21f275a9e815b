import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { compileIntent } from '../../src/intent/compile.ts';
import type { Manifest } from '../../src/intent/manifest.ts';
import { resourcePath } from '../../src/intent/kube-client.ts';
import { parseIntent } from '../../src/intent/parse-intent.ts';
import type { Plan } from '../../src/intent/plan.ts';
import type { CompileMode } from '../../src/intent/types.ts';
import { startControlPlane, type ControlPlane } from '../../src/testing/control-plane.ts';
import { ensureKubeBinaries } from '../../src/testing/kube-binaries.ts';
import { kubeRequest } from '../../src/testing/kube-http.ts';

// A cold build of kube-apiserver takes minutes; a start takes 10-30 s on two busy cores.
const START_TIMEOUT = 50 * 60_000;

let cp: ControlPlane;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-intent-live-'));
  cp = await startControlPlane({ workloads: 0, binaries: await ensureKubeBinaries() });
}, START_TIMEOUT);

afterAll(async () => {
  await cp?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

async function createNamespace(name: string): Promise<void> {
  const res = await kubeRequest(cp.management, 'POST', '/api/v1/namespaces', {
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  });
  expect([201, 409]).toContain(res.status);
}

/** Server-side apply of one object; `dryRun` leaves the server unchanged. */
async function apply(manifest: Manifest, dryRun: boolean): Promise<{ status: number; body: string }> {
  const path = resourcePath(
    manifest.apiVersion,
    manifest.kind,
    manifest.metadata.namespace,
    manifest.metadata.name,
  );
  return kubeRequest(cp.management, 'PATCH', `${path}?${dryRun ? 'dryRun=All&' : ''}fieldManager=causeway`, {
    body: manifest,
    contentType: 'application/apply-patch+yaml',
  });
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** resourceVersions of every object of a namespace the intent compiles to, to prove plan wrote nothing. */
async function versions(manifests: readonly Manifest[]): Promise<string[]> {
  const out: string[] = [];
  for (const m of manifests) {
    const path = resourcePath(m.apiVersion, m.kind, m.metadata.namespace, m.metadata.name);
    const res = await kubeRequest(cp.management, 'GET', path);
    out.push(
      `${m.kind}/${m.metadata.name}@${(res.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion}`,
    );
  }
  return out;
}

function compiled(file: string, mode: CompileMode) {
  const parsed = parseIntent(readFileSync(file, 'utf8'), file);
  return { intent: parsed.intent, manifests: compileIntent(parsed.intent, { mode }) };
}

describe('compiled manifests against a real kube-apiserver with the Cluster API and CAPA CRDs', () => {
  for (const provider of ['docker', 'aws']) {
    for (const mode of ['expanded', 'topology'] as const) {
      it(`accepts every ${provider} object of ${mode} mode in a server-side dry-run apply`, async () => {
        const { intent, manifests } = compiled(`examples/intents/${provider}.yaml`, mode);
        await createNamespace(intent.namespace);
        const results: string[] = [];
        for (const manifest of manifests) {
          const res = await apply(manifest, true);
          results.push(
            `${res.status} ${manifest.kind}/${manifest.metadata.name}${res.status >= 300 ? `: ${res.body.slice(0, 400)}` : ''}`,
          );
        }
        expect(results.filter((r) => !/^20[01] /.test(r))).toEqual([]);
        expect(results.length).toBe(manifests.length);
      });
    }
  }

  it('rejects an object the CRD schema forbids, so the dry-runs above are real checks', async () => {
    const { manifests } = compiled('examples/intents/docker.yaml', 'expanded');
    const md = manifests.find((m) => m.kind === 'MachineDeployment')!;
    const broken = { ...md, spec: { ...md.spec, rollout: { strategy: { type: 'Recreate' } } } };
    const res = await apply(broken, true);
    expect(res.status).toBe(422);
    expect(res.body).toContain('Unsupported value: \\"Recreate\\"');
  });
});

describe('causeway plan --kubeconfig against a real kube-apiserver', () => {
  for (const mode of ['expanded', 'topology'] as const) {
    it(`reports the control plane and every MachineDeployment as rolling after a version change (${mode})`, async () => {
      const namespace = `plan-${mode}`;
      const original = readFileSync('examples/intents/aws.yaml', 'utf8').replace(
        'namespace: payments',
        `namespace: ${namespace}`,
      );
      const file = join(dir, `${mode}.yaml`);
      await writeFile(file, original);
      const { manifests } = compiled(file, mode);
      await createNamespace(namespace);
      for (const manifest of manifests) expect((await apply(manifest, false)).status).toBe(201);
      const before = await versions(manifests);
      const kubeconfig = cp.management.kubeconfigPath;

      const same = await cli(
        'plan',
        file,
        '--kubeconfig',
        kubeconfig,
        '--context',
        'management',
        '-o',
        'json',
      );
      expect([same.code, same.stderr]).toEqual([0, '']);
      const samePlan = JSON.parse(same.stdout) as Plan;
      expect(samePlan.mode).toBe(mode);
      expect(samePlan.objects.filter((o) => o.action !== 'unchanged')).toEqual([]);
      expect(samePlan.rollouts).toEqual([]);

      await writeFile(file, original.replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.35.0'));
      const changed = await cli('plan', file, '--kubeconfig', kubeconfig, '-o', 'json');
      expect([changed.code, changed.stderr]).toEqual([0, '']);
      const plan = JSON.parse(changed.stdout) as Plan;
      const names =
        mode === 'expanded'
          ? [
              'payments-prod-control-plane',
              ...['batch', 'general'].flatMap((p) =>
                ['a', 'b', 'c'].map((z) => `payments-prod-${p}-eu-west-1${z}`),
              ),
            ]
          : [
              'payments-prod control plane',
              ...['batch', 'general'].flatMap((p) => ['a', 'b', 'c'].map((z) => `${p}-eu-west-1${z}`)),
            ];
      expect(plan.rollouts.map((r) => [r.kind, r.name, r.action, r.replaced])).toEqual(
        names.map((name, i) => [
          i === 0 ? 'KubeadmControlPlane' : 'MachineDeployment',
          name,
          'roll',
          i === 0 ? 3 : name.includes('general') ? 2 : 1,
        ]),
      );
      expect(plan.summary.machinesReplaced).toBe(12);
      expect(plan.rollouts.every((r) => r.reasons.includes('Kubernetes "v1.34.2" -> "v1.35.0"'))).toBe(true);
      expect(await versions(manifests)).toEqual(before);
    });
  }

  it('exits 2 for a context the kubeconfig does not have', async () => {
    const result = await cli(
      'plan',
      'examples/intents/docker.yaml',
      '--kubeconfig',
      cp.management.kubeconfigPath,
      '--context',
      'nope',
    );
    expect([result.code, result.stderr]).toEqual([
      2,
      `causeway: ${cp.management.kubeconfigPath}: no context named nope\n`,
    ]);
  });
});
