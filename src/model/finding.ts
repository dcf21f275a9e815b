import type { ClusterKey } from './fleet.ts';

/** How bad a finding or incident is, per spec/diagnosis.md. */
export type Severity = 'critical' | 'warning' | 'info';

/** Stable ids of the cross-plane findings `describe` points out. */
export type CrossPlaneFindingType =
  | 'machine-running-node-not-ready'
  | 'machine-running-node-missing'
  | 'node-without-machine'
  | 'machine-stuck-in-phase'
  | 'machine-node-link-conflict'
  | 'node-under-pressure'
  | 'workload-not-captured';

/** Something a person would miss in either plane alone. */
export interface Finding {
  readonly type: CrossPlaneFindingType;
  readonly severity: Severity;
  readonly cluster: ClusterKey;
  /** Ids of the objects it is about, the main one first. */
  readonly subjects: readonly string[];
  readonly message: string;
  /** Since when the state holds, when known. */
  readonly since: string | undefined;
}
