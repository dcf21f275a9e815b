import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlane } from '../src/testing/control-plane.ts';
import { ensureKubeBinaries, type KubeBinaries } from '../src/testing/kube-binaries.ts';
import { kubeJson, kubeRequest, type KubeTarget } from '../src/testing/kube-http.ts';
import { targetFromKubeconfig } from '../src/testing/kubeconfig.ts';

// A cold build of kube-apiserver takes minutes; each API server start takes 10-30 s on two busy cores.
const BUILD_TIMEOUT = 45 * 60_000;
const START_TIMEOUT = 5 * 60_000;

let binaries: KubeBinaries;
let cp: ControlPlane;

beforeAll(async () => {
  binaries = await ensureKubeBinaries();
  cp = await startControlPlane({ workloads: 2, binaries });
}, BUILD_TIMEOUT + START_TIMEOUT);

afterAll(async () => {
  await cp?.stop();
}, 60_000);

function node(name: string) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'causeway.test/harness': 'true' } } };
}

async function status(target: KubeTarget, path: string): Promise<number> {
  return (await kubeRequest(target, 'GET', path)).status;
}

/** `ps` lines whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(text) && !/^\s*\d+\s+Z/.test(line));
}

describe('test control plane', () => {
  it('serves Kubernetes v1.35 on every API server', async () => {
    for (const server of [cp.management, ...cp.workloads]) {
      const version = (await kubeJson(server, 'GET', '/version')) as { gitVersion: string; minor: string };
      expect(version.gitVersion, server.name).toMatch(/^v1\.35\.\d+$/);
      expect(version.minor, server.name).toBe('35');
    }
  });

  it('installs the Cluster API and CAPA CRDs as Established with contract labels', async () => {
    for (const name of [
      'clusters.cluster.x-k8s.io',
      'machines.cluster.x-k8s.io',
      'awsmachines.infrastructure.cluster.x-k8s.io',
      'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
    ]) {
      const crd = (await kubeJson(
        cp.management,
        'GET',
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      )) as {
        metadata: { labels?: Record<string, string> };
        status: { conditions: { type: string; status: string }[] };
      };
      expect(crd.status.conditions.find((c) => c.type === 'Established')?.status, name).toBe('True');
      expect(crd.metadata.labels?.['cluster.x-k8s.io/v1beta2'], name).toMatch(/(^|_)v1beta2$/);
    }
    expect(cp.crds).toHaveLength(28);
  });

  it('accepts a v1beta2 Cluster in the management server', async () => {
    const path = '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters';
    const cluster = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'workload-0', namespace: 'default' },
      spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
    };
    const created = (await kubeJson(cp.management, 'POST', path, { body: cluster })) as {
      metadata: { uid: string };
    };
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const list = (await kubeJson(cp.management, 'GET', path)) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((c) => c.metadata.name)).toEqual(['workload-0']);
  });

  it('writes a kubeconfig Secret per workload cluster that reaches that cluster', async () => {
    for (const [i, workload] of cp.workloads.entries()) {
      const { namespace, name } = workload.kubeconfigSecret;
      expect(name).toBe(`workload-${i}-kubeconfig`);
      const secret = (await kubeJson(
        cp.management,
        'GET',
        `/api/v1/namespaces/${namespace}/secrets/${name}`,
      )) as {
        type: string;
        metadata: { labels: Record<string, string> };
        data: { value: string };
      };
      expect(secret.type).toBe('cluster.x-k8s.io/secret');
      expect(secret.metadata.labels['cluster.x-k8s.io/cluster-name']).toBe(`workload-${i}`);
      const target = targetFromKubeconfig(Buffer.from(secret.data.value, 'base64').toString('utf8'));
      expect(target.url).toBe(workload.url);
      expect(await status(target, '/api/v1/namespaces/kube-system')).toBe(200);
    }
  });

  it('keeps the unprivileged token to what RBAC grants an authenticated user', async () => {
    const viewer = { ...cp.workloads[0]!, token: cp.workloads[0]!.unprivilegedToken };
    expect(await status(viewer, '/version')).toBe(200);
    expect(await status(viewer, '/api/v1/nodes')).toBe(403);
    expect(await status({ ...viewer, token: 'not-a-token' }, '/api/v1/nodes')).toBe(401);
  });

  it('keeps workload clusters apart: a Node in workload 0 is not in workload 1', async () => {
    const [w0, w1] = cp.workloads;
    await kubeJson(w0!, 'POST', '/api/v1/nodes', { body: node('node-in-w0') });
    expect(await status(w0!, '/api/v1/nodes/node-in-w0')).toBe(200);
    expect(await status(w1!, '/api/v1/nodes/node-in-w0')).toBe(404);
    expect(await status(cp.management, '/api/v1/nodes/node-in-w0')).toBe(404);
  });

  it(
    'kills a workload server while the management server stays up, and restarts it with its data',
    async () => {
      const w1 = cp.workloads[1]!;
      await kubeJson(w1, 'POST', '/api/v1/nodes', { body: node('node-in-w1') });

      await cp.killWorkload(1);
      await expect(kubeRequest(w1, 'GET', '/readyz')).rejects.toThrow(/ECONNREFUSED/);
      expect(await status(cp.management, '/readyz')).toBe(200);
      expect(await status(cp.workloads[0]!, '/readyz')).toBe(200);

      await cp.restartWorkload(1);
      expect(await status(w1, '/readyz')).toBe(200);
      expect(await status(w1, '/api/v1/nodes/node-in-w1')).toBe(200);
      expect(await status(w1, '/api/v1/nodes/node-in-w0')).toBe(404);
    },
    START_TIMEOUT,
  );

  it('leaves no process and no temp dir behind after stop()', async () => {
    expect(processesMentioning(cp.dir).length).toBeGreaterThanOrEqual(4);
    await cp.stop();
    expect(processesMentioning(cp.dir)).toEqual([]);
    expect(existsSync(cp.dir)).toBe(false);
    await cp.stop(); // idempotent
  }, 60_000);
});
