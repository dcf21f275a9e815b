import { controlPlaneKubeadmSpec, splitLabels, workerKubeadmSpec } from './kubeadm.ts';
import { CAPI, type Manifest } from './manifest.ts';
import { Labels, machineDeploymentNames, templateName, type DeploymentName } from './names.ts';
import { PROVIDER_MODULES } from './providers/index.ts';
import type { Json, KubeadmContext, MachineRole, ProviderModule } from './providers/provider.ts';
import type { Intent, NodePool } from './types.ts';

/** The provider module of an intent. */
export function providerOf(intent: Intent): ProviderModule {
  return PROVIDER_MODULES[intent.provider.name];
}

/** Metadata of a compiled object: namespace, the cluster-name label and Causeway as manager. */
export function meta(
  intent: Intent,
  name: string,
  labels: Readonly<Record<string, string>> = {},
  annotations?: Readonly<Record<string, string>>,
): Manifest['metadata'] {
  return {
    name,
    namespace: intent.namespace,
    labels: { [Labels.clusterName]: intent.name, [Labels.managedBy]: 'causeway', ...labels },
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/** A template object whose name ends in the hash of its content. */
export function hashedTemplate(
  intent: Intent,
  prefix: string,
  apiVersion: string,
  kind: string,
  spec: Json,
  labels: Readonly<Record<string, string>> = {},
): Manifest {
  return {
    apiVersion,
    kind,
    metadata: meta(intent, templateName(prefix, apiVersion, kind, spec), labels),
    spec,
  };
}

/** The infrastructure machine template of the control plane, or of a pool. */
export function machineTemplate(intent: Intent, role: MachineRole, pool?: NodePool): Manifest {
  const provider = providerOf(intent);
  const shape = pool ? pool.machine : intent.controlPlane.machine;
  const spec = { template: { spec: provider.machineSpec(intent, shape, role) } };
  const prefix = pool ? `${intent.name}-${pool.name}` : `${intent.name}-control-plane`;
  const labels: Record<string, string> = pool ? { [Labels.nodePool]: pool.name } : {};
  return hashedTemplate(intent, prefix, provider.apiVersion, provider.machineTemplateKind, spec, labels);
}

/** The KubeadmConfigTemplate of a pool. */
export function bootstrapTemplate(intent: Intent, pool: NodePool, context: KubeadmContext): Manifest {
  const parts = providerOf(intent).kubeadm(intent, 'worker', context);
  const spec = { template: { spec: workerKubeadmSpec(pool, parts) } };
  return hashedTemplate(
    intent,
    `${intent.name}-${pool.name}`,
    CAPI.bootstrap,
    'KubeadmConfigTemplate',
    spec,
    {
      [Labels.nodePool]: pool.name,
    },
  );
}

/** `spec.kubeadmConfigSpec` of the control plane. */
export function controlPlaneKubeadm(intent: Intent, context: KubeadmContext): Json {
  return controlPlaneKubeadmSpec(providerOf(intent).kubeadm(intent, 'control-plane', context));
}

/** `spec.clusterNetwork` of the Cluster. */
export function clusterNetwork(intent: Intent): Json {
  return {
    apiServerPort: intent.network.apiServerPort,
    pods: { cidrBlocks: [...intent.network.pods] },
    services: { cidrBlocks: [...intent.network.services] },
    serviceDomain: intent.network.serviceDomain,
  };
}

/** The failure domains the node pools use, sorted and without repeats. */
export function poolFailureDomains(intent: Intent): string[] {
  return [...new Set(intent.nodePools.flatMap((p) => p.failureDomains))].sort();
}

/** `n` split over `parts` as evenly as possible, the remainder going to the first parts. */
export function spread(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

/** One MachineDeployment of a pool: names, failure domain, replicas and autoscaling bounds. */
export interface PoolDeployment extends DeploymentName {
  readonly pool: NodePool;
  readonly replicas: number | undefined;
  readonly autoscaling: { readonly min: number; readonly max: number } | undefined;
}

/** The MachineDeployments of a pool: replicas and autoscaling bounds spread over its failure domains. */
export function poolDeployments(intent: Intent, pool: NodePool): PoolDeployment[] {
  const names = machineDeploymentNames(intent.name, pool.name, pool.failureDomains);
  const replicas = pool.replicas === undefined ? undefined : spread(pool.replicas, names.length);
  const mins = pool.autoscaling ? spread(pool.autoscaling.min, names.length) : undefined;
  const maxs = pool.autoscaling ? spread(pool.autoscaling.max, names.length) : undefined;
  return names.map((n, i) => ({
    ...n,
    pool,
    replicas: replicas?.[i],
    autoscaling: mins && maxs ? { min: mins[i]!, max: maxs[i]! } : undefined,
  }));
}

/** cluster-autoscaler's node group bounds, as annotations of a MachineDeployment. */
export function autoscalerAnnotations(deployment: PoolDeployment): Record<string, string> {
  if (!deployment.autoscaling) return {};
  return {
    [Labels.autoscalerMax]: String(deployment.autoscaling.max),
    [Labels.autoscalerMin]: String(deployment.autoscaling.min),
  };
}

/** Labels of a pool's machines: the pool label and the node labels Cluster API syncs from machines. */
export function machineLabels(pool: NodePool): Record<string, string> {
  return { [Labels.nodePool]: pool.name, ...splitLabels(pool.labels).machine };
}

/** `spec.rollout` of a pool's MachineDeployments. */
export function poolRollout(pool: NodePool): Json {
  return {
    strategy: {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: pool.rollout.maxSurge, maxUnavailable: pool.rollout.maxUnavailable },
    },
  };
}

/** The `checks` and `remediation` of a MachineHealthCheck, for the control plane or for workers. */
export function healthCheck(intent: Intent, role: MachineRole): { checks: Json; remediation?: Json } {
  const timeoutSeconds = intent.healthChecks.unhealthyNodeTimeoutSeconds;
  const checks = {
    nodeStartupTimeoutSeconds: intent.healthChecks.nodeStartupTimeoutSeconds,
    unhealthyNodeConditions: [
      { type: 'Ready', status: 'Unknown', timeoutSeconds },
      { type: 'Ready', status: 'False', timeoutSeconds },
    ],
  };
  // The control plane is left to KCP's own guard (it never remediates below etcd quorum).
  if (role === 'control-plane') return { checks };
  return {
    checks,
    remediation: { triggerIf: { unhealthyLessThanOrEqualTo: intent.healthChecks.maxUnhealthy } },
  };
}
