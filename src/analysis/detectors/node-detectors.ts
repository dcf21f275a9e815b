import { list, str } from '../../capi/access.ts';
import { findCondition } from '../../capi/conditions.ts';
import { nodeHealth } from '../../capi/status.ts';
import { formatDuration } from '../cross-plane.ts';
import { eventText, eventTime } from '../evidence.ts';
import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetObject } from '../../model/fleet.ts';

const NODE_GRACE_MS = 3 * 60_000;
/** Pods evicted or failing within this window count; older ones are history. */
const RECENT_MS = 2 * 3600_000;

/** Nodes under pressure, and Nodes NotReady that no Running Machine already reports. */
export function nodeDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    for (const node of graph.objectsOf(key)) {
      if (node.kind !== 'Node' || node.plane !== 'workload') continue;
      const health = nodeHealth(node);
      const machine = graph.machineOf(node.id);
      const pods = graph.podsOn(node.id);
      const troubled = pods.filter((p) => isEvicted(p, now) || isTerminating(p));
      // Pressure that came and went within a few minutes (an image pull filling the disk) is not an incident.
      const lasting = health.pressure.filter(
        (type) => !(now - ms(findCondition(node.raw, type)?.lastTransitionTime) < NODE_GRACE_MS),
      );
      if (lasting.length > 0) {
        out.push({
          type: 'node-under-pressure',
          cluster: key,
          subject: machine ?? node,
          severity: 'warning',
          signal: 'condition',
          message: `Node ${node.name} reports ${lasting.join(', ')}${troubled.length > 0 ? `; ${troubled.length} pod(s) evicted or terminating` : ''}`,
          since: undefined,
          roots: [node, ...(machine ? [machine] : []), ...troubled],
          related: [node, ...troubled],
          fallback: {
            category: 'node-unhealthy',
            confidence: 0.75,
            why: `the kubelet reports ${lasting.join(', ')} on the node itself`,
          },
        });
        continue;
      }
      if (health.pressure.length > 0) continue;
      // A Running Machine's NotReady Node is the machine detector's; here only Nodes without one.
      if (machine || health.ready === 'True' || now - ms(health.since) < NODE_GRACE_MS) continue;
      out.push({
        type: 'node-not-ready',
        cluster: key,
        subject: node,
        severity: 'warning',
        signal: 'condition',
        message: `Node ${node.name} has been ${health.ready === 'False' ? 'NotReady' : 'Unknown'} for ${formatDuration((now - ms(health.since)) / 1000)}`,
        since: health.since,
        roots: [node],
        related: troubled,
        fallback: {
          category: 'node-unhealthy',
          confidence: 0.5,
          why: 'the kubelet reports the Node NotReady',
        },
      });
    }
  }
  return out;
}

function isEvicted(pod: FleetObject, now: number): boolean {
  if (str(pod.raw, 'status.reason') !== 'Evicted') return false;
  const started = str(pod.raw, 'status.startTime') ?? str(pod.raw, 'metadata.creationTimestamp');
  return !started || now - ms(started) < 7 * 24 * 3600_000;
}

function isTerminating(pod: FleetObject): boolean {
  return str(pod.raw, 'metadata.deletionTimestamp') !== undefined;
}

/** Pods crash-looping, or Pending as unschedulable for long, in clusters no other symptom explains yet. */
export function podDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    const crashing: FleetObject[] = [];
    for (const pod of graph.objectsOf(key)) {
      if (pod.kind !== 'Pod' || pod.plane !== 'workload') continue;
      const restarts = list(pod.raw, 'status.containerStatuses').some(
        (c) =>
          str(c, 'state.waiting.reason') === 'CrashLoopBackOff' &&
          ((c as { restartCount?: number }).restartCount ?? 0) >= 3,
      );
      if (restarts) crashing.push(pod);
    }
    if (crashing.length === 0) continue;
    const recentEvents = crashing
      .flatMap((p) => graph.eventsOf(p.id))
      .filter((e) => now - ms(eventTime(e)) < RECENT_MS);
    const backOff = recentEvents.filter((e) => eventText(e).reason === 'BackOff').length;
    out.push({
      type: 'pods-crash-looping',
      cluster: key,
      subject: crashing[0] as FleetObject,
      severity: 'warning',
      signal: 'condition',
      message: `${crashing.length} pod(s) in ${key} are in CrashLoopBackOff${backOff > 0 ? ` (${backOff} recent BackOff events)` : ''}`,
      since: undefined,
      roots: crashing,
      related: crashing,
      fallback: {
        category: 'workload-regression',
        confidence: 0.4,
        why: 'application containers keep crashing; no infrastructure cause was found',
      },
    });
  }
  return out;
}
