import type { Json, KubeadmParts } from './providers/provider.ts';
import type { NodePool } from './types.ts';

/** Label prefixes Cluster API copies from a Machine to its Node (a kubelet may not set the first two itself). */
const SYNCED_PREFIXES = [
  'node-role.kubernetes.io',
  'node-restriction.kubernetes.io',
  'node.cluster.x-k8s.io',
];

/** Splits pool labels into those Cluster API syncs from the Machine and those the kubelet sets at join. */
export function splitLabels(labels: Readonly<Record<string, string>>): {
  readonly machine: Record<string, string>;
  readonly kubelet: Record<string, string>;
} {
  const machine: Record<string, string> = {};
  const kubelet: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : '';
    if (SYNCED_PREFIXES.includes(prefix)) machine[key] = value;
    else kubelet[key] = value;
  }
  return { machine, kubelet };
}

/** kubeadm v1beta2 argument lists: `[{name, value}]` sorted by name. */
export function argList(args: Readonly<Record<string, string>>): Json[] {
  return Object.keys(args)
    .sort()
    .map((name) => ({ name, value: args[name] }));
}

function nodeRegistration(parts: KubeadmParts, extraArgs: Record<string, string>, taints?: Json[]): Json {
  const args = { ...parts.kubeletArgs, ...extraArgs };
  return {
    ...(parts.nodeName ? { name: parts.nodeName } : {}),
    ...(Object.keys(args).length > 0 ? { kubeletExtraArgs: argList(args) } : {}),
    ...(taints && taints.length > 0 ? { taints } : {}),
  };
}

function commonParts(parts: KubeadmParts): Json {
  return {
    ...(parts.files?.length ? { files: parts.files } : {}),
    ...(parts.diskSetup ? { diskSetup: parts.diskSetup } : {}),
    ...(parts.mounts?.length ? { mounts: parts.mounts } : {}),
    ...(parts.preKubeadmCommands?.length ? { preKubeadmCommands: parts.preKubeadmCommands } : {}),
  };
}

/** `spec.kubeadmConfigSpec` of the KubeadmControlPlane (or its template). */
export function controlPlaneKubeadmSpec(parts: KubeadmParts): Json {
  const registration = nodeRegistration(parts, {});
  return {
    ...(parts.clusterConfiguration ? { clusterConfiguration: parts.clusterConfiguration } : {}),
    initConfiguration: { nodeRegistration: registration },
    joinConfiguration: { nodeRegistration: registration },
    ...commonParts(parts),
  };
}

/** `spec.template.spec` of a pool's KubeadmConfigTemplate: kubelet labels and taints are set at join. */
export function workerKubeadmSpec(pool: NodePool, parts: KubeadmParts): Json {
  const { kubelet } = splitLabels(pool.labels);
  const nodeLabels = Object.entries(kubelet)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const taints = pool.taints.map((t) => ({
    key: t.key,
    ...(t.value !== undefined && t.value !== '' ? { value: t.value } : {}),
    effect: t.effect,
  }));
  return {
    joinConfiguration: {
      nodeRegistration: nodeRegistration(parts, nodeLabels ? { 'node-labels': nodeLabels } : {}, taints),
    },
    ...commonParts(parts),
  };
}
