import { diffFields, showChangeValue, type FieldChange } from './plan-diff.ts';
import type { LiveObject, PlanContext, RolloutPlan } from './plan-types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A nested field of a plain object, or undefined. */
export function field(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) at = isRecord(at) ? at[key] : undefined;
  return at;
}

/** Machines a live KubeadmControlPlane or MachineDeployment has: status.replicas, else spec.replicas. */
export function liveReplicas(live: LiveObject | undefined): number | undefined {
  const status = field(live?.raw, 'status.replicas');
  if (typeof status === 'number') return status;
  const spec = field(live?.raw, 'spec.replicas');
  return typeof spec === 'number' ? spec : undefined;
}

/** A rollout entry from machine counts and the reasons to roll; undefined when nothing happens to machines. */
export function rolloutOf(
  kind: RolloutPlan['kind'],
  name: string,
  current: number,
  desired: number,
  reasons: readonly string[],
  strategy: string,
  scaleReason?: string,
): RolloutPlan | undefined {
  const roll = reasons.length > 0;
  const delta = desired - current;
  if (!roll && delta === 0) return undefined;
  return {
    kind,
    name,
    action: roll && delta !== 0 ? 'roll-and-scale' : roll ? 'roll' : 'scale',
    current,
    desired,
    replaced: roll ? Math.min(current, desired) : 0,
    added: Math.max(0, delta),
    removed: Math.max(0, -delta),
    strategy,
    reasons: delta !== 0 && scaleReason ? [...reasons, scaleReason] : reasons,
  };
}

/** A rollout entry for machines that do not exist yet. */
export function creationOf(
  kind: RolloutPlan['kind'],
  name: string,
  desired: number,
  strategy: string,
): RolloutPlan {
  return {
    kind,
    name,
    action: 'create',
    current: 0,
    desired,
    replaced: 0,
    added: desired,
    removed: 0,
    strategy,
    reasons: ['new'],
  };
}

/** How a MachineDeployment replaces machines, from its rollout strategy. */
export function deploymentStrategy(rollout: unknown): string {
  const update = field(rollout, 'strategy.rollingUpdate');
  const surge = field(update, 'maxSurge') ?? 1;
  const unavailable = field(update, 'maxUnavailable') ?? 0;
  const show = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : '?');
  return `maxSurge ${show(surge)}, maxUnavailable ${show(unavailable)}`;
}

/** How the control plane replaces machines: one at a time, creating first unless maxSurge is 0. */
export function controlPlaneStrategy(spec: unknown): string {
  const surge = field(spec, 'rollout.strategy.rollingUpdate.maxSurge') ?? 1;
  return surge === 0
    ? 'one at a time, deleting first (maxSurge 0)'
    : 'one at a time, creating first (maxSurge 1)';
}

/** Human reasons for a set of changes under a prefix: versions, templates with what changed in them. */
export function describeChanges(context: PlanContext, changes: readonly FieldChange[]): string[] {
  return changes.map((change) => {
    if (change.path.endsWith('.version'))
      return `Kubernetes ${showChangeValue(change.from)} -> ${showChangeValue(change.to)}`;
    if (
      /(infrastructureRef|configRef|templateRef)\.name$/.test(change.path) &&
      typeof change.to === 'string'
    ) {
      const next = context.desired.find((d) => d.metadata.name === change.to);
      const previous =
        typeof change.from === 'string' && next ? context.liveOf(next.kind, change.from) : undefined;
      const what = next
        ? `${next.kind} ${typeof change.from === 'string' ? change.from : '(none)'} -> ${change.to}`
        : `${change.path} -> ${change.to}`;
      if (!next || !previous) return what;
      const inner = diffFields(next.spec, previous.raw.spec, 'spec').map(
        (c) =>
          `${c.path.replace(/^spec\.template\.spec\./, '')} ${showChangeValue(c.from)} -> ${showChangeValue(c.to)}`,
      );
      return inner.length > 0 ? `${what}: ${inner.join('; ')}` : what;
    }
    return `${change.path}: ${showChangeValue(change.from)} -> ${showChangeValue(change.to)}`;
  });
}
