import type { Edge, UnresolvedRef } from './edge.ts';
import type { ObjectIndex } from './object-index.ts';
import { scopeOf } from './object-index.ts';
import { kindMatches, type RelationRule } from './relations.ts';
import { isObject, objAt, splitApiVersion, str } from '../capi/access.ts';
import type { FleetObject } from '../model/fleet.ts';

/** Edges and dangling references that a set of declared relation rules gives. */
export interface RuleEdges {
  readonly edges: Edge[];
  readonly unresolved: UnresolvedRef[];
}

/** Every value at a dotted path; a segment ending in `[]` walks each element of a list. */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    const each = segment.endsWith('[]');
    const key = each ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const item of current) {
      if (!isObject(item)) continue;
      const found = item[key];
      if (found === undefined || found === null) continue;
      if (each) {
        if (Array.isArray(found)) next.push(...(found as unknown[]));
      } else next.push(found);
    }
    current = next;
  }
  return current;
}

/** Applies relation rules to every object, resolving targets through the index. */
export function applyRules(
  objects: readonly FleetObject[],
  rules: readonly RelationRule[],
  index: ObjectIndex,
): RuleEdges {
  const out: RuleEdges = { edges: [], unresolved: [] };
  const byKind = new Map<string, RelationRule[]>();
  const open: RelationRule[] = [];
  for (const rule of rules) {
    if (rule.from.kind.startsWith('*')) open.push(rule);
    else byKind.set(rule.from.kind, [...(byKind.get(rule.from.kind) ?? []), rule]);
  }
  for (const object of objects) {
    const specific = byKind.get(object.kind);
    if (specific) for (const rule of specific) apply(rule, object, index, out);
    for (const rule of open) apply(rule, object, index, out);
  }
  return out;
}

function apply(rule: RelationRule, holder: FleetObject, index: ObjectIndex, out: RuleEdges): void {
  if (!kindMatches(rule.from, holder.kind, holder.group)) return;
  if (rule.label !== undefined) {
    const labels = objAt(holder.raw, 'metadata.labels');
    const name = labels?.[rule.label];
    if (typeof name !== 'string') return;
    if (!name || !rule.to) return;
    resolve(
      holder,
      rule,
      { kind: rule.to.kind, group: rule.to.group, namespace: holder.namespace, name },
      `label ${rule.label}`,
      index,
      out,
    );
    return;
  }
  if (rule.field === undefined) return;
  for (const value of valuesAt(holder.raw, rule.field)) {
    const target = targetOf(value, rule, holder);
    if (target) resolve(holder, rule, target, rule.field, index, out);
  }
}

interface Target {
  readonly kind: string;
  readonly group: string | undefined;
  readonly namespace: string;
  readonly name: string;
}

/** Reads a reference: an object with name (and kind, apiGroup or apiVersion, namespace), or a bare name. */
export function targetOf(
  value: unknown,
  rule: Pick<RelationRule, 'to'>,
  holder: FleetObject,
): Target | undefined {
  if (typeof value === 'string') {
    return value && rule.to
      ? { kind: rule.to.kind, group: rule.to.group, namespace: holder.namespace, name: value }
      : undefined;
  }
  if (!isObject(value)) return undefined;
  const name = str(value, 'name');
  const kind = str(value, 'kind') ?? rule.to?.kind;
  if (!name || !kind) return undefined;
  const apiVersion = str(value, 'apiVersion');
  const group = str(value, 'apiGroup') ?? (apiVersion ? splitApiVersion(apiVersion).group : rule.to?.group);
  return { kind, group, namespace: str(value, 'namespace') ?? holder.namespace, name };
}

function resolve(
  holder: FleetObject,
  rule: RelationRule,
  target: Target,
  via: string,
  index: ObjectIndex,
  out: RuleEdges,
): void {
  const scope = scopeOf(holder);
  const found =
    index.lookup(scope, target.kind, target.namespace, target.name, target.group) ??
    (target.namespace ? index.lookup(scope, target.kind, '', target.name, target.group) : undefined);
  if (!found) {
    // Labels on workload objects name management objects, which are not in that scope: not worth reporting.
    if (holder.plane === 'management') {
      out.unresolved.push({
        from: holder.id,
        relation: rule.relation,
        via,
        target: `${target.kind} ${target.namespace ? target.namespace + '/' : ''}${target.name}`,
      });
    }
    return;
  }
  if (found.id === holder.id) return;
  out.edges.push(
    rule.parent === 'from'
      ? { from: holder.id, to: found.id, relation: rule.relation, via }
      : { from: found.id, to: holder.id, relation: rule.relation, via },
  );
}
