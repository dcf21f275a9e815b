import type { KnowledgeSource, RemediationStep, RootCauseCategory } from '../../model/incident.ts';

/**
 * One known failure: the texts a provider, Cluster API, kubeadm, cloud-init or kubelet really emits for it, the
 * root-cause category it means, and how to fix it.
 */
export interface KnowledgeEntry {
  /** Stable kebab-case id, prefixed by the source: `aws-insufficient-instance-capacity`. */
  readonly id: string;
  readonly source: KnowledgeSource;
  readonly category: RootCauseCategory;
  /** The cause in a few words, for incident titles: "EC2 vCPU quota exhausted". */
  readonly title: string;
  /** Case-insensitive patterns matched against evidence text (condition and event messages, log lines). */
  readonly patterns: readonly RegExp[];
  /** 0..1: how specific a match is; an exact provider error code is near 1, a generic phrase lower. */
  readonly specificity: number;
  /** What the error means and why it happens, in one to three sentences. */
  readonly explanation: string;
  /** Steps to fix, with commands (kubectl, clusterctl, the cloud CLI) where they help. */
  readonly remediation: readonly RemediationStep[];
  /** Real texts, as the software emits them, that the patterns must match; tests check each. */
  readonly examples: readonly string[];
  /** Where the texts and meaning come from: documentation pages and public issue reports. */
  readonly sources: readonly string[];
}
