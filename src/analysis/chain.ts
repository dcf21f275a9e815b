import { eventText, eventTime, type Evidence } from './evidence.ts';
import { ownerOf } from './owner.ts';
import type { ResolvedCause } from './resolve-cause.ts';
import { ms } from './symptom.ts';
import { findCondition } from '../capi/conditions.ts';
import { replicasOf } from '../capi/status.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { FleetObject } from '../model/fleet.ts';
import type { ChainLink } from '../model/incident.ts';

const MAX_MESSAGE = 400;
/** Pod scheduling failures this recent show what the missing capacity does to workloads. */
const RECENT_MS = 60 * 60_000;
/** Symptoms that take capacity away from the workload cluster. */
const CAPACITY_SYMPTOMS = new Set([
  'machine-stuck-pending',
  'machine-stuck-provisioning',
  'machine-stuck-provisioned',
  'machine-node-not-ready',
  'machine-node-missing',
]);

function link(
  object: FleetObject,
  cluster: string,
  signal: ChainLink['signal'],
  message: string,
  at: string | undefined,
): ChainLink {
  const text = message.replace(/\s*\n\s*/g, ' ').trim();
  return {
    cluster,
    plane: object.plane,
    kind: object.kind,
    namespace: object.namespace,
    name: object.name,
    signal,
    message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text,
    at,
  };
}

function fromEvidence(evidence: Evidence, cluster: string): ChainLink {
  return link(evidence.object, cluster, evidence.signal, evidence.message, evidence.at);
}

/**
 * The evidence from root cause to what a person sees: the provider's error, the Machine stuck, the MachineDeployment
 * short of replicas, the Cluster condition, Pods Pending in the workload cluster.
 */
export function causeChain(cause: ResolvedCause, graph: FleetGraph): ChainLink[] {
  const { symptom } = cause;
  const cluster = symptom.cluster;
  const links: ChainLink[] = [];
  // The root: the strongest evidence, and one more of another kind or object if there is one.
  const evidence = cause.candidate?.evidence ?? [];
  const first = evidence[0];
  if (first) {
    links.push(fromEvidence(first, cluster));
    const second = evidence.find((e) => e.signal !== first.signal || e.object.id !== first.object.id);
    if (second) links.push(fromEvidence(second, cluster));
  }
  for (const context of symptom.context ?? []) links.push(fromEvidence(context, cluster));
  links.push(link(symptom.subject, cluster, symptom.signal, symptom.message, symptom.since));

  const owner = ownerOf(graph, symptom.subject);
  if (owner) {
    const r = replicasOf(owner);
    const available = findCondition(owner.raw, 'Available');
    if (r.desired !== undefined && (r.available ?? 0) < r.desired) {
      links.push(
        link(
          owner,
          cluster,
          'condition',
          `${r.available ?? 0} of ${r.desired} replicas available${available?.message ? `: ${available.message}` : ''}`,
          available?.lastTransitionTime,
        ),
      );
    }
  }
  const clusterObject = graph.index.lookup(
    'm',
    'Cluster',
    cluster.split('/')[0] ?? '',
    cluster.split('/')[1] ?? '',
    'cluster.x-k8s.io',
  );
  if (clusterObject) {
    const condition = ['WorkersAvailable', 'ControlPlaneAvailable', 'Available', 'Ready']
      .map((type) => findCondition(clusterObject.raw, type))
      .find((c) => c !== undefined && c.status !== 'True');
    if (condition) {
      links.push(
        link(
          clusterObject,
          cluster,
          'condition',
          `${condition.type} ${condition.status}${condition.message ? `: ${condition.message}` : ''}`,
          condition.lastTransitionTime,
        ),
      );
    }
  }
  if (CAPACITY_SYMPTOMS.has(symptom.type)) {
    const pending = pendingPods(graph, cluster);
    if (pending) links.push(pending);
  }
  return links;
}

function pendingPods(graph: FleetGraph, cluster: string): ChainLink | undefined {
  const now = graph.now.getTime();
  let latest: { event: FleetObject; at: string | undefined } | undefined;
  let pods = 0;
  for (const object of graph.objectsOf(cluster)) {
    if (object.kind !== 'Event' || object.plane !== 'workload') continue;
    const at = eventTime(object);
    if (eventText(object).reason !== 'FailedScheduling' || now - ms(at) > RECENT_MS) continue;
    pods++;
    if (!latest || (at ?? '') > (latest.at ?? '')) latest = { event: object, at };
  }
  if (!latest) return undefined;
  const pod = graph.parents(latest.event.id, 'event')[0] ?? latest.event;
  return link(
    pod,
    cluster,
    'event',
    `${pods} pod(s) cannot be scheduled: ${eventText(latest.event).message}`,
    latest.at,
  );
}
