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

/** The scope key of an object: `m` or `w:<ns>/<cluster>`. */
export function scopeOf(object: FleetObject): string {
  return planeScope(object.plane, object.workloadCluster);
}

/** Indexes objects for lookup. */
export function createObjectIndex(objects: readonly FleetObject[]): ObjectIndex {
  const byId = new Map<string, FleetObject>();
  const byName = new Map<string, FleetObject[]>();
  const byUid = new Map<string, FleetObject>();
  const byKind = new Map<string, FleetObject[]>();
  const kinds = new Map<string, string>();
  for (const object of objects) {
    const scope = scopeOf(object);
    byId.set(object.id, object);
    const key = `${scope}|${object.kind}|${object.namespace}|${object.name}`;
    const same = byName.get(key);
    if (same) same.push(object);
    else byName.set(key, [object]);
    if (object.uid) byUid.set(`${scope}|${object.uid}`, object);
    const ofKind = byKind.get(object.kind);
    if (ofKind) ofKind.push(object);
    else {
      byKind.set(object.kind, [object]);
      kinds.set(object.kind.toLowerCase(), object.kind);
    }
  }
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
    const candidates = byName.get(`${scope}|${kind}|${namespace}|${name}`);
    if (!candidates) return undefined;
    return group === undefined ? candidates[0] : candidates.find((c) => c.group === group);
  };
  return {
    byId,
    lookup,
    byUid: (scope, uid) => byUid.get(`${scope}|${uid}`),
    ofKind: (kind) => byKind.get(kind) ?? [],
    canonicalKind: (lowercase) => kinds.get(lowercase),
  };
}
