/** Generates one healthy cluster: management objects, workload Nodes and Pods, noise events and logs. */
import {
  buildCluster,
  buildInfraCluster,
  buildInfraTemplate,
  buildKubeadmConfigTemplate,
  buildKubeadmControlPlane,
  LABEL,
} from './capi-objects.ts';
import type {
  ClusterContext,
  ClusterHandle,
  FleetContext,
  MachineHandle,
  PoolHandle,
} from './fleet-types.ts';
import { buildMachineExtras, renderBootstrap, renderInfraMachine } from './infra-status.ts';
import {
  buildMachineDeployment,
  buildMachineHealthCheck,
  buildMachineObjects,
  buildMachineSet,
} from './machine-objects.ts';
import { syncMachine } from './machine-status.ts';
import { logNoise, managementNoise, workloadNoise } from './noise.ts';
import { providerProfile } from './providers.ts';
import type { Random } from './random.ts';
import { createRandom } from './random.ts';
import type { Provider, RawObject } from './raw.ts';
import { cond, oldCond, PROVIDERS } from './raw.ts';
import { syncRollups } from './rollups.ts';
import { DAY, FleetBuilderError, HOUR, isoSeconds, MINUTE, parseTime, SECOND } from './time.ts';
import { buildNode } from './node-objects.ts';
import { generateWorkload } from './workload-gen.ts';

/** One MachineDeployment of a cluster. */
export interface PoolOptions {
  /** Pool name; the MachineDeployment is `<cluster>-<name>`. */
  readonly name: string;
  /** Machines in the pool. */
  readonly replicas: number;
  /** Instance type (or VM size, flavor); defaults to the provider's worker type. */
  readonly instanceType?: string;
}

/** What to generate for one cluster. */
export interface ClusterOptions {
  /** Namespace of the Cluster and all its management objects. */
  readonly namespace: string;
  /** Cluster name: a DNS label of at most 40 characters. */
  readonly name: string;
  /** Infrastructure provider; decides kinds, naming and providerID format. */
  readonly provider: Provider;
  /** Defaults to v1.34.2. */
  readonly kubernetesVersion?: string;
  /** Defaults to 3. */
  readonly controlPlaneReplicas?: number;
  /** Defaults to one pool `md-0` of 3 machines. */
  readonly pools?: readonly PoolOptions[];
  /** Pods per worker Node including kube-system and CNI pods; defaults to 8 (control-plane nodes run their system pods and CoreDNS). */
  readonly podsPerNode?: number;
  /** RFC 3339 creation time of the Cluster; defaults to a few days before capture. */
  readonly createdAt?: string;
  /** Ordinary workload events to generate; defaults to 20. */
  readonly eventsPerCluster?: number;
  /** Region (AWS, Azure, GCP), datacenter (vSphere), region (OpenStack) or rack (Metal3); random when omitted. */
  readonly region?: string;
  /** Labels on the Cluster object. */
  readonly labels?: Readonly<Record<string, string>>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validate(opts: ClusterOptions, capturedAtMs: number): void {
  const where = `addCluster(${opts.namespace}/${opts.name})`;
  for (const [field, value] of [
    ['namespace', opts.namespace],
    ['name', opts.name],
  ] as const) {
    if (!DNS_LABEL.test(value) || value.length > 40) {
      throw new FleetBuilderError(
        'bad-name',
        `${where}: ${field} "${value}" must be a DNS label of at most 40 characters`,
      );
    }
  }
  if (!(PROVIDERS as readonly string[]).includes(opts.provider)) {
    throw new FleetBuilderError(
      'bad-provider',
      `${where}: provider "${opts.provider}" is not one of ${PROVIDERS.join(', ')}`,
    );
  }
  const cp = opts.controlPlaneReplicas ?? 3;
  if (!Number.isInteger(cp) || cp < 1) {
    throw new FleetBuilderError(
      'bad-replicas',
      `${where}: controlPlaneReplicas ${cp} must be an integer of at least 1`,
    );
  }
  for (const pool of opts.pools ?? []) {
    if (!DNS_LABEL.test(pool.name) || !Number.isInteger(pool.replicas) || pool.replicas < 0) {
      throw new FleetBuilderError(
        'bad-pool',
        `${where}: pool "${pool.name}" needs a DNS-label name and an integer replicas >= 0`,
      );
    }
  }
  if (
    opts.createdAt !== undefined &&
    parseTime(opts.createdAt, `${where}.createdAt`) > capturedAtMs - 30 * MINUTE
  ) {
    throw new FleetBuilderError(
      'bad-created-at',
      `${where}: createdAt ${opts.createdAt} must be at least 30 minutes before capturedAt`,
    );
  }
}

function createContext(fleet: FleetContext, rng: Random, opts: ClusterOptions): ClusterContext {
  const createdAtMs =
    opts.createdAt !== undefined
      ? parseTime(opts.createdAt, 'createdAt')
      : fleet.capturedAtMs - rng.int(3, 14) * DAY - rng.int(0, 86_399) * SECOND;
  const infraReadyMs = createdAtMs + rng.int(180, 360) * SECOND;
  const profile = providerProfile(opts.provider);
  const cni = rng.chance(0.5) ? 'calico' : 'cilium';
  let workloadRV = rng.int(1000, 90_000);
  return {
    fleet,
    rng,
    version: fleet.version,
    namespace: opts.namespace,
    name: opts.name,
    profile,
    site: profile.site(rng, opts.name, opts.region),
    kubernetesVersion: opts.kubernetesVersion ?? 'v1.34.2',
    createdAtMs,
    // The first control-plane machine starts right after the infrastructure and joins within minutes.
    timeline: { infraReadyMs, controlPlaneInitializedMs: infraReadyMs + rng.int(200, 320) * SECOND },
    podCidr: cni === 'calico' ? '192.168.0.0/16' : '10.244.0.0/16',
    cni,
    nextWorkloadRV: () => {
      workloadRV += rng.int(1, 40);
      return String(workloadRV);
    },
    machineCount: 0,
  };
}

function renderInfraCluster(ctx: ClusterContext, infra: RawObject): void {
  const at = isoSeconds(ctx.timeline.infraReadyMs);
  const p = ctx.profile;
  infra.status =
    p.contract === 'v1beta1'
      ? {
          ready: true,
          ...p.clusterStatus(ctx.site),
          conditions: [
            oldCond('Ready', 'True', at),
            ...p.clusterConditions.map((t) => oldCond(t, 'True', at)),
          ],
        }
      : {
          initialization: { provisioned: true },
          ...p.clusterStatus(ctx.site),
          conditions: [
            cond('Ready', 'True', 'Ready', at),
            ...p.clusterConditions.map((t) => cond(t, 'True', t, at)),
          ],
        };
}

/** Adds one machine (objects, Node, statuses) created at `createdMs`. */
function addMachine(
  c: ClusterHandle,
  at: {
    name: string;
    createdMs: number;
    owner: RawObject;
    labels: Record<string, string>;
    infraTemplate: RawObject;
    bootstrapTemplate: RawObject | undefined;
    pool: PoolHandle | undefined;
    instanceType: string;
  },
): MachineHandle {
  const ctx = c.ctx;
  const now = ctx.fleet.capturedAtMs;
  const index = ctx.machineCount++;
  const site = ctx.profile.machine(ctx.rng, ctx.site, {
    namespace: c.namespace,
    cluster: c.name,
    machine: at.name,
    index,
  });
  const objects = buildMachineObjects(ctx, { ...at, site });
  const extras = buildMachineExtras(ctx, { infraMachine: objects.infraMachine, site }, at.createdMs);
  const cluster = c;
  const handle: MachineHandle = {
    cluster,
    name: at.name,
    role: at.pool ? 'worker' : 'control-plane',
    pool: at.pool,
    ...objects,
    extras,
    site,
    node: undefined,
    nodeRef: undefined,
    get pods(): RawObject[] {
      const node = this.node?.metadata.name;
      return node === undefined ? [] : cluster.pods.filter((p) => p.spec?.nodeName === node);
    },
  };
  const infraAt = Math.min(at.createdMs + ctx.rng.int(40, 100) * SECOND, now - 3 * MINUTE);
  const nodeAt = Math.min(infraAt + ctx.rng.int(90, 200) * SECOND, now - 2 * MINUTE);
  renderBootstrap(handle, true, at.createdMs + ctx.rng.int(2, 8) * SECOND);
  renderInfraMachine(handle, { provisioned: true, since: infraAt });
  const octet = index % 256;
  handle.node = buildNode(ctx, {
    name: site.nodeName,
    providerID: site.providerID,
    ip: site.ip,
    zone: site.zone,
    controlPlane: handle.role === 'control-plane',
    createdMs: nodeAt,
    instanceType: at.instanceType,
    podCidr: ctx.podCidr.replace(/\.0\.0\/16$/, `.${octet}.0/24`),
    machine: { name: at.name, ownerKind: at.owner.kind, ownerName: at.owner.metadata.name },
  });
  c.nodes.push(handle.node);
  c.machines.push(handle);
  return handle;
}

/** Generates a healthy cluster in `fleet`; validate options first (throws FleetBuilderError). */
export function generateCluster(fleet: FleetContext, opts: ClusterOptions): ClusterHandle {
  validate(opts, fleet.capturedAtMs);
  const rng = createRandom(fleet.seed).fork(`${opts.namespace}/${opts.name}`);
  const ctx = createContext(fleet, rng, opts);
  const p = ctx.profile;
  const now = fleet.capturedAtMs;
  const cluster = buildCluster(ctx, { ...(opts.labels ?? {}) });
  const infraCluster = buildInfraCluster(ctx, cluster);
  renderInfraCluster(ctx, infraCluster);
  const cpTemplate = buildInfraTemplate(
    ctx,
    cluster,
    `${opts.name}-control-plane-${rng.suffix(5)}`,
    p.instanceTypes.controlPlane,
    true,
  );
  const cpReplicas = opts.controlPlaneReplicas ?? 3;
  const kcp = buildKubeadmControlPlane(ctx, cluster, cpTemplate, cpReplicas);
  const c: ClusterHandle = {
    namespace: opts.namespace,
    name: opts.name,
    key: `${opts.namespace}/${opts.name}`,
    provider: opts.provider,
    version: fleet.version,
    kubernetesVersion: ctx.kubernetesVersion,
    cluster,
    infraCluster,
    controlPlane: kcp,
    controlPlaneTemplate: cpTemplate,
    controlPlaneMachines: [],
    pools: [],
    machines: [],
    nodes: [],
    pods: [],
    workloadControllers: [],
    managementEvents: [],
    workloadEvents: [],
    managementExtras: [],
    workloadExtras: [],
    logs: [],
    files: new Map(),
    ctx,
  };

  // Control plane: KCP scales up one machine at a time; the first one initialises the cluster.
  let cpAt = ctx.timeline.controlPlaneInitializedMs - rng.int(150, 190) * SECOND;
  for (let i = 0; i < cpReplicas; i++) {
    const name = `${kcp.metadata.name}-${rng.suffix(5)}`;
    const labels = {
      [LABEL.clusterName]: opts.name,
      [LABEL.controlPlane]: '',
      [LABEL.controlPlaneName]: kcp.metadata.name,
    };
    const m = addMachine(c, {
      name,
      createdMs: cpAt,
      owner: kcp,
      labels,
      infraTemplate: cpTemplate,
      bootstrapTemplate: undefined,
      pool: undefined,
      instanceType: p.instanceTypes.controlPlane,
    });
    c.controlPlaneMachines.push(m);
    cpAt += rng.int(240, 420) * SECOND;
  }

  const workersFrom = ctx.timeline.controlPlaneInitializedMs + MINUTE;
  for (const poolOpts of opts.pools ?? [{ name: 'md-0', replicas: 3 }]) {
    const mdName = `${opts.name}-${poolOpts.name}`;
    const instanceType = poolOpts.instanceType ?? p.instanceTypes.worker;
    const infraTemplate = buildInfraTemplate(ctx, cluster, `${mdName}-${rng.suffix(5)}`, instanceType, false);
    const bootstrapTemplate = buildKubeadmConfigTemplate(ctx, cluster, mdName);
    const md = buildMachineDeployment(
      ctx,
      cluster,
      mdName,
      poolOpts.replicas,
      infraTemplate,
      bootstrapTemplate,
    );
    // Half of the pools went through a rollout since the cluster was created.
    const rolled = rng.chance(0.5) && now - 8 * HOUR > workersFrom + DAY;
    const msAt = rolled ? rng.int(workersFrom + DAY, now - 8 * HOUR) : workersFrom;
    const ms = buildMachineSet(ctx, md, msAt, infraTemplate, bootstrapTemplate);
    if (rolled) {
      for (const obj of [md, ms]) {
        const annotations = obj.metadata.annotations ?? {};
        annotations['machinedeployment.clusters.x-k8s.io/revision'] = '2';
        obj.metadata.annotations = annotations;
      }
    }
    const pool: PoolHandle = {
      name: poolOpts.name,
      machineDeployment: md,
      machineSet: ms,
      healthCheck: buildMachineHealthCheck(ctx, cluster, md),
      infraTemplate,
      bootstrapTemplate,
      machines: [],
    };
    c.pools.push(pool);
    const labels = { ...(ms.metadata.labels ?? {}), [LABEL.setName]: ms.metadata.name };
    let at = msAt + rng.int(2, 10) * SECOND;
    for (let i = 0; i < poolOpts.replicas; i++) {
      const name = `${ms.metadata.name}-${rng.suffix(5)}`;
      pool.machines.push(
        addMachine(c, {
          name,
          createdMs: at,
          owner: ms,
          labels,
          infraTemplate,
          bootstrapTemplate,
          pool,
          instanceType,
        }),
      );
      at += rng.int(1, 20) * SECOND;
    }
  }

  generateWorkload(c, opts.podsPerNode ?? 8);
  for (const m of c.machines) syncMachine(m);
  syncRollups(c);
  managementNoise(c);
  workloadNoise(c, opts.eventsPerCluster ?? 20);
  logNoise(c);
  return c;
}
