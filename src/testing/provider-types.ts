/** The shape of an infrastructure provider profile, and helpers the profiles share. */
import type { Random } from './random.ts';
import type { Fields, Provider } from './raw.ts';

/** Where a cluster lives in its cloud: chosen once per cluster. */
export interface ClusterSite {
  readonly region: string;
  readonly zones: readonly string[];
  /** AWS account, Azure subscription, GCP project, vCenter server or OpenStack project. */
  readonly account: string;
  readonly endpoint: { readonly host: string; readonly port: number };
  /** Picks an unused node IP in the cluster's machine network. */
  nextIp(rng: Random): string;
}

/** What the cloud assigned to one machine. */
export interface MachineSite {
  readonly zone: string;
  readonly ip: string;
  readonly nodeName: string;
  readonly providerID: string;
  /** Cloud instance id where the provider records one (EC2 id, OpenStack server id, BIOS UUID). */
  readonly instanceId: string;
  /** Metal3 only: the BareMetalHost the machine consumes. */
  readonly host?: string;
}

/** A DaemonSet the provider adds to every cluster (cloud controller manager, CSI node plugin). */
export interface AddonSpec {
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
  /** `control-plane` runs on control-plane nodes only; `all` on every node. */
  readonly nodes: 'control-plane' | 'all';
}

/** Which machine a MachineSite is made for. */
export interface MachinePlacement {
  readonly namespace: string;
  readonly cluster: string;
  readonly machine: string;
  /** Position of the machine in its cluster; spreads machines over zones. */
  readonly index: number;
}

/** Everything provider-specific the generators need. */
export interface ProviderProfile {
  readonly provider: Provider;
  /** apiVersion of the provider's infrastructure kinds. */
  readonly apiVersion: string;
  readonly clusterKind: string;
  readonly machineKind: string;
  readonly templateKind: string;
  /** Which InfraMachine contract the provider implements: `status.ready` (v1beta1) or `status.initialization` (v1beta2). */
  readonly contract: 'v1beta1' | 'v1beta2';
  /** The provider's controller Deployment in the management cluster. */
  readonly controller: { readonly namespace: string; readonly deployment: string };
  /** controller-runtime controller names for the infra machine and infra cluster reconcilers. */
  readonly controllers: { readonly machine: string; readonly cluster: string };
  /** InfraMachine condition types besides Ready; the first is the one provisioning faults turn False. */
  readonly machineConditions: readonly string[];
  /** InfraCluster condition types besides Ready. */
  readonly clusterConditions: readonly string[];
  readonly addons: readonly AddonSpec[];
  /** Default instance types for control-plane and worker machines. */
  readonly instanceTypes: { readonly controlPlane: string; readonly worker: string };
  /** Chooses where a cluster lives; `region` (or datacenter) when given, else a random one. */
  site(rng: Random, cluster: string, region?: string): ClusterSite;
  machine(rng: Random, site: ClusterSite, at: MachinePlacement): MachineSite;
  clusterSpec(site: ClusterSite, cluster: string, rng: Random): Fields;
  clusterStatus(site: ClusterSite): Fields;
  /** `spec.template.spec` of an InfraMachineTemplate. */
  templateSpec(
    site: ClusterSite,
    instanceType: string,
    kubernetesVersion: string,
    controlPlane: boolean,
  ): Fields;
  /** Fields an InfraMachine adds to its template's spec once the instance exists. */
  machineSpec(m: MachineSite): Fields;
  /** Non-condition status fields of a provisioned InfraMachine. */
  machineStatus(m: MachineSite): Fields;
  addresses(m: MachineSite): { type: string; address: string }[];
}
/** apiVersion of the infrastructure kinds at v1beta1. */
export const INFRA_V1BETA1 = 'infrastructure.cluster.x-k8s.io/v1beta1';
/** apiVersion of the infrastructure kinds at v1beta2. */
export const INFRA_V1BETA2 = 'infrastructure.cluster.x-k8s.io/v1beta2';

/** Hands out unused node IPs `prefix.<third>.<fourth>` at random within the given ranges. */
export function ipAllocator(
  prefix: string,
  third: [number, number],
  fourth: [number, number],
): ClusterSite['nextIp'] {
  const used = new Set<string>();
  return (rng) => {
    for (;;) {
      const ip = `${prefix}.${rng.int(third[0], third[1])}.${rng.int(fourth[0], fourth[1])}`;
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
  };
}

/** A machine's only address: its InternalIP. */
export function internal(ip: string): { type: string; address: string }[] {
  return [{ type: 'InternalIP', address: ip }];
}
