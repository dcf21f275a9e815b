import { at, str, stringMap } from '../capi/access.ts';
import { conditionsOf, legacyConditionsOf, type Condition } from '../capi/conditions.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { FleetObject, LogEntry } from '../model/fleet.ts';
import type { Signal } from '../model/incident.ts';

/** One observed fact that may name a cause: a condition, an event, a log line. */
export interface Evidence {
  readonly object: FleetObject;
  readonly signal: Signal;
  /** The text to classify and to show: reason and message, or the log line. */
  readonly message: string;
  readonly at: string | undefined;
  /** How much a match on this evidence counts, 0..1: conditions and boot logs most, info logs least. */
  readonly weight: number;
}

/** Conditions whose True means trouble ("-ing" conditions and the like). */
const NEGATIVE_POLARITY = new Set([
  'ScalingUp',
  'ScalingDown',
  'RollingOut',
  'Remediating',
  'Deleting',
  'Updating',
  'Paused',
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
  'NetworkUnavailable',
]);
/** Texts that are the normal churn of controllers, never a cause. */
const NOISE = [
  /the object has been modified; please apply your changes/i,
  /^\s*(Reconciling|Reconcile done)/i,
];
/** Condition reasons that say nothing beyond "not ready" and so carry no cause on their own. */
const EMPTY_REASONS = new Set([
  'NotReady',
  'NotAvailable',
  'Provisioning',
  'WaitingForBootstrapData',
  'NotUpToDate',
  'NotHealthy',
  'Ready',
  'Available',
]);

function isNoise(text: string): boolean {
  return NOISE.some((pattern) => pattern.test(text));
}

function conditionEvidence(object: FleetObject, condition: Condition): Evidence | undefined {
  const bad = NEGATIVE_POLARITY.has(condition.type)
    ? condition.status === 'True'
    : condition.status !== 'True';
  if (!bad) return undefined;
  const reason = condition.reason && !EMPTY_REASONS.has(condition.reason) ? condition.reason : undefined;
  if (!condition.message && !reason) return undefined;
  const message = [condition.type, reason, condition.message].filter(Boolean).join(': ');
  if (isNoise(message)) return undefined;
  // A Machine's conditions mirror its infrastructure and bootstrap objects; the originals are closer to the cause.
  return {
    object,
    signal: 'condition',
    message,
    at: condition.lastTransitionTime,
    weight: object.kind === 'Machine' ? 0.9 : 1,
  };
}

/** Evidence an object carries itself: its troubled conditions and v1beta1 failure fields. */
export function objectEvidence(object: FleetObject): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const condition of [...conditionsOf(object.raw), ...legacyConditionsOf(object.raw)]) {
    const found = conditionEvidence(object, condition);
    if (found && !seen.has(found.message)) {
      seen.add(found.message);
      out.push(found);
    }
  }
  // v1beta1 contract failure fields, and the errorMessage of Metal3 and other providers' objects.
  const failure =
    str(object.raw, 'status.failureMessage') ??
    str(object.raw, 'status.deprecated.v1beta1.failureMessage') ??
    str(object.raw, 'status.errorMessage');
  if (failure) {
    const reason =
      str(object.raw, 'status.failureReason') ??
      str(object.raw, 'status.deprecated.v1beta1.failureReason') ??
      str(object.raw, 'status.errorType');
    out.push({
      object,
      signal: 'condition',
      message: [reason, failure].filter(Boolean).join(': '),
      at: str(object.raw, 'status.lastUpdated'),
      weight: 1,
    });
  }
  return out;
}

/** The last time an Event was seen, over both Event APIs. */
export function eventTime(event: FleetObject): string | undefined {
  return (
    str(event.raw, 'lastTimestamp') ??
    str(event.raw, 'series.lastObservedTime') ??
    str(event.raw, 'eventTime') ??
    str(event.raw, 'firstTimestamp') ??
    str(event.raw, 'metadata.creationTimestamp')
  );
}

/** An Event's text and type, over both Event APIs. */
export function eventText(event: FleetObject): {
  type: string;
  reason: string;
  message: string;
  count: number;
} {
  return {
    type: str(event.raw, 'type') ?? 'Normal',
    reason: str(event.raw, 'reason') ?? '',
    message: str(event.raw, 'message') ?? str(event.raw, 'note') ?? '',
    count:
      (at(event.raw, 'count') as number | undefined) ??
      (at(event.raw, 'series.count') as number | undefined) ??
      1,
  };
}

/** Warning events about an object seen since a moment (older ones are resolved history). */
export function eventEvidence(graph: FleetGraph, object: FleetObject, since: number): Evidence[] {
  const out: Evidence[] = [];
  for (const event of graph.eventsOf(object.id)) {
    const { type, reason, message, count } = eventText(event);
    const seen = eventTime(event);
    // Some controllers (baremetal-operator among them) record failures as Normal events with an error reason.
    const failed = type === 'Warning' || /Error|Fail/.test(reason);
    if (!failed || !message || isNoise(message)) continue;
    if (seen && Date.parse(seen) < since) continue;
    const times = count > 1 ? ` (x${count})` : '';
    out.push({ object, signal: 'event', message: `${reason}: ${message}${times}`, at: seen, weight: 0.95 });
  }
  return out;
}

function logText(entry: LogEntry): string {
  return entry.error ? `${entry.message}: ${entry.error}` : entry.message;
}

/** Error and warning log lines about an object (controller logs, boot logs) since a moment, one per distinct text. */
export function logEvidence(graph: FleetGraph, object: FleetObject, since: number): Evidence[] {
  const byText = new Map<string, Evidence>();
  for (const entry of graph.logsOf(object.id)) {
    if (entry.level !== 'error' && entry.level !== 'warning' && entry.level !== 'fatal') continue;
    if (entry.ts && Date.parse(entry.ts) < since) continue;
    const message = logText(entry);
    if (isNoise(message)) continue;
    const boot = entry.origin.type === 'machine-boot';
    const previous = byText.get(message);
    if (!previous || (entry.ts ?? '') > (previous.at ?? '')) {
      byText.set(message, {
        object,
        signal: 'log',
        message,
        at: entry.ts,
        weight: boot ? 0.95 : entry.level === 'warning' ? 0.6 : 0.85,
      });
    }
  }
  return [...byText.values()];
}

/** Everything an object says about itself and what was said about it, since a moment. */
export function allEvidence(graph: FleetGraph, object: FleetObject, since: number): Evidence[] {
  return [
    ...objectEvidence(object),
    ...eventEvidence(graph, object, since),
    ...logEvidence(graph, object, since),
  ];
}

/** How far from a Machine's infrastructure object its provider's own objects are searched (VSphereVM, BareMetalHost, IP claims). */
const PROVIDER_DEPTH = 3;
const MAX_ROOTS = 24;

/** The objects whose evidence can explain a Machine: itself, its infrastructure machine and the provider objects around it, bootstrap config and Node. */
export function machineEvidenceRoots(graph: FleetGraph, machine: FleetObject): FleetObject[] {
  const roots = new Set<FleetObject>([machine]);
  for (const relation of ['infrastructure', 'bootstrap', 'node'])
    for (const o of graph.children(machine.id, relation)) roots.add(o);
  // Provider chains: VSphereMachine owns a VSphereVM, a BareMetalHost's consumerRef names the Metal3Machine, a
  // Metal3Data owns IP claims. Walk owned and referring objects a few steps out.
  let frontier = graph.children(machine.id, 'infrastructure');
  for (let depth = 0; depth < PROVIDER_DEPTH && frontier.length > 0 && roots.size < MAX_ROOTS; depth++) {
    const next: FleetObject[] = [];
    for (const object of frontier) {
      for (const found of [
        ...graph.children(object.id, 'owner'),
        ...graph.parents(object.id, 'ref'),
        ...graph.children(object.id, 'ref'),
      ]) {
        if (roots.has(found) || found.kind === 'Machine' || found.kind === 'Cluster') continue;
        roots.add(found);
        next.push(found);
      }
    }
    frontier = next;
  }
  for (const host of hostsInErrorFor(graph, graph.children(machine.id, 'infrastructure'), roots))
    roots.add(host);
  return [...roots].slice(0, MAX_ROOTS);
}

/**
 * A Metal3Machine that found no host: the BareMetalHosts its hostSelector matches that nobody consumes and that are
 * in error (registration, inspection, power). "No available host" is then their error, not a lack of hosts.
 */
function hostsInErrorFor(
  graph: FleetGraph,
  infraMachines: readonly FleetObject[],
  roots: ReadonlySet<FleetObject>,
): FleetObject[] {
  if ([...roots].some((o) => o.kind === 'BareMetalHost')) return [];
  const out: FleetObject[] = [];
  for (const infra of infraMachines) {
    if (infra.kind !== 'Metal3Machine') continue;
    const selector = stringMap(infra.raw, 'spec.hostSelector.matchLabels');
    for (const host of graph.index.ofKind('BareMetalHost')) {
      if (host.plane !== 'management' || host.namespace !== infra.namespace) continue;
      if (at(host.raw, 'spec.consumerRef') !== undefined) continue;
      if (!str(host.raw, 'status.errorMessage') && str(host.raw, 'status.operationalStatus') !== 'error')
        continue;
      const labels = stringMap(host.raw, 'metadata.labels');
      if (Object.entries(selector).every(([key, value]) => labels[key] === value)) out.push(host);
    }
  }
  return out;
}
