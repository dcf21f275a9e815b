import { createHash } from 'node:crypto';

/** Labels every compiled object carries. */
export const Labels = {
  clusterName: 'cluster.x-k8s.io/cluster-name',
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  controlPlane: 'cluster.x-k8s.io/control-plane',
  managedBy: 'app.kubernetes.io/managed-by',
  nodePool: 'causeway.dev/node-pool',
  autoscalerMin: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size',
  autoscalerMax: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size',
} as const;

/** A failure domain as a DNS-label fragment: `us-east-1a`, `zone-1`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** One MachineDeployment of a pool: its object name, its topology name and its failure domain. */
export interface DeploymentName {
  readonly name: string;
  /** The name inside `spec.topology.workers.machineDeployments`. */
  readonly topologyName: string;
  readonly failureDomain: string | undefined;
}

/** The MachineDeployments of a pool: one per failure domain, or one without a failure domain. */
export function machineDeploymentNames(
  cluster: string,
  pool: string,
  failureDomains: readonly string[],
): DeploymentName[] {
  if (failureDomains.length === 0)
    return [{ name: `${cluster}-${pool}`, topologyName: pool, failureDomain: undefined }];
  return failureDomains.map((fd) => ({
    name: `${cluster}-${pool}-${slug(fd)}`,
    topologyName: `${pool}-${slug(fd)}`,
    failureDomain: fd,
  }));
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first 8 hex digits of the SHA-256 of a value's canonical JSON. */
export function shortHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 8);
}

/** A template name that changes whenever the template's content does: `<prefix>-<hash>`. */
export function templateName(prefix: string, apiVersion: string, kind: string, spec: unknown): string {
  return `${prefix}-${shortHash({ apiVersion, kind, spec })}`;
}
