import { planeScope } from '../bundle/parse-objects.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Objects by scope, kind, namespace and name, and by uid: the lookups every relation needs. */
export interface ObjectIndex {
  readonly byId: ReadonlyMap<string, FleetObject>;
  /** One object of a kind, optionally of one group; `*Suffix` kinds match by suffix. */
  lookup(
    scope: string,
    kind: string,
    namespace: string,
    name: string,
    group?: string,
  ): FleetObject | undefined;
  byUid(scope: string, uid: string): FleetObject | undefined;
  ofKind(kind: string): readonly FleetObject[];
  /** Canonical spelling of a kind present in the fleet, from any casing (`awsmachine` -> `AWSMachine`). */
  canonicalKind(lowercase: string): string | undefined;
}

const SCOPES = new Map<string, string>();

/** The scope key of an object: `m` or `w:<ns>/<cluster>` (one string per cluster, not one per object). */
export function scopeOf(object: FleetObject): string {
  if (object.plane === 'management') return 'm';
  const cluster = object.workloadCluster ?? '';
  let scope = SCOPES.get(cluster);
  if (scope === undefined) {
    scope = planeScope('workload', cluster);
    SCOPES.set(cluster, scope);
  }
  return scope;
}

/** Objects of one kind by scope, then by `namespace/name`. */
type NameIndex = Map<string, Map<string, FleetObject[]>>;

/**
 * Indexes objects for lookup. The name index of each kind is built on its first lookup: most of a fleet is Pods and
 * Events, which are found by uid or by their Node, rarely by name.
 */
export function createObjectIndex(objects: readonly FleetObject[]): ObjectIndex {
  const byId = new Map<string, FleetObject>();
  const byUid = new Map<string, Map<string, FleetObject>>();
  const byKind = new Map<string, FleetObject[]>();
  const kinds = new Map<string, string>();
  for (const object of objects) {
    byId.set(object.id, object);
    if (object.uid) {
      const scope = scopeOf(object);
      let uids = byUid.get(scope);
      if (!uids) byUid.set(scope, (uids = new Map<string, FleetObject>()));
      uids.set(object.uid, object);
    }
    const ofKind = byKind.get(object.kind);
    if (ofKind) ofKind.push(object);
    else {
      byKind.set(object.kind, [object]);
      kinds.set(object.kind.toLowerCase(), object.kind);
    }
  }
  const names = new Map<string, NameIndex>();
  const namesOf = (kind: string): NameIndex | undefined => {
    let index = names.get(kind);
    if (index) return index;
    const members = byKind.get(kind);
    if (!members) return undefined;
    index = new Map();
    for (const object of members) {
      const scope = scopeOf(object);
      let inScope = index.get(scope);
      if (!inScope) index.set(scope, (inScope = new Map<string, FleetObject[]>()));
      const key = `${object.namespace}/${object.name}`;
      const same = inScope.get(key);
      if (same) same.push(object);
      else inScope.set(key, [object]);
    }
    names.set(kind, index);
    return index;
  };
  const lookup = (
    scope: string,
    kind: string,
    namespace: string,
    name: string,
    group?: string,
  ): FleetObject | undefined => {
    if (kind.startsWith('*')) {
      for (const [known] of byKind) {
        if (!known.endsWith(kind.slice(1))) continue;
        const found = lookup(scope, known, namespace, name, group);
        if (found) return found;
      }
      return undefined;
    }
    const candidates = namesOf(kind)?.get(scope)?.get(`${namespace}/${name}`);
    if (!candidates) return undefined;
    return group === undefined ? candidates[0] : candidates.find((c) => c.group === group);
  };
  return {
    byId,
    lookup,
    byUid: (scope, uid) => byUid.get(scope)?.get(uid),
    ofKind: (kind) => byKind.get(kind) ?? [],
    canonicalKind: (lowercase) => kinds.get(lowercase),
  };
}
