import type { Finding } from '../model/finding.ts';
import type { PodCounts, Replicas } from '../capi/status.ts';
import type { ReadIssue } from '../model/fleet.ts';

/** The Node of a Machine (or a Node no Machine owns) as a row shows it. */
export interface NodeSummary {
  readonly name: string;
  readonly ready: 'True' | 'False' | 'Unknown';
  readonly reason: string | undefined;
  readonly since: string | undefined;
  readonly pressure: readonly string[];
  readonly pods: PodCounts;
}

/** One line of the cross-plane tree: an object, or a group of alike Machines. */
export interface DescribeRow {
  /** Kind of the object, or of the grouped objects. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly plane: 'management' | 'workload';
  /** Role in the tree as clusterctl names it: ClusterInfrastructure, ControlPlane, Workers. */
  readonly role: string | undefined;
  /** Names of the Machines a group row stands for (absent for single objects). */
  readonly members: readonly string[] | undefined;
  readonly replicas: Replicas | undefined;
  readonly phase: string | undefined;
  /** The row's condition: Available or Ready. */
  readonly condition:
    | { readonly type: string; readonly status: string; readonly reason?: string; readonly message?: string }
    | undefined;
  /** When the condition last changed, or the phase began. */
  readonly since: string | undefined;
  /** Nodes: one for a Machine row, several for a group. */
  readonly nodes: readonly NodeSummary[];
  /** Cross-plane findings about this row's objects. */
  readonly findings: readonly Finding[];
  readonly children: readonly DescribeRow[];
}

/** The cross-plane view of one CAPI Cluster. */
export interface ClusterDescription {
  readonly cluster: string;
  readonly workloadCaptured: boolean;
  readonly root: DescribeRow;
  readonly findings: readonly Finding[];
}

/** What `describe` prints, as data (`-o json`). */
export interface FleetDescription {
  readonly now: string;
  readonly management: string | undefined;
  readonly clusters: readonly ClusterDescription[];
  /** Problems met while reading the input. */
  readonly issues: readonly ReadIssue[];
}
