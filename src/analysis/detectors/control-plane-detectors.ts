import { str } from '../../capi/access.ts';
import { findCondition, type Condition } from '../../capi/conditions.ts';
import { formatDuration, oneLine } from '../cross-plane.ts';
import { eventText, eventTime, machineEvidenceRoots } from '../evidence.ts';
import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetGraph } from '../../graph/fleet-graph.ts';
import type { FleetObject } from '../../model/fleet.ts';

/** A condition must be bad this long to count: controllers flip them briefly during normal work. */
const CONDITION_GRACE_MS = 5 * 60_000;
const INIT_BUDGET_MS = 20 * 60_000;
const RECENT_MS = 30 * 60_000;

function badFor(condition: Condition | undefined, now: number): boolean {
  return (
    condition !== undefined &&
    condition.status !== 'True' &&
    !(now - ms(condition.lastTransitionTime) < CONDITION_GRACE_MS)
  );
}

function controlPlaneMachines(graph: FleetGraph, controlPlane: FleetObject): FleetObject[] {
  return graph.children(controlPlane.id, 'owner').filter((o) => o.kind === 'Machine');
}

/** Unreachable workload clusters, infrastructure clusters not ready, control planes that do not initialize, unhealthy etcd. */
export function controlPlaneDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    const probe = findCondition(cluster.raw, 'RemoteConnectionProbe');
    if (badFor(probe, now)) {
      const controlPlane = graph.children(cluster.id, 'control-plane')[0];
      out.push({
        type: 'workload-cluster-unreachable',
        cluster: key,
        subject: cluster,
        severity: 'critical',
        signal: 'condition',
        message: `the management cluster cannot reach the API server of ${key}${probe?.message ? `: ${probe.message}` : ''}`,
        since: probe?.lastTransitionTime,
        roots: [cluster, ...(controlPlane ? [controlPlane] : [])],
        related: [],
        fallback: {
          category: 'workload-cluster-unreachable',
          confidence: 0.6,
          why: 'the connection probe fails and no evidence says why',
        },
      });
    }
    const infra = graph.children(cluster.id, 'infrastructure')[0];
    const infraReady = findCondition(cluster.raw, 'InfrastructureReady');
    if (
      infra &&
      badFor(infraReady, now) &&
      now - ms(str(cluster.raw, 'metadata.creationTimestamp')) > CONDITION_GRACE_MS
    ) {
      out.push({
        type: 'infrastructure-cluster-not-ready',
        cluster: key,
        subject: infra,
        severity: 'critical',
        signal: 'condition',
        message: `${infra.kind} ${infra.name} is not ready${infraReady?.message ? `: ${infraReady.message}` : ''}`,
        since: infraReady?.lastTransitionTime,
        roots: [infra, cluster],
        related: [cluster],
        fallback: {
          category: 'unknown',
          confidence: 0.3,
          why: 'the infrastructure cluster is not ready and no evidence says why',
        },
      });
    }
    const controlPlane = graph.children(cluster.id, 'control-plane').find((o) => o.kind !== 'Machine');
    if (controlPlane) out.push(...controlPlaneSymptoms(graph, controlPlane, key, now));
  }
  return out;
}

function controlPlaneSymptoms(
  graph: FleetGraph,
  controlPlane: FleetObject,
  key: string,
  now: number,
): Symptom[] {
  const machines = controlPlaneMachines(graph, controlPlane);
  const roots = [controlPlane, ...machines.flatMap((m) => machineEvidenceRoots(graph, m))];
  const initialized = findCondition(controlPlane.raw, 'Initialized', 'ControlPlaneInitialized');
  const created = ms(str(controlPlane.raw, 'metadata.creationTimestamp'));
  if (initialized && initialized.status !== 'True' && now - created > INIT_BUDGET_MS) {
    return [
      {
        type: 'control-plane-not-initializing',
        cluster: key,
        subject: controlPlane,
        severity: 'critical',
        signal: 'condition',
        message: `${controlPlane.kind} ${controlPlane.name} has not initialized in ${formatDuration((now - created) / 1000)}`,
        since: str(controlPlane.raw, 'metadata.creationTimestamp'),
        roots,
        related: machines,
        fallback: {
          category: 'bootstrap-failure',
          confidence: 0.35,
          why: 'the first control-plane machine never initialized and no evidence says why',
        },
      },
    ];
  }
  const etcd = findCondition(controlPlane.raw, 'EtcdClusterHealthy', 'EtcdClusterHealthyCondition');
  // A member KCP cannot inspect (Unknown) or whose etcd Pod fails is as unhealthy as one it reports False.
  const unhealthyMembers = machines.filter((m) => {
    const member = findCondition(m.raw, 'EtcdMemberHealthy')?.status;
    return (
      member === 'False' || member === 'Unknown' || findCondition(m.raw, 'EtcdPodHealthy')?.status === 'False'
    );
  });
  if (badFor(etcd, now) || unhealthyMembers.length > 0) {
    return [
      {
        type: 'etcd-unhealthy',
        cluster: key,
        subject: controlPlane,
        severity: 'critical',
        signal: 'condition',
        message: `etcd of ${controlPlane.name} is unhealthy${etcd?.message ? `: ${oneLine(etcd.message)}` : ''}`,
        since: etcd?.lastTransitionTime,
        roots,
        related: unhealthyMembers,
        fallback: {
          category: 'etcd-unhealthy',
          confidence: 0.7,
          why: 'KubeadmControlPlane reports etcd members unhealthy',
        },
      },
    ];
  }
  const components = findCondition(controlPlane.raw, 'ControlPlaneComponentsHealthy');
  const preflight = graph
    .eventsOf(controlPlane.id)
    .filter((e) => eventText(e).reason === 'ControlPlaneUnhealthy' && now - ms(eventTime(e)) < RECENT_MS);
  if (badFor(components, now) || preflight.reduce((n, e) => n + eventText(e).count, 0) >= 3) {
    return [
      {
        type: 'control-plane-blocked',
        cluster: key,
        subject: controlPlane,
        severity: 'critical',
        signal: preflight.length > 0 ? 'event' : 'condition',
        message: `${controlPlane.name} cannot scale or roll: ${preflight.length > 0 ? 'its preflight checks keep failing' : (components?.message ?? 'control-plane components are unhealthy')}`,
        since: components?.lastTransitionTime,
        roots,
        related: machines,
        fallback: {
          category: 'unknown',
          confidence: 0.3,
          why: 'the control plane is blocked and no evidence says why',
        },
      },
    ];
  }
  return [];
}
