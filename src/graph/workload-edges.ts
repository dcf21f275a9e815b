import type { Edge } from './edge.ts';
import { scopeOf, type ObjectIndex } from './object-index.ts';
import { selectorMatches } from './selector.ts';
import { at, isObject, splitApiVersion, str, stringMap } from '../capi/access.ts';
import { CapiLabel } from '../capi/kinds.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Edges that come from semantics rather than declared fields: Node to Pod, health check to Machine, object to Event. */
export function workloadEdges(objects: readonly FleetObject[], index: ObjectIndex): { edges: Edge[] } {
  const edges: Edge[] = [];
  const machinesByCluster = groupMachines(index);
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
      const clusterName = str(object.raw, 'spec.clusterName');
      const candidates = clusterName
        ? (machinesByCluster.get(`${object.namespace}/${clusterName}`) ?? [])
        : [...machinesByCluster.values()].flat().filter((m) => m.namespace === object.namespace);
      edges.push(...healthCheckEdges(object, candidates));
    }
  }
  return { edges };
}

/** Management Machines by `namespace/cluster`, so each health check looks only at its own cluster's. */
function groupMachines(index: ObjectIndex): Map<string, FleetObject[]> {
  const out = new Map<string, FleetObject[]>();
  for (const machine of index.ofKind('Machine')) {
    if (machine.plane !== 'management') continue;
    const cluster =
      str(machine.raw, 'spec.clusterName') ??
      stringMap(machine.raw, 'metadata.labels')[CapiLabel.clusterName];
    const key = `${machine.namespace}/${cluster ?? ''}`;
    const list = out.get(key);
    if (list) list.push(machine);
    else out.set(key, [machine]);
  }
  return out;
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

function healthCheckEdges(check: FleetObject, machines: readonly FleetObject[]): Edge[] {
  const selector = at(check.raw, 'spec.selector');
  const out: Edge[] = [];
  for (const machine of machines) {
    if (selectorMatches(selector, stringMap(machine.raw, 'metadata.labels'))) {
      out.push({ from: check.id, to: machine.id, relation: 'health-check', via: 'spec.selector' });
    }
  }
  return out;
}
