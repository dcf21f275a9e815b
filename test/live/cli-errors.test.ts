import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';

let dir: string;

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  };
  const status = await run(args, io);
  return { status, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-live-cli-'));
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  await writeFile(
    join(dir, 'kubeconfig'),
    `apiVersion: v1
kind: Config
current-context: mgmt
clusters: [{ name: mgmt, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: sre, user: { token: t } }]
contexts: [{ name: mgmt, context: { cluster: mgmt, user: sre } }]
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('exits 2 naming the management cluster when it cannot be reached', async () => {
  const result = await cli(['describe', '--kubeconfig', join(dir, 'kubeconfig'), '-q']);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(
    /^causeway: management cluster \(context mgmt, https:\/\/127\.0\.0\.1:1\): cannot reach https:\/\/127\.0\.0\.1:1 .*ECONNREFUSED/,
  );
});

it('exits 2 for a missing kubeconfig, an unknown context, and options without --kubeconfig', async () => {
  expect((await cli(['diagnose', '--kubeconfig', join(dir, 'nope')])).stderr).toMatch(/nope: ENOENT/);
  expect((await cli(['watch', '--kubeconfig', join(dir, 'kubeconfig'), '--context', 'x'])).stderr).toMatch(
    /no context named x \(contexts: mgmt\)/,
  );
  const usage = await cli(['describe', 'bundle', '--context', 'mgmt']);
  expect(usage.status).toBe(2);
  expect(usage.stderr).toMatch(/--context and --workload-kubeconfig-dir need --kubeconfig/);
  expect((await cli(['snapshot', '--kubeconfig', join(dir, 'kubeconfig')])).stderr).toMatch(
    /snapshot needs -o DIR/,
  );
});

it('teaches live mode in the help texts', async () => {
  expect((await cli(['--help'])).stdout).toMatch(/watch --kubeconfig F.*\n.*snapshot --kubeconfig F -o DIR/);
  for (const command of ['watch', 'snapshot', 'describe', 'diagnose']) {
    const help = (await cli([command, '--help'])).stdout;
    expect(help, command).toContain('--workload-kubeconfig-dir');
    expect(help, command).toContain('deploy/rbac/');
  }
});
