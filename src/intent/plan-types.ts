import type { Manifest } from './manifest.ts';
import type { FieldChange } from './plan-diff.ts';
import type { CompileMode, Intent } from './types.ts';

/** What applying the intent would do to one object. */
export interface ObjectPlan {
  /** `unused`: live, labelled for this cluster, but no longer compiled from the intent. */
  readonly action: 'create' | 'update' | 'unchanged' | 'unused';
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly changes: readonly FieldChange[];
  readonly note?: string;
}

/** What Cluster API would do to the machines of the control plane or of one MachineDeployment. */
export interface RolloutPlan {
  readonly kind: 'KubeadmControlPlane' | 'MachineDeployment';
  /** The object name; for topology MachineDeployments, the name in the Cluster's topology. */
  readonly name: string;
  readonly action: 'roll' | 'scale' | 'roll-and-scale' | 'create' | 'delete';
  /** Machines now (live) and after the change. */
  readonly current: number;
  readonly desired: number;
  /** Machines replaced by new ones, created and deleted in all. */
  readonly replaced: number;
  readonly added: number;
  readonly removed: number;
  /** How machines are replaced: surge and unavailability. */
  readonly strategy: string;
  /** Why it rolls or scales, in words. */
  readonly reasons: readonly string[];
}

/** The difference between what an intent compiles to and what is live, and what Cluster API will do about it. */
export interface Plan {
  readonly cluster: string;
  readonly provider: string;
  readonly mode: CompileMode;
  /** Where the live objects came from: a bundle folder or a kubeconfig context. */
  readonly source: string;
  readonly objects: readonly ObjectPlan[];
  readonly rollouts: readonly RolloutPlan[];
  readonly summary: {
    readonly create: number;
    readonly update: number;
    readonly unchanged: number;
    readonly unused: number;
    readonly machinesReplaced: number;
    readonly machinesAdded: number;
    readonly machinesRemoved: number;
  };
  readonly notes: readonly string[];
}

/** Input of {@link planIntent}. */
export interface PlanInput {
  readonly intent: Intent;
  readonly mode: CompileMode;
  readonly desired: readonly Manifest[];
  /** Live objects of the intent's namespace, as read from the API server or a bundle. */
  readonly live: readonly unknown[];
  readonly source: string;
}

/** A live object, narrowed to what the plan reads. */
export interface LiveObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The live and desired objects, indexed for the rollout analysis. */
export interface PlanContext {
  readonly intent: Intent;
  readonly desired: readonly Manifest[];
  readonly live: readonly LiveObject[];
  liveOf(kind: string, name: string): LiveObject | undefined;
  desiredOf(kind: string, name: string): Manifest | undefined;
}
