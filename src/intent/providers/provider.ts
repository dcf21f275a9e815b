import type { CompileMode, Intent, MachineShape } from '../types.ts';

/** A plain JSON object of a manifest. */
export type Json = Record<string, unknown>;

/** Whether a machine or bootstrap config is for the control plane or for workers. */
export type MachineRole = 'control-plane' | 'worker';

/** What a provider adds to the kubeadm configuration of one role. */
export interface KubeadmParts {
  /** kubelet flags, e.g. `cloud-provider: external`. */
  readonly kubeletArgs?: Readonly<Record<string, string>>;
  /** `nodeRegistration.name`, a cloud-init template of the node name. */
  readonly nodeName?: string;
  /** Control plane only: the kubeadm ClusterConfiguration. */
  readonly clusterConfiguration?: Json;
  readonly files?: readonly Json[];
  readonly diskSetup?: Json;
  readonly mounts?: readonly (readonly string[])[];
  readonly preKubeadmCommands?: readonly string[];
}

/** Where the kubeadm configuration of a role ends up, so a provider can point at sibling objects. */
export interface KubeadmContext {
  readonly mode: CompileMode;
  /** Expanded mode: the infrastructure machine template the machines of this role are cloned from. */
  readonly machineTemplateName?: string;
}

/** One infrastructure provider: the kinds it serves and the specs it needs. */
export interface ProviderModule {
  /** `infrastructure.cluster.x-k8s.io/<version>` of the provider's current API. */
  readonly apiVersion: string;
  readonly clusterKind: string;
  readonly clusterTemplateKind: string;
  readonly machineTemplateKind: string;
  /** `spec` of the infrastructure cluster; `failureDomains` are those the node pools use, sorted. */
  clusterSpec(intent: Intent, failureDomains: readonly string[]): Json;
  /** `spec.template.spec` of the infrastructure cluster template, for a ClusterClass. */
  clusterTemplateSpec(intent: Intent, failureDomains: readonly string[]): Json;
  /** `spec.template.spec` of an infrastructure machine template. */
  machineSpec(intent: Intent, shape: MachineShape, role: MachineRole): Json;
  /** The provider's part of the kubeadm configuration of a role. */
  kubeadm(intent: Intent, role: MachineRole, context: KubeadmContext): KubeadmParts;
  /** ClusterClass patches the provider needs (values known only once the topology controller names objects). */
  classPatches?(intent: Intent, workerClasses: readonly string[]): readonly Json[];
}
