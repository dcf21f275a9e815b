import type { ProviderModule } from './provider.ts';

/** kind-style nodes share the host's disks: eviction on disk pressure would evict everything at once. */
const EVICTION_HARD = 'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%';

/** Docker through the Dev provider's docker backend (infrastructure.cluster.x-k8s.io/v1beta2). */
export const dockerProvider: ProviderModule = {
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
  clusterKind: 'DevCluster',
  clusterTemplateKind: 'DevClusterTemplate',
  machineTemplateKind: 'DevMachineTemplate',
  clusterSpec(_intent, failureDomains) {
    return {
      backend: {
        docker:
          failureDomains.length > 0
            ? { failureDomains: failureDomains.map((name) => ({ name, controlPlane: false })) }
            : {},
      },
    };
  },
  clusterTemplateSpec(intent, failureDomains) {
    return this.clusterSpec(intent, failureDomains);
  },
  machineSpec(_intent, shape) {
    return { backend: { docker: shape.image ? { customImage: shape.image } : {} } };
  },
  kubeadm(_intent, role) {
    return {
      kubeletArgs: { 'eviction-hard': EVICTION_HARD },
      ...(role === 'control-plane'
        ? {
            clusterConfiguration: {
              apiServer: { certSANs: ['localhost', '127.0.0.1', '0.0.0.0', 'host.docker.internal'] },
            },
          }
        : {}),
    };
  },
};
