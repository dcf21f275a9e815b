import type { Edge } from './edge.ts';

/** One hop of a path: the edge taken and whether it was walked along or against its direction. */
export interface PathStep {
  readonly edge: Edge;
  readonly direction: 'down' | 'up';
}

/** Breadth-first search over edges in both directions; the shortest chain of relations from one object to another. */
export function findPath(
  fromId: string,
  toId: string,
  outgoing: ReadonlyMap<string, readonly Edge[]>,
  incoming: ReadonlyMap<string, readonly Edge[]>,
): PathStep[] | undefined {
  if (fromId === toId) return [];
  const previous = new Map<string, PathStep>();
  const seen = new Set([fromId]);
  const queue = [fromId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    const steps: PathStep[] = [
      ...(outgoing.get(id) ?? []).map((edge) => ({ edge, direction: 'down' as const })),
      ...(incoming.get(id) ?? []).map((edge) => ({ edge, direction: 'up' as const })),
    ];
    for (const step of steps) {
      const next = step.direction === 'down' ? step.edge.to : step.edge.from;
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, step);
      if (next === toId) return unwind(toId, fromId, previous);
      queue.push(next);
    }
  }
  return undefined;
}

function unwind(toId: string, fromId: string, previous: ReadonlyMap<string, PathStep>): PathStep[] {
  const out: PathStep[] = [];
  let at = toId;
  while (at !== fromId) {
    const step = previous.get(at);
    if (!step) break;
    out.unshift(step);
    at = step.direction === 'down' ? step.edge.from : step.edge.to;
  }
  return out;
}
