/** Handles the fleet builder returns: each names the raw objects of one cluster, pool or machine. */
import type { ClusterSite, MachineSite, ProviderProfile } from './providers.ts';
import type { Random } from './random.ts';
import type { CapiVersion, Provider, RawObject } from './raw.ts';

/** A management controller whose log the builder writes. */
export type ControllerId = 'capi' | 'kubeadm-control-plane' | 'kubeadm-bootstrap' | Provider;

/** A container log file of a management pod. */
export interface ControllerPod {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/** One log line waiting to be written; lines of a file are written in `ts` order. */
export interface LogLine {
  /** Bundle-relative path of the log file. */
  readonly path: string;
  readonly ts: number;
  readonly text: string;
}

/** State shared by every cluster of a fleet. */
export interface FleetContext {
  readonly capturedAtMs: number;
  readonly version: CapiVersion;
  readonly seed: number;
  /** Next resourceVersion of the management cluster's etcd. */
  nextManagementRV(rng: Random): string;
  /** The pod (stable per fleet) that runs a management controller. */
  controllerPod(id: ControllerId): ControllerPod;
}

/** State of one cluster while it is generated and changed by faults. */
export interface ClusterContext {
  readonly fleet: FleetContext;
  readonly rng: Random;
  readonly version: CapiVersion;
  readonly namespace: string;
  readonly name: string;
  readonly profile: ProviderProfile;
  readonly site: ClusterSite;
  readonly kubernetesVersion: string;
  readonly createdAtMs: number;
  /** When the infra cluster became ready and when the first control-plane node came up. */
  readonly timeline: { readonly infraReadyMs: number; readonly controlPlaneInitializedMs: number };
  /** Pod network of the cluster, e.g. `192.168.0.0/16`. */
  readonly podCidr: string;
  readonly cni: 'calico' | 'cilium';
  /** Next resourceVersion of the workload cluster's etcd. */
  nextWorkloadRV(): string;
  /** Index of the next machine, used for zones and pod CIDRs. */
  machineCount: number;
}

/** One Machine and the objects around it in both planes. */
export interface MachineHandle {
  readonly cluster: ClusterHandle;
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly pool: PoolHandle | undefined;
  readonly machine: RawObject;
  readonly infraMachine: RawObject;
  /** The KubeadmConfig of the machine. */
  readonly bootstrap: RawObject;
  /** Provider objects that hang off the infra machine: a VSphereVM, a BareMetalHost. */
  readonly extras: RawObject[];
  /** What the cloud assigned: providerID, IP, node name, zone. */
  readonly site: MachineSite;
  /** The workload Node backing this machine; undefined when there is none. */
  node: RawObject | undefined;
  /** Name in `status.nodeRef` once Cluster API linked a Node (kept if the Node later disappears). */
  nodeRef: string | undefined;
  /** The pods scheduled on this machine's Node (a live view of the cluster's pods). */
  readonly pods: RawObject[];
}

/** One MachineDeployment with its MachineSet, health check, templates and machines. */
export interface PoolHandle {
  readonly name: string;
  readonly machineDeployment: RawObject;
  readonly machineSet: RawObject;
  readonly healthCheck: RawObject;
  readonly infraTemplate: RawObject;
  readonly bootstrapTemplate: RawObject;
  readonly machines: MachineHandle[];
}

/** One CAPI Cluster with everything generated for it in the management and workload planes. */
export interface ClusterHandle {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly key: string;
  readonly provider: Provider;
  readonly version: CapiVersion;
  readonly kubernetesVersion: string;
  readonly cluster: RawObject;
  readonly infraCluster: RawObject;
  /** The KubeadmControlPlane. */
  readonly controlPlane: RawObject;
  /** The control plane's infra machine template. */
  readonly controlPlaneTemplate: RawObject;
  readonly controlPlaneMachines: MachineHandle[];
  readonly pools: PoolHandle[];
  /** Every machine: control plane first, then the pools in order. */
  readonly machines: MachineHandle[];
  readonly nodes: RawObject[];
  readonly pods: RawObject[];
  /** DaemonSets, Deployments, ReplicaSets, CronJobs and Jobs of the workload cluster. */
  readonly workloadControllers: RawObject[];
  readonly managementEvents: RawObject[];
  readonly workloadEvents: RawObject[];
  /** Further management objects of this cluster (custom kinds). */
  readonly managementExtras: RawObject[];
  /** Further workload objects of this cluster (custom kinds). */
  readonly workloadExtras: RawObject[];
  readonly logs: LogLine[];
  /** Other files of this cluster by bundle-relative path: boot logs, metrics, workload pod logs. */
  readonly files: Map<string, string>;
  readonly ctx: ClusterContext;
}
