import { stringify } from 'yaml';
import type { Json, ProviderModule } from './provider.ts';
import type { Intent, VsphereProvider } from '../types.ts';

const KUBE_VIP_IMAGE = 'ghcr.io/kube-vip/kube-vip:v0.8.9';

function vsphere(intent: Intent): VsphereProvider {
  if (intent.provider.name !== 'vsphere')
    throw new Error(`vsphere provider given a ${intent.provider.name} intent`);
  return intent.provider;
}

/** The static pod that announces the control plane VIP with ARP, as CAPV's own templates do. */
function kubeVipManifest(intent: Intent): string {
  const env = {
    vip_arp: 'true',
    port: String(intent.network.apiServerPort),
    vip_cidr: '32',
    cp_enable: 'true',
    cp_namespace: 'kube-system',
    vip_leaderelection: 'true',
    vip_leasename: 'plndr-cp-lock',
    vip_leaseduration: '15',
    vip_renewdeadline: '10',
    vip_retryperiod: '2',
    address: vsphere(intent).controlPlaneEndpoint,
  };
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-vip', namespace: 'kube-system' },
    spec: {
      containers: [
        {
          name: 'kube-vip',
          image: KUBE_VIP_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          args: ['manager'],
          env: Object.entries(env).map(([name, value]) => ({ name, value })),
          securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
          volumeMounts: [
            { mountPath: '/etc/kubernetes/admin.conf', name: 'kubeconfig' },
            { mountPath: '/etc/hosts', name: 'etchosts' },
          ],
        },
      ],
      hostNetwork: true,
      volumes: [
        { name: 'kubeconfig', hostPath: { path: '/etc/kubernetes/admin.conf' } },
        { name: 'etchosts', hostPath: { path: '/etc/kube-vip.hosts', type: 'File' } },
      ],
    },
  };
  return stringify(pod, { lineWidth: 0 });
}

/** kubeadm init writes admin.conf only after the API server is up; kube-vip must start before (kube-vip#684). */
const KUBE_VIP_PREPARE = `#!/bin/bash
set -e
if [[ -f /run/kubeadm/kubeadm.yaml ]]; then
  sed -i 's#path: /etc/kubernetes/admin.conf#path: /etc/kubernetes/super-admin.conf#' /etc/kubernetes/manifests/kube-vip.yaml
fi
`;

const HOSTNAME_COMMANDS = [
  'hostnamectl set-hostname "{{ ds.meta_data.hostname }}"',
  'echo "127.0.0.1   {{ ds.meta_data.hostname }} {{ local_hostname }} localhost localhost.localdomain" >>/etc/hosts',
];

function clusterSpec(intent: Intent): Json {
  const p = vsphere(intent);
  return {
    server: p.server,
    ...(p.thumbprint ? { thumbprint: p.thumbprint } : {}),
    controlPlaneEndpoint: { host: p.controlPlaneEndpoint, port: intent.network.apiServerPort },
    identityRef: { kind: 'Secret', name: p.credentialsSecret },
  };
}

/** vSphere virtual machines through Cluster API Provider vSphere (infrastructure.cluster.x-k8s.io/v1beta1). */
export const vsphereProvider: ProviderModule = {
  apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
  clusterKind: 'VSphereCluster',
  clusterTemplateKind: 'VSphereClusterTemplate',
  machineTemplateKind: 'VSphereMachineTemplate',
  clusterSpec,
  clusterTemplateSpec: clusterSpec,
  machineSpec(intent, shape) {
    const p = vsphere(intent);
    return {
      server: p.server,
      ...(p.thumbprint ? { thumbprint: p.thumbprint } : {}),
      datacenter: p.datacenter,
      datastore: p.datastore,
      ...(p.folder ? { folder: p.folder } : {}),
      ...(p.resourcePool ? { resourcePool: p.resourcePool } : {}),
      ...(p.storagePolicy ? { storagePolicyName: p.storagePolicy } : {}),
      template: shape.image ?? p.template,
      // A linked clone ignores diskGiB; a full clone gives every machine the disk the intent asks for.
      cloneMode: 'fullClone',
      numCPUs: shape.cpus,
      memoryMiB: (shape.memoryGiB ?? 0) * 1024,
      diskGiB: shape.diskGiB,
      network: { devices: [{ networkName: p.network, dhcp4: true }] },
      os: 'Linux',
      powerOffMode: 'trySoft',
    };
  },
  kubeadm(intent, role) {
    const common = {
      nodeName: '{{ local_hostname }}',
      kubeletArgs: { 'cloud-provider': 'external' },
      preKubeadmCommands: HOSTNAME_COMMANDS,
    };
    if (role === 'worker') return common;
    return {
      ...common,
      preKubeadmCommands: [...HOSTNAME_COMMANDS, '/etc/kube-vip-prepare.sh'],
      clusterConfiguration: {
        controllerManager: { extraArgs: [{ name: 'cloud-provider', value: 'external' }] },
      },
      files: [
        {
          content: kubeVipManifest(intent),
          owner: 'root:root',
          path: '/etc/kubernetes/manifests/kube-vip.yaml',
          permissions: '0644',
        },
        {
          content: '127.0.0.1 localhost kubernetes\n',
          owner: 'root:root',
          path: '/etc/kube-vip.hosts',
          permissions: '0644',
        },
        {
          content: KUBE_VIP_PREPARE,
          owner: 'root:root',
          path: '/etc/kube-vip-prepare.sh',
          permissions: '0700',
        },
      ],
    };
  },
};
