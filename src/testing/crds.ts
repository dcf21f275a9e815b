import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeJson, kubeRequest, type KubeTarget } from './kube-http.ts';
import { waitUntil } from './wait-until.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** ../shared/crds relative to the repository root: the Cluster API and CAPA CRDs, unchanged from upstream. */
export const SHARED_CRDS = resolve(REPO_ROOT, '../shared/crds');

/** The CRD folders a test control plane installs unless told otherwise. */
export const DEFAULT_CRD_DIRS: readonly string[] = [
  join(SHARED_CRDS, 'cluster-api'),
  join(SHARED_CRDS, 'cluster-api-provider-aws'),
];

/** The label Cluster API reads to find which API versions of a provider CRD implement its v1beta2 contract. */
export const CONTRACT_LABEL = 'cluster.x-k8s.io/v1beta2';

/** The parts of a CRD the installer reads; the rest is sent to the server as read. */
export interface CrdDocument {
  readonly name: string;
  readonly group: string;
  readonly plural: string;
  readonly servedVersions: readonly string[];
  readonly body: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function crdFrom(doc: unknown, file: string): CrdDocument | undefined {
  if (!isRecord(doc) || doc.kind !== 'CustomResourceDefinition') return undefined;
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const { name } = metadata;
  const { group } = spec;
  const { plural } = names;
  if (typeof name !== 'string' || typeof group !== 'string' || typeof plural !== 'string') {
    throw new Error(`${file}: CustomResourceDefinition lacks metadata.name, spec.group or spec.names.plural`);
  }
  const servedVersions = versions
    .filter((v) => v.served === true && typeof v.name === 'string')
    .map((v) => v.name as string);
  return { name, group, plural, servedVersions, body: doc };
}

/** Reads every CRD in the `.yaml`/`.yml` files of `dirs`, in file-name order. */
export async function readCrds(dirs: readonly string[]): Promise<CrdDocument[]> {
  const crds: CrdDocument[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (const file of files) {
      const path = join(dir, file);
      for (const doc of parseAllDocuments(await readFile(path, 'utf8'))) {
        if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message ?? 'YAML error'}`);
        const crd = crdFrom(doc.toJS(), path);
        if (crd) crds.push(crd);
      }
    }
  }
  return crds;
}

/** Cluster API's contract label for CRDs of its API groups (`*.cluster.x-k8s.io`), as clusterctl's kustomize adds it. */
export function withContractLabel(crd: CrdDocument): Record<string, unknown> {
  const isCapiGroup = crd.group === 'cluster.x-k8s.io' || crd.group.endsWith('.cluster.x-k8s.io');
  if (!isCapiGroup || crd.servedVersions.length === 0) return crd.body;
  const metadata = isRecord(crd.body.metadata) ? crd.body.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  return {
    ...crd.body,
    metadata: { ...metadata, labels: { ...labels, [CONTRACT_LABEL]: crd.servedVersions.join('_') } },
  };
}

function isEstablished(crd: unknown): boolean {
  if (!isRecord(crd) || !isRecord(crd.status) || !Array.isArray(crd.status.conditions)) return false;
  return crd.status.conditions.some((c) => isRecord(c) && c.type === 'Established' && c.status === 'True');
}

/**
 * Installs the CRDs of `dirs` with server-side apply, adds the contract label, and waits until each is
 * Established and discovery lists it under every served version. Returns the CRD names.
 */
export async function installCrds(
  target: KubeTarget,
  dirs: readonly string[],
  options: { readonly timeoutMs?: number } = {},
): Promise<string[]> {
  const crds = await readCrds(dirs);
  const base = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  for (const crd of crds) {
    // Apply takes JSON as YAML; the body is sent whole, so no schema keyword is dropped on the way.
    await kubeJson(target, 'PATCH', `${base}/${crd.name}?fieldManager=causeway-harness&force=true`, {
      body: withContractLabel(crd),
      contentType: 'application/apply-patch+yaml',
      timeoutMs: 30_000,
    });
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const crd of crds) {
    await waitUntil({ what: `CRD ${crd.name} Established`, timeoutMs }, async () =>
      isEstablished(await kubeJson(target, 'GET', `${base}/${crd.name}`))
        ? { done: true, value: undefined }
        : { done: false, detail: 'no Established=True condition yet' },
    );
  }
  const pluralsByGroupVersion = new Map<string, string[]>();
  for (const crd of crds) {
    for (const version of crd.servedVersions) {
      const gv = `${crd.group}/${version}`;
      pluralsByGroupVersion.set(gv, [...(pluralsByGroupVersion.get(gv) ?? []), crd.plural]);
    }
  }
  for (const [gv, plurals] of pluralsByGroupVersion) {
    await waitUntil({ what: `discovery of /apis/${gv}`, timeoutMs }, async () => {
      const res = await kubeRequest(target, 'GET', `/apis/${gv}`);
      if (res.status !== 200) return { done: false, detail: `HTTP ${res.status}` };
      const list = res.json();
      const listed = new Set(
        isRecord(list) && Array.isArray(list.resources)
          ? list.resources.filter(isRecord).map((r) => r.name)
          : [],
      );
      const missing = plurals.filter((plural) => !listed.has(plural));
      return missing.length === 0
        ? { done: true, value: undefined }
        : { done: false, detail: `missing ${missing.join(', ')}` };
    });
  }
  return crds.map((c) => c.name);
}
