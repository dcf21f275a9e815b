/** Building blocks of the summary statuses: counters, aggregated machine conditions, v1beta1/v1beta2 layouts. */
import type { MachineHandle } from './fleet-types.ts';
import type { CapiVersion, Condition, ConditionStatus, Fields, OldCondition, RawObject } from './raw.ts';
import { bullet, cond, getCondition, oldCond } from './raw.ts';
import { timeOf } from './time.ts';

/** An aggregated condition before it is given a type and reasons. */
export interface Summary {
  readonly status: ConditionStatus;
  readonly message: string;
  readonly at: string;
}

/** Replica counters derived from machine conditions. */
export interface Counts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  upToDateReplicas: number;
}

/** A new-style condition of a machine. */
export function machineCondition(h: MachineHandle, type: string): Condition | undefined {
  return getCondition(h.machine, h.cluster.version, type) as Condition | undefined;
}

/** Counts machines that are Ready, Available and UpToDate. */
export function counts(machines: readonly MachineHandle[]): Counts {
  const count = (type: string): number =>
    machines.filter((m) => machineCondition(m, type)?.status === 'True').length;
  return {
    replicas: machines.length,
    readyReplicas: count('Ready'),
    availableReplicas: count('Available'),
    upToDateReplicas: count('UpToDate'),
  };
}

/** The earliest of some RFC 3339 times. */
export function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a));
}

/** The latest of some RFC 3339 times, or `fallback`. */
export function latest(times: readonly string[], fallback: string): string {
  return times.reduce((a, b) => (timeOf(b) > timeOf(a) ? b : a), fallback);
}

/** Aggregates a machine condition the way CAPI's MachinesReady/WorkerMachinesReady do, grouping equal messages. */
export function aggregate(machines: readonly MachineHandle[], type: string, fallbackAt: string): Summary {
  const bad = machines.filter((m) => machineCondition(m, type)?.status !== 'True');
  const times = (bad.length ? bad : machines).map(
    (m) => machineCondition(m, type)?.lastTransitionTime ?? fallbackAt,
  );
  // Healthy since the last machine turned healthy; unhealthy since the first one did not.
  const at = bad.length ? earliest(times) : latest(times, fallbackAt);
  if (bad.length === 0) return { status: 'True', message: '', at };
  const groups = new Map<string, string[]>();
  for (const m of bad) {
    const message = machineCondition(m, type)?.message || `Condition ${type} not yet reported`;
    groups.set(message, [...(groups.get(message) ?? []), m.name]);
  }
  const lines: string[] = [];
  let rest = 0;
  for (const [message, names] of groups) {
    if (lines.length === 3) {
      rest += names.length;
      continue;
    }
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, ... (${names.length - 3} more)` : '');
    lines.push(bullet(names.length === 1 ? `Machine ${shown}` : `Machines ${shown}`, message));
  }
  if (rest > 0) lines.push(`And ${rest} Machine${rest === 1 ? '' : 's'} with other issues`);
  const anyFalse = bad.some((m) => machineCondition(m, type)?.status === 'False');
  return { status: anyFalse ? 'False' : 'Unknown', message: lines.join('\n'), at };
}

/** Turns a summary into a condition, with reasons for True, False and Unknown. */
export function summaryCondition(type: string, s: Summary, reasons: [string, string, string]): Condition {
  const reason = s.status === 'True' ? reasons[0] : s.status === 'False' ? reasons[1] : reasons[2];
  return cond(type, s.status, reason, s.at, s.message);
}

/** RollingOut, ScalingUp and ScalingDown, all False: nothing is moving. */
export function quiet(at: string): Condition[] {
  return [
    cond('RollingOut', 'False', 'NotRollingOut', at),
    cond('ScalingUp', 'False', 'NotScalingUp', at),
    cond('ScalingDown', 'False', 'NotScalingDown', at),
  ];
}

/** Remediating: True while a machine waits for its owner to remediate it. */
export function remediating(machines: readonly MachineHandle[], at: string): Condition {
  const waiting = machines.filter((m) => machineCondition(m, 'OwnerRemediated')?.status === 'False');
  if (waiting.length === 0) return cond('Remediating', 'False', 'NotRemediating', at);
  const names = waiting.map((m) => m.name).join(', ');
  const since = latest(
    waiting.map((m) => machineCondition(m, 'OwnerRemediated')?.lastTransitionTime ?? at),
    at,
  );
  return cond(
    'Remediating',
    'True',
    'Remediating',
    since,
    bullet(waiting.length === 1 ? `Machine ${names}` : `Machines ${names}`, 'Waiting for remediation'),
  );
}

/** Deleting and Paused, both False. */
export function tail(at: string): Condition[] {
  return [cond('Deleting', 'False', 'NotDeleting', at), cond('Paused', 'False', 'NotPaused', at)];
}

/** The v1beta1 form of a condition. */
export function toOld(c: Condition, type = c.type): OldCondition {
  return c.status === 'True'
    ? oldCond(type, 'True', c.lastTransitionTime)
    : oldCond(
        type,
        c.status,
        c.lastTransitionTime,
        c.reason,
        c.message,
        c.status === 'False' ? 'Warning' : 'Info',
      );
}

/** `spec.selector.matchLabels` as the `status.selector` string. */
export function selectorString(obj: RawObject): string {
  const labels = ((obj.spec?.selector as Fields | undefined)?.matchLabels ?? {}) as Record<string, string>;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Writes status with counters and conditions in the layout of `version` (v1beta1 nests the new ones). */
export function writeStatus(
  obj: RawObject,
  version: CapiVersion,
  base: Fields,
  c: Counts,
  conditions: Condition[],
  old: OldCondition[],
  oldCounters: Fields,
): void {
  if (version === 'v1beta2') {
    obj.status = {
      ...base,
      ...c,
      conditions,
      deprecated: { v1beta1: { conditions: old, ...oldCounters } },
    };
    return;
  }
  obj.status = {
    ...base,
    replicas: c.replicas,
    ...oldCounters,
    conditions: old,
    v1beta2: {
      readyReplicas: c.readyReplicas,
      availableReplicas: c.availableReplicas,
      upToDateReplicas: c.upToDateReplicas,
      conditions,
    },
  };
}
