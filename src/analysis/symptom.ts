import type { Evidence } from './evidence.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { Severity } from '../model/finding.ts';
import type { ClusterKey, FleetObject } from '../model/fleet.ts';
import type { RootCauseCategory, Signal } from '../model/incident.ts';

/** What a person sees: a stuck Machine, a NotReady Node, a jump in an SLI. Causes are found for symptoms. */
export interface Symptom {
  /** Stable kebab-case id of the detector's finding, e.g. `machine-stuck-provisioning`. */
  readonly type: string;
  readonly cluster: ClusterKey;
  readonly subject: FleetObject;
  readonly severity: Severity;
  readonly signal: Signal;
  /** What is observed, in one sentence. */
  readonly message: string;
  readonly since: string | undefined;
  /** Objects whose conditions, events and logs may name the cause. */
  readonly roots: readonly FleetObject[];
  /** Other objects the symptom touches (the Node of a Machine, evicted Pods), for `affected`. */
  readonly related: readonly FleetObject[];
  /** Facts that explain the symptom without naming a cause in words (a rollout just before an SLI jump), for the chain. */
  readonly context?: readonly Evidence[];
  /** The cause assumed when no evidence names one, and why. */
  readonly fallback: {
    readonly category: RootCauseCategory;
    readonly confidence: number;
    readonly why: string;
  };
}

/** What detectors read: the graph and the analysis's "now". */
export interface DetectorContext {
  readonly graph: FleetGraph;
  /** Milliseconds since the epoch. */
  readonly now: number;
}

/** A detector looks at the fleet and returns the symptoms it recognises. */
export type Detector = (context: DetectorContext) => Symptom[];

/** `namespace/name` of a CAPI Cluster object. */
export function clusterKey(cluster: FleetObject): ClusterKey {
  return `${cluster.namespace}/${cluster.name}`;
}

/** Milliseconds of an ISO time, or NaN. */
export function ms(time: string | undefined): number {
  return time ? Date.parse(time) : NaN;
}
