import { str } from '../capi/access.ts';
import { objectId, planeScope } from '../bundle/parse-objects.ts';
import type { ClusterKey, FleetObject, Plane } from '../model/fleet.ts';
import { resourceName, type ResourceType } from './resource-type.ts';

/** One object change in the live model. */
export interface ObjectChange {
  readonly type: 'object';
  readonly action: 'added' | 'modified' | 'deleted';
  readonly object: FleetObject;
  /** True for what the first list of a resource found: the state at start, not a change. */
  readonly initial?: boolean;
}

/** Which cluster a stream of objects belongs to. */
export interface StreamScope {
  readonly plane: Plane;
  /** `namespace/name` for a workload cluster. */
  readonly workloadCluster: ClusterKey | undefined;
}

/** Builds the FleetObject of a live object, with the same id the bundle reader gives the same object in a file. */
export function toFleetObject(
  raw: Record<string, unknown>,
  resource: ResourceType,
  scope: StreamScope,
): FleetObject | undefined {
  const name = str(raw, 'metadata.name');
  if (!name) return undefined;
  const namespace = str(raw, 'metadata.namespace') ?? '';
  const metadata = raw.metadata as Record<string, unknown>;
  // kubectl hides managedFields too; they are large and say nothing the graph uses.
  const { managedFields: _managed, ...rest } = metadata;
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const where = scope.plane === 'management' ? 'management' : `workload/${scope.workloadCluster ?? ''}`;
  return {
    id: objectId(
      planeScope(scope.plane, scope.workloadCluster),
      resource.group,
      resource.kind,
      namespace,
      name,
    ),
    plane: scope.plane,
    workloadCluster: scope.workloadCluster,
    apiVersion,
    group: resource.group,
    version: resource.version,
    kind: resource.kind,
    namespace,
    name,
    uid: str(raw, 'metadata.uid'),
    raw: { ...raw, apiVersion, kind: resource.kind, metadata: rest },
    source: { file: `live:${where}/${resourceName(resource)}` },
  };
}

/** The objects of one resource in one cluster, kept current from list and watch. */
export class ObjectStream {
  readonly resource: ResourceType;
  readonly scope: StreamScope;
  private readonly objects = new Map<string, FleetObject>();
  private listed = false;

  constructor(resource: ResourceType, scope: StreamScope) {
    this.resource = resource;
    this.scope = scope;
  }

  /** Replaces everything with a fresh list; returns the differences (what a relist adds, changes and drops). */
  sync(items: readonly Record<string, unknown>[]): ObjectChange[] {
    const changes: ObjectChange[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const change = this.apply('ADDED', item);
      const object = change?.object ?? this.find(item);
      if (object) seen.add(object.id);
      if (change) changes.push(change);
    }
    for (const [id, object] of this.objects) {
      if (!seen.has(id)) {
        this.objects.delete(id);
        changes.push({ type: 'object', action: 'deleted', object });
      }
    }
    const initial = !this.listed;
    this.listed = true;
    return initial ? changes.map((c) => ({ ...c, initial })) : changes;
  }

  /** Applies one watch event; returns the change, or undefined when nothing changed (same resourceVersion). */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', item: Record<string, unknown>): ObjectChange | undefined {
    const object = toFleetObject(item, this.resource, this.scope);
    if (!object) return undefined;
    const before = this.objects.get(object.id);
    if (type === 'DELETED') {
      if (!before) return undefined;
      this.objects.delete(object.id);
      return { type: 'object', action: 'deleted', object: before };
    }
    const rv = (o: FleetObject): string | undefined => str(o.raw, 'metadata.resourceVersion');
    if (before && rv(before) === rv(object)) return undefined;
    this.objects.set(object.id, object);
    return { type: 'object', action: before ? 'modified' : 'added', object };
  }

  /** Drops everything (the cluster is gone); returns the deletions. */
  clear(): ObjectChange[] {
    const changes = [...this.objects.values()].map((object): ObjectChange => ({
      type: 'object',
      action: 'deleted',
      object,
    }));
    this.objects.clear();
    return changes;
  }

  values(): IterableIterator<FleetObject> {
    return this.objects.values();
  }

  get size(): number {
    return this.objects.size;
  }

  private find(item: Record<string, unknown>): FleetObject | undefined {
    const object = toFleetObject(item, this.resource, this.scope);
    return object ? this.objects.get(object.id) : undefined;
  }
}
