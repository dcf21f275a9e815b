/** Profiles of the on-premises and local providers: vSphere (CAPV), OpenStack (CAPO), Metal3 (CAPM3), Docker (CAPD). */
import type { ProviderProfile } from './provider-types.ts';
import { INFRA_V1BETA1, INFRA_V1BETA2, internal, ipAllocator } from './provider-types.ts';

/** vSphere (CAPV): VSphereCluster/VSphereMachine (and VSphereVM) at infrastructure v1beta1, BIOS-UUID providerIDs. */
export const vsphere: ProviderProfile = {
  provider: 'vsphere',
  apiVersion: INFRA_V1BETA1,
  clusterKind: 'VSphereCluster',
  machineKind: 'VSphereMachine',
  templateKind: 'VSphereMachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capv-system', deployment: 'capv-controller-manager' },
  controllers: { machine: 'vspheremachine', cluster: 'vspherecluster' },
  machineConditions: ['VMProvisioned'],
  clusterConditions: ['VCenterAvailable', 'ClusterModulesAvailable'],
  addons: [
    {
      namespace: 'kube-system',
      name: 'vsphere-cloud-controller-manager',
      image: 'registry.k8s.io/cloud-pv-vsphere/cloud-provider-vsphere:v1.34.0',
      nodes: 'control-plane',
    },
    {
      namespace: 'vmware-system-csi',
      name: 'vsphere-csi-node',
      image: 'registry.k8s.io/csi-vsphere/driver:v3.5.0',
      nodes: 'all',
    },
  ],
  instanceTypes: { controlPlane: 'cpu4-mem16', worker: 'cpu8-mem32' },
  site: (rng, _cluster, preferred) => {
    const dc = preferred ?? rng.pick(['dc1', 'dc2', 'ams01', 'fra02']);
    return {
      region: dc,
      zones: [`${dc}-cluster-a`],
      account: `vcenter-${dc}.corp.example.com`,
      endpoint: { host: `10.20.${rng.int(0, 3)}.${rng.int(10, 250)}`, port: 6443 },
      nextIp: ipAllocator('10.20', [4, 31], [2, 254]),
    };
  },
  machine: (rng, site, at) => {
    const bios = `42${rng.hex(6)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    return {
      zone: site.zones[0] ?? '',
      ip: site.nextIp(rng),
      nodeName: at.machine,
      instanceId: bios,
      providerID: `vsphere://${bios}`,
    };
  },
  clusterSpec: (site, cluster, rng) => ({
    server: site.account,
    thumbprint: Array.from({ length: 20 }, () => rng.hex(2).toUpperCase()).join(':'),
    identityRef: { kind: 'Secret', name: `${cluster}-vsphere-credentials` },
    controlPlaneEndpoint: site.endpoint,
  }),
  clusterStatus: () => ({}),
  templateSpec: (site, instanceType, kubernetesVersion) => {
    const [cpu, mem] = instanceType.replace(/[a-z]/g, '').split('-');
    return {
      server: site.account,
      datacenter: site.region,
      datastore: 'vsanDatastore',
      folder: 'kubernetes',
      resourcePool: `/${site.region}/host/${site.zones[0] ?? 'cluster'}/Resources`,
      template: `ubuntu-2404-kube-${kubernetesVersion}`,
      cloneMode: 'linkedClone',
      network: { devices: [{ networkName: 'k8s-nodes', dhcp4: true }] },
      numCPUs: Number(cpu) || 4,
      memoryMiB: (Number(mem) || 16) * 1024,
      diskGiB: 80,
      os: 'Linux',
      powerOffMode: 'hard',
    };
  },
  machineSpec: (m) => ({ providerID: m.providerID }),
  machineStatus: () => ({}),
  addresses: (m) => internal(m.ip),
};

/** OpenStack (CAPO): OpenStackCluster/OpenStackMachine at infrastructure v1beta1, server-UUID providerIDs. */
export const openstack: ProviderProfile = {
  provider: 'openstack',
  apiVersion: INFRA_V1BETA1,
  clusterKind: 'OpenStackCluster',
  machineKind: 'OpenStackMachine',
  templateKind: 'OpenStackMachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capo-system', deployment: 'capo-controller-manager' },
  controllers: { machine: 'openstackmachine', cluster: 'openstackcluster' },
  machineConditions: ['InstanceReady'],
  clusterConditions: ['NetworkReady', 'SecurityGroupsReady', 'APIEndpointReady'],
  addons: [
    {
      namespace: 'kube-system',
      name: 'openstack-cloud-controller-manager',
      image: 'registry.k8s.io/provider-os/openstack-cloud-controller-manager:v1.34.0',
      nodes: 'control-plane',
    },
    {
      namespace: 'kube-system',
      name: 'openstack-cinder-csi-nodeplugin',
      image: 'registry.k8s.io/provider-os/cinder-csi-plugin:v1.34.0',
      nodes: 'all',
    },
  ],
  instanceTypes: { controlPlane: 'm1.large', worker: 'm1.xlarge' },
  site: (rng, _cluster, preferred) => ({
    region: preferred ?? 'RegionOne',
    zones: ['nova'],
    account: rng.hex(32),
    endpoint: { host: `185.${rng.int(10, 250)}.${rng.int(0, 255)}.${rng.int(2, 254)}`, port: 6443 },
    nextIp: ipAllocator('10.6', [0, 3], [10, 250]),
  }),
  machine: (rng, site, at) => {
    const id = rng.uuid();
    return {
      zone: 'nova',
      ip: site.nextIp(rng),
      nodeName: at.machine,
      instanceId: id,
      providerID: `openstack:///${id}`,
    };
  },
  clusterSpec: (site, cluster, rng) => ({
    identityRef: { cloudName: 'openstack', name: `${cluster}-cloud-config` },
    externalNetwork: { id: rng.uuid() },
    managedSubnets: [{ cidr: '10.6.0.0/22', dnsNameservers: ['10.0.0.53'] }],
    managedSecurityGroups: { allowAllInClusterTraffic: true },
    apiServerLoadBalancer: { enabled: true },
    controlPlaneEndpoint: site.endpoint,
  }),
  clusterStatus: () => ({ failureDomains: { nova: { controlPlane: true } } }),
  templateSpec: (_site, instanceType, kubernetesVersion) => ({
    flavor: instanceType,
    image: { filter: { name: `ubuntu-2404-kube-${kubernetesVersion}` } },
    sshKeyName: 'cluster-api',
  }),
  machineSpec: (m) => ({ providerID: m.providerID }),
  machineStatus: (m) => ({ instanceID: m.instanceId, instanceState: 'ACTIVE' }),
  addresses: (m) => internal(m.ip),
};

/** Metal3 (CAPM3): Metal3Cluster/Metal3Machine at infrastructure v1beta1 consuming BareMetalHosts. */
export const metal3: ProviderProfile = {
  provider: 'metal3',
  apiVersion: INFRA_V1BETA1,
  clusterKind: 'Metal3Cluster',
  machineKind: 'Metal3Machine',
  templateKind: 'Metal3MachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capm3-system', deployment: 'capm3-controller-manager' },
  controllers: { machine: 'metal3machine', cluster: 'metal3cluster' },
  machineConditions: ['AssociateBMH', 'KubernetesNodeReady'],
  clusterConditions: ['BaremetalInfrastructureReady'],
  addons: [],
  instanceTypes: { controlPlane: 'baremetal', worker: 'baremetal' },
  site: (rng, _cluster, preferred) => ({
    region: preferred ?? rng.pick(['rack-a', 'rack-b', 'rack-c']),
    zones: ['default'],
    account: 'ironic',
    endpoint: { host: `192.168.111.${rng.int(200, 249)}`, port: 6443 },
    nextIp: ipAllocator('192.168', [111, 111], [20, 199]),
  }),
  machine: (rng, site, at) => {
    const host = `${site.region}-host-${String(at.index).padStart(2, '0')}`;
    return {
      zone: 'default',
      ip: site.nextIp(rng),
      nodeName: at.machine,
      instanceId: host,
      host,
      providerID: `metal3://${at.namespace}/${host}/${at.machine}`,
    };
  },
  clusterSpec: (site) => ({ controlPlaneEndpoint: site.endpoint, noCloudProvider: false }),
  clusterStatus: () => ({}),
  templateSpec: (_site, _instanceType, kubernetesVersion) => ({
    image: {
      url: `http://172.22.0.1/images/ubuntu-2404-kube-${kubernetesVersion}.qcow2`,
      checksum: `http://172.22.0.1/images/ubuntu-2404-kube-${kubernetesVersion}.qcow2.sha256sum`,
      checksumType: 'sha256',
      format: 'qcow2',
    },
    automatedCleaningMode: 'metadata',
  }),
  machineSpec: (m) => ({ providerID: m.providerID }),
  machineStatus: () => ({}),
  addresses: (m) => [
    { type: 'InternalIP', address: m.ip },
    { type: 'Hostname', address: m.nodeName },
  ],
};

/** Docker (CAPD): DevCluster/DevMachine at infrastructure v1beta2, the v1beta2 InfraMachine contract. */
export const docker: ProviderProfile = {
  provider: 'docker',
  apiVersion: INFRA_V1BETA2,
  clusterKind: 'DevCluster',
  machineKind: 'DevMachine',
  templateKind: 'DevMachineTemplate',
  contract: 'v1beta2',
  controller: { namespace: 'capd-system', deployment: 'capd-controller-manager' },
  controllers: { machine: 'devmachine', cluster: 'devcluster' },
  machineConditions: ['ContainerProvisioned', 'BootstrapExecSucceeded'],
  clusterConditions: ['LoadBalancerAvailable'],
  addons: [],
  instanceTypes: { controlPlane: 'container', worker: 'container' },
  site: (rng) => ({
    region: 'local',
    zones: ['local'],
    account: 'docker',
    endpoint: { host: `172.18.0.${rng.int(2, 9)}`, port: 6443 },
    nextIp: ipAllocator('172.18', [0, 1], [10, 254]),
  }),
  machine: (rng, site, at) => ({
    zone: 'local',
    ip: site.nextIp(rng),
    nodeName: at.machine,
    instanceId: at.machine,
    providerID: `docker:////${at.machine}`,
  }),
  clusterSpec: (site) => ({ backend: { docker: { loadBalancer: {} } }, controlPlaneEndpoint: site.endpoint }),
  clusterStatus: () => ({}),
  templateSpec: () => ({
    backend: {
      docker: { extraMounts: [{ containerPath: '/var/run/docker.sock', hostPath: '/var/run/docker.sock' }] },
    },
  }),
  machineSpec: (m) => ({ providerID: m.providerID }),
  machineStatus: () => ({}),
  addresses: (m) => [
    { type: 'Hostname', address: m.nodeName },
    { type: 'InternalIP', address: m.ip },
    { type: 'ExternalIP', address: m.ip },
  ],
};
