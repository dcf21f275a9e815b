/** Constructors of workload-cluster Pods and the controllers that own them. */
import type { ClusterContext } from './fleet-types.ts';
import { workloadMeta } from './node-objects.ts';
import type { Fields, OwnerReference, RawObject } from './raw.ts';
import { ownerRef } from './raw.ts';
import { isoSeconds, MINUTE, SECOND } from './time.ts';

export { podReady, syncWorkloadControllers } from './workload-status.ts';

/** Pod tolerations by workload type, as the API server and DaemonSet controller default them. */
export function tolerations(kind: 'daemonset' | 'deployment' | 'static' | 'control-plane'): Fields[] {
  if (kind === 'static') return [{ effect: 'NoExecute', operator: 'Exists' }];
  const evict = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  ];
  if (kind === 'daemonset') {
    return [
      ...evict,
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { operator: 'Exists' },
    ];
  }
  const timed = evict.map((t) => ({ ...t, tolerationSeconds: 300 }));
  if (kind === 'control-plane')
    return [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }, ...timed];
  return timed;
}

/** What a pod runs and where. */
export interface PodInput {
  readonly name: string;
  readonly namespace: string;
  readonly node: RawObject;
  readonly owner: RawObject;
  readonly createdMs: number;
  readonly containers: readonly { readonly name: string; readonly image: string }[];
  readonly labels: Record<string, string>;
  readonly hostNetwork: boolean;
  readonly podIp: string;
  readonly tolerations: Fields[];
  readonly priorityClassName?: string;
  readonly generateName?: string;
  readonly annotations?: Record<string, string>;
}

/** Builds a Running, Ready pod bound to its node. */
export function buildPod(ctx: ClusterContext, p: PodInput): RawObject {
  // Mirror pods of static manifests are owned by their Node, without blockOwnerDeletion.
  const owner: OwnerReference = ownerRef(p.owner);
  if (p.owner.kind === 'Node') delete owner.blockOwnerDeletion;
  const scheduled = p.createdMs + SECOND;
  const started = p.createdMs + ctx.rng.int(3, 40) * SECOND;
  const ready = started + ctx.rng.int(2, 30) * SECOND;
  const restarts = ctx.rng.chance(0.04) ? ctx.rng.int(1, 3) : 0;
  const hostIp = String((p.node.status?.addresses as { address: string }[] | undefined)?.[0]?.address ?? '');
  const spec: Fields = {
    containers: p.containers.map((c) => ({
      name: c.name,
      image: c.image,
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    })),
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: p.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    serviceAccountName:
      p.owner.kind === 'Node' ? undefined : (p.labels['app.kubernetes.io/name'] ?? 'default'),
    nodeName: p.node.metadata.name,
    hostNetwork: p.hostNetwork || undefined,
    securityContext: {},
    schedulerName: 'default-scheduler',
    tolerations: p.tolerations,
    priorityClassName: p.priorityClassName,
    priority:
      p.priorityClassName === 'system-node-critical' ? 2000001000 : p.priorityClassName ? 2000000000 : 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  for (const key of Object.keys(spec)) if (spec[key] === undefined) delete spec[key];
  const transition = (type: string, at: number): Fields => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: isoSeconds(at),
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: workloadMeta(ctx, p.name, p.namespace, p.createdMs, {
      ...(p.generateName ? { generateName: p.generateName } : {}),
      labels: p.labels,
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ownerReferences: [owner],
    }),
    spec,
    status: {
      phase: 'Running',
      conditions: [
        transition('PodReadyToStartContainers', started),
        transition('Initialized', scheduled),
        transition('Ready', ready),
        transition('ContainersReady', ready),
        transition('PodScheduled', scheduled),
      ],
      hostIP: hostIp,
      hostIPs: [{ ip: hostIp }],
      podIP: p.podIp,
      podIPs: [{ ip: p.podIp }],
      startTime: isoSeconds(scheduled),
      containerStatuses: p.containers.map((c) => ({
        name: c.name,
        state: { running: { startedAt: isoSeconds(started + restarts * 7 * MINUTE) } },
        ...(restarts > 0
          ? {
              lastState: {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  startedAt: isoSeconds(started),
                  finishedAt: isoSeconds(started + restarts * 7 * MINUTE - 2 * SECOND),
                  containerID: `containerd://${ctx.rng.hex(64)}`,
                },
              },
            }
          : {}),
        ready: true,
        restartCount: restarts,
        image: c.image,
        imageID: `${c.image.split(':')[0] ?? c.image}@sha256:${ctx.rng.hex(64)}`,
        containerID: `containerd://${ctx.rng.hex(64)}`,
        started: true,
      })),
      qosClass: 'Burstable',
    },
  };
}

/** A pod template for a controller's spec. */
function template(
  labels: Record<string, string>,
  containers: readonly { name: string; image: string }[],
): Fields {
  return {
    metadata: { labels },
    spec: { containers: containers.map((c) => ({ name: c.name, image: c.image })) },
  };
}

/** A DaemonSet; its status is filled by `syncWorkloadControllers`. */
export function buildDaemonSet(
  ctx: ClusterContext,
  namespace: string,
  name: string,
  containers: readonly { name: string; image: string }[],
  createdMs: number,
): RawObject {
  const labels = { 'k8s-app': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: workloadMeta(ctx, name, namespace, createdMs, {
      labels,
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    }),
    spec: {
      selector: { matchLabels: labels },
      template: template(labels, containers),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {},
  };
}

/** A Deployment and its current ReplicaSet; statuses are filled by `syncWorkloadControllers`. */
export function buildDeployment(
  ctx: ClusterContext,
  namespace: string,
  name: string,
  containers: readonly { name: string; image: string }[],
  createdMs: number,
): { deployment: RawObject; replicaSet: RawObject; podTemplateHash: string } {
  const labels = { 'app.kubernetes.io/name': name };
  const deployment: RawObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMeta(ctx, name, namespace, createdMs, {
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    }),
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: template(labels, containers),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
  const podTemplateHash = ctx.rng.suffix(10);
  const rsLabels = { ...labels, 'pod-template-hash': podTemplateHash };
  const replicaSet: RawObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: workloadMeta(ctx, `${name}-${podTemplateHash}`, namespace, createdMs + SECOND, {
      labels: rsLabels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '0',
        'deployment.kubernetes.io/max-replicas': '0',
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerRef(deployment)],
    }),
    spec: { replicas: 0, selector: { matchLabels: rsLabels }, template: template(rsLabels, containers) },
    status: {},
  };
  return { deployment, replicaSet, podTemplateHash };
}
