import type { Edge } from './edge.ts';
import type { ObjectIndex } from './object-index.ts';
import { scopeOf } from './object-index.ts';
import { targetOf } from './rule-edges.ts';
import { isObject } from '../capi/access.ts';
import type { FleetObject } from '../model/fleet.ts';

const REF_KEY = /^(.*?)(Ref|Refs|ref|refs)$/;
const MAX_DEPTH = 10;

/** Whether a group is Kubernetes' own, whose fields Causeway knows and need no generic walk. */
function isKubernetesGroup(group: string): boolean {
  return (
    group === '' || group.endsWith('.k8s.io') || ['apps', 'batch', 'policy', 'autoscaling'].includes(group)
  );
}

/**
 * Links custom and provider objects with no configuration: any field ending in `Ref`/`Refs` that names an object in
 * the same plane. The target kind is the reference's own `kind`, else the field's prefix (`clusterRef` -> Cluster).
 */
export function genericRefEdges(
  objects: readonly FleetObject[],
  index: ObjectIndex,
  linked: (a: string, b: string) => boolean,
): Edge[] {
  const edges: Edge[] = [];
  // The field path is built only for a match: most fields of most objects are no reference.
  const path: (string | number)[] = [];
  const pathText = (key: string): string =>
    path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
      '',
    ) + (path.length > 0 ? `.${key}` : key);
  for (const object of objects) {
    if (isKubernetesGroup(object.group)) continue;
    const scope = scopeOf(object);
    const visit = (value: unknown, depth: number): void => {
      if (depth > MAX_DEPTH || !isObject(value)) return;
      for (const key in value) {
        if (depth === 0 && key === 'metadata') continue;
        const child = value[key];
        const match = REF_KEY.exec(key);
        if (match) {
          const kind = index.canonicalKind((match[1] ?? '').toLowerCase());
          const refs = Array.isArray(child) ? (child as unknown[]) : [child];
          for (const ref of refs) {
            const target = targetOf(ref, kind ? { to: { kind } } : {}, object);
            if (!target) continue;
            const found =
              index.lookup(scope, target.kind, target.namespace, target.name, target.group) ??
              index.lookup(scope, target.kind, '', target.name, target.group);
            if (!found || found.id === object.id) continue;
            if (linked(object.id, found.id)) continue;
            edges.push({ from: object.id, to: found.id, relation: 'ref', via: pathText(key) });
          }
          continue;
        }
        if (typeof child !== 'object' || child === null) continue;
        path.push(key);
        if (Array.isArray(child)) {
          for (let i = 0; i < child.length; i++) {
            path.push(i);
            visit(child[i], depth + 1);
            path.pop();
          }
        } else visit(child, depth + 1);
        path.pop();
      }
    };
    visit(object.raw, 0);
  }
  return edges;
}
