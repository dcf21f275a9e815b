/** Constructors of the worker pools and machines of a cluster: MachineDeployment, MachineSet, health check, Machine. */
import {
  capiApiVersions,
  clusterLabel,
  contractRef,
  LABEL,
  managementMeta,
  nodeRegistration,
} from './capi-objects.ts';
import type { ClusterContext } from './fleet-types.ts';
import type { MachineSite } from './providers.ts';
import type { Fields, OwnerReference, RawObject } from './raw.ts';
import { ownerRef } from './raw.ts';
import { isoSeconds } from './time.ts';

/** The machine template spec (`spec.template.spec`) shared by a MachineDeployment and its MachineSet. */
function machineTemplateSpec(ctx: ClusterContext, infra: RawObject, bootstrap: RawObject): Fields {
  const { bootstrap: bootstrapApi } = capiApiVersions(ctx.version);
  return {
    clusterName: ctx.name,
    version: ctx.kubernetesVersion,
    bootstrap: { configRef: contractRef(ctx, bootstrapApi, bootstrap.kind, bootstrap.metadata.name) },
    infrastructureRef: contractRef(ctx, ctx.profile.apiVersion, infra.kind, infra.metadata.name),
  };
}

/** A MachineDeployment, owned (not controlled) by the Cluster. */
export function buildMachineDeployment(
  ctx: ClusterContext,
  cluster: RawObject,
  name: string,
  replicas: number,
  infra: RawObject,
  bootstrap: RawObject,
): RawObject {
  const labels = { ...clusterLabel(ctx), [LABEL.deploymentName]: name };
  const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  const spec: Fields = {
    clusterName: ctx.name,
    replicas,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: machineTemplateSpec(ctx, infra, bootstrap) },
  };
  if (ctx.version === 'v1beta2') {
    spec.rollout = { strategy };
    spec.deletion = { order: 'Random' };
  } else {
    spec.strategy = { ...strategy, rollingUpdate: { ...strategy.rollingUpdate, deletePolicy: 'Random' } };
    spec.minReadySeconds = 0;
    spec.revisionHistoryLimit = 1;
    spec.progressDeadlineSeconds = 600;
  }
  return {
    apiVersion: capiApiVersions(ctx.version).core,
    kind: 'MachineDeployment',
    metadata: managementMeta(ctx, name, ctx.createdAtMs, {
      labels,
      annotations: { 'machinedeployment.clusters.x-k8s.io/revision': '1' },
      ownerReferences: [ownerRef(cluster, false)],
      finalizers: ['cluster.x-k8s.io/machinedeployment'],
    }),
    spec,
    status: {},
  };
}

/** The current MachineSet of a MachineDeployment, with its `machine-template-hash`. */
export function buildMachineSet(
  ctx: ClusterContext,
  md: RawObject,
  createdMs: number,
  infra: RawObject,
  bootstrap: RawObject,
): RawObject {
  const suffix = ctx.rng.suffix(5);
  const name = `${md.metadata.name}-${suffix}`;
  const hash = `${ctx.rng.int(100000000, 4294967295)}-${suffix}`;
  const labels = {
    ...clusterLabel(ctx),
    [LABEL.deploymentName]: md.metadata.name,
    [LABEL.templateHash]: hash,
  };
  const replicas = Number((md.spec ?? {}).replicas ?? 0);
  const spec: Fields = {
    clusterName: ctx.name,
    replicas,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: machineTemplateSpec(ctx, infra, bootstrap) },
  };
  if (ctx.version === 'v1beta2') spec.deletion = { order: 'Random' };
  else spec.deletePolicy = 'Random';
  return {
    apiVersion: capiApiVersions(ctx.version).core,
    kind: 'MachineSet',
    metadata: managementMeta(ctx, name, createdMs, {
      labels,
      annotations: {
        'machinedeployment.clusters.x-k8s.io/desired-replicas': String(replicas),
        'machinedeployment.clusters.x-k8s.io/max-replicas': String(replicas + 1),
        'machinedeployment.clusters.x-k8s.io/revision': '1',
      },
      ownerReferences: [ownerRef(md)],
      finalizers: ['cluster.x-k8s.io/machineset'],
    }),
    spec,
    status: {},
  };
}

/** Seconds a MachineHealthCheck waits for a Node to appear, and for Ready to recover. */
export const HEALTH_CHECK = { nodeStartupSeconds: 600, unhealthySeconds: 300 } as const;

/** The MachineHealthCheck of a pool, owned (not controlled) by the Cluster. */
export function buildMachineHealthCheck(ctx: ClusterContext, cluster: RawObject, md: RawObject): RawObject {
  const selector = { matchLabels: { [LABEL.deploymentName]: md.metadata.name } };
  const unhealthy = ['Unknown', 'False'];
  const spec: Fields =
    ctx.version === 'v1beta2'
      ? {
          clusterName: ctx.name,
          selector,
          checks: {
            nodeStartupTimeoutSeconds: HEALTH_CHECK.nodeStartupSeconds,
            unhealthyNodeConditions: unhealthy.map((status) => ({
              type: 'Ready',
              status,
              timeoutSeconds: HEALTH_CHECK.unhealthySeconds,
            })),
          },
          remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40%' } },
        }
      : {
          clusterName: ctx.name,
          selector,
          maxUnhealthy: '40%',
          nodeStartupTimeout: `${HEALTH_CHECK.nodeStartupSeconds / 60}m0s`,
          unhealthyConditions: unhealthy.map((status) => ({
            type: 'Ready',
            status,
            timeout: `${HEALTH_CHECK.unhealthySeconds}s`,
          })),
        };
  return {
    apiVersion: capiApiVersions(ctx.version).core,
    kind: 'MachineHealthCheck',
    metadata: managementMeta(ctx, `${md.metadata.name}-mhc`, ctx.createdAtMs, {
      labels: clusterLabel(ctx),
      ownerReferences: [ownerRef(cluster, false)],
    }),
    spec,
    status: {},
  };
}

/** The Machine, its infra machine and its KubeadmConfig, owned as Cluster API owns them. */
export interface MachineObjects {
  readonly machine: RawObject;
  readonly infraMachine: RawObject;
  readonly bootstrap: RawObject;
}

/** Builds a Machine with its infra machine and KubeadmConfig; statuses are filled by `syncMachine`. */
export function buildMachineObjects(
  ctx: ClusterContext,
  at: {
    name: string;
    createdMs: number;
    owner: RawObject;
    labels: Record<string, string>;
    infraTemplate: RawObject;
    bootstrapTemplate: RawObject | undefined;
    site: MachineSite;
  },
): MachineObjects {
  const { core, bootstrap: bootstrapApi } = capiApiVersions(ctx.version);
  const p = ctx.profile;
  const controlPlane = at.bootstrapTemplate === undefined;
  const annotations = controlPlane
    ? {
        annotations: {
          'machine.cluster.x-k8s.io/certificates-expiry': isoSeconds(at.createdMs + 365 * 86_400_000),
        },
      }
    : {};
  const spec: Fields = {
    clusterName: ctx.name,
    version: ctx.kubernetesVersion,
    bootstrap: { configRef: contractRef(ctx, bootstrapApi, 'KubeadmConfig', at.name) },
    infrastructureRef: contractRef(ctx, p.apiVersion, p.machineKind, at.name),
  };
  if (ctx.site.zones.length > 1) spec.failureDomain = at.site.zone;
  if (ctx.version === 'v1beta1') spec.nodeDeletionTimeout = '10s';
  const machine: RawObject = {
    apiVersion: core,
    kind: 'Machine',
    metadata: managementMeta(ctx, at.name, at.createdMs, {
      labels: { ...at.labels },
      ...annotations,
      ownerReferences: [ownerRef(at.owner)],
      finalizers: ['machine.cluster.x-k8s.io'],
    }),
    spec,
    status: {},
  };
  const machineOwner: OwnerReference[] = [ownerRef(machine)];
  const cloned = (template: RawObject): Record<string, string> => ({
    'cluster.x-k8s.io/cloned-from-groupkind': `${template.kind}.${template.apiVersion.split('/')[0] ?? ''}`,
    'cluster.x-k8s.io/cloned-from-name': template.metadata.name,
  });
  const templateSpec = (at.infraTemplate.spec?.template as { spec?: Fields } | undefined)?.spec ?? {};
  const infraMachine: RawObject = {
    apiVersion: p.apiVersion,
    kind: p.machineKind,
    metadata: managementMeta(ctx, at.name, at.createdMs + 1000, {
      labels: { ...at.labels },
      annotations: cloned(at.infraTemplate),
      ownerReferences: machineOwner,
      finalizers: [`${p.machineKind.toLowerCase()}.infrastructure.cluster.x-k8s.io`],
    }),
    spec: structuredClone(templateSpec),
    status: {},
  };
  if (p.provider === 'metal3' && at.site.host) {
    const annotations = infraMachine.metadata.annotations ?? {};
    annotations['metal3.io/BareMetalHost'] = `${ctx.namespace}/${at.site.host}`;
    infraMachine.metadata.annotations = annotations;
  }
  const bootstrap: RawObject = {
    apiVersion: bootstrapApi,
    kind: 'KubeadmConfig',
    metadata: managementMeta(ctx, at.name, at.createdMs + 1000, {
      labels: { ...at.labels },
      ...(at.bootstrapTemplate ? { annotations: cloned(at.bootstrapTemplate) } : {}),
      ownerReferences: [{ ...ownerRef(machine) }],
    }),
    spec: controlPlane
      ? { joinConfiguration: { nodeRegistration: nodeRegistration(ctx), controlPlane: {} } }
      : { joinConfiguration: { nodeRegistration: nodeRegistration(ctx) } },
    status: {},
  };
  return { machine, infraMachine, bootstrap };
}
