/** Fills a workload cluster: system DaemonSets, control-plane static pods, add-ons and app Deployments on its Nodes. */
import type { ClusterHandle } from './fleet-types.ts';
import type { Random } from './random.ts';
import type { RawObject } from './raw.ts';
import { str } from './raw.ts';
import { isoSeconds, MINUTE, SECOND, timeOf } from './time.ts';
import {
  buildDaemonSet,
  buildDeployment,
  buildPod,
  syncWorkloadControllers,
  tolerations,
} from './workload-objects.ts';

interface Container {
  readonly name: string;
  readonly image: string;
}

interface DeploymentPlan {
  readonly deployment: RawObject;
  readonly replicaSet: RawObject;
  readonly containers: readonly Container[];
  readonly controlPlane: boolean;
  replicas: number;
}

const ADDONS: readonly { namespace: string; name: string; image: string }[] = [
  {
    namespace: 'kube-system',
    name: 'metrics-server',
    image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
  },
  {
    namespace: 'cert-manager',
    name: 'cert-manager',
    image: 'quay.io/jetstack/cert-manager-controller:v1.19.1',
  },
  {
    namespace: 'cert-manager',
    name: 'cert-manager-webhook',
    image: 'quay.io/jetstack/cert-manager-webhook:v1.19.1',
  },
  {
    namespace: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    image: 'registry.k8s.io/ingress-nginx/controller:v1.13.3',
  },
  {
    namespace: 'monitoring',
    name: 'kube-state-metrics',
    image: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.17.0',
  },
  {
    namespace: 'monitoring',
    name: 'prometheus-operator',
    image: 'quay.io/prometheus-operator/prometheus-operator:v0.86.1',
  },
  { namespace: 'monitoring', name: 'grafana', image: 'docker.io/grafana/grafana:12.2.1' },
];

const APPS = [
  'api',
  'web',
  'worker',
  'gateway',
  'ledger',
  'notifier',
  'search',
  'reports',
  'checkout',
  'billing',
  'auth',
];

const STATIC_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

/** Pod IP on a node: the node's /24 from its podCIDR, host part counted per node. */
function podIpAllocator(): (node: RawObject) => string {
  const next = new Map<string, number>();
  return (node) => {
    const cidr = str(node.spec?.podCIDR) ?? '10.244.0.0/24';
    const host = (next.get(cidr) ?? 1) + 1;
    next.set(cidr, host);
    return `${cidr.split('.').slice(0, 3).join('.')}.${host % 254}`;
  };
}

function nodeIp(node: RawObject): string {
  return String((node.status?.addresses as { address: string }[] | undefined)?.[0]?.address ?? '');
}

function isControlPlane(node: RawObject): boolean {
  return node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
}

/** The system DaemonSets every cluster runs: kube-proxy, the CNI agent and the provider's node plugins. */
function daemonSets(c: ClusterHandle, createdMs: number): RawObject[] {
  const ctx = c.ctx;
  const specs: { namespace: string; name: string; image: string; controlPlaneOnly: boolean }[] = [
    {
      namespace: 'kube-system',
      name: 'kube-proxy',
      image: `registry.k8s.io/kube-proxy:${ctx.kubernetesVersion}`,
      controlPlaneOnly: false,
    },
    ctx.cni === 'calico'
      ? {
          namespace: 'calico-system',
          name: 'calico-node',
          image: 'docker.io/calico/node:v3.30.3',
          controlPlaneOnly: false,
        }
      : {
          namespace: 'kube-system',
          name: 'cilium',
          image: 'quay.io/cilium/cilium:v1.18.2',
          controlPlaneOnly: false,
        },
    ...ctx.profile.addons.map((a) => ({ ...a, controlPlaneOnly: a.nodes === 'control-plane' })),
  ];
  return specs.map((s) => {
    const ds = buildDaemonSet(
      ctx,
      s.namespace,
      s.name,
      [{ name: s.name.replace(/-node$/, ''), image: s.image }],
      createdMs,
    );
    if (s.controlPlaneOnly) {
      const template = ds.spec?.template as { spec: Record<string, unknown> };
      template.spec.nodeSelector = { 'node-role.kubernetes.io/control-plane': '' };
    }
    return ds;
  });
}

function dsRunsOn(ds: RawObject, node: RawObject): boolean {
  const template = ds.spec?.template as { spec?: { nodeSelector?: Record<string, string> } } | undefined;
  return !template?.spec?.nodeSelector || isControlPlane(node);
}

function dsContainers(ds: RawObject): Container[] {
  return ((ds.spec?.template as { spec: { containers: Container[] } }).spec.containers ?? []).map((x) => ({
    name: x.name,
    image: x.image,
  }));
}

/** Adds the pods every node runs (DaemonSet pods, and static pods on control-plane nodes) to `node`. */
export function addSystemPods(c: ClusterHandle, node: RawObject, nextIp = podIpAllocator()): RawObject[] {
  const ctx = c.ctx;
  const nodeCreated = timeOf(node.metadata.creationTimestamp);
  const pods: RawObject[] = [];
  for (const ds of c.workloadControllers.filter((w) => w.kind === 'DaemonSet')) {
    if (!dsRunsOn(ds, node)) continue;
    const name = ds.metadata.name;
    pods.push(
      buildPod(ctx, {
        name: `${name}-${ctx.rng.suffix(5)}`,
        generateName: `${name}-`,
        namespace: ds.metadata.namespace ?? 'kube-system',
        node,
        owner: ds,
        createdMs: Math.max(nodeCreated, timeOf(ds.metadata.creationTimestamp)) + ctx.rng.int(5, 40) * SECOND,
        containers: dsContainers(ds),
        labels: {
          'controller-revision-hash': ds.metadata.uid?.slice(0, 10) ?? '',
          'k8s-app': name,
          'pod-template-generation': '1',
        },
        hostNetwork: name === 'kube-proxy' || name === 'calico-node' || name === 'cilium',
        podIp:
          name === 'kube-proxy' || name === 'calico-node' || name === 'cilium' ? nodeIp(node) : nextIp(node),
        tolerations: tolerations('daemonset'),
        priorityClassName: 'system-node-critical',
      }),
    );
  }
  if (isControlPlane(node)) {
    for (const component of STATIC_COMPONENTS) {
      const image =
        component === 'etcd'
          ? 'registry.k8s.io/etcd:3.6.4-0'
          : `registry.k8s.io/${component}:${ctx.kubernetesVersion}`;
      const hash = ctx.rng.hex(32);
      const annotations: Record<string, string> = {
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': isoSeconds(nodeCreated),
        'kubernetes.io/config.source': 'file',
      };
      if (component === 'kube-apiserver') {
        annotations['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'] =
          `${nodeIp(node)}:6443`;
      }
      pods.push(
        buildPod(ctx, {
          name: `${component}-${node.metadata.name}`,
          namespace: 'kube-system',
          node,
          owner: node,
          createdMs: nodeCreated + ctx.rng.int(2, 10) * SECOND,
          containers: [{ name: component, image }],
          labels: { component, tier: 'control-plane' },
          annotations,
          hostNetwork: true,
          podIp: nodeIp(node),
          tolerations: tolerations('static'),
          priorityClassName: 'system-node-critical',
        }),
      );
    }
  }
  return pods;
}

/** `n` distinct items in random order (a partial Fisher-Yates shuffle). */
function sample<T>(rng: Random, items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = 0; i < Math.min(n, copy.length); i++) {
    const j = rng.int(i, copy.length - 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

function planDeployments(c: ClusterHandle): {
  fixed: { plan: DeploymentPlan; want: number }[];
  cycle: DeploymentPlan[];
} {
  const ctx = c.ctx;
  const rng = ctx.rng;
  const now = ctx.fleet.capturedAtMs;
  const init = ctx.timeline.controlPlaneInitializedMs;
  const plan = (
    namespace: string,
    name: string,
    image: string,
    createdMs: number,
    controlPlane: boolean,
  ): DeploymentPlan => {
    const containers = [{ name: name.replace(/^.*-(controller|webhook)$/, '$1'), image }];
    const { deployment, replicaSet } = buildDeployment(ctx, namespace, name, containers, createdMs);
    return { deployment, replicaSet, containers, controlPlane, replicas: 0 };
  };
  const systemAt = init + MINUTE;
  const coredns = plan('kube-system', 'coredns', 'registry.k8s.io/coredns/coredns:v1.12.1', systemAt, true);
  const operator =
    ctx.cni === 'calico'
      ? plan(
          'calico-system',
          'calico-kube-controllers',
          'docker.io/calico/kube-controllers:v3.30.3',
          systemAt,
          true,
        )
      : plan('kube-system', 'cilium-operator', 'quay.io/cilium/operator-generic:v1.18.2', systemAt, true);
  const appsAt = Math.min(init + rng.int(20, 90) * MINUTE, now - 3 * 60 * MINUTE);
  const addons = sample(rng, ADDONS, 3).map((a) =>
    plan(a.namespace, a.name, a.image, Math.max(systemAt, appsAt - 10 * MINUTE), false),
  );
  const apps = sample(rng, APPS, 4).map((app) =>
    plan(
      c.namespace,
      app,
      `ghcr.io/example/${c.namespace}-${app}:${rng.int(1, 4)}.${rng.int(0, 30)}.${rng.int(0, 9)}`,
      Math.max(systemAt, appsAt),
      false,
    ),
  );
  return {
    fixed: [
      { plan: coredns, want: 2 },
      { plan: operator, want: 1 },
    ],
    cycle: [...apps, ...apps, ...addons],
  };
}

/** Generates the cluster's controllers and the pods of every Node it has now; `podsPerNode` includes system pods. */
export function generateWorkload(c: ClusterHandle, podsPerNode: number): void {
  const ctx = c.ctx;
  const now = ctx.fleet.capturedAtMs;
  c.workloadControllers.push(...daemonSets(c, ctx.timeline.controlPlaneInitializedMs + MINUTE));
  const { fixed, cycle } = planDeployments(c);
  const unique = [...new Set([...fixed.map((f) => f.plan), ...cycle])];
  for (const p of unique) c.workloadControllers.push(p.deployment, p.replicaSet);
  const nextIp = podIpAllocator();
  let slot = 0;
  for (const node of c.nodes) {
    const system = addSystemPods(c, node, nextIp);
    c.pods.push(...system);
    const nodeCreated = timeOf(node.metadata.creationTimestamp);
    const cp = isControlPlane(node);
    for (let i = system.length; i < podsPerNode; i++) {
      // Fixed-size system Deployments (CoreDNS, the CNI operator) are placed first, anywhere; apps only on workers.
      const wanted = fixed.find((f) => f.plan.replicas < f.want);
      const p = wanted ? wanted.plan : cp ? undefined : cycle[slot++ % cycle.length];
      if (!p) break;
      p.replicas++;
      const rs = p.replicaSet;
      const created = Math.min(
        Math.max(timeOf(rs.metadata.creationTimestamp), nodeCreated + MINUTE) + ctx.rng.int(0, 600) * SECOND,
        now - 5 * MINUTE,
      );
      c.pods.push(
        buildPod(ctx, {
          name: `${rs.metadata.name}-${ctx.rng.suffix(5)}`,
          generateName: `${rs.metadata.name}-`,
          namespace: rs.metadata.namespace ?? 'default',
          node,
          owner: rs,
          createdMs: created,
          containers: p.containers,
          labels: { ...((rs.spec?.selector as { matchLabels: Record<string, string> }).matchLabels ?? {}) },
          hostNetwork: false,
          podIp: nextIp(node),
          tolerations: tolerations(p.controlPlane ? 'control-plane' : 'deployment'),
          ...(p.controlPlane ? { priorityClassName: 'system-cluster-critical' } : {}),
        }),
      );
    }
  }
  for (const p of unique) {
    if (p.deployment.spec) p.deployment.spec.replicas = p.replicas;
    if (p.replicaSet.spec) p.replicaSet.spec.replicas = p.replicas;
  }
  // Deployments that got no pod (e.g. no workers) are not part of this cluster.
  const empty = new Set(unique.filter((p) => p.replicas === 0).flatMap((p) => [p.deployment, p.replicaSet]));
  for (let i = c.workloadControllers.length - 1; i >= 0; i--) {
    const w = c.workloadControllers[i];
    if (w && empty.has(w)) c.workloadControllers.splice(i, 1);
  }
  syncWorkloadControllers(c.workloadControllers, c.pods);
}
