import { mustParseCidr } from './cidr.ts';
import type {
  Intent,
  IntOrPercent,
  MachineShape,
  NodePool,
  ProviderIntent,
  ProviderName,
  Taint,
} from './types.ts';

/** The machine fields each provider uses. */
export const MACHINE_FIELDS: Readonly<Record<ProviderName, readonly string[]>> = {
  aws: ['type', 'diskGiB', 'image'],
  azure: ['type', 'diskGiB', 'image'],
  vsphere: ['cpus', 'memoryGiB', 'diskGiB', 'image'],
  docker: ['image'],
};

/** The machine shapes a platform team would start from, per provider and role. */
export const MACHINE_DEFAULTS: Readonly<
  Record<ProviderName, { readonly controlPlane: MachineShape; readonly worker: MachineShape }>
> = {
  aws: { controlPlane: { type: 'm6i.large', diskGiB: 80 }, worker: { type: 'm6i.xlarge', diskGiB: 100 } },
  azure: {
    controlPlane: { type: 'Standard_D4s_v5', diskGiB: 128 },
    worker: { type: 'Standard_D4s_v5', diskGiB: 128 },
  },
  vsphere: {
    controlPlane: { cpus: 4, memoryGiB: 8, diskGiB: 50 },
    worker: { cpus: 4, memoryGiB: 16, diskGiB: 80 },
  },
  docker: { controlPlane: {}, worker: {} },
};

/** Worker machines of a pool without replicas and without autoscaling. */
export const DEFAULT_POOL_REPLICAS = 3;

type Raw = Record<string, unknown>;
const rec = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedRecord(value: unknown): Record<string, string> {
  const entries = Object.entries(rec(value)).map(([k, v]) => [k, String(v)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => compare(a, b)));
}

function machineShape(raw: unknown, defaults: MachineShape): MachineShape {
  const given = rec(raw);
  const shape: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) shape[key] = value;
  return shape;
}

/** Canonical blocks, IPv4 before IPv6: the first family is the cluster's primary one. */
function cidrs(value: unknown): string[] {
  return arr(value)
    .map((c) => mustParseCidr(String(c)))
    .sort((a, b) => a.family - b.family || compare(a.canonical, b.canonical))
    .map((c) => c.canonical);
}

function provider(raw: Raw, clusterName: string, namespace: string): ProviderIntent {
  const [name, value] = Object.entries(raw)[0] ?? ['docker', {}];
  const spec = rec(value);
  switch (name as ProviderName) {
    case 'aws': {
      const identity = spec.identity === undefined ? undefined : rec(spec.identity);
      return {
        name: 'aws',
        region: String(spec.region),
        ...(str(spec.sshKeyName) ? { sshKeyName: str(spec.sshKeyName) } : {}),
        ...(identity ? { identity: { kind: String(identity.kind), name: String(identity.name) } } : {}),
      };
    }
    case 'azure':
      return {
        name: 'azure',
        location: String(spec.location),
        subscriptionID: String(spec.subscriptionID),
        resourceGroup: str(spec.resourceGroup) ?? clusterName,
        identityName: str(spec.identityName) ?? 'cluster-identity',
        identityNamespace: str(spec.identityNamespace) ?? namespace,
      };
    case 'vsphere': {
      const optional = ['folder', 'resourcePool', 'storagePolicy', 'thumbprint'] as const;
      return {
        name: 'vsphere',
        server: String(spec.server),
        datacenter: String(spec.datacenter),
        datastore: String(spec.datastore),
        network: String(spec.network),
        template: String(spec.template),
        controlPlaneEndpoint: String(spec.controlPlaneEndpoint),
        credentialsSecret: str(spec.credentialsSecret) ?? clusterName,
        ...Object.fromEntries(optional.filter((k) => str(spec[k])).map((k) => [k, str(spec[k])])),
      };
    }
    default:
      return { name: 'docker' };
  }
}

function taints(value: unknown): Taint[] {
  return arr(value)
    .map(rec)
    .map((t) => ({
      key: String(t.key),
      ...(str(t.value) !== undefined ? { value: str(t.value) } : {}),
      effect: t.effect as Taint['effect'],
    }))
    .sort(
      (a, b) => compare(a.key, b.key) || compare(a.effect, b.effect) || compare(a.value ?? '', b.value ?? ''),
    );
}

/**
 * Turns a schema-valid intent (defaults filled) into an {@link Intent}: provider machine defaults applied,
 * every set-like list sorted and every CIDR canonical, so that the order of keys and lists in the file never
 * changes the result.
 */
export function normalizeIntent(raw: Raw): Intent {
  const name = String(raw.name);
  const namespace = String(raw.namespace);
  const providerIntent = provider(rec(raw.provider), name, namespace);
  const defaults = MACHINE_DEFAULTS[providerIntent.name];
  const rollout = rec(raw.rollout);
  const controlPlane = rec(raw.controlPlane);
  const network = rec(raw.network);
  const health = rec(raw.healthChecks);
  const pools: NodePool[] = arr(raw.nodePools)
    .map(rec)
    .map((pool) => {
      const autoscaling = pool.autoscaling === undefined ? undefined : rec(pool.autoscaling);
      const replicas =
        typeof pool.replicas === 'number' ? pool.replicas : autoscaling ? undefined : DEFAULT_POOL_REPLICAS;
      const poolRollout = rec(pool.rollout);
      return {
        name: String(pool.name),
        ...(replicas !== undefined ? { replicas } : {}),
        ...(autoscaling
          ? { autoscaling: { min: Number(autoscaling.min), max: Number(autoscaling.max) } }
          : {}),
        machine: machineShape(pool.machine, defaults.worker),
        labels: sortedRecord(pool.labels),
        taints: taints(pool.taints),
        failureDomains: arr(pool.failureDomains).map(String).sort(compare),
        rollout: {
          maxSurge: (poolRollout.maxSurge ?? rollout.maxSurge) as IntOrPercent,
          maxUnavailable: (poolRollout.maxUnavailable ?? rollout.maxUnavailable) as IntOrPercent,
        },
      };
    })
    .sort((a, b) => compare(a.name, b.name));
  const version = String(raw.kubernetesVersion);
  return {
    name,
    namespace,
    provider: providerIntent,
    kubernetesVersion: version.startsWith('v') ? version : `v${version}`,
    controlPlane: {
      replicas: Number(controlPlane.replicas),
      machine: machineShape(controlPlane.machine, defaults.controlPlane),
      maxSurge: rollout.controlPlaneMaxSurge === 0 ? 0 : 1,
    },
    nodePools: pools,
    network: {
      pods: cidrs(network.pods),
      services: cidrs(network.services),
      ...(str(network.nodes) ? { nodes: mustParseCidr(String(network.nodes)).canonical } : {}),
      apiServerPort: Number(network.apiServerPort),
      serviceDomain: String(network.serviceDomain),
    },
    healthChecks: {
      enabled: health.enabled === true,
      nodeStartupTimeoutSeconds: Number(health.nodeStartupTimeoutSeconds),
      unhealthyNodeTimeoutSeconds: Number(health.unhealthyNodeTimeoutSeconds),
      maxUnhealthy: health.maxUnhealthy as IntOrPercent,
    },
  };
}
