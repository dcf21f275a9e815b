import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../../src/cli/main.ts';
import { compileIntent } from '../../src/intent/compile.ts';
import { parseIntent } from '../../src/intent/parse-intent.ts';
import type { Plan } from '../../src/intent/plan.ts';
import type { CompileMode } from '../../src/intent/types.ts';

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

const AWS = 'examples/intents/aws.yaml';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-intent-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A bundle whose management cluster holds what `intentPath` compiles to, with machine counts in status. */
async function bundleOf(intentPath: string, mode: CompileMode, name: string): Promise<string> {
  const { intent } = parseIntent(await readFile(intentPath, 'utf8'), intentPath);
  const objects = compileIntent(intent, { mode }).map((m) =>
    typeof m.spec.replicas === 'number' ? { ...m, status: { replicas: m.spec.replicas } } : m,
  );
  const root = join(dir, name);
  await mkdir(join(root, 'management'), { recursive: true });
  await writeFile(join(root, 'management', 'capi.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  return root;
}

describe('causeway compile', () => {
  it('writes the YAML stream of the golden file to stdout', async () => {
    const { code, stdout, stderr } = await cli('compile', AWS, '--policy', 'examples/intents/policy.yaml');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(await readFile('test/golden/intent/aws-expanded.yaml', 'utf8'));
  });

  it('writes one NN-kind-name.yaml file per object into a folder, replacing the files of an earlier run', async () => {
    const out = join(dir, 'out');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, '07-awsmachinetemplate-stale-0000.yaml'), 'stale');
    await writeFile(join(out, 'README.md'), 'kept');
    const { code, stdout } = await cli('compile', AWS, '-o', out, '--mode', 'topology');
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote 9 files to ${out}\n`);
    const files = (await readdir(out)).sort();
    expect(files).toContain('README.md');
    expect(files).not.toContain('07-awsmachinetemplate-stale-0000.yaml');
    expect(files.filter((f) => f.endsWith('.yaml'))).toEqual([
      '01-awsclustertemplate-payments-prod-eb97f2bf.yaml',
      expect.stringMatching(/^02-awsmachinetemplate-payments-prod-batch-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^03-awsmachinetemplate-payments-prod-control-plane-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^04-awsmachinetemplate-payments-prod-general-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^05-kubeadmconfigtemplate-payments-prod-batch-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^06-kubeadmconfigtemplate-payments-prod-general-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^07-kubeadmcontrolplanetemplate-payments-prod-control-plane-[0-9a-f]{8}\.yaml$/),
      '08-clusterclass-payments-prod.yaml',
      '09-cluster-payments-prod.yaml',
    ]);
    const joined = (
      await Promise.all(files.filter((f) => /^\d/.test(f)).map((f) => readFile(join(out, f), 'utf8')))
    ).join('---\n');
    expect(joined).toBe(await readFile('test/golden/intent/aws-topology.yaml', 'utf8'));
  });

  it('prints the JSON Schemas', async () => {
    const intent = await cli('compile', '--print-schema');
    expect(JSON.parse(intent.stdout)).toEqual(
      JSON.parse(await readFile('schemas/intent.schema.json', 'utf8')),
    );
    const policy = await cli('compile', '--print-policy-schema');
    expect(JSON.parse(policy.stdout)).toMatchObject({ title: 'Causeway IntentPolicy' });
  });

  it('exits 2 with file:line:column for a policy violation, a missing file and a bad mode', async () => {
    const policy = join(dir, 'strict.yaml');
    await writeFile(policy, 'apiVersion: causeway.dev/v1alpha1\nkind: IntentPolicy\nregions: [us-*]\n');
    expect(await cli('compile', AWS, '--policy', policy)).toEqual({
      code: 2,
      stdout: '',
      stderr: `causeway: ${AWS}:12:13: provider.aws.region: "eu-west-1" is refused by the policy ${policy}:3:10 (regions); allowed: us-*\n`,
    });
    expect(await cli('compile', 'nope.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'causeway: nope.yaml: no such file\n',
    });
    const usage = await cli('compile', AWS, '--mode', 'fancy');
    expect([usage.code, usage.stderr]).toEqual([
      2,
      "causeway: --mode must be expanded or topology, not fancy\nRun 'causeway compile --help' for usage.\n",
    ]);
  });

  it('teaches with its help', async () => {
    const { code, stdout } = await cli('compile', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: causeway compile <intent.yaml> \[options\]/);
    expect(stdout).toContain('Examples:');
    expect((await cli('--help')).stdout).toMatch(/compile <intent.yaml>[\s\S]*plan <intent.yaml>/);
  });
});

describe('causeway plan --bundle', () => {
  it('reports the control plane and every MachineDeployment as rolling when the version changed', async () => {
    const bundle = await bundleOf(AWS, 'expanded', 'expanded-bundle');
    const upgraded = join(dir, 'upgraded.yaml');
    await writeFile(
      upgraded,
      (await readFile(AWS, 'utf8')).replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.35.0'),
    );
    const text = await cli('plan', upgraded, '--bundle', bundle);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toMatch(/^Plan for payments\/payments-prod \(aws, expanded\) against bundle /);
    expect(text.stdout).toContain(
      'KubeadmControlPlane payments-prod-control-plane: ROLLS, 3 of 3 machines replaced, one at a time, creating first (maxSurge 1)',
    );
    expect(text.stdout).toContain(
      'MachineDeployment payments-prod-general-eu-west-1a: ROLLS, 2 of 2 machines replaced, maxSurge 1, maxUnavailable 0',
    );
    expect(text.stdout).toContain('because Kubernetes "v1.34.2" -> "v1.35.0"');
    expect(text.stdout).toContain('In all: 12 machines replaced, 0 added, 0 removed.');

    const json = await cli('plan', upgraded, '--bundle', bundle, '-o', 'json');
    const plan = JSON.parse(json.stdout) as Plan;
    expect(plan.rollouts.map((r) => `${r.kind} ${r.action}`)).toEqual([
      'KubeadmControlPlane roll',
      ...Array<string>(6).fill('MachineDeployment roll'),
    ]);
  });

  it('follows the mode the live Cluster uses, and plans nothing for an applied intent', async () => {
    const bundle = await bundleOf(AWS, 'topology', 'topology-bundle');
    const { code, stdout } = await cli('plan', AWS, '--bundle', bundle);
    expect(code).toBe(0);
    expect(stdout).toContain('(aws, topology)');
    expect(stdout).toContain('Objects: 0 to create, 0 to update, 9 unchanged, 0 no longer in the intent');
    expect(stdout).toContain('nothing: no machine is created, replaced or deleted');
  });

  it('exits 2 for usage errors and unreadable input', async () => {
    expect((await cli('plan', AWS)).code).toBe(2);
    expect((await cli('plan', AWS, '--bundle', 'a', '--kubeconfig', 'b')).code).toBe(2);
    const missing = await cli('plan', AWS, '--bundle', join(dir, 'none'));
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `causeway: ${join(dir, 'none')}: no such file or directory\n`,
    ]);
    const kubeconfig = await cli('plan', AWS, '--kubeconfig', join(dir, 'none.yaml'));
    expect([kubeconfig.code, kubeconfig.stderr]).toEqual([
      2,
      `causeway: ${join(dir, 'none.yaml')}: no such file\n`,
    ]);
  });
});
