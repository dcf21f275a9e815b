import type { KubeManifest } from './capi-cluster.ts';

/** How long the in-memory backend takes to "boot" each part of a machine: `startupDuration` (Go duration) and jitter. */
export interface InMemoryStartup {
  readonly vm: string;
  readonly node: string;
  readonly apiServer: string;
  readonly etcd: string;
}

/** Options of {@link inMemoryCluster}. */
export interface InMemoryClusterOptions {
  readonly name: string;
  readonly namespace: string;
  /** The version the simulated control plane and Nodes report; KCP and the MachineSet preflight checks read it. */
  readonly kubernetesVersion?: string;
  readonly controlPlaneReplicas?: number;
  readonly workerReplicas?: number;
  /** Simulated start-up times; short by default so a test cluster settles in well under a minute. */
  readonly startup?: Partial<InMemoryStartup>;
}

const INFRA = 'infrastructure.cluster.x-k8s.io';
const INFRA_V = `${INFRA}/v1beta2`;
const DEFAULT_STARTUP: InMemoryStartup = { vm: '2s', node: '1s', apiServer: '1s', etcd: '1s' };

/** A DevMachineTemplate whose machines the in-memory backend simulates (VM, Node, and for control planes etcd and API server). */
export function devMachineTemplate(
  namespace: string,
  name: string,
  startup: Partial<InMemoryStartup> = {},
): KubeManifest {
  const s = { ...DEFAULT_STARTUP, ...startup };
  const provisioning = (duration: string) => ({
    provisioning: { startupDuration: duration, startupJitter: '0.2' },
  });
  return {
    apiVersion: INFRA_V,
    kind: 'DevMachineTemplate',
    metadata: { name, namespace },
    spec: {
      template: {
        spec: {
          backend: {
            inMemory: {
              vm: provisioning(s.vm),
              node: provisioning(s.node),
              apiServer: provisioning(s.apiServer),
              etcd: provisioning(s.etcd),
            },
          },
        },
      },
    },
  };
}

/**
 * A plain (no ClusterClass) cluster on the Dev provider's in-memory backend: Cluster, DevCluster, a
 * KubeadmControlPlane with its DevMachineTemplate, and one MachineDeployment `<name>-md-0` with a
 * KubeadmConfigTemplate and DevMachineTemplate. Modelled on upstream's clusterclass-in-memory.yaml.
 */
export function inMemoryCluster(options: InMemoryClusterOptions): KubeManifest[] {
  const { name, namespace } = options;
  const version = options.kubernetesVersion ?? 'v1.35.0';
  const md = `${name}-md-0`;
  const nodeRegistration = {
    criSocket: 'unix:///var/run/containerd/containerd.sock',
    kubeletExtraArgs: [
      { name: 'eviction-hard', value: 'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%' },
    ],
  };
  return [
    {
      apiVersion: INFRA_V,
      kind: 'DevCluster',
      // v1.14.2's in-memory DevCluster backend writes an annotation without creating the map first (it panics
      // "assignment to entry in nil map" on an object with no annotations); ClusterClass-made ones always have some.
      metadata: { name, namespace, annotations: { 'causeway.dev/test-environment': 'true' } },
      spec: { backend: { inMemory: {} } },
    },
    devMachineTemplate(namespace, `${name}-control-plane`, options.startup),
    devMachineTemplate(namespace, `${md}-v1`, options.startup),
    {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmConfigTemplate',
      metadata: { name: md, namespace },
      spec: { template: { spec: { joinConfiguration: { nodeRegistration } } } },
    },
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: { name: `${name}-control-plane`, namespace },
      spec: {
        replicas: options.controlPlaneReplicas ?? 1,
        version,
        machineTemplate: {
          spec: {
            infrastructureRef: { apiGroup: INFRA, kind: 'DevMachineTemplate', name: `${name}-control-plane` },
          },
        },
        kubeadmConfigSpec: {
          clusterConfiguration: { apiServer: { certSANs: ['localhost', '127.0.0.1', '0.0.0.0'] } },
          initConfiguration: { nodeRegistration },
          joinConfiguration: { nodeRegistration },
        },
      },
    },
    machineDeployment({
      cluster: name,
      namespace,
      name: md,
      replicas: options.workerReplicas ?? 3,
      version,
      bootstrapTemplate: md,
      machineTemplate: `${md}-v1`,
    }),
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name, namespace },
      spec: {
        clusterNetwork: {
          services: { cidrBlocks: ['10.128.0.0/12'] },
          pods: { cidrBlocks: ['192.168.0.0/16'] },
          serviceDomain: 'cluster.local',
        },
        infrastructureRef: { apiGroup: INFRA, kind: 'DevCluster', name },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: `${name}-control-plane`,
        },
      },
    },
  ];
}

/** Options of {@link machineDeployment}. */
export interface MachineDeploymentOptions {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly version: string;
  /** KubeadmConfigTemplate name. */
  readonly bootstrapTemplate: string;
  /** DevMachineTemplate name. */
  readonly machineTemplate: string;
}

/** A MachineDeployment of kubeadm-bootstrapped Dev machines; the selector is left to the defaulting webhook. */
export function machineDeployment(options: MachineDeploymentOptions): KubeManifest {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      clusterName: options.cluster,
      replicas: options.replicas,
      template: {
        spec: {
          clusterName: options.cluster,
          version: options.version,
          bootstrap: {
            configRef: {
              apiGroup: 'bootstrap.cluster.x-k8s.io',
              kind: 'KubeadmConfigTemplate',
              name: options.bootstrapTemplate,
            },
          },
          infrastructureRef: { apiGroup: INFRA, kind: 'DevMachineTemplate', name: options.machineTemplate },
        },
      },
    },
  };
}
