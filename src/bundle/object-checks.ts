import { at, list, str } from '../capi/access.ts';
import { coreVersionSupported } from '../capi/kinds.ts';
import type { FleetObject, ReadIssue } from '../model/fleet.ts';

/**
 * Drops duplicate objects (the same object read twice, perhaps at two API versions) and says which API versions are
 * read with best effort only. Returns the objects kept, in input order.
 */
export function checkObjects(
  objects: readonly FleetObject[],
  report: (issue: ReadIssue) => void,
): FleetObject[] {
  const byId = new Map<string, number>();
  const kept: (FleetObject | undefined)[] = [];
  const unsupported = new Map<string, { count: number; first: FleetObject }>();
  for (const object of objects) {
    const seen = byId.get(object.id);
    if (seen !== undefined) {
      const earlier = kept[seen];
      if (earlier) {
        const winner = preferred(earlier, object);
        kept[seen] = winner;
        const loser = winner === earlier ? object : earlier;
        report({
          severity: 'warning',
          code: 'duplicate-object',
          message: `${object.kind} ${qualified(object)} is also in ${winner.source.file}; kept the ${winner.apiVersion} copy${winner === earlier ? ' read first' : ''} (resourceVersion ${str(winner.raw, 'metadata.resourceVersion') ?? 'unknown'})`,
          source: loser.source,
        });
      }
      continue;
    }
    byId.set(object.id, kept.length);
    kept.push(object);
    if (coreVersionSupported(object.apiVersion) === false) {
      const key = `${object.apiVersion} ${object.kind}`;
      const entry = unsupported.get(key);
      if (entry) entry.count++;
      else unsupported.set(key, { count: 1, first: object });
    }
  }
  for (const [key, { count, first }] of unsupported) {
    const [apiVersion, kind] = key.split(' ');
    report({
      severity: 'notice',
      code: 'unsupported-api-version',
      message: `${count} ${kind} object${count === 1 ? '' : 's'} at ${apiVersion}: read with best effort; Causeway supports Cluster API v1beta1 and v1beta2, so phases, replica counts and conditions of older versions may be missing or named differently`,
      source: first.source,
    });
  }
  return kept.filter((o): o is FleetObject => o !== undefined);
}

function preferred(a: FleetObject, b: FleetObject): FleetObject {
  if (a.version !== b.version) {
    if (b.version === 'v1beta2') return b;
    if (a.version === 'v1beta2') return a;
  }
  const av = Number(str(a.raw, 'metadata.resourceVersion'));
  const bv = Number(str(b.raw, 'metadata.resourceVersion'));
  return Number.isFinite(bv) && Number.isFinite(av) && bv > av ? b : a;
}

function qualified(object: FleetObject): string {
  return object.namespace ? `${object.namespace}/${object.name}` : object.name;
}

const TIME_FIELDS = [
  'metadata.creationTimestamp',
  'lastTimestamp',
  'eventTime',
  'firstTimestamp',
  'status.lastUpdated',
];

/** The newest timestamp in the objects: the "now" of a bundle that has no capturedAt. */
export function newestTimestamp(objects: readonly FleetObject[]): Date | undefined {
  let newest = -Infinity;
  const consider = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const t = Date.parse(value);
    if (t > newest) newest = t;
  };
  for (const object of objects) {
    for (const field of TIME_FIELDS) consider(at(object.raw, field));
    for (const condition of list(object.raw, 'status.conditions')) {
      consider(at(condition, 'lastTransitionTime'));
      consider(at(condition, 'lastHeartbeatTime'));
    }
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
