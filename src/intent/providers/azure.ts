import { mustParseCidr } from '../cidr.ts';
import type { Json, KubeadmParts, ProviderModule } from './provider.ts';
import type { AzureProvider, Intent } from '../types.ts';

const API_VERSION = 'infrastructure.cluster.x-k8s.io/v1beta1';

/** Replaced by a ClusterClass patch: the secret is named after the machine template the topology controller clones. */
const PATCHED_SECRET = 'set-by-clusterclass-patch';

const ETCD_DISK = '/dev/disk/azure/scsi1/lun0';

function azure(intent: Intent): AzureProvider {
  if (intent.provider.name !== 'azure')
    throw new Error(`azure provider given a ${intent.provider.name} intent`);
  return intent.provider;
}

/** Splits the VNet block in two halves: control plane subnet, then node subnet. */
function subnetBlocks(vnet: string): [string, string] {
  const block = mustParseCidr(vnet);
  const prefix = block.prefix + 1;
  const half = 1n << BigInt(32 - prefix);
  const format = (value: bigint): string =>
    [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  return [`${format(block.base)}/${prefix}`, `${format(block.base + half)}/${prefix}`];
}

function networkSpec(intent: Intent, template: boolean): Json {
  const blocks = intent.network.nodes ? subnetBlocks(intent.network.nodes) : undefined;
  const vnet = {
    ...(template ? {} : { name: `${intent.name}-vnet` }),
    ...(intent.network.nodes ? { cidrBlocks: [intent.network.nodes] } : {}),
  };
  return {
    ...(Object.keys(vnet).length > 0 ? { vnet } : {}),
    subnets: [
      { name: 'control-plane-subnet', role: 'control-plane', ...(blocks ? { cidrBlocks: [blocks[0]] } : {}) },
      {
        name: 'node-subnet',
        role: 'node',
        natGateway: { name: 'node-natgateway' },
        ...(blocks ? { cidrBlocks: [blocks[1]] } : {}),
      },
    ],
  };
}

function clusterClassSpec(intent: Intent): Json {
  const p = azure(intent);
  return {
    location: p.location,
    subscriptionID: p.subscriptionID,
    identityRef: {
      apiVersion: API_VERSION,
      kind: 'AzureClusterIdentity',
      name: p.identityName,
      namespace: p.identityNamespace,
    },
  };
}

/** Azure virtual machines through Cluster API Provider Azure (infrastructure.cluster.x-k8s.io/v1beta1). */
export const azureProvider: ProviderModule = {
  apiVersion: API_VERSION,
  clusterKind: 'AzureCluster',
  clusterTemplateKind: 'AzureClusterTemplate',
  machineTemplateKind: 'AzureMachineTemplate',
  clusterSpec(intent) {
    return {
      ...clusterClassSpec(intent),
      resourceGroup: azure(intent).resourceGroup,
      networkSpec: networkSpec(intent, false),
    };
  },
  clusterTemplateSpec(intent) {
    return { ...clusterClassSpec(intent), networkSpec: networkSpec(intent, true) };
  },
  machineSpec(_intent, shape, role) {
    return {
      vmSize: shape.type,
      osDisk: {
        osType: 'Linux',
        diskSizeGB: shape.diskGiB,
        cachingType: 'ReadWrite',
        managedDisk: { storageAccountType: 'Premium_LRS' },
      },
      // etcd on its own disk keeps its fsync latency away from the OS and image pulls.
      ...(role === 'control-plane'
        ? { dataDisks: [{ nameSuffix: 'etcddisk', diskSizeGB: 256, lun: 0 }] }
        : {}),
      ...(shape.image ? { image: { id: shape.image } } : {}),
      sshPublicKey: '',
    };
  },
  kubeadm(intent, role, context) {
    const secret = context.mode === 'expanded' ? `${context.machineTemplateName}-azure-json` : PATCHED_SECRET;
    const key = role === 'control-plane' ? 'control-plane-azure.json' : 'worker-node-azure.json';
    const parts: KubeadmParts = {
      nodeName: '{{ ds.meta_data["local_hostname"] }}',
      kubeletArgs: { 'cloud-provider': 'external' },
      files: [
        {
          contentFrom: { secret: { name: secret, key } },
          owner: 'root:root',
          path: '/etc/kubernetes/azure.json',
          permissions: '0644',
        },
      ],
    };
    if (role === 'worker') return parts;
    return {
      ...parts,
      clusterConfiguration: {
        controllerManager: {
          extraArgs: [
            { name: 'allocate-node-cidrs', value: 'false' },
            { name: 'cloud-provider', value: 'external' },
            { name: 'cluster-name', value: intent.name },
          ],
        },
        etcd: {
          local: {
            dataDir: '/var/lib/etcddisk/etcd',
            extraArgs: [{ name: 'quota-backend-bytes', value: '8589934592' }],
          },
        },
      },
      diskSetup: {
        partitions: [{ device: ETCD_DISK, layout: true, overwrite: false, tableType: 'gpt' }],
        filesystems: [
          {
            device: ETCD_DISK,
            extraOpts: ['-E', 'lazy_itable_init=1,lazy_journal_init=1'],
            filesystem: 'ext4',
            label: 'etcd_disk',
          },
        ],
      },
      mounts: [['LABEL=etcd_disk', '/var/lib/etcddisk']],
    };
  },
  classPatches(_intent, workerClasses) {
    const template = (builtin: string): Json => ({ template: `{{ ${builtin} }}-azure-json` });
    return [
      {
        name: 'azure-json-secret',
        description: 'Points azure.json at the secret CAPZ writes for each cloned AzureMachineTemplate.',
        definitions: [
          {
            selector: {
              apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
              kind: 'KubeadmControlPlaneTemplate',
              matchResources: { controlPlane: true },
            },
            jsonPatches: [
              {
                op: 'replace',
                path: '/spec/template/spec/kubeadmConfigSpec/files/0/contentFrom/secret/name',
                valueFrom: template('.builtin.controlPlane.machineTemplate.infrastructureRef.name'),
              },
            ],
          },
          ...(workerClasses.length > 0
            ? [
                {
                  selector: {
                    apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
                    kind: 'KubeadmConfigTemplate',
                    matchResources: { machineDeploymentClass: { names: [...workerClasses] } },
                  },
                  jsonPatches: [
                    {
                      op: 'replace',
                      path: '/spec/template/spec/files/0/contentFrom/secret/name',
                      valueFrom: template('.builtin.machineDeployment.infrastructureRef.name'),
                    },
                  ],
                },
              ]
            : []),
        ],
      },
    ];
  },
};
