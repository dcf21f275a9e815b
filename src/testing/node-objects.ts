/** Workload-cluster Nodes as the kubelet registers them, and metadata of workload objects. */
import type { ClusterContext } from './fleet-types.ts';
import type { Fields, RawMeta, RawObject } from './raw.ts';
import { isoSeconds, SECOND } from './time.ts';

/** The kubelet's healthy node conditions, in the order the kubelet reports them. */
const HEALTHY_NODE_CONDITIONS = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
] as const;

/** Metadata of a workload object with a fresh uid and resourceVersion. */
export function workloadMeta(
  ctx: ClusterContext,
  name: string,
  namespace: string | undefined,
  createdMs: number,
  more: Partial<Pick<RawMeta, 'generateName' | 'labels' | 'annotations' | 'ownerReferences'>> = {},
): RawMeta {
  const meta: RawMeta = { name };
  if (more.generateName) meta.generateName = more.generateName;
  if (namespace !== undefined) meta.namespace = namespace;
  meta.uid = ctx.rng.uuid();
  meta.resourceVersion = ctx.nextWorkloadRV();
  meta.creationTimestamp = isoSeconds(createdMs);
  if (more.labels) meta.labels = more.labels;
  if (more.annotations) meta.annotations = more.annotations;
  if (more.ownerReferences) meta.ownerReferences = more.ownerReferences;
  return meta;
}

/** A Node as the kubelet registers it and the cloud controller manager labels it. */
export interface NodeInput {
  readonly name: string;
  readonly providerID: string;
  readonly ip: string;
  readonly zone: string;
  readonly controlPlane: boolean;
  readonly createdMs: number;
  readonly instanceType: string;
  readonly podCidr: string;
  /** The CAPI Machine annotations; omitted for a Node nobody owns. */
  readonly machine?: { readonly name: string; readonly ownerKind: string; readonly ownerName: string };
}

/** Builds a Ready Node with heartbeats a few minutes before capture. */
export function buildNode(ctx: ClusterContext, n: NodeInput): RawObject {
  const cloud = ctx.profile.addons.length > 0;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (cloud) {
    labels['node.kubernetes.io/instance-type'] = n.instanceType;
    labels['topology.kubernetes.io/region'] = ctx.site.region;
    labels['topology.kubernetes.io/zone'] = n.zone;
  }
  const annotations: Record<string, string> = {};
  if (n.machine) {
    Object.assign(annotations, {
      'cluster.x-k8s.io/annotations-from-machine': '',
      'cluster.x-k8s.io/cluster-name': ctx.name,
      'cluster.x-k8s.io/cluster-namespace': ctx.namespace,
      'cluster.x-k8s.io/labels-from-machine': '',
      'cluster.x-k8s.io/machine': n.machine.name,
      'cluster.x-k8s.io/owner-kind': n.machine.ownerKind,
      'cluster.x-k8s.io/owner-name': n.machine.ownerName,
    });
  }
  Object.assign(annotations, {
    'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  });
  const readyAt = isoSeconds(n.createdMs + ctx.rng.int(30, 90) * SECOND);
  const heartbeat = isoSeconds(ctx.fleet.capturedAtMs - ctx.rng.int(5, 280) * SECOND);
  const big = n.controlPlane ? 1 : 2;
  const memKi = 16_365_948 * big;
  const addresses = [{ type: 'InternalIP', address: n.ip }];
  if (ctx.profile.provider === 'aws') addresses.push({ type: 'InternalDNS', address: n.name });
  addresses.push({ type: 'Hostname', address: n.name });
  const spec: Fields = { podCIDR: n.podCidr, podCIDRs: [n.podCidr], providerID: n.providerID };
  if (n.controlPlane) spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: workloadMeta(ctx, n.name, undefined, n.createdMs, { labels, annotations }),
    spec,
    status: {
      capacity: {
        cpu: String(4 * big),
        'ephemeral-storage': '101430960Ki',
        memory: `${memKi}Ki`,
        pods: '110',
      },
      allocatable: {
        cpu: String(4 * big),
        'ephemeral-storage': '93478772582',
        memory: `${memKi - 102_400}Ki`,
        pods: '110',
      },
      conditions: HEALTHY_NODE_CONDITIONS.map(([type, status, reason, message]) => ({
        type,
        status,
        lastHeartbeatTime: heartbeat,
        lastTransitionTime: readyAt,
        reason,
        message,
      })),
      addresses,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: nodeInfo(ctx),
    },
  };
}

function nodeInfo(ctx: ClusterContext): Fields {
  const kernel: Record<string, string> = {
    aws: '6.8.0-1039-aws',
    azure: '6.8.0-1041-azure',
    gcp: '6.8.0-1042-gcp',
    docker: '6.8.0-87-generic',
  };
  return {
    machineID: ctx.rng.hex(32),
    systemUUID: ctx.rng.uuid(),
    bootID: ctx.rng.uuid(),
    kernelVersion: kernel[ctx.profile.provider] ?? '6.8.0-87-generic',
    osImage: ctx.profile.provider === 'docker' ? 'Debian GNU/Linux 12 (bookworm)' : 'Ubuntu 24.04.3 LTS',
    containerRuntimeVersion: 'containerd://2.1.4',
    kubeletVersion: ctx.kubernetesVersion,
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}
