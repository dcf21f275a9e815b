import { Labels } from './names.ts';
import { diffFields, type FieldChange } from './plan-diff.ts';
import {
  controlPlaneStrategy,
  creationOf,
  deploymentStrategy,
  describeChanges,
  field,
  liveReplicas,
  rolloutOf,
} from './plan-rollout.ts';
import type { PlanContext, RolloutPlan } from './plan-types.ts';

const OWNED = 'topology.cluster.x-k8s.io/owned';
const DEPLOYMENT_NAME = 'topology.cluster.x-k8s.io/deployment-name';

type Entry = Record<string, unknown>;

/** Replicas of a topology MachineDeployment entry, or its autoscaler minimum when the autoscaler owns the count. */
function entryReplicas(entry: Entry): number | undefined {
  if (typeof entry.replicas === 'number') return entry.replicas;
  const annotations = field(entry, 'metadata.annotations');
  const value =
    typeof annotations === 'object' && annotations !== null
      ? (annotations as Record<string, unknown>)[Labels.autoscalerMin]
      : undefined;
  return typeof value === 'string' ? Number(value) : undefined;
}
const entries = (value: unknown): Entry[] =>
  Array.isArray(value) ? value.filter((e): e is Entry => typeof e === 'object' && e !== null) : [];

/** What the topology controller does when the Cluster and its ClusterClass are applied. */
export function topologyRollouts(context: PlanContext): { rollouts: RolloutPlan[]; notes: string[] } {
  const { intent } = context;
  const cluster = context.desired.find((d) => d.kind === 'Cluster');
  const clusterClass = context.desired.find((d) => d.kind === 'ClusterClass');
  if (!cluster || !clusterClass) return { rollouts: [], notes: [] };
  const liveCluster = context.liveOf('Cluster', cluster.metadata.name);
  const liveClass = context.liveOf('ClusterClass', clusterClass.metadata.name);
  const topology = field(cluster.spec, 'topology');
  const liveTopology = field(liveCluster?.raw, 'spec.topology');
  const owned = context.live.filter(
    (l) => l.labels['cluster.x-k8s.io/cluster-name'] === intent.name && l.labels[OWNED] !== undefined,
  );
  const rollouts: RolloutPlan[] = [];
  const versionChange: FieldChange[] =
    liveTopology !== undefined && field(liveTopology, 'version') !== field(topology, 'version')
      ? [
          {
            path: 'spec.topology.version',
            from: field(liveTopology, 'version'),
            to: field(topology, 'version'),
          },
        ]
      : [];

  const cpStrategy = controlPlaneStrategy(field(clusterClass.spec, 'controlPlane'));
  const cpWanted = Number(field(topology, 'controlPlane.replicas'));
  if (!liveTopology) {
    rollouts.push(creationOf('KubeadmControlPlane', `${intent.name} control plane`, cpWanted, cpStrategy));
  } else {
    const cpTemplates = liveClass
      ? diffFields(
          {
            templateRef: field(clusterClass.spec, 'controlPlane.templateRef'),
            machineInfrastructure: field(clusterClass.spec, 'controlPlane.machineInfrastructure'),
          },
          {
            templateRef: field(liveClass.raw, 'spec.controlPlane.templateRef'),
            machineInfrastructure: field(liveClass.raw, 'spec.controlPlane.machineInfrastructure'),
          },
          'spec.controlPlane',
        )
      : [];
    const liveKcp = owned.find((l) => l.kind === 'KubeadmControlPlane');
    const current = liveReplicas(liveKcp) ?? Number(field(liveTopology, 'controlPlane.replicas') ?? cpWanted);
    const entry = rolloutOf(
      'KubeadmControlPlane',
      liveKcp?.name ?? `${intent.name} control plane`,
      current,
      cpWanted,
      describeChanges(context, [...versionChange, ...cpTemplates]),
      cpStrategy,
      `replicas ${current} -> ${cpWanted}`,
    );
    if (entry) rollouts.push(entry);
  }

  const classOf = (spec: unknown, name: unknown): Entry | undefined =>
    entries(field(spec, 'workers.machineDeployments')).find((c) => c.class === name);
  const liveDeployments = entries(field(liveTopology, 'workers.machineDeployments'));
  const wantedDeployments = entries(field(topology, 'workers.machineDeployments'));
  for (const md of wantedDeployments) {
    const name = String(md.name);
    const strategy = deploymentStrategy(classOf(clusterClass.spec, md.class)?.rollout);
    const liveEntry = liveDeployments.find((l) => l.name === name);
    const liveMd = owned.find((l) => l.kind === 'MachineDeployment' && l.labels[DEPLOYMENT_NAME] === name);
    const wanted = typeof md.replicas === 'number' ? md.replicas : undefined;
    if (!liveEntry) {
      rollouts.push(creationOf('MachineDeployment', name, entryReplicas(md) ?? 0, strategy));
      continue;
    }
    const pick = (c: Entry | undefined): Entry => ({
      bootstrap: c?.bootstrap,
      infrastructure: c?.infrastructure,
    });
    const classChanges = liveClass
      ? diffFields(
          pick(classOf(clusterClass.spec, md.class)),
          pick(classOf(liveClass.raw.spec, liveEntry.class)),
          `spec.workers.machineDeployments[${String(md.class)}]`,
        )
      : [];
    const own = diffFields(
      { class: md.class, failureDomain: md.failureDomain },
      { class: liveEntry.class, failureDomain: liveEntry.failureDomain },
      `spec.topology.workers.machineDeployments[${name}]`,
    );
    const current = liveReplicas(liveMd) ?? entryReplicas(liveEntry) ?? wanted ?? 0;
    const desired = wanted ?? current;
    const entry = rolloutOf(
      'MachineDeployment',
      name,
      current,
      desired,
      describeChanges(context, [...versionChange, ...classChanges, ...own]),
      strategy,
      `replicas ${current} -> ${desired}`,
    );
    if (entry) rollouts.push(entry);
  }
  for (const gone of liveDeployments.filter((l) => !wantedDeployments.some((w) => w.name === l.name))) {
    const name = String(gone.name);
    const liveMd = owned.find((l) => l.kind === 'MachineDeployment' && l.labels[DEPLOYMENT_NAME] === name);
    const current = liveReplicas(liveMd) ?? entryReplicas(gone) ?? 0;
    rollouts.push({
      kind: 'MachineDeployment',
      name,
      action: 'delete',
      current,
      desired: 0,
      replaced: 0,
      added: 0,
      removed: current,
      strategy: 'drained and deleted',
      reasons: ['no longer in the intent: the topology controller deletes it'],
    });
  }
  const notes =
    versionChange.length > 0
      ? [
          'the topology controller upgrades the control plane first, then the MachineDeployments one at a time (the Cluster annotation topology.cluster.x-k8s.io/upgrade-concurrency raises that)',
        ]
      : [];
  return { rollouts, notes };
}
