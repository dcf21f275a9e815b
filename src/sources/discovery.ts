import { isObject, list, str, stringMap } from '../capi/access.ts';
import type { ClusterError, KubeClient, Result } from './kube-client.ts';
import type { ResourceType } from './resource-type.ts';

/** What discovery found in the management cluster: the resource types to watch, and what it could not see. */
export interface Discovered {
  readonly resources: readonly ResourceType[];
  /** Partial failures (a group whose discovery failed, CRDs not listable): the rest is still used. */
  readonly warnings: readonly ClusterError[];
}

/** Groups the capture script takes too: Cluster API's and Metal3's. */
export function isCapiGroup(group: string): boolean {
  return (
    group === 'cluster.x-k8s.io' ||
    group.endsWith('.cluster.x-k8s.io') ||
    group === 'metal3.io' ||
    group.endsWith('.metal3.io')
  );
}

/** Whether a CRD carries a Cluster API contract label (`cluster.x-k8s.io/v1beta2: v1beta2`), as providers' CRDs do. */
export function hasContractLabel(crd: unknown): boolean {
  return Object.keys(stringMap(crd, 'metadata.labels')).some((key) =>
    /^cluster\.x-k8s\.io\/v1beta\d+$/.test(key),
  );
}

/**
 * Finds every listable and watchable resource type of the Cluster API groups (`cluster.x-k8s.io` and
 * `*.cluster.x-k8s.io`, Metal3) plus the groups of any CRD with a contract label, so a provider Causeway has
 * never seen is watched too. Secrets are never included.
 */
export async function discoverCapiResources(client: KubeClient): Promise<Result<Discovered>> {
  const groups = await client.getJson('/apis');
  if (!groups.ok) return groups;
  const warnings: ClusterError[] = [];
  const preferred = new Map<string, string>();
  for (const group of list(groups.value, 'groups')) {
    const name = str(group, 'name');
    const version = str(group, 'preferredVersion.version');
    if (name && version) preferred.set(name, version);
  }
  const wanted = new Set([...preferred.keys()].filter(isCapiGroup));
  // Contract labels find provider groups outside *.cluster.x-k8s.io; without CRD access the names are enough.
  const crds = await client.getJson('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  if (crds.ok) {
    for (const crd of list(crds.value, 'items')) {
      const group = str(crd, 'spec.group');
      if (group && hasContractLabel(crd) && preferred.has(group)) wanted.add(group);
    }
  } else if (crds.error.kind !== 'forbidden') warnings.push(crds.error);

  const resources: ResourceType[] = [];
  for (const group of [...wanted].sort()) {
    const version = preferred.get(group) ?? '';
    const found = await client.getJson(`/apis/${group}/${version}`);
    if (!found.ok) {
      warnings.push(found.error);
      continue;
    }
    for (const resource of list(found.value, 'resources')) {
      const plural = str(resource, 'name');
      const kind = str(resource, 'kind');
      const verbs = isObject(resource) && Array.isArray(resource.verbs) ? resource.verbs : [];
      if (!plural || !kind || plural.includes('/') || plural === 'secrets') continue;
      if (!verbs.includes('list') || !verbs.includes('watch')) continue;
      resources.push({
        group,
        version,
        kind,
        plural,
        namespaced: isObject(resource) && resource.namespaced === true,
      });
    }
  }
  return { ok: true, value: { resources, warnings } };
}
