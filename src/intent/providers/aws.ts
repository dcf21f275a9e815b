import type { ProviderModule } from './provider.ts';
import type { AwsProvider, Intent } from '../types.ts';

const INSTANCE_PROFILE = {
  'control-plane': 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
  worker: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
} as const;

function aws(intent: Intent): AwsProvider {
  if (intent.provider.name !== 'aws') throw new Error(`aws provider given a ${intent.provider.name} intent`);
  return intent.provider;
}

/** Amazon EC2 through Cluster API Provider AWS (infrastructure.cluster.x-k8s.io/v1beta2). */
export const awsProvider: ProviderModule = {
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
  clusterKind: 'AWSCluster',
  clusterTemplateKind: 'AWSClusterTemplate',
  machineTemplateKind: 'AWSMachineTemplate',
  clusterSpec(intent) {
    const p = aws(intent);
    return {
      region: p.region,
      ...(p.sshKeyName ? { sshKeyName: p.sshKeyName } : {}),
      ...(p.identity ? { identityRef: { kind: p.identity.kind, name: p.identity.name } } : {}),
      ...(intent.network.nodes ? { network: { vpc: { cidrBlock: intent.network.nodes } } } : {}),
    };
  },
  clusterTemplateSpec(intent, failureDomains) {
    return this.clusterSpec(intent, failureDomains);
  },
  machineSpec(intent, shape, role) {
    const p = aws(intent);
    return {
      instanceType: shape.type,
      iamInstanceProfile: INSTANCE_PROFILE[role],
      ...(shape.diskGiB ? { rootVolume: { size: shape.diskGiB } } : {}),
      ...(shape.image ? { ami: { id: shape.image } } : {}),
      ...(p.sshKeyName ? { sshKeyName: p.sshKeyName } : {}),
    };
  },
  kubeadm(_intent, role) {
    return {
      nodeName: '{{ ds.meta_data.local_hostname }}',
      kubeletArgs: { 'cloud-provider': 'external' },
      ...(role === 'control-plane'
        ? {
            clusterConfiguration: {
              controllerManager: { extraArgs: [{ name: 'cloud-provider', value: 'external' }] },
            },
          }
        : {}),
    };
  },
};
