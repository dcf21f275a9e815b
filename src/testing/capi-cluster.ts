import { setTimeout as sleep } from 'node:timers/promises';
import { kubeJson, kubeRequest, type KubeTarget } from './kube-http.ts';
import { waitUntil } from './wait-until.ts';

/** A Kubernetes object as sent to or read from the API server. */
export type KubeManifest = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function text(value: unknown, ...path: string[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

function count(value: unknown, ...path: string[]): number {
  const found = field(value, ...path);
  return typeof found === 'number' ? found : 0;
}

/** The status of condition `type` in a v1beta2 `status.conditions`, or undefined when it is absent. */
export function conditionOf(
  object: unknown,
  type: string,
): { status: string; reason?: string; message?: string } | undefined {
  const conditions = field(object, 'status', 'conditions');
  if (!Array.isArray(conditions)) return undefined;
  const found: unknown = (conditions as unknown[]).find((c) => isRecord(c) && c.type === type);
  if (!isRecord(found)) return undefined;
  return {
    status: String(found.status),
    ...(typeof found.reason === 'string' ? { reason: found.reason } : {}),
    ...(typeof found.message === 'string' ? { message: found.message } : {}),
  };
}

const plurals = new Map<string, string>();

/** The REST path of a namespaced or cluster-scoped object (plural from discovery, cached per API server). */
export async function resourcePath(
  target: KubeTarget,
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name?: string,
): Promise<string> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const key = `${target.url} ${apiVersion} ${kind}`;
  let plural = plurals.get(key);
  if (!plural) {
    const list = await kubeJson(target, 'GET', base);
    const resources = field(list, 'resources');
    const found: unknown = Array.isArray(resources)
      ? (resources as unknown[]).find(
          (r) => isRecord(r) && r.kind === kind && typeof r.name === 'string' && !r.name.includes('/'),
        )
      : undefined;
    if (!isRecord(found)) throw new Error(`${target.url}${base}: no resource of kind ${kind}`);
    plural = String(found.name);
    plurals.set(key, plural);
  }
  const scope = namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
  return name ? `${scope}/${name}` : scope;
}

/** Options of {@link applyManifests}. */
export interface ApplyOptions {
  readonly fieldManager?: string;
  /** How long to retry a write the API server answered 5xx (a webhook not yet reachable); default 60 s. */
  readonly retryMs?: number;
}

/** Server-side applies each manifest in order (namespaced ones into their `metadata.namespace`, created if missing). */
export async function applyManifests(
  target: KubeTarget,
  manifests: readonly KubeManifest[],
  options: ApplyOptions = {},
): Promise<void> {
  const manager = options.fieldManager ?? 'causeway-test';
  const namespaces = new Set(
    manifests.map((m) => text(m, 'metadata', 'namespace')).filter((n): n is string => n !== undefined),
  );
  for (const namespace of namespaces) {
    const res = await kubeRequest(target, 'POST', '/api/v1/namespaces', {
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`creating namespace ${namespace}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  }
  for (const manifest of manifests) {
    const apiVersion = text(manifest, 'apiVersion');
    const kind = text(manifest, 'kind');
    const name = text(manifest, 'metadata', 'name');
    if (!apiVersion || !kind || !name)
      throw new Error(
        `applyManifests: a manifest lacks apiVersion, kind or metadata.name: ${JSON.stringify(manifest).slice(0, 200)}`,
      );
    const path = await resourcePath(target, apiVersion, kind, text(manifest, 'metadata', 'namespace'), name);
    const deadline = Date.now() + (options.retryMs ?? 60_000);
    for (;;) {
      const res = await kubeRequest(target, 'PATCH', `${path}?fieldManager=${manager}&force=true`, {
        body: manifest,
        contentType: 'application/apply-patch+yaml',
        timeoutMs: 30_000,
      });
      if (res.status >= 200 && res.status < 300) break;
      // 500 "failed calling webhook": the admission webhook of a manager that is still starting.
      if (res.status >= 500 && Date.now() < deadline) {
        await sleep(500);
        continue;
      }
      throw new Error(`apply ${kind} ${name}: HTTP ${res.status}: ${res.body.slice(0, 600)}`);
    }
  }
}

/** Sends a JSON merge patch to one object. */
export async function mergePatch(
  target: KubeTarget,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
  patch: KubeManifest,
): Promise<unknown> {
  const path = await resourcePath(target, apiVersion, kind, namespace, name);
  return kubeJson(target, 'PATCH', path, { body: patch, contentType: 'application/merge-patch+json' });
}

/** Lists objects of one kind in a namespace, optionally by label selector. */
export async function listObjects(
  target: KubeTarget,
  apiVersion: string,
  kind: string,
  namespace: string,
  labelSelector?: string,
): Promise<KubeManifest[]> {
  const path = await resourcePath(target, apiVersion, kind, namespace);
  const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
  const items = field(await kubeJson(target, 'GET', `${path}${query}`), 'items');
  return Array.isArray(items) ? items.filter(isRecord) : [];
}

/** One Machine as the wait loops see it. */
export interface MachineSummary {
  readonly name: string;
  readonly phase: string;
  readonly nodeName: string | undefined;
  /** `cluster.x-k8s.io/deployment-name`, or undefined for control plane machines. */
  readonly deployment: string | undefined;
  readonly upToDate: boolean;
  readonly deleting: boolean;
}

/** What {@link readClusterState} reads: the Cluster's Available condition, its Machines and MachineDeployments. */
export interface ClusterState {
  readonly available: { status: string; reason?: string; message?: string } | undefined;
  readonly machines: readonly MachineSummary[];
  readonly deployments: readonly {
    name: string;
    replicas: number;
    readyReplicas: number;
    upToDateReplicas: number;
    availableReplicas: number;
    rollingOut: boolean;
  }[];
}

/** Reads the state of one cluster from the management API server. */
export async function readClusterState(
  target: KubeTarget,
  namespace: string,
  name: string,
): Promise<ClusterState> {
  const selector = `cluster.x-k8s.io/cluster-name=${name}`;
  const [cluster, machines, deployments] = await Promise.all([
    kubeJson(
      target,
      'GET',
      await resourcePath(target, 'cluster.x-k8s.io/v1beta2', 'Cluster', namespace, name),
    ),
    listObjects(target, 'cluster.x-k8s.io/v1beta2', 'Machine', namespace, selector),
    listObjects(target, 'cluster.x-k8s.io/v1beta2', 'MachineDeployment', namespace, selector),
  ]);
  return {
    available: conditionOf(cluster, 'Available'),
    machines: machines
      .map((m) => ({
        name: text(m, 'metadata', 'name') ?? '',
        phase: text(m, 'status', 'phase') ?? 'Pending',
        nodeName: text(m, 'status', 'nodeRef', 'name'),
        deployment: text(m, 'metadata', 'labels', 'cluster.x-k8s.io/deployment-name'),
        upToDate: conditionOf(m, 'UpToDate')?.status === 'True',
        deleting: text(m, 'metadata', 'deletionTimestamp') !== undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    deployments: deployments.map((d) => ({
      name: text(d, 'metadata', 'name') ?? '',
      replicas: count(d, 'spec', 'replicas'),
      readyReplicas: count(d, 'status', 'readyReplicas'),
      upToDateReplicas: count(d, 'status', 'upToDateReplicas'),
      availableReplicas: count(d, 'status', 'availableReplicas'),
      rollingOut: conditionOf(d, 'RollingOut')?.status === 'True',
    })),
  };
}

/** One line summing up a cluster state, for progress logs. */
export function summarize(state: ClusterState): string {
  const phases = new Map<string, number>();
  for (const m of state.machines) {
    const key = m.deleting ? 'Deleting' : m.phase;
    phases.set(key, (phases.get(key) ?? 0) + 1);
  }
  const machinePart = [...phases].map(([phase, n]) => `${n} ${phase}`).join(', ') || 'no machines';
  const mdPart = state.deployments
    .map(
      (d) =>
        `${d.name} ${d.readyReplicas}/${d.replicas} ready, ${d.upToDateReplicas} up to date${d.rollingOut ? ', rolling out' : ''}`,
    )
    .join('; ');
  const available = state.available
    ? `Available=${state.available.status}${state.available.status === 'True' ? '' : ` (${state.available.reason ?? ''})`}`
    : 'Available unset';
  return `${available}; machines: ${machinePart}${mdPart ? `; ${mdPart}` : ''}`;
}

/** Options of {@link waitForClusterState}. */
export interface WaitForClusterOptions {
  readonly timeoutMs: number;
  /** Receives a line whenever the summary changes, with the seconds since the wait began. */
  readonly log?: (line: string) => void;
}

/**
 * The state a healthy cluster settles in: Cluster Available, exactly `machines` Machines, all Running with a Node,
 * none being deleted, all up to date, and every MachineDeployment with all replicas ready and up to date.
 */
export function isSettled(state: ClusterState, machines: number): boolean {
  return (
    state.available?.status === 'True' &&
    state.machines.length === machines &&
    state.machines.every(
      (m) => m.phase === 'Running' && m.nodeName !== undefined && !m.deleting && m.upToDate,
    ) &&
    state.deployments.every(
      (d) =>
        d.readyReplicas === d.replicas &&
        d.upToDateReplicas === d.replicas &&
        d.availableReplicas === d.replicas &&
        !d.rollingOut,
    )
  );
}

/** Polls the cluster until `done(state)`; logs each new summary. Returns the final state. */
export async function waitForClusterState(
  target: KubeTarget,
  namespace: string,
  name: string,
  done: (state: ClusterState) => boolean,
  options: WaitForClusterOptions,
): Promise<ClusterState> {
  const start = performance.now();
  let last = '';
  return waitUntil(
    { what: `cluster ${namespace}/${name}`, timeoutMs: options.timeoutMs, intervalMs: 500 },
    async () => {
      const state = await readClusterState(target, namespace, name);
      const line = summarize(state);
      if (line !== last) {
        last = line;
        options.log?.(
          `[capi ${namespace}/${name} +${((performance.now() - start) / 1000).toFixed(1)}s] ${line}`,
        );
      }
      return done(state) ? { done: true, value: state } : { done: false, detail: line };
    },
  );
}

/** Options of {@link createClusterAndWait}. */
export interface CreateClusterOptions extends WaitForClusterOptions {
  readonly fieldManager?: string;
}

/**
 * Applies `manifests` (one Cluster and everything it references), then waits until that Cluster is Available and
 * the expected number of Machines (control plane replicas plus MachineDeployment replicas) are Running with Nodes.
 */
export async function createClusterAndWait(
  target: KubeTarget,
  manifests: readonly KubeManifest[],
  options: CreateClusterOptions,
): Promise<ClusterState> {
  const clusters = manifests.filter(
    (m) => m.kind === 'Cluster' && text(m, 'apiVersion')?.startsWith('cluster.x-k8s.io/'),
  );
  const cluster = clusters[0];
  if (clusters.length !== 1 || !cluster)
    throw new Error(
      `createClusterAndWait: expected one Cluster among the manifests, found ${clusters.length}`,
    );
  const namespace = text(cluster, 'metadata', 'namespace') ?? 'default';
  const name = text(cluster, 'metadata', 'name') ?? '';
  const expected = manifests
    .filter((m) => m.kind === 'MachineDeployment' || m.kind === 'KubeadmControlPlane')
    .reduce(
      (sum, m) => sum + (typeof field(m, 'spec', 'replicas') === 'number' ? count(m, 'spec', 'replicas') : 1),
      0,
    );
  await applyManifests(target, manifests, options.fieldManager ? { fieldManager: options.fieldManager } : {});
  options.log?.(
    `[capi ${namespace}/${name}] applied ${manifests.length} objects; waiting for ${expected} Running machines`,
  );
  return waitForClusterState(target, namespace, name, (state) => isSettled(state, expected), options);
}
