/** Status of workload controllers (DaemonSet, ReplicaSet, Deployment) derived from their pods. */
import type { RawObject } from './raw.ts';

/** True when the pod is Ready. */
export function podReady(pod: RawObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Recomputes DaemonSet, ReplicaSet and Deployment status counters from the pods they own. */
export function syncWorkloadControllers(controllers: readonly RawObject[], pods: readonly RawObject[]): void {
  const byOwner = new Map<string, RawObject[]>();
  for (const pod of pods) {
    const uid = pod.metadata.ownerReferences?.[0]?.uid;
    if (uid && !pod.metadata.deletionTimestamp) byOwner.set(uid, [...(byOwner.get(uid) ?? []), pod]);
  }
  const replicaSets = new Map<string, RawObject>();
  for (const c of controllers) {
    const owned = byOwner.get(c.metadata.uid ?? '') ?? [];
    const ready = owned.filter(podReady).length;
    if (c.kind === 'DaemonSet') {
      c.status = {
        currentNumberScheduled: owned.length,
        numberMisscheduled: 0,
        desiredNumberScheduled: owned.length,
        numberReady: ready,
        observedGeneration: 1,
        updatedNumberScheduled: owned.length,
        numberAvailable: ready,
        ...(owned.length - ready > 0 ? { numberUnavailable: owned.length - ready } : {}),
      };
    } else if (c.kind === 'ReplicaSet') {
      const replicas = Number(c.spec?.replicas ?? owned.length);
      c.status = {
        replicas: owned.length,
        fullyLabeledReplicas: owned.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: 1,
      };
      const annotations = c.metadata.annotations ?? {};
      annotations['deployment.kubernetes.io/desired-replicas'] = String(replicas);
      annotations['deployment.kubernetes.io/max-replicas'] = String(replicas + Math.ceil(replicas / 4));
      const deploymentUid = c.metadata.ownerReferences?.[0]?.uid;
      if (deploymentUid) replicaSets.set(deploymentUid, c);
    }
  }
  for (const c of controllers) {
    if (c.kind !== 'Deployment') continue;
    const rs = replicaSets.get(c.metadata.uid ?? '');
    const s = rs?.status ?? {};
    const replicas = Number(c.spec?.replicas ?? 0);
    const available = Number(s.availableReplicas ?? 0);
    const at = String(rs?.metadata.creationTimestamp ?? c.metadata.creationTimestamp ?? '');
    const minAvailable = replicas - Math.floor(replicas / 4);
    c.status = {
      observedGeneration: 1,
      replicas: Number(s.replicas ?? 0),
      updatedReplicas: Number(s.replicas ?? 0),
      readyReplicas: Number(s.readyReplicas ?? 0),
      availableReplicas: available,
      ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
      conditions: [
        available >= minAvailable
          ? {
              type: 'Available',
              status: 'True',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
            }
          : {
              type: 'Available',
              status: 'False',
              lastUpdateTime: at,
              lastTransitionTime: at,
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: at,
          lastTransitionTime: at,
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs?.metadata.name ?? ''}" has successfully progressed.`,
        },
      ],
    };
  }
}
