import {
  autoscalerAnnotations,
  bootstrapTemplate,
  clusterNetwork,
  controlPlaneKubeadm,
  healthCheck,
  machineLabels,
  machineTemplate,
  meta,
  poolDeployments,
  poolFailureDomains,
  poolRollout,
  providerOf,
} from './compile-parts.ts';
import { CAPI, groupOf, type Manifest } from './manifest.ts';
import { Labels } from './names.ts';
import type { Intent } from './types.ts';

const ref = (m: Manifest): { apiGroup: string; kind: string; name: string } => ({
  apiGroup: groupOf(m.apiVersion),
  kind: m.kind,
  name: m.metadata.name,
});

/**
 * Every object spelled out: Cluster, infrastructure cluster, KubeadmControlPlane, machine and bootstrap
 * templates, one MachineDeployment per pool and failure domain, and MachineHealthChecks.
 */
export function compileExpanded(intent: Intent): Manifest[] {
  const provider = providerOf(intent);
  const out: Manifest[] = [];
  const infraCluster: Manifest = {
    apiVersion: provider.apiVersion,
    kind: provider.clusterKind,
    metadata: meta(intent, intent.name),
    spec: provider.clusterSpec(intent, poolFailureDomains(intent)),
  };
  const cpTemplate = machineTemplate(intent, 'control-plane');
  const kcp: Manifest = {
    apiVersion: CAPI.controlPlane,
    kind: 'KubeadmControlPlane',
    metadata: meta(intent, `${intent.name}-control-plane`),
    spec: {
      replicas: intent.controlPlane.replicas,
      version: intent.kubernetesVersion,
      machineTemplate: { spec: { infrastructureRef: ref(cpTemplate) } },
      kubeadmConfigSpec: controlPlaneKubeadm(intent, {
        mode: 'expanded',
        machineTemplateName: cpTemplate.metadata.name,
      }),
      rollout: {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: intent.controlPlane.maxSurge } },
      },
    },
  };
  const cluster: Manifest = {
    apiVersion: CAPI.core,
    kind: 'Cluster',
    metadata: meta(intent, intent.name),
    spec: {
      clusterNetwork: clusterNetwork(intent),
      controlPlaneRef: ref(kcp),
      infrastructureRef: ref(infraCluster),
    },
  };
  out.push(infraCluster, cpTemplate, kcp, cluster);
  if (intent.healthChecks.enabled) {
    out.push({
      apiVersion: CAPI.core,
      kind: 'MachineHealthCheck',
      metadata: meta(intent, `${intent.name}-control-plane`),
      spec: {
        clusterName: intent.name,
        selector: { matchLabels: { [Labels.clusterName]: intent.name, [Labels.controlPlane]: '' } },
        ...healthCheck(intent, 'control-plane'),
      },
    });
  }
  for (const pool of intent.nodePools) {
    const infra = machineTemplate(intent, 'worker', pool);
    const bootstrap = bootstrapTemplate(intent, pool, {
      mode: 'expanded',
      machineTemplateName: infra.metadata.name,
    });
    out.push(infra, bootstrap);
    for (const deployment of poolDeployments(intent, pool)) {
      const selector = { [Labels.clusterName]: intent.name, [Labels.deploymentName]: deployment.name };
      out.push({
        apiVersion: CAPI.core,
        kind: 'MachineDeployment',
        metadata: meta(
          intent,
          deployment.name,
          { [Labels.nodePool]: pool.name },
          autoscalerAnnotations(deployment),
        ),
        spec: {
          clusterName: intent.name,
          ...(deployment.replicas !== undefined ? { replicas: deployment.replicas } : {}),
          selector: { matchLabels: selector },
          rollout: poolRollout(pool),
          template: {
            metadata: { labels: { ...selector, ...machineLabels(pool) } },
            spec: {
              clusterName: intent.name,
              version: intent.kubernetesVersion,
              bootstrap: { configRef: ref(bootstrap) },
              infrastructureRef: ref(infra),
              ...(deployment.failureDomain ? { failureDomain: deployment.failureDomain } : {}),
            },
          },
        },
      });
    }
    if (intent.healthChecks.enabled) {
      out.push({
        apiVersion: CAPI.core,
        kind: 'MachineHealthCheck',
        metadata: meta(intent, `${intent.name}-${pool.name}`, { [Labels.nodePool]: pool.name }),
        spec: {
          clusterName: intent.name,
          selector: { matchLabels: { [Labels.clusterName]: intent.name, [Labels.nodePool]: pool.name } },
          ...healthCheck(intent, 'worker'),
        },
      });
    }
  }
  return out;
}
