import {
  autoscalerAnnotations,
  bootstrapTemplate,
  clusterNetwork,
  controlPlaneKubeadm,
  hashedTemplate,
  healthCheck,
  machineLabels,
  machineTemplate,
  meta,
  poolDeployments,
  poolFailureDomains,
  poolRollout,
  providerOf,
} from './compile-parts.ts';
import { CAPI, type Manifest } from './manifest.ts';
import type { Intent } from './types.ts';

const templateRef = (m: Manifest): { apiVersion: string; kind: string; name: string } => ({
  apiVersion: m.apiVersion,
  kind: m.kind,
  name: m.metadata.name,
});

/**
 * A Cluster with `spec.topology` on a ClusterClass made for this intent, with the templates the class needs.
 * The topology controller creates the KubeadmControlPlane, MachineDeployments and MachineHealthChecks.
 */
export function compileTopology(intent: Intent): Manifest[] {
  const provider = providerOf(intent);
  const infraTemplate = hashedTemplate(
    intent,
    intent.name,
    provider.apiVersion,
    provider.clusterTemplateKind,
    {
      template: { spec: provider.clusterTemplateSpec(intent, poolFailureDomains(intent)) },
    },
  );
  const kcpTemplate = hashedTemplate(
    intent,
    `${intent.name}-control-plane`,
    CAPI.controlPlane,
    'KubeadmControlPlaneTemplate',
    {
      template: {
        spec: {
          kubeadmConfigSpec: controlPlaneKubeadm(intent, { mode: 'topology' }),
          rollout: {
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: intent.controlPlane.maxSurge } },
          },
        },
      },
    },
  );
  const cpMachine = machineTemplate(intent, 'control-plane');
  const out: Manifest[] = [infraTemplate, kcpTemplate, cpMachine];
  const classes: Record<string, unknown>[] = [];
  const topologyDeployments: Record<string, unknown>[] = [];
  for (const pool of intent.nodePools) {
    const infra = machineTemplate(intent, 'worker', pool);
    const bootstrap = bootstrapTemplate(intent, pool, { mode: 'topology' });
    out.push(infra, bootstrap);
    classes.push({
      class: pool.name,
      bootstrap: { templateRef: templateRef(bootstrap) },
      infrastructure: { templateRef: templateRef(infra) },
      metadata: { labels: machineLabels(pool) },
      rollout: poolRollout(pool),
      ...(intent.healthChecks.enabled ? { healthCheck: healthCheck(intent, 'worker') } : {}),
    });
    for (const deployment of poolDeployments(intent, pool)) {
      const annotations = autoscalerAnnotations(deployment);
      topologyDeployments.push({
        class: pool.name,
        name: deployment.topologyName,
        ...(deployment.replicas !== undefined ? { replicas: deployment.replicas } : {}),
        ...(deployment.failureDomain ? { failureDomain: deployment.failureDomain } : {}),
        ...(Object.keys(annotations).length > 0 ? { metadata: { annotations } } : {}),
      });
    }
  }
  const patches =
    provider.classPatches?.(
      intent,
      intent.nodePools.map((p) => p.name),
    ) ?? [];
  const clusterClass: Manifest = {
    apiVersion: CAPI.core,
    kind: 'ClusterClass',
    metadata: meta(intent, intent.name),
    spec: {
      infrastructure: { templateRef: templateRef(infraTemplate) },
      controlPlane: {
        templateRef: templateRef(kcpTemplate),
        machineInfrastructure: { templateRef: templateRef(cpMachine) },
        ...(intent.healthChecks.enabled ? { healthCheck: healthCheck(intent, 'control-plane') } : {}),
      },
      ...(classes.length > 0 ? { workers: { machineDeployments: classes } } : {}),
      ...(patches.length > 0 ? { patches } : {}),
    },
  };
  const cluster: Manifest = {
    apiVersion: CAPI.core,
    kind: 'Cluster',
    metadata: meta(intent, intent.name),
    spec: {
      clusterNetwork: clusterNetwork(intent),
      topology: {
        classRef: { name: clusterClass.metadata.name },
        version: intent.kubernetesVersion,
        controlPlane: { replicas: intent.controlPlane.replicas },
        ...(topologyDeployments.length > 0 ? { workers: { machineDeployments: topologyDeployments } } : {}),
      },
    },
  };
  out.push(clusterClass, cluster);
  return out;
}
