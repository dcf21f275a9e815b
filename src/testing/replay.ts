import { readBundle } from '../bundle/read-bundle.ts';
import { isObject, list, str } from '../capi/access.ts';
import type { FleetObject } from '../model/fleet.ts';
import { CONTRACT_LABEL } from './crds.ts';
import { kubeJson, kubeRequest, type KubeTarget } from './kube-http.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { waitUntil } from './wait-until.ts';

/** Options of {@link replayBundle}. */
export interface ReplayOptions {
  /** The management API server: management objects, missing CRDs and kubeconfig Secrets go here. */
  readonly management: KubeTarget;
  /** The API server of each workload cluster of the bundle, by `namespace/name`. */
  readonly workloads: Readonly<Record<string, KubeTarget>>;
  /** Write a `<cluster>-kubeconfig` Secret per workload cluster pointing at its server (default true). */
  readonly kubeconfigSecrets?: boolean;
  /** Parallel requests (default 8). */
  readonly concurrency?: number;
  /**
   * Replace the schemas of the CRDs the bundle uses by schemaless ones (default true), so that a bundle whose
   * objects a strict schema would reject (hand-written fixtures, older providers) still replays whole.
   */
  readonly relaxSchemas?: boolean;
  /** What to do when an object already exists: fail (default), or skip it (workload clusters sharing a server). */
  readonly existing?: 'fail' | 'skip';
}

/** What a replay created. */
export interface ReplayResult {
  readonly management: number;
  readonly workload: Readonly<Record<string, number>>;
  /** CRDs created because the bundle holds kinds the server did not know. */
  readonly crdsCreated: readonly string[];
}

interface ApiResource {
  readonly plural: string;
  readonly namespaced: boolean;
  readonly status: boolean;
}

/**
 * Loads a fleet bundle into running API servers so it becomes a live fleet: namespaces first, owners before what
 * they own (ownerReference uids rewritten to the new owners' uids), then `status` through the status subresource.
 * Unknown kinds get a schemaless CRD carrying the Cluster API contract label. Events are created as they are.
 */
export async function replayBundle(path: string, options: ReplayOptions): Promise<ReplayResult> {
  const bundle = await readBundle(path);
  const concurrency = options.concurrency ?? 8;
  const management = bundle.objects.filter((o) => o.plane === 'management' && !isSecret(o));
  const crdsCreated = await ensureKinds(options.management, management);
  if (options.relaxSchemas !== false) await relaxSchemas(options.management, management);
  const skip = options.existing === 'skip';
  const managementCount = await replayObjects(options.management, management, concurrency, skip);
  const workload: Record<string, number> = {};
  for (const cluster of bundle.workloadClusters) {
    const target = options.workloads[cluster];
    if (!target) throw new Error(`replayBundle: no API server given for workload cluster ${cluster}`);
    const objects = bundle.objects.filter((o) => o.workloadCluster === cluster && !isSecret(o));
    workload[cluster] = await replayObjects(target, objects, concurrency, skip);
    if (options.kubeconfigSecrets !== false) await writeKubeconfigSecret(options.management, cluster, target);
  }
  return { management: managementCount, workload, crdsCreated };
}

function isSecret(object: FleetObject): boolean {
  return object.group === '' && object.kind === 'Secret';
}

/** Writes Secret `<name>-kubeconfig` (key `value`) in the Cluster's namespace, as a control plane provider does. */
export async function writeKubeconfigSecret(
  management: KubeTarget,
  cluster: string,
  target: KubeTarget,
): Promise<void> {
  const [namespace = '', name = ''] = cluster.split('/');
  await ensureNamespaces(management, [namespace]);
  const body = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${name}-kubeconfig`, namespace, labels: { 'cluster.x-k8s.io/cluster-name': name } },
    type: 'cluster.x-k8s.io/secret',
    data: { value: Buffer.from(kubeconfigYaml(name, target)).toString('base64') },
  };
  const res = await kubeRequest(management, 'POST', `/api/v1/namespaces/${namespace}/secrets`, { body });
  if (res.status === 409) {
    await kubeJson(management, 'PUT', `/api/v1/namespaces/${namespace}/secrets/${name}-kubeconfig`, { body });
  } else if (res.status !== 201)
    throw new Error(
      `creating Secret ${namespace}/${name}-kubeconfig: HTTP ${res.status}: ${res.body.slice(0, 300)}`,
    );
}

async function ensureNamespaces(target: KubeTarget, namespaces: Iterable<string>): Promise<void> {
  for (const name of new Set(namespaces)) {
    if (!name) continue;
    const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    const res = await kubeRequest(target, 'POST', '/api/v1/namespaces', { body });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`creating namespace ${name}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  }
}

/** Creates a schemaless, contract-labelled CRD for every kind the server does not serve. */
async function ensureKinds(target: KubeTarget, objects: readonly FleetObject[]): Promise<string[]> {
  const created: string[] = [];
  const kinds = new Map<string, FleetObject>();
  for (const o of objects) kinds.set(`${o.apiVersion} ${o.kind}`, o);
  for (const object of kinds.values()) {
    if (await resourceOf(target, object)) continue;
    if (!object.group) throw new Error(`replayBundle: the server has no core kind ${object.kind}`);
    const plural = `${object.kind.toLowerCase()}s`;
    const name = `${plural}.${object.group}`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name, labels: { [CONTRACT_LABEL]: object.version } },
      spec: {
        group: object.group,
        scope: object.namespace ? 'Namespaced' : 'Cluster',
        names: {
          kind: object.kind,
          plural,
          singular: object.kind.toLowerCase(),
          listKind: `${object.kind}List`,
        },
        versions: [
          {
            name: object.version,
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: { openAPIV3Schema: SCHEMALESS },
          },
        ],
      },
    };
    await kubeJson(target, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd });
    await waitUntil({ what: `CRD ${name} served`, timeoutMs: 60_000 }, async () =>
      (await resourceOf(target, object, true))
        ? { done: true, value: undefined }
        : { done: false, detail: 'not in discovery yet' },
    );
    created.push(name);
  }
  return created;
}

/** Makes the CRD of every custom kind in `objects` schemaless, keeping its versions, subresources and labels. */
async function relaxSchemas(target: KubeTarget, objects: readonly FleetObject[]): Promise<void> {
  const names = new Set<string>();
  for (const object of objects) {
    if (!object.group || (object.group.endsWith('k8s.io') && !object.group.endsWith('x-k8s.io'))) continue;
    const resource = await resourceOf(target, object);
    if (resource) names.add(`${resource.plural}.${object.group}`);
  }
  for (const name of names) {
    const path = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`;
    const res = await kubeRequest(target, 'GET', path);
    if (res.status !== 200) continue;
    const crd = res.json() as { spec: { versions: Record<string, unknown>[] } };
    crd.spec.versions = crd.spec.versions.map((v) => ({ ...v, schema: { openAPIV3Schema: SCHEMALESS } }));
    await kubeJson(target, 'PUT', path, { body: crd });
  }
}

const SCHEMALESS = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const discoveryCache = new WeakMap<KubeTarget, Map<string, unknown>>();

async function resourceOf(
  target: KubeTarget,
  object: FleetObject,
  refresh = false,
): Promise<ApiResource | undefined> {
  let cache = discoveryCache.get(target);
  if (!cache) discoveryCache.set(target, (cache = new Map<string, unknown>()));
  const path = object.group ? `/apis/${object.group}/${object.version}` : `/api/${object.version}`;
  if (refresh || !cache.has(path)) {
    const res = await kubeRequest(target, 'GET', path);
    cache.set(path, res.status === 200 ? res.json() : undefined);
  }
  const resources = list(cache.get(path), 'resources');
  const main = resources.find((r) => str(r, 'kind') === object.kind && !str(r, 'name')?.includes('/'));
  if (!main) return undefined;
  const plural = str(main, 'name') ?? '';
  return {
    plural,
    namespaced: isObject(main) && main.namespaced === true,
    status: resources.some((r) => str(r, 'name') === `${plural}/status`),
  };
}

/** Owners first: an object waits for the objects of the same set its ownerReferences name. */
function dependencyLevels(objects: readonly FleetObject[]): FleetObject[][] {
  const key = (kind: string, namespace: string, name: string): string => `${kind}|${namespace}|${name}`;
  const present = new Set(objects.map((o) => key(o.kind, o.namespace, o.name)));
  const owners = (o: FleetObject): string[] =>
    list(o.raw, 'metadata.ownerReferences')
      .map((ref) => key(str(ref, 'kind') ?? '', o.namespace, str(ref, 'name') ?? ''))
      .filter((k) => present.has(k) && k !== key(o.kind, o.namespace, o.name));
  const done = new Set<string>();
  const levels: FleetObject[][] = [];
  let pending = [...objects];
  while (pending.length > 0) {
    let ready = pending.filter((o) => owners(o).every((k) => done.has(k)));
    // An ownership cycle: create the rest anyway, with whatever uids exist by then.
    if (ready.length === 0) ready = pending;
    levels.push(ready);
    for (const o of ready) done.add(key(o.kind, o.namespace, o.name));
    const taken = new Set(ready);
    pending = pending.filter((o) => !taken.has(o));
  }
  return levels;
}

const DROPPED_METADATA = [
  'resourceVersion',
  'uid',
  'managedFields',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
];

async function replayObjects(
  target: KubeTarget,
  objects: readonly FleetObject[],
  concurrency: number,
  skipExisting: boolean,
): Promise<number> {
  await ensureNamespaces(
    target,
    objects.map((o) => o.namespace),
  );
  const uids = new Map<string, string>();
  const uidKey = (kind: string, namespace: string, name: string): string => `${kind}|${namespace}|${name}`;
  // Events last: they point at objects whose new uids they take.
  const events = objects.filter((o) => o.kind === 'Event');
  const levels = [...dependencyLevels(objects.filter((o) => o.kind !== 'Event')), events];
  let count = 0;
  for (const level of levels) {
    await forEachLimit(level, concurrency, async (object) => {
      const resource = await resourceOf(target, object);
      if (!resource)
        throw new Error(`replayBundle: ${target.url} does not serve ${object.apiVersion} ${object.kind}`);
      const body = prepare(object, (kind, namespace, name) => uids.get(uidKey(kind, namespace, name)));
      const base = object.group ? `/apis/${object.group}/${object.version}` : `/api/${object.version}`;
      const collection = resource.namespaced
        ? `${base}/namespaces/${object.namespace}/${resource.plural}`
        : `${base}/${resource.plural}`;
      const posted = await retryInvalid(async () => {
        const res = await kubeRequest(target, 'POST', collection, { body });
        if (res.status === 409 && skipExisting) return undefined;
        if (res.status !== 201)
          throw new Error(`POST ${target.url}${collection}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
        return res.json();
      });
      if (!isObject(posted)) return;
      const created: Record<string, unknown> = { ...posted };
      const uid = str(created, 'metadata.uid');
      if (uid) uids.set(uidKey(object.kind, object.namespace, object.name), uid);
      const status = object.raw.status;
      if (resource.status && isObject(status) && object.kind !== 'Event') {
        await retryInvalid(() =>
          kubeJson(target, 'PUT', `${collection}/${object.name}/status`, { body: { ...created, status } }),
        );
      }
      count++;
    });
  }
  return count;
}

function prepare(
  object: FleetObject,
  uidOf: (kind: string, namespace: string, name: string) => string | undefined,
): Record<string, unknown> {
  const { status: _status, ...raw } = object.raw as Record<string, unknown>;
  const metadata = { ...(raw.metadata as Record<string, unknown>) };
  for (const field of DROPPED_METADATA) delete metadata[field];
  const owners = list(object.raw, 'metadata.ownerReferences');
  if (owners.length > 0) {
    metadata.ownerReferences = owners.map((ref) => {
      const uid = uidOf(str(ref, 'kind') ?? '', object.namespace, str(ref, 'name') ?? '');
      return isObject(ref) && uid ? { ...ref, uid } : ref;
    });
  }
  const body: Record<string, unknown> = {
    ...raw,
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata,
  };
  for (const field of ['involvedObject', 'regarding']) {
    const subject = raw[field];
    if (!isObject(subject)) continue;
    const uid = uidOf(
      str(subject, 'kind') ?? '',
      str(subject, 'namespace') ?? '',
      str(subject, 'name') ?? '',
    );
    if (uid) body[field] = { ...subject, uid };
  }
  return body;
}

/** A CRD schema change takes a moment to reach the handlers: retry a 422 for a few seconds. */
async function retryInvalid<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 50 || !/HTTP 422/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
