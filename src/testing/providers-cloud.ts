/** Profiles of the public-cloud providers: AWS (CAPA), Azure (CAPZ), GCP (CAPG). */
import type { ProviderProfile } from './provider-types.ts';
import { INFRA_V1BETA1, INFRA_V1BETA2, internal, ipAllocator } from './provider-types.ts';

/** AWS (CAPA): AWSCluster/AWSMachine at infrastructure v1beta2, EC2 instance ids, ip-based node names. */
export const aws: ProviderProfile = {
  provider: 'aws',
  apiVersion: INFRA_V1BETA2,
  clusterKind: 'AWSCluster',
  machineKind: 'AWSMachine',
  templateKind: 'AWSMachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capa-system', deployment: 'capa-controller-manager' },
  controllers: { machine: 'awsmachine', cluster: 'awscluster' },
  machineConditions: ['InstanceReady', 'SecurityGroupsReady'],
  clusterConditions: ['VpcReady', 'SubnetsReady', 'ClusterSecurityGroupsReady', 'LoadBalancerReady'],
  addons: [
    {
      namespace: 'kube-system',
      name: 'aws-cloud-controller-manager',
      image: 'registry.k8s.io/provider-aws/cloud-controller-manager:v1.34.0',
      nodes: 'control-plane',
    },
    {
      namespace: 'kube-system',
      name: 'ebs-csi-node',
      image: 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.48.0',
      nodes: 'all',
    },
  ],
  instanceTypes: { controlPlane: 'm6i.xlarge', worker: 'm6i.2xlarge' },
  site: (rng, cluster, preferred) => {
    const region = preferred ?? rng.pick(['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2']);
    return {
      region,
      zones: ['a', 'b', 'c'].map((z) => `${region}${z}`),
      account: String(rng.int(100000000000, 999999999999)),
      endpoint: {
        host: `${cluster}-apiserver-${rng.int(100000000, 999999999)}.elb.${region}.amazonaws.com`,
        port: 6443,
      },
      nextIp: ipAllocator('10.0', [0, 191], [4, 254]),
    };
  },
  machine: (rng, site, at) => {
    const zone = site.zones[at.index % site.zones.length] ?? site.region;
    const ip = site.nextIp(rng);
    const host = `ip-${ip.replaceAll('.', '-')}`;
    const nodeName =
      site.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${site.region}.compute.internal`;
    const instanceId = `i-0${rng.hex(16)}`;
    return { zone, ip, nodeName, instanceId, providerID: `aws:///${zone}/${instanceId}` };
  },
  clusterSpec: (site, cluster, rng) => ({
    region: site.region,
    sshKeyName: 'default',
    identityRef: { kind: 'AWSClusterControllerIdentity', name: 'default' },
    network: {
      vpc: { id: `vpc-0${rng.hex(16)}`, cidrBlock: '10.0.0.0/16' },
      subnets: site.zones.flatMap((zone, i) => [
        {
          id: `subnet-0${rng.hex(16)}`,
          availabilityZone: zone,
          cidrBlock: `10.0.${i * 64}.0/18`,
          isPublic: false,
        },
        {
          id: `subnet-0${rng.hex(16)}`,
          availabilityZone: zone,
          cidrBlock: `10.0.${192 + i * 16}.0/20`,
          isPublic: true,
        },
      ]),
    },
    controlPlaneLoadBalancer: {
      name: `${cluster}-apiserver`,
      scheme: 'internet-facing',
      loadBalancerType: 'nlb',
    },
    controlPlaneEndpoint: site.endpoint,
  }),
  clusterStatus: (site) => ({
    failureDomains: Object.fromEntries(site.zones.map((z) => [z, { controlPlane: true }])),
  }),
  templateSpec: (_site, instanceType, kubernetesVersion, controlPlane) => ({
    instanceType,
    ami: { id: `ami-0${kubernetesVersion.replace(/\D/g, '').padEnd(16, 'a').slice(0, 16)}` },
    iamInstanceProfile: controlPlane
      ? 'control-plane.cluster-api-provider-aws.sigs.k8s.io'
      : 'nodes.cluster-api-provider-aws.sigs.k8s.io',
    sshKeyName: 'default',
    rootVolume: { size: controlPlane ? 80 : 120, type: 'gp3' },
  }),
  machineSpec: (m) => ({ providerID: m.providerID, instanceID: m.instanceId }),
  machineStatus: () => ({ instanceState: 'running' }),
  addresses: (m) => [
    { type: 'InternalIP', address: m.ip },
    { type: 'InternalDNS', address: m.nodeName },
  ],
};

/** Azure (CAPZ): AzureCluster/AzureMachine at infrastructure v1beta1, VM-named nodes, ARM resource-id providerIDs. */
export const azure: ProviderProfile = {
  provider: 'azure',
  apiVersion: INFRA_V1BETA1,
  clusterKind: 'AzureCluster',
  machineKind: 'AzureMachine',
  templateKind: 'AzureMachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capz-system', deployment: 'capz-controller-manager' },
  controllers: { machine: 'azuremachine', cluster: 'azurecluster' },
  machineConditions: ['VMRunning', 'BootstrapSucceeded'],
  clusterConditions: ['ResourceGroupReady', 'VNetReady', 'SubnetsReady', 'LoadBalancersReady'],
  addons: [
    {
      namespace: 'kube-system',
      name: 'cloud-node-manager',
      image: 'mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.34.1',
      nodes: 'all',
    },
    {
      namespace: 'kube-system',
      name: 'csi-azuredisk-node',
      image: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.33.2',
      nodes: 'all',
    },
  ],
  instanceTypes: { controlPlane: 'Standard_D4s_v5', worker: 'Standard_D8s_v5' },
  site: (rng, cluster, preferred) => {
    const region = preferred ?? rng.pick(['westeurope', 'northeurope', 'eastus', 'eastus2']);
    return {
      region,
      zones: ['1', '2', '3'],
      account: rng.uuid(),
      endpoint: { host: `${cluster}-${rng.hex(8)}.${region}.cloudapp.azure.com`, port: 6443 },
      nextIp: ipAllocator('10.1', [0, 3], [4, 254]),
    };
  },
  machine: (rng, site, at) => {
    const zone = site.zones[at.index % site.zones.length] ?? '1';
    const vm = at.machine;
    const providerID = `azure:///subscriptions/${site.account}/resourceGroups/${at.cluster}/providers/Microsoft.Compute/virtualMachines/${vm}`;
    return { zone, ip: site.nextIp(rng), nodeName: vm, instanceId: vm, providerID };
  },
  clusterSpec: (site, cluster) => ({
    location: site.region,
    resourceGroup: cluster,
    subscriptionID: site.account,
    identityRef: {
      apiVersion: INFRA_V1BETA1,
      kind: 'AzureClusterIdentity',
      name: 'cluster-identity',
      namespace: 'capz-system',
    },
    networkSpec: {
      vnet: { name: `${cluster}-vnet`, cidrBlocks: ['10.0.0.0/8'] },
      subnets: [
        { name: `${cluster}-controlplane-subnet`, role: 'control-plane', cidrBlocks: ['10.0.0.0/16'] },
        { name: `${cluster}-node-subnet`, role: 'node', cidrBlocks: ['10.1.0.0/16'] },
      ],
      apiServerLB: { name: `${cluster}-public-lb`, type: 'Public' },
    },
    controlPlaneEndpoint: site.endpoint,
  }),
  clusterStatus: (site) => ({
    failureDomains: Object.fromEntries(site.zones.map((z) => [z, { controlPlane: true }])),
  }),
  templateSpec: (_site, instanceType) => ({
    vmSize: instanceType,
    osDisk: { osType: 'Linux', diskSizeGB: 128, managedDisk: { storageAccountType: 'Premium_LRS' } },
    sshPublicKey: '',
  }),
  machineSpec: (m) => ({ providerID: m.providerID, failureDomain: m.zone }),
  machineStatus: () => ({ vmState: 'Succeeded' }),
  addresses: (m) => [
    { type: 'InternalDNS', address: m.nodeName },
    { type: 'InternalIP', address: m.ip },
  ],
};

/** GCP (CAPG): GCPCluster/GCPMachine at infrastructure v1beta1, `gce://project/zone/name` providerIDs. */
export const gcp: ProviderProfile = {
  provider: 'gcp',
  apiVersion: INFRA_V1BETA1,
  clusterKind: 'GCPCluster',
  machineKind: 'GCPMachine',
  templateKind: 'GCPMachineTemplate',
  contract: 'v1beta1',
  controller: { namespace: 'capg-system', deployment: 'capg-controller-manager' },
  controllers: { machine: 'gcpmachine', cluster: 'gcpcluster' },
  machineConditions: ['InstanceReady'],
  clusterConditions: ['NetworkReady', 'LoadBalancerReady'],
  addons: [
    {
      namespace: 'kube-system',
      name: 'gcp-cloud-controller-manager',
      image: 'registry.k8s.io/cloud-provider-gcp/cloud-controller-manager:v34.1.0',
      nodes: 'control-plane',
    },
    {
      namespace: 'gce-pd-csi-driver',
      name: 'csi-gce-pd-node',
      image: 'registry.k8s.io/cloud-provider-gcp/gcp-compute-persistent-disk-csi-driver:v1.20.1',
      nodes: 'all',
    },
  ],
  instanceTypes: { controlPlane: 'n2-standard-4', worker: 'n2-standard-8' },
  site: (rng, _cluster, preferred) => {
    const region = preferred ?? rng.pick(['europe-west4', 'europe-west1', 'us-central1']);
    return {
      region,
      zones: ['a', 'b', 'c'].map((z) => `${region}-${z}`),
      account: `${rng.pick(['acme', 'orbit', 'northwind'])}-k8s-${rng.int(100000, 999999)}`,
      endpoint: { host: `34.${rng.int(90, 160)}.${rng.int(0, 255)}.${rng.int(2, 254)}`, port: 443 },
      nextIp: ipAllocator('10.132', [0, 15], [2, 254]),
    };
  },
  machine: (rng, site, at) => {
    const zone = site.zones[at.index % site.zones.length] ?? site.region;
    return {
      zone,
      ip: site.nextIp(rng),
      nodeName: at.machine,
      instanceId: String(rng.int(1000000000, 9999999999)) + String(rng.int(100000000, 999999999)),
      providerID: `gce://${site.account}/${zone}/${at.machine}`,
    };
  },
  clusterSpec: (site, cluster) => ({
    project: site.account,
    region: site.region,
    network: { name: `${cluster}-network` },
    controlPlaneEndpoint: site.endpoint,
  }),
  clusterStatus: (site) => ({
    failureDomains: Object.fromEntries(site.zones.map((z) => [z, { controlPlane: true }])),
    network: {
      selfLink: `https://www.googleapis.com/compute/v1/projects/${site.account}/global/networks/default`,
    },
  }),
  templateSpec: (site, instanceType, kubernetesVersion) => ({
    instanceType,
    image: `projects/${site.account}/global/images/cluster-api-ubuntu-2404-${kubernetesVersion.replaceAll('.', '-')}`,
    rootDeviceSize: 128,
  }),
  machineSpec: (m) => ({ providerID: m.providerID }),
  machineStatus: () => ({ instanceStatus: 'RUNNING' }),
  addresses: (m) => internal(m.ip),
};
