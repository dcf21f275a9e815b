import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.ts';
import type { FleetDescription } from '../src/describe/model.ts';
import type { Diagnosis } from '../src/model/incident.ts';
import { captureIo } from '../src/testing/capture-io.ts';
import {
  createFleetBuilder,
  nodeNotReady,
  orphanNode,
  stuckMachine,
  writeBundle,
} from '../src/testing/fleet-builder.ts';

const CAPTURED_AT = '2026-11-20T10:30:00Z';
const NOW = Date.parse(CAPTURED_AT);
const temp: string[] = [];
afterAll(async () => {
  await Promise.all(temp.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'causeway-inputs-'));
  temp.push(dir);
  return dir;
}

async function runCli(args: string[]) {
  const io = captureIo();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A two-cluster fleet with a stuck machine, a NotReady node and a hand-joined node, at the given API version. */
async function brokenFleet(apiVersion: 'v1beta1' | 'v1beta2'): Promise<string> {
  const builder = createFleetBuilder({ capturedAt: CAPTURED_AT, seed: 11, apiVersion });
  const aws = builder.addCluster({
    namespace: 'team-a',
    name: 'prod',
    provider: 'aws',
    pools: [{ name: 'md-0', replicas: 3 }],
  });
  const docker = builder.addCluster({
    namespace: 'team-b',
    name: 'dev',
    provider: 'docker',
    pools: [{ name: 'md-0', replicas: 2 }],
  });
  const stuck = aws.pools[0]!.machines[2]!;
  stuckMachine(stuck, {
    phase: 'Provisioning',
    since: NOW - 45 * 60_000,
    infraCondition: {
      type: 'InstanceReady',
      reason: 'InstanceProvisionFailed',
      message:
        'failed to create AWSMachine instance: failed to run instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 64 allows for the instance bucket that the specified instance type belongs to.',
    },
  });
  nodeNotReady(docker.pools[0]!.machines[0]!, { since: NOW - 30 * 60_000 });
  orphanNode(docker, 'hand-joined-1');
  const dir = await tempDir();
  await writeBundle(builder, dir);
  return dir;
}

describe.each(['v1beta1', 'v1beta2'] as const)('a %s fleet', (apiVersion) => {
  it('describes both planes and points out the stuck machine, the NotReady node and the node no Machine owns', async () => {
    const dir = await brokenFleet(apiVersion);
    const { code, out, err } = await runCli(['describe', dir, '-o', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const description = JSON.parse(out) as FleetDescription;
    const findings = description.clusters
      .flatMap((c) => c.findings.map((f) => `${c.cluster} ${f.type}`))
      .sort();
    expect(findings).toEqual([
      'team-a/prod machine-stuck-in-phase',
      'team-b/dev machine-running-node-not-ready',
      'team-b/dev node-without-machine',
    ]);
    for (const cluster of description.clusters)
      expect(cluster.root.children.map((c) => c.role)).toContain('ControlPlane');
  });

  it('diagnoses the quota and the NotReady node with their causes', async () => {
    const dir = await brokenFleet(apiVersion);
    const diagnosis = JSON.parse((await runCli(['diagnose', dir, '-o', 'json'])).out) as Diagnosis;
    const found = diagnosis.incidents
      .filter((i) => i.severity !== 'info')
      .map((i) => `${i.affected[0]?.cluster} ${i.rootCause.category}`)
      .sort();
    expect(found).toEqual(['team-a/prod cloud-quota-exceeded', 'team-b/dev node-unhealthy']);
  });
});

describe('half a bundle', () => {
  it('describes the management side alone and says the workload side was not captured', async () => {
    const dir = await brokenFleet('v1beta2');
    await rm(join(dir, 'workload'), { recursive: true });
    const { code, out } = await runCli(['describe', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/\(workload cluster not captured: no Nodes or Pods to show\)/);
    const diagnosis = JSON.parse((await runCli(['diagnose', dir, '-o', 'json'])).out) as Diagnosis;
    // Without the workload side no cluster can be called healthy.
    expect(diagnosis.clusters.map((c) => c.health)).not.toContain('healthy');
  });

  it('says when there is no Cluster to describe, instead of printing nothing', async () => {
    const dir = await brokenFleet('v1beta2');
    await rm(join(dir, 'management'), { recursive: true });
    const { code, out } = await runCli(['describe', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/no Cluster API Cluster objects were found/);
  });
});

describe('unusual input', () => {
  it('keeps unknown kinds and reads a huge object', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'management'));
    const huge = {
      apiVersion: 'example.com/v1',
      kind: 'Blob',
      metadata: { name: 'big', namespace: 'a', annotations: { payload: 'x'.repeat(20 * 2 ** 20) } },
    };
    await writeFile(join(dir, 'management/blob.json'), JSON.stringify(huge));
    const { code, err } = await runCli(['query', dir, 'show', 'Blob/a/big', '-o', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
