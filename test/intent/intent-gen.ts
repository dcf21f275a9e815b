import type { Random } from '../../src/testing/random.ts';

/** Seeded generators of intents for property tests: valid ones of every provider, and broken variants. */

const PROVIDERS: Record<string, (r: Random) => Record<string, unknown>> = {
  docker: () => ({ docker: {} }),
  aws: (r) => ({ aws: { region: 'eu-west-1', ...(r.chance(0.5) ? { sshKeyName: 'ops' } : {}) } }),
  azure: () => ({
    azure: { location: 'westeurope', subscriptionID: '11111111-2222-3333-4444-555555555555' },
  }),
  vsphere: () => ({
    vsphere: {
      server: 'vc.example.com',
      datacenter: 'dc1',
      datastore: 'ds1',
      network: 'net1',
      template: 'ubuntu',
      controlPlaneEndpoint: '10.0.0.10',
    },
  }),
};

const ZONES: Record<string, readonly string[]> = {
  docker: ['fd-a', 'fd-b', 'fd-c'],
  aws: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  azure: ['1', '2', '3'],
  vsphere: ['zone-a', 'zone-b'],
};

function machine(provider: string, r: Random): Record<string, unknown> {
  switch (provider) {
    case 'aws':
      return r.chance(0.5) ? { type: r.pick(['m6i.large', 'c6i.xlarge']), diskGiB: r.int(20, 200) } : {};
    case 'azure':
      return r.chance(0.5) ? { type: 'Standard_D8s_v5', diskGiB: r.int(30, 256) } : {};
    case 'vsphere':
      return r.chance(0.5) ? { cpus: r.int(2, 16), memoryGiB: r.int(4, 64), diskGiB: r.int(20, 200) } : {};
    default:
      return r.chance(0.3) ? { image: 'kindest/node:v1.34.0' } : {};
  }
}

/** A valid intent of `provider` with a random mix of pools, zones, labels, taints, autoscaling and networks. */
export function validIntent(provider: string, r: Random): Record<string, unknown> {
  const pools = Array.from({ length: r.int(0, 3) }, (_, i) => {
    const zones = r.chance(0.5) ? ZONES[provider]!.slice(0, r.int(1, ZONES[provider]!.length)) : [];
    const autoscale = r.chance(0.3);
    return {
      name: `pool-${i}`,
      ...(autoscale ? { autoscaling: { min: r.int(0, 2), max: r.int(3, 9) } } : { replicas: r.int(0, 7) }),
      machine: machine(provider, r),
      ...(zones.length > 0 ? { failureDomains: zones } : {}),
      ...(r.chance(0.5) ? { labels: { 'example.com/tier': `t${i}`, 'node-role.kubernetes.io/x': '' } } : {}),
      ...(r.chance(0.5)
        ? { taints: [{ key: 'example.com/dedicated', value: 'x', effect: 'NoSchedule' }] }
        : {}),
      ...(r.chance(0.3) ? { rollout: { maxSurge: '25%', maxUnavailable: 1 } } : {}),
    };
  });
  const dual = r.chance(0.3);
  return {
    apiVersion: 'causeway.dev/v1alpha1',
    kind: 'ClusterIntent',
    name: `c-${r.suffix(5)}`,
    namespace: r.pick(['default', 'team-a']),
    kubernetesVersion: r.pick(['v1.33.4', '1.34.2', 'v1.35.0']),
    provider: PROVIDERS[provider]!(r),
    controlPlane: { replicas: r.pick([1, 3, 5]), machine: machine(provider, r) },
    nodePools: pools,
    network: {
      pods: dual ? ['10.244.0.0/16', 'fd00:10:244::/56'] : [r.pick(['192.168.0.0/16', '10.244.0.0/16'])],
      services: dual ? ['10.96.0.0/12', 'fd00:10:96::/108'] : ['10.96.0.0/12'],
    },
    healthChecks: { enabled: r.chance(0.8), maxUnhealthy: r.pick(['40%', 2]) },
    rollout: { controlPlaneMaxSurge: r.pick([0, 1]) },
  };
}
