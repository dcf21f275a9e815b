/** The infrastructure providers the compiler knows. */
export const PROVIDERS = ['aws', 'azure', 'docker', 'vsphere'] as const;

/** One of {@link PROVIDERS}. */
export type ProviderName = (typeof PROVIDERS)[number];

/** How `causeway compile` writes a cluster: one Cluster on a ClusterClass, or every object spelled out. */
export type CompileMode = 'topology' | 'expanded';

/** A count or a percentage ("25%"), as in Kubernetes IntOrString fields. */
export type IntOrPercent = number | string;

/** AWS: region and optional EC2 key pair and identity. */
export interface AwsProvider {
  readonly name: 'aws';
  readonly region: string;
  readonly sshKeyName?: string;
  readonly identity?: { readonly kind: string; readonly name: string };
}

/** Azure: location, subscription, resource group and the AzureClusterIdentity to use. */
export interface AzureProvider {
  readonly name: 'azure';
  readonly location: string;
  readonly subscriptionID: string;
  readonly resourceGroup: string;
  readonly identityName: string;
  readonly identityNamespace?: string;
}

/** vSphere: vCenter, inventory placement, VM template and the control plane VIP. */
export interface VsphereProvider {
  readonly name: 'vsphere';
  readonly server: string;
  readonly datacenter: string;
  readonly datastore: string;
  readonly network: string;
  readonly template: string;
  readonly controlPlaneEndpoint: string;
  readonly credentialsSecret: string;
  readonly folder?: string;
  readonly resourcePool?: string;
  readonly storagePolicy?: string;
  readonly thumbprint?: string;
}

/** Docker through the Dev provider: a local cluster in containers. */
export interface DockerProvider {
  readonly name: 'docker';
}

/** The provider section of an intent, tagged by provider name. */
export type ProviderIntent = AwsProvider | AzureProvider | VsphereProvider | DockerProvider;

/** A machine shape with provider defaults filled in; which fields apply depends on the provider. */
export interface MachineShape {
  /** AWS instance type or Azure VM size. */
  readonly type?: string;
  readonly cpus?: number;
  readonly memoryGiB?: number;
  readonly diskGiB?: number;
  /** AMI id, Azure image id, vSphere template or Docker node image. */
  readonly image?: string;
}

/** Rollout preferences of MachineDeployments. */
export interface RolloutPreferences {
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
}

/** A node taint, set when a node joins. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A pool of worker machines of one shape: one MachineDeployment per failure domain. */
export interface NodePool {
  readonly name: string;
  /** Undefined when the autoscaler owns the count. */
  readonly replicas?: number;
  readonly autoscaling?: { readonly min: number; readonly max: number };
  readonly machine: MachineShape;
  /** Sorted by key. */
  readonly labels: Readonly<Record<string, string>>;
  /** Sorted by key, then effect. */
  readonly taints: readonly Taint[];
  /** Sorted. */
  readonly failureDomains: readonly string[];
  readonly rollout: RolloutPreferences;
}

/** A validated intent with every default filled in and every set-like list sorted. */
export interface Intent {
  readonly name: string;
  readonly namespace: string;
  readonly provider: ProviderIntent;
  /** Always with a leading v: `v1.34.2`. */
  readonly kubernetesVersion: string;
  readonly controlPlane: {
    readonly replicas: number;
    readonly machine: MachineShape;
    readonly maxSurge: 0 | 1;
  };
  /** Sorted by name. */
  readonly nodePools: readonly NodePool[];
  readonly network: {
    /** Canonical blocks, IPv4 first. */
    readonly pods: readonly string[];
    readonly services: readonly string[];
    readonly nodes?: string;
    readonly apiServerPort: number;
    readonly serviceDomain: string;
  };
  readonly healthChecks: {
    readonly enabled: boolean;
    readonly nodeStartupTimeoutSeconds: number;
    readonly unhealthyNodeTimeoutSeconds: number;
    readonly maxUnhealthy: IntOrPercent;
  };
}
