import { str } from '../../capi/access.ts';
import { findCondition } from '../../capi/conditions.ts';
import { oneLine } from '../cross-plane.ts';
import { eventText, eventTime, machineEvidenceRoots } from '../evidence.ts';
import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetObject } from '../../model/fleet.ts';

const BLOCK_GRACE_MS = 10 * 60_000;
const LOOP_WINDOW_MS = 3 * 3600_000;
/** Distinct Machines marked unhealthy in the window that make a remediation loop. */
const LOOP_MACHINES = 3;

/** MachineSets whose scale-up preflight checks block, health checks short-circuited, remediation that loops. */
export function rolloutDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    for (const object of graph.objectsOf(key)) {
      if (object.plane !== 'management') continue;
      if (object.kind === 'MachineSet') {
        const scaling = findCondition(object.raw, 'ScalingUp');
        const text = scaling?.message ?? '';
        if (
          scaling?.status === 'True' &&
          /preflight/i.test(text) &&
          now - ms(scaling.lastTransitionTime) > BLOCK_GRACE_MS
        ) {
          out.push({
            type: 'machineset-preflight-blocked',
            cluster: key,
            subject: object,
            severity: 'warning',
            signal: 'condition',
            message: `MachineSet ${object.name} cannot scale up: ${oneLine(text)}`,
            since: scaling.lastTransitionTime,
            roots: [object],
            related: [],
            fallback: /VersionSkew/i.test(text)
              ? {
                  category: 'version-skew',
                  confidence: 0.7,
                  why: 'a MachineSet preflight check reports a version skew',
                }
              : { category: 'unknown', confidence: 0.3, why: 'preflight checks block the scale-up' },
          });
        }
      }
      if (object.kind === 'MachineHealthCheck') out.push(...healthCheckSymptoms(graph, object, key, now));
    }
  }
  return out;
}

function healthCheckSymptoms(
  graph: DetectorContext['graph'],
  check: FleetObject,
  key: string,
  now: number,
): Symptom[] {
  const machines = graph.children(check.id, 'health-check');
  const unhealthy = machines.filter((m) => findCondition(m.raw, 'HealthCheckSucceeded')?.status === 'False');
  const roots = [check, ...unhealthy.flatMap((m) => machineEvidenceRoots(graph, m))];
  const out: Symptom[] = [];
  const allowed = findCondition(check.raw, 'RemediationAllowed');
  if (allowed?.status === 'False' && now - ms(allowed.lastTransitionTime) > BLOCK_GRACE_MS) {
    out.push({
      type: 'remediation-short-circuited',
      cluster: key,
      subject: check,
      severity: 'warning',
      signal: 'condition',
      message: `MachineHealthCheck ${check.name} stopped remediating: ${allowed.message ?? allowed.reason ?? 'too many unhealthy machines'}`,
      since: allowed.lastTransitionTime,
      roots,
      related: unhealthy,
      fallback: {
        category: 'unknown',
        confidence: 0.3,
        why: 'too many machines are unhealthy at once and no evidence says why',
      },
    });
  }
  // Machines marked unhealthy over and over, each replaced by another that fails the same way. Replaced Machines
  // are gone from the capture, so their events are found by the health check's name in the message.
  const marked = new Set<string>();
  let last: string | undefined;
  for (const event of markedUnhealthy(graph, now).get(`${check.namespace}/${check.name}`) ?? []) {
    const when = eventTime(event);
    marked.add(str(event.raw, 'involvedObject.name') ?? str(event.raw, 'regarding.name') ?? event.name);
    if (!last || (when ?? '') > last) last = when;
  }
  const markedNames = [...marked].sort();
  const stillFailing = unhealthy.length > 0;
  if (marked.size >= LOOP_MACHINES && stillFailing) {
    out.push({
      type: 'remediation-loop',
      cluster: key,
      subject: check,
      severity: 'warning',
      signal: 'event',
      message: `MachineHealthCheck ${check.name} marked ${marked.size} machines unhealthy in ${Math.round(LOOP_WINDOW_MS / 3600_000)}h and replacements still fail (${markedNames.slice(0, 3).join(', ')}${markedNames.length > 3 ? ', ...' : ''})`,
      since: last,
      roots,
      related: unhealthy,
      fallback: {
        category: 'remediation-storm',
        confidence: 0.55,
        why: 'machines are replaced again and again and no evidence names what breaks them',
      },
    });
  }
  return out;
}

/** "Machine ns/m has been marked as unhealthy by [ns/]mhc": recent Cluster API writes the health check's namespace too. */
const MARKED_BY = / has been marked as unhealthy by (?:([^/\s]+)\/)?(\S+)$/;
const markedCache = new WeakMap<DetectorContext['graph'], Map<string, FleetObject[]>>();

/** Recent MachineMarkedUnhealthy events by `namespace/health-check`, read once per graph. */
function markedUnhealthy(graph: DetectorContext['graph'], now: number): Map<string, FleetObject[]> {
  const cached = markedCache.get(graph);
  if (cached) return cached;
  const out = new Map<string, FleetObject[]>();
  for (const event of graph.index.ofKind('Event')) {
    if (event.plane !== 'management') continue;
    const { reason, message } = eventText(event);
    if (reason !== 'MachineMarkedUnhealthy' || now - ms(eventTime(event)) > LOOP_WINDOW_MS) continue;
    const match = MARKED_BY.exec(message);
    const check = match?.[2];
    if (!check) continue;
    const key = `${match?.[1] ?? event.namespace}/${check}`;
    const list = out.get(key);
    if (list) list.push(event);
    else out.set(key, [event]);
  }
  markedCache.set(graph, out);
  return out;
}
