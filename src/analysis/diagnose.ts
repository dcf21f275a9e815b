import { ALL_ENTRIES } from './knowledge/index.ts';
import type { KnowledgeEntry } from './knowledge/entry.ts';
import { controlPlaneDetector } from './detectors/control-plane-detectors.ts';
import { crossPlaneInfoDetector } from './detectors/info-detectors.ts';
import { logDetector } from './detectors/log-detectors.ts';
import { machineDetector } from './detectors/machine-detectors.ts';
import { nodeDetector, podDetector } from './detectors/node-detectors.ts';
import { rolloutDetector } from './detectors/rollout-detectors.ts';
import { sliDetector } from './detectors/sli-detectors.ts';
import { isWrapper } from './classify.ts';
import { buildIncident, groupKey, isFirm } from './incidents.ts';
import { resolveCause, type ResolvedCause } from './resolve-cause.ts';
import { clusterKey, type Detector, type DetectorContext, type Symptom } from './symptom.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { FleetObject } from '../model/fleet.ts';
import type { ClusterHealth, Diagnosis, Incident } from '../model/incident.ts';

/** Every detector, in the order their symptoms are considered. */
export const DETECTORS: readonly Detector[] = [
  machineDetector,
  controlPlaneDetector,
  nodeDetector,
  rolloutDetector,
  sliDetector,
  podDetector,
  logDetector,
  crossPlaneInfoDetector,
];

/** Options of {@link diagnose}. */
export interface DiagnoseOptions {
  readonly entries?: readonly KnowledgeEntry[];
  readonly detectors?: readonly Detector[];
  /** Clusters whose workload side could not be read, to report as unknown rather than healthy. */
  readonly unreachable?: ReadonlySet<string>;
}

const RANK = { critical: 2, warning: 1, info: 0 } as const;

/** From symptoms to causes to incidents: the diagnosis of a fleet (spec/diagnosis.md). Pure: graph in, data out. */
export function diagnose(graph: FleetGraph, options: DiagnoseOptions = {}): Diagnosis {
  const context: DetectorContext = { graph, now: graph.now.getTime() };
  const entries = options.entries ?? ALL_ENTRIES;
  const symptoms = withoutEchoes((options.detectors ?? DETECTORS).flatMap((detect) => detect(context)));
  const causes = symptoms.map((symptom) => resolveCause(symptom, context, entries));
  const keys = new Map(causes.map((cause) => [cause, groupKey(cause, graph)]));
  joinRemediationLoops(causes, keys);
  joinBlockedByInfrastructure(causes, keys);
  const groups = new Map<string, ResolvedCause[]>();
  for (const cause of causes) {
    const key = keys.get(cause) ?? '';
    const group = groups.get(key);
    if (group) group.push(cause);
    else groups.set(key, [cause]);
  }
  const incidents = [...groups.entries()]
    .map(([key, causes]) => buildIncident(key, causes, graph))
    .sort(
      (a, b) =>
        RANK[b.severity] - RANK[a.severity] ||
        b.rootCause.confidence - a.rootCause.confidence ||
        a.title.localeCompare(b.title),
    );
  return {
    capturedAt: graph.now.toISOString(),
    clusters: graph.clusters().map((cluster) => ({
      namespace: cluster.namespace,
      name: cluster.name,
      health: healthOf(clusterKey(cluster), incidents, graph, options.unreachable),
    })),
    incidents,
  };
}

/**
 * A health check that keeps replacing machines: when the machines' own evidence names a cause, the loop is an echo of
 * it and joins that incident; when it names none, the machines are the loop's and join it (remediation-storm).
 */
function joinRemediationLoops(causes: readonly ResolvedCause[], keys: Map<ResolvedCause, string>): void {
  for (const loop of causes.filter((c) => c.symptom.type === 'remediation-loop')) {
    const targets = new Set(loop.symptom.related.map((o) => o.id));
    const members = causes.filter((c) => c !== loop && targets.has(c.symptom.subject.id));
    const explained = members.find((c) => isFirm(c) && !isWrapper(c.category));
    const loopKey = keys.get(loop) ?? '';
    if (explained) keys.set(loop, keys.get(explained) ?? loopKey);
    else for (const member of members) keys.set(member, loopKey);
  }
}

/** What waits on a cluster's infrastructure: nothing of it can work before the infrastructure cluster is ready. */
const BLOCKED_BY_INFRASTRUCTURE: ReadonlySet<string> = new Set([
  'control-plane-not-initializing',
  'workload-cluster-unreachable',
  // Machines wait in Pending until the Cluster's infrastructure is ready.
  'machine-stuck-pending',
]);

/**
 * An infrastructure cluster that is not ready blocks the rest of its cluster: the control plane cannot initialize,
 * machines wait, the API endpoint does not exist. Those symptoms join the infrastructure incident unless their own
 * evidence names a cause of their own (a machine's quota error stays its own incident).
 */
function joinBlockedByInfrastructure(
  causes: readonly ResolvedCause[],
  keys: Map<ResolvedCause, string>,
): void {
  for (const infra of causes.filter((c) => c.symptom.type === 'infrastructure-cluster-not-ready')) {
    const infraKey = keys.get(infra) ?? '';
    for (const member of causes) {
      if (member === infra || member.symptom.cluster !== infra.symptom.cluster) continue;
      if (!BLOCKED_BY_INFRASTRUCTURE.has(member.symptom.type)) continue;
      const ownCause = isFirm(member) && !isWrapper(member.category) && member.category !== infra.category;
      if (member.symptom.type === 'machine-stuck-pending' && ownCause) continue;
      keys.set(member, infraKey);
    }
  }
}

/**
 * Drops symptoms that only repeat another one: a controller's repeated error about an object another symptom already
 * explains, crash-looping pods in a cluster whose machines or nodes already fail, and a troubled control plane's own
 * crash-looping static Pods.
 */
function withoutEchoes(symptoms: readonly Symptom[]): Symptom[] {
  const explained = new Set(
    symptoms.filter((s) => s.type !== 'reconcile-error-repeating').flatMap((s) => s.roots.map((r) => r.id)),
  );
  const infrastructure = new Set(
    symptoms.filter((s) => s.type.startsWith('machine-') || s.type.startsWith('node-')).map((s) => s.cluster),
  );
  const controlPlane = new Set(
    symptoms.filter((s) => CONTROL_PLANE_SYMPTOMS.has(s.type)).map((s) => s.cluster),
  );
  return symptoms.filter((s) => {
    if (s.type === 'reconcile-error-repeating') return !s.roots.some((r) => explained.has(r.id));
    if (s.type === 'pods-crash-looping') {
      if (infrastructure.has(s.cluster)) return false;
      // etcd or kube-apiserver crash-looping on a control plane already in trouble is that trouble, not an app's.
      return !(controlPlane.has(s.cluster) && s.roots.every(isControlPlanePod));
    }
    return true;
  });
}

const CONTROL_PLANE_SYMPTOMS: ReadonlySet<string> = new Set([
  'etcd-unhealthy',
  'control-plane-blocked',
  'control-plane-not-initializing',
]);

/** A static Pod of a kubeadm control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler. */
function isControlPlanePod(pod: FleetObject): boolean {
  return (
    pod.namespace === 'kube-system' &&
    /^(etcd|kube-apiserver|kube-controller-manager|kube-scheduler)-/.test(pod.name)
  );
}

function healthOf(
  cluster: string,
  incidents: readonly Incident[],
  graph: FleetGraph,
  unreachable?: ReadonlySet<string>,
): ClusterHealth {
  const mine = incidents.filter(
    (i) => i.affected.some((a) => a.cluster === cluster) || i.chain.some((c) => c.cluster === cluster),
  );
  if (mine.some((i) => i.severity === 'critical')) return 'failing';
  if (mine.some((i) => i.severity === 'warning')) return 'degraded';
  if (unreachable?.has(cluster) || !graph.capturedWorkloads.has(cluster)) return 'unknown';
  return 'healthy';
}
