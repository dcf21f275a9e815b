import { diffFields } from './plan-diff.ts';
import {
  controlPlaneStrategy,
  creationOf,
  describeChanges,
  deploymentStrategy,
  field,
  liveReplicas,
  rolloutOf,
} from './plan-rollout.ts';
import type { PlanContext, RolloutPlan } from './plan-types.ts';

/** Changes to these KubeadmControlPlane fields replace every control plane machine. */
const KCP_ROLLS =
  /^spec\.(version|machineTemplate\.spec\.infrastructureRef|kubeadmConfigSpec|rollout\.after)/;
/** Changes to a MachineDeployment's machine template roll it, except the fields propagated in place. */
const MD_ROLLS = /^spec\.(template\.spec\.|rollout\.after)/;
const MD_IN_PLACE = /^spec\.template\.spec\.(deletion|minReadySeconds)/;

/** What Cluster API does when the expanded objects are applied: KCP and MachineDeployment rollouts. */
export function expandedRollouts(context: PlanContext): { rollouts: RolloutPlan[]; notes: string[] } {
  const rollouts: RolloutPlan[] = [];
  const notes: string[] = [];
  for (const d of context.desired) {
    if (d.kind !== 'KubeadmControlPlane' && d.kind !== 'MachineDeployment') continue;
    const live = context.liveOf(d.kind, d.metadata.name);
    const strategy =
      d.kind === 'KubeadmControlPlane' ? controlPlaneStrategy(d.spec) : deploymentStrategy(d.spec.rollout);
    const wanted = typeof d.spec.replicas === 'number' ? d.spec.replicas : undefined;
    const autoscaledMin = Number(
      d.metadata.annotations?.['cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size'] ?? 0,
    );
    if (!live) {
      rollouts.push(creationOf(d.kind, d.metadata.name, wanted ?? autoscaledMin, strategy));
      continue;
    }
    const changes = diffFields(d.spec, live.raw.spec, 'spec');
    const rolling =
      d.kind === 'KubeadmControlPlane'
        ? changes.filter((c) => KCP_ROLLS.test(c.path))
        : changes.filter((c) => MD_ROLLS.test(c.path) && !MD_IN_PLACE.test(c.path));
    const current = liveReplicas(live) ?? wanted ?? autoscaledMin;
    // An autoscaled MachineDeployment keeps the count the autoscaler gave it.
    const desired = wanted ?? current;
    const entry = rolloutOf(
      d.kind,
      d.metadata.name,
      current,
      desired,
      describeChanges(context, rolling),
      strategy,
      `replicas ${current} -> ${desired}`,
    );
    if (entry) rollouts.push(entry);
  }
  const kcpRolls = rollouts.some(
    (r) => r.kind === 'KubeadmControlPlane' && r.reasons.some((x) => x.startsWith('Kubernetes')),
  );
  const workersRoll = rollouts.some(
    (r) => r.kind === 'MachineDeployment' && r.reasons.some((x) => x.startsWith('Kubernetes')),
  );
  if (kcpRolls && workersRoll) {
    notes.push(
      'the control plane and the MachineDeployments roll at once when applied together; MachineSet preflight checks (ControlPlaneIsStable, KubernetesVersionSkew) hold new worker machines until the control plane has upgraded',
    );
  }
  const cluster = context.desired.find((d) => d.kind === 'Cluster');
  const liveCluster = cluster ? context.liveOf('Cluster', cluster.metadata.name) : undefined;
  if (
    cluster &&
    liveCluster &&
    diffFields(
      field(cluster.spec, 'clusterNetwork'),
      field(liveCluster.raw, 'spec.clusterNetwork'),
      'spec.clusterNetwork',
    ).length > 0
  ) {
    notes.push(
      'spec.clusterNetwork changes: a running cluster keeps the pod and service ranges it was created with',
    );
  }
  return { rollouts, notes };
}
