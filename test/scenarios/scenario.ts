/** The shape of a diagnosis scenario: a fleet built with the fleet builder, one real fault injected, the answer. */
import type { CapiVersion, FleetBuilder } from '../../src/testing/fleet-builder.ts';
import type { RootCauseCategory } from '../../src/model/incident.ts';

/** One expected fault: where it is, what causes it, which objects it hits (../shared/scenarios/README.md). */
export interface Expectation {
  /** The faulty CAPI Cluster as `namespace/name`. */
  readonly cluster: string;
  /** The root-cause category a correct diagnosis names first for this cluster. */
  readonly category: RootCauseCategory;
  /** Other categories that are also right. */
  readonly accept?: readonly RootCauseCategory[];
  /** Names of the objects the fault hits (Machines, infrastructure clusters, MachineSets) a good incident names. */
  readonly targets: readonly string[];
  /** Clusters that share this one cause, which one incident must name together. */
  readonly together?: readonly string[];
}

/** A fleet with a known answer. */
export interface Scenario {
  /** Stable kebab-case id. */
  readonly id: string;
  /** Where the injected failure text comes from: a public issue report or a provider's documentation page. */
  readonly source: string;
  /** What breaks and where the evidence surfaces, in a sentence or two. */
  readonly description: string;
  /** The capture moment of the fleet, RFC 3339: fixed so the scenario is deterministic. */
  readonly capturedAt: string;
  /** Seed of the fleet builder's randomness. */
  readonly seed: number;
  /** Shape of the Cluster API core objects; v1beta2 unless a scenario needs the deprecated v1beta1. */
  readonly apiVersion?: CapiVersion;
  /** Adds the clusters and injects the fault; returns the expected faults (none for a healthy fleet). */
  build(builder: FleetBuilder): Expectation[];
  /** Clusters (`namespace/name`) where any warning or critical incident is a false positive. */
  readonly healthy: readonly string[];
  /**
   * Clusters whose workload plane the capture could not read, with the CAPTURE-ERROR.txt text the capture script
   * leaves in their place (their Nodes, Pods and events are then missing from the bundle, as in a real capture).
   */
  readonly uncaptured?: Readonly<Record<string, string>>;
}
