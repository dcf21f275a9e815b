import type { ClusterKey, Plane } from './fleet.ts';
import type { Severity } from './finding.ts';

/** Root-cause categories of ../shared/spec/taxonomy.md: causes, not symptoms. */
export const ROOT_CAUSE_CATEGORIES = [
  'cloud-quota-exceeded',
  'capacity-unavailable',
  'ip-exhaustion',
  'iam-permission-denied',
  'credentials-invalid',
  'image-not-found',
  'invalid-machine-spec',
  'network-misconfigured',
  'load-balancer-failure',
  'dns-failure',
  'certificate-expired',
  'bootstrap-failure',
  'version-skew',
  'etcd-unhealthy',
  'api-rate-limited',
  'webhook-failure',
  'deleted-out-of-band',
  'storage-failure',
  'drain-blocked',
  'node-unhealthy',
  'workload-regression',
  'remediation-storm',
  'workload-cluster-unreachable',
  'unknown',
] as const;

/** One id of the taxonomy. */
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

/** Providers and layers a knowledge entry can belong to. */
export type KnowledgeSource =
  | 'aws'
  | 'azure'
  | 'gcp'
  | 'vsphere'
  | 'openstack'
  | 'metal3'
  | 'docker'
  | 'capi'
  | 'kubeadm'
  | 'cloud-init'
  | 'kubelet';

/** How a piece of evidence was observed (spec/diagnosis.md `chain[].signal`). */
export type Signal = 'condition' | 'event' | 'log' | 'phase' | 'metric' | 'relation' | 'absence';

/** An object an incident names (spec/diagnosis.md `affected[]`). */
export interface AffectedObject {
  readonly cluster: ClusterKey;
  readonly plane: Plane;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** One link of the causal chain (spec/diagnosis.md `chain[]`), with the cluster added. */
export interface ChainLink {
  readonly cluster: ClusterKey;
  readonly plane: Plane;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly signal: Signal;
  readonly message: string;
  readonly at: string | undefined;
}

/** A remediation step, with a command where one helps. */
export interface RemediationStep {
  readonly step: string;
  readonly command?: string;
}

/** One incident of the diagnosis contract. */
export interface Incident {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly rootCause: {
    readonly category: RootCauseCategory;
    readonly summary: string;
    readonly confidence: number;
    readonly provider?: string;
    /** What the cause rests on: a knowledge entry, the wording of the evidence, or the symptom alone. */
    readonly basis?: 'knowledge' | 'wording' | 'symptom';
    /** Why the confidence is what it is. */
    readonly confidenceNote?: string;
    /** The knowledge entry that matched. */
    readonly knowledgeId?: string;
  };
  readonly affected: readonly AffectedObject[];
  readonly chain: readonly ChainLink[];
  readonly remediation: readonly RemediationStep[];
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
}

/** Health of one cluster in the diagnosis. */
export type ClusterHealth = 'healthy' | 'degraded' | 'failing' | 'unknown';

/** What `diagnose --output json` prints (spec/diagnosis.md). */
export interface Diagnosis {
  readonly capturedAt: string;
  readonly clusters: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly health: ClusterHealth;
  }[];
  readonly incidents: readonly Incident[];
}
