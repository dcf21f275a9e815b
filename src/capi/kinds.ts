import { splitApiVersion } from './access.ts';

/** Label and annotation keys Cluster API sets and Causeway joins on. */
export const CapiLabel = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  setName: 'cluster.x-k8s.io/set-name',
  controlPlane: 'cluster.x-k8s.io/control-plane',
  controlPlaneName: 'cluster.x-k8s.io/control-plane-name',
  poolName: 'cluster.x-k8s.io/pool-name',
  nodeMachine: 'cluster.x-k8s.io/machine',
  nodeClusterName: 'cluster.x-k8s.io/cluster-name',
  nodeClusterNamespace: 'cluster.x-k8s.io/cluster-namespace',
  paused: 'cluster.x-k8s.io/paused',
} as const;

/** The API groups of Cluster API itself (not providers). */
export const CAPI_CORE_GROUPS: ReadonlySet<string> = new Set([
  'cluster.x-k8s.io',
  'bootstrap.cluster.x-k8s.io',
  'controlplane.cluster.x-k8s.io',
  'addons.cluster.x-k8s.io',
  'ipam.cluster.x-k8s.io',
  'runtime.cluster.x-k8s.io',
]);

/** Versions of the core groups the reader understands fully. */
export const SUPPORTED_CORE_VERSIONS: ReadonlySet<string> = new Set(['v1beta1', 'v1beta2']);

/** True for any Cluster API group, core or provider (`infrastructure.cluster.x-k8s.io` and the like). */
export function isCapiGroup(group: string): boolean {
  return group === 'cluster.x-k8s.io' || group.endsWith('.cluster.x-k8s.io');
}

/** Whether an apiVersion of a core CAPI group is one Causeway reads fully; undefined for other groups. */
export function coreVersionSupported(apiVersion: string): boolean | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  if (!CAPI_CORE_GROUPS.has(group)) return undefined;
  return SUPPORTED_CORE_VERSIONS.has(version);
}

/** The infrastructure provider a kind or providerID belongs to, as the short names of the knowledge packs. */
export function providerOf(kindOrProviderId: string): string | undefined {
  const lower = kindOrProviderId.toLowerCase();
  const table: readonly (readonly [string, string])[] = [
    ['aws', 'aws'],
    ['azure', 'azure'],
    ['gce', 'gcp'],
    ['gcp', 'gcp'],
    ['vsphere', 'vsphere'],
    ['openstack', 'openstack'],
    ['metal3', 'metal3'],
    ['docker', 'docker'],
    ['dev', 'docker'],
    ['inmemory', 'docker'],
  ];
  for (const [prefix, provider] of table) if (lower.startsWith(prefix)) return provider;
  return undefined;
}
