import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLiveSource, type LiveSource } from '../../src/sources/live-source.ts';
import { startControlPlane, type ControlPlane } from '../../src/testing/control-plane.ts';
import { ensureKubeBinaries } from '../../src/testing/kube-binaries.ts';
import { kubeJson, type KubeTarget } from '../../src/testing/kube-http.ts';
import { SETUP_TIMEOUT, targetOf, within } from './live-helpers.ts';

const RBAC = resolve(import.meta.dirname, '../../deploy/rbac');
let cp: ControlPlane;
const sources: LiveSource[] = [];

/** The fields of the shipped RBAC objects this test reads or rewrites. */
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  subjects?: unknown[];
  rules?: { resources?: string[]; resourceNames?: string[]; verbs: string[] }[];
}

async function manifests(file: string): Promise<Manifest[]> {
  return parseAllDocuments(await readFile(resolve(RBAC, file), 'utf8')).map((d) => d.toJS() as Manifest);
}

/** Creates an RBAC object through its collection path. */
async function create(target: KubeTarget, object: Manifest): Promise<void> {
  const plural = `${object.kind.toLowerCase()}s`;
  const ns = object.metadata.namespace;
  await kubeJson(
    target,
    'POST',
    `/apis/rbac.authorization.k8s.io/v1${ns ? `/namespaces/${ns}` : ''}/${plural}`,
    {
      body: object,
    },
  );
}

/** The shipped objects with the example subject replaced by the harness's `viewer` user. */
function asViewer(object: Manifest, namespace?: string, secretNames?: string[]): Manifest {
  const out = structuredClone(object);
  if (out.subjects) out.subjects = [{ kind: 'User', name: 'viewer', apiGroup: 'rbac.authorization.k8s.io' }];
  if (namespace && out.metadata.namespace) out.metadata.namespace = namespace;
  const rule = out.rules?.[0];
  if (secretNames && out.kind === 'Role' && rule) rule.resourceNames = secretNames;
  return out;
}

function viewerSource(): LiveSource {
  const source = createLiveSource({
    target: targetOf(cp.management, cp.management.unprivilegedToken),
    timing: { backoffInitialMs: 100, backoffMaxMs: 500, probeIntervalMs: 500 },
  });
  sources.push(source);
  return source;
}

beforeAll(async () => {
  const binaries = await ensureKubeBinaries();
  cp = await startControlPlane({ workloads: 1, binaries });
  await kubeJson(cp.management, 'POST', '/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters', {
    body: {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'workload-0', namespace: 'default' },
      spec: { clusterNetwork: { pods: { cidrBlocks: ['192.168.0.0/16'] } } },
    },
  });
}, SETUP_TIMEOUT);

afterAll(async () => {
  for (const source of sources) await source.stop();
  await cp?.stop();
}, 60_000);

it('ships a read-only ClusterRole without Secrets', async () => {
  const [role] = await manifests('causeway-clusterrole.yaml');
  const verbs = new Set((role?.rules ?? []).flatMap((r) => r.verbs));
  expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  expect(JSON.stringify(role)).not.toContain('secrets');
});

it('fails clearly without any binding: the management cluster is failed, naming the missing permission', async () => {
  const source = viewerSource();
  await source.start();
  expect(await source.waitForSync(20_000)).toBe(true);
  const [management] = source.statuses();
  expect(management?.state).toBe('failed');
  expect(management?.message).toMatch(
    /403 Forbidden.*User "viewer" cannot list resource "\w+" in API group "[\w.-]+" at the cluster scope/,
  );
  await source.stop();
});

it('works with exactly the shipped ClusterRole, and says which Secret permission is missing', async () => {
  for (const object of await manifests('causeway-clusterrole.yaml'))
    await create(cp.management, asViewer(object));
  const source = viewerSource();
  await source.start();
  expect(await source.waitForSync(20_000)).toBe(true);
  // RBAC changes reach the authorizer's cache within moments; a 403 meanwhile is retried with backoff.
  await within(10_000, 'management live', () => source.statuses()[0]?.state === 'live');
  const [, workload] = source.statuses();
  expect(workload?.cluster).toBe('default/workload-0');
  expect(workload?.state).toBe('failed');
  expect(workload?.message).toContain(
    'missing permission get on secrets "workload-0-kubeconfig" in namespace "default"',
  );
  expect(workload?.message).toContain('deploy/rbac/causeway-kubeconfig-secrets-role.yaml');
  expect(workload?.message).toContain('--workload-kubeconfig-dir');

  // Granting the shipped Role for that Secret: the same source connects on its next retry.
  for (const object of await manifests('causeway-kubeconfig-secrets-role.yaml')) {
    await create(cp.management, asViewer(object, 'default', ['workload-0-kubeconfig']));
  }
  await within(10_000, 'workload live', () => source.statuses()[1]?.state === 'live');
}, 60_000);
