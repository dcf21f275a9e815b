/** Kubernetes Events in both APIs: core `v1` (involvedObject) and `events.k8s.io/v1` (regarding). */
import type { Random } from './random.ts';
import type { RawObject } from './raw.ts';
import { isoSeconds, microTime, SECOND } from './time.ts';

/** An event to record about an object. */
export interface EventInput {
  /** The object the event is about. */
  readonly regarding: RawObject;
  readonly type?: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** First occurrence (ms since epoch). */
  readonly first: number;
  /** Last occurrence; defaults to `first`. */
  readonly last?: number;
  /** Occurrences; defaults to 1. */
  readonly count?: number;
  /** The reporting component, e.g. `kubelet`, `machineset-controller`. */
  readonly component: string;
  /** Node name for kubelet events (`source.host`). */
  readonly host?: string;
  /** Which Events API wrote it; defaults to `v1`. */
  readonly api?: 'v1' | 'events.k8s.io/v1';
  /** events.k8s.io/v1 `action`; defaults to the reason. */
  readonly action?: string;
  /** `involvedObject.fieldPath`, e.g. `spec.containers{api}`. */
  readonly fieldPath?: string;
}

function objectRef(obj: RawObject, fieldPath?: string): Record<string, string> {
  const ref: Record<string, string> = { kind: obj.kind };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  ref.name = obj.metadata.name;
  if (obj.metadata.uid) ref.uid = obj.metadata.uid;
  ref.apiVersion = obj.apiVersion;
  if (obj.metadata.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** Builds an Event as the API server returns it; cluster-scoped objects get their events in `default`. */
export function buildEvent(rng: Random, resourceVersion: string, e: EventInput): RawObject {
  const last = e.last ?? e.first;
  const count = e.count ?? 1;
  const type = e.type ?? 'Normal';
  const metadata = {
    name: `${e.regarding.metadata.name}.${rng.hex(16)}`,
    namespace: e.regarding.metadata.namespace ?? 'default',
    uid: rng.uuid(),
    resourceVersion,
    creationTimestamp: isoSeconds(e.first),
  };
  const instance = e.host ?? `${e.component}-${rng.suffix(5)}`;
  if (e.api === 'events.k8s.io/v1') {
    const event: RawObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata,
      eventTime: microTime(e.first, rng.int(0, 999)),
      reportingController: e.component,
      reportingInstance: instance,
      action: e.action ?? e.reason,
      reason: e.reason,
      regarding: objectRef(e.regarding, e.fieldPath),
      note: e.message,
      type,
    };
    if (count > 1) event.series = { count, lastObservedTime: microTime(last, rng.int(0, 999)) };
    return event;
  }
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata,
    involvedObject: objectRef(e.regarding, e.fieldPath),
    reason: e.reason,
    message: e.message,
    source: e.host ? { component: e.component, host: e.host } : { component: e.component },
    firstTimestamp: isoSeconds(e.first),
    lastTimestamp: isoSeconds(last),
    count,
    type,
    eventTime: null,
    reportingComponent: e.component,
    reportingInstance: e.host ?? '',
  };
}

/** Spreads `count` occurrences between `first` and `last`, as the event aggregator would. */
export function spread(
  first: number,
  count: number,
  everySeconds: number,
): { first: number; last: number; count: number } {
  return { first, last: first + (count - 1) * everySeconds * SECOND, count };
}
