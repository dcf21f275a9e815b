/** Constructors of a cluster's top-level management objects (Cluster, infra cluster, templates, KCP), v1beta2 or v1beta1. */
import type { ClusterContext } from './fleet-types.ts';
import type { CapiVersion, Fields, RawMeta, RawObject } from './raw.ts';
import { ownerRef } from './raw.ts';
import { isoSeconds } from './time.ts';

/** Label keys Cluster API reads and writes. */
export const LABEL = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  controlPlane: 'cluster.x-k8s.io/control-plane',
  controlPlaneName: 'cluster.x-k8s.io/control-plane-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  setName: 'cluster.x-k8s.io/set-name',
  templateHash: 'machine-template-hash',
} as const;

/** The apiVersions of the Cluster API groups at `version`. */
export function capiApiVersions(version: CapiVersion): {
  core: string;
  bootstrap: string;
  controlPlane: string;
} {
  return {
    core: `cluster.x-k8s.io/${version}`,
    bootstrap: `bootstrap.cluster.x-k8s.io/${version}`,
    controlPlane: `controlplane.cluster.x-k8s.io/${version}`,
  };
}

/** A reference from a core object: `{apiGroup, kind, name}` at v1beta2, a full ObjectReference at v1beta1. */
export function contractRef(ctx: ClusterContext, apiVersion: string, kind: string, name: string): Fields {
  if (ctx.version === 'v1beta2') return { apiGroup: apiVersion.split('/')[0] ?? '', kind, name };
  return { apiVersion, kind, name, namespace: ctx.namespace };
}

/** kubeadm extra arguments: a list of `{name, value}` at v1beta2, a map at v1beta1. */
function extraArgs(version: CapiVersion, args: Record<string, string>): unknown {
  if (version === 'v1beta1') return { ...args };
  return Object.entries(args).map(([name, value]) => ({ name, value }));
}

/** Metadata of a namespaced management object with a fresh uid and resourceVersion. */
export function managementMeta(
  ctx: ClusterContext,
  name: string,
  createdMs: number,
  more: Partial<Pick<RawMeta, 'labels' | 'annotations' | 'ownerReferences' | 'finalizers'>> = {},
): RawMeta {
  const meta: RawMeta = {
    name,
    namespace: ctx.namespace,
    uid: ctx.rng.uuid(),
    resourceVersion: ctx.fleet.nextManagementRV(ctx.rng),
    generation: 1,
    creationTimestamp: isoSeconds(createdMs),
  };
  return { ...meta, ...more };
}

/** The `cluster.x-k8s.io/cluster-name` label of the cluster. */
export function clusterLabel(ctx: ClusterContext): Record<string, string> {
  return { [LABEL.clusterName]: ctx.name };
}

/** The Cluster; its status is filled by the rollups. */
export function buildCluster(ctx: ClusterContext, labels: Record<string, string>): RawObject {
  const { core, controlPlane } = capiApiVersions(ctx.version);
  return {
    apiVersion: core,
    kind: 'Cluster',
    metadata: managementMeta(ctx, ctx.name, ctx.createdAtMs, {
      labels,
      finalizers: ['cluster.cluster.x-k8s.io'],
    }),
    spec: {
      clusterNetwork: {
        pods: { cidrBlocks: [ctx.podCidr] },
        services: { cidrBlocks: ['10.96.0.0/12'] },
        serviceDomain: 'cluster.local',
      },
      controlPlaneEndpoint: { ...ctx.site.endpoint },
      controlPlaneRef: contractRef(ctx, controlPlane, 'KubeadmControlPlane', `${ctx.name}-control-plane`),
      infrastructureRef: contractRef(ctx, ctx.profile.apiVersion, ctx.profile.clusterKind, ctx.name),
    },
    status: {},
  };
}

/** The provider's infra cluster (AWSCluster, AzureCluster, ...), owned by the Cluster. */
export function buildInfraCluster(ctx: ClusterContext, cluster: RawObject): RawObject {
  const p = ctx.profile;
  return {
    apiVersion: p.apiVersion,
    kind: p.clusterKind,
    metadata: managementMeta(ctx, ctx.name, ctx.createdAtMs, {
      labels: clusterLabel(ctx),
      ownerReferences: [ownerRef(cluster)],
      finalizers: [`${p.clusterKind.toLowerCase()}.infrastructure.cluster.x-k8s.io`],
    }),
    spec: p.clusterSpec(ctx.site, ctx.name, ctx.rng),
    status: {},
  };
}

/** An infra machine template, owned (not controlled) by the Cluster. */
export function buildInfraTemplate(
  ctx: ClusterContext,
  cluster: RawObject,
  name: string,
  instanceType: string,
  controlPlane: boolean,
): RawObject {
  const p = ctx.profile;
  return {
    apiVersion: p.apiVersion,
    kind: p.templateKind,
    metadata: managementMeta(ctx, name, ctx.createdAtMs, {
      labels: clusterLabel(ctx),
      ownerReferences: [ownerRef(cluster, false)],
    }),
    spec: { template: { spec: p.templateSpec(ctx.site, instanceType, ctx.kubernetesVersion, controlPlane) } },
  };
}

/** kubeadm nodeRegistration for the provider: node name from metadata, kubelet flags for the cloud provider. */
export function nodeRegistration(ctx: ClusterContext): Fields {
  const kubelet: Record<string, string> =
    ctx.profile.provider === 'docker'
      ? { 'eviction-hard': 'nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%' }
      : ctx.profile.provider === 'metal3'
        ? {
            'provider-id': 'metal3://{{ ds.meta_data.providerid }}',
            'node-labels': 'metal3.io/uuid={{ ds.meta_data.uuid }}',
          }
        : { 'cloud-provider': 'external' };
  return { name: '{{ ds.meta_data.local_hostname }}', kubeletExtraArgs: extraArgs(ctx.version, kubelet) };
}

/** The KubeadmConfigTemplate of a pool, owned (not controlled) by the Cluster. */
export function buildKubeadmConfigTemplate(ctx: ClusterContext, cluster: RawObject, name: string): RawObject {
  return {
    apiVersion: capiApiVersions(ctx.version).bootstrap,
    kind: 'KubeadmConfigTemplate',
    metadata: managementMeta(ctx, name, ctx.createdAtMs, {
      labels: clusterLabel(ctx),
      ownerReferences: [ownerRef(cluster, false)],
    }),
    spec: { template: { spec: { joinConfiguration: { nodeRegistration: nodeRegistration(ctx) } } } },
  };
}

/** The KubeadmControlPlane, controlled by the Cluster; its status is filled by the rollups. */
export function buildKubeadmControlPlane(
  ctx: ClusterContext,
  cluster: RawObject,
  template: RawObject,
  replicas: number,
): RawObject {
  const infraRef = contractRef(ctx, ctx.profile.apiVersion, template.kind, template.metadata.name);
  const cloud = ctx.profile.provider !== 'docker' && ctx.profile.provider !== 'metal3';
  const cpArgs = { extraArgs: extraArgs(ctx.version, { 'cloud-provider': 'external' }) };
  const kubeadmConfigSpec = {
    clusterConfiguration: cloud ? { apiServer: cpArgs, controllerManager: cpArgs } : {},
    initConfiguration: { nodeRegistration: nodeRegistration(ctx) },
    joinConfiguration: { nodeRegistration: nodeRegistration(ctx) },
  };
  const spec: Fields =
    ctx.version === 'v1beta2'
      ? {
          replicas,
          version: ctx.kubernetesVersion,
          machineTemplate: { spec: { infrastructureRef: infraRef } },
          kubeadmConfigSpec,
          rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
        }
      : {
          replicas,
          version: ctx.kubernetesVersion,
          machineTemplate: { infrastructureRef: infraRef, nodeDrainTimeout: '0s' },
          kubeadmConfigSpec,
          rolloutStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        };
  return {
    apiVersion: capiApiVersions(ctx.version).controlPlane,
    kind: 'KubeadmControlPlane',
    metadata: managementMeta(ctx, `${ctx.name}-control-plane`, ctx.createdAtMs, {
      labels: clusterLabel(ctx),
      ownerReferences: [ownerRef(cluster)],
      finalizers: ['kubeadm.controlplane.cluster.x-k8s.io'],
    }),
    spec,
    status: {},
  };
}
