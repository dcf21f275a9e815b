import type { Edge } from './edge.ts';
import { scopeOf, type ObjectIndex } from './object-index.ts';
import { selectorMatches } from './selector.ts';
import { at, isObject, splitApiVersion, str, stringMap } from '../capi/access.ts';
import { CapiLabel } from '../capi/kinds.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Edges that come from semantics rather than declared fields: Node to Pod, health check to Machine, object to Event. */
export function workloadEdges(objects: readonly FleetObject[], index: ObjectIndex): { edges: Edge[] } {
  const edges: Edge[] = [];
  for (const object of objects) {
    if (object.kind === 'Pod' && object.group === '') {
      const nodeName = str(object.raw, 'spec.nodeName');
      const node = nodeName ? index.lookup(scopeOf(object), 'Node', '', nodeName, '') : undefined;
      if (node) edges.push({ from: node.id, to: object.id, relation: 'pod', via: 'spec.nodeName' });
    } else if (object.kind === 'Event' && (object.group === '' || object.group === 'events.k8s.io')) {
      const subject = eventSubject(object, index);
      if (subject)
        edges.push({ from: subject.id, to: object.id, relation: 'event', via: subjectField(object) });
    } else if (object.kind === 'MachineHealthCheck' && object.plane === 'management') {
      edges.push(...healthCheckEdges(object, index));
    }
  }
  return { edges };
}

function subjectField(event: FleetObject): string {
  return event.group === 'events.k8s.io' ? 'regarding' : 'involvedObject';
}

/** The object an Event is about, by uid and else by kind, namespace and name (both Event APIs). */
export function eventSubject(event: FleetObject, index: ObjectIndex): FleetObject | undefined {
  const subject =
    at(event.raw, subjectField(event)) ?? at(event.raw, 'involvedObject') ?? at(event.raw, 'regarding');
  if (!isObject(subject)) return undefined;
  const scope = scopeOf(event);
  const uid = str(subject, 'uid');
  const byUid = uid ? index.byUid(scope, uid) : undefined;
  if (byUid) return byUid;
  const kind = str(subject, 'kind');
  const name = str(subject, 'name');
  if (!kind || !name) return undefined;
  const apiVersion = str(subject, 'apiVersion');
  const group = apiVersion ? splitApiVersion(apiVersion).group : undefined;
  const namespace = str(subject, 'namespace') ?? '';
  return index.lookup(scope, kind, namespace, name, group) ?? index.lookup(scope, kind, namespace, name);
}

function healthCheckEdges(check: FleetObject, index: ObjectIndex): Edge[] {
  const clusterName = str(check.raw, 'spec.clusterName');
  const selector = at(check.raw, 'spec.selector');
  const out: Edge[] = [];
  for (const machine of index.ofKind('Machine')) {
    if (machine.plane !== 'management' || machine.namespace !== check.namespace) continue;
    const labels = stringMap(machine.raw, 'metadata.labels');
    const machineCluster = str(machine.raw, 'spec.clusterName') ?? labels[CapiLabel.clusterName];
    if (clusterName && machineCluster !== clusterName) continue;
    if (selectorMatches(selector, labels)) {
      out.push({ from: check.id, to: machine.id, relation: 'health-check', via: 'spec.selector' });
    }
  }
  return out;
}
