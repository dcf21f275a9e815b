import type { Json } from './providers/provider.ts';

/** One compiled Kubernetes object. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec: Json;
}

/** API versions of the Cluster API kinds the compiler writes. */
export const CAPI = {
  core: 'cluster.x-k8s.io/v1beta2',
  bootstrap: 'bootstrap.cluster.x-k8s.io/v1beta2',
  controlPlane: 'controlplane.cluster.x-k8s.io/v1beta2',
} as const;

/** The API group of an apiVersion (`` for the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Dependency rank of a kind: what is referenced comes before what references it. */
export function kindRank(kind: string): number {
  if (kind.endsWith('Template')) return 0;
  switch (kind) {
    case 'ClusterClass':
      return 1;
    case 'KubeadmControlPlane':
      return 2;
    case 'Cluster':
      return 3;
    case 'MachineDeployment':
      return 4;
    case 'MachineHealthCheck':
      return 5;
    default:
      // Infrastructure clusters (AWSCluster, DevCluster...): referenced by the Cluster, like the control plane.
      return 1;
  }
}

/** Manifests in dependency order, then by kind and name: the order of the YAML stream and of the files. */
export function orderManifests(manifests: readonly Manifest[]): Manifest[] {
  const key = (m: Manifest): [number, string, string] => [kindRank(m.kind), m.kind, m.metadata.name];
  return [...manifests].sort((a, b) => {
    const [ra, ka, na] = key(a);
    const [rb, kb, nb] = key(b);
    return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0) || (na < nb ? -1 : na > nb ? 1 : 0);
  });
}
