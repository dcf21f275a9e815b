/** Streams a very large fleet bundle to disk cluster by cluster, for benchmarks (the fleet never sits in memory). */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ListFileWriter } from './bundle-writer.ts';
import {
  bundleYaml,
  formatLogs,
  groupByFile,
  managementObjects,
  managementPath,
  openListFile,
  workloadFiles,
} from './bundle-writer.ts';
import type { PoolOptions } from './cluster-gen.ts';
import { generateCluster } from './cluster-gen.ts';
import { nodeNotReady, nodePressure, orphanNode, stuckMachine } from './faults.ts';
import { createFleetContext } from './fleet-builder.ts';
import type { ClusterHandle, LogLine } from './fleet-types.ts';
import { createRandom } from './random.ts';
import type { CapiVersion, Provider } from './raw.ts';
import { MINUTE } from './time.ts';

/** Size and shape of a generated large fleet. */
export interface LargeFleetOptions {
  /** Number of clusters. */
  readonly clusters: number;
  /** Worker machines per cluster (split over two pools above 10). */
  readonly workersPerCluster: number;
  /** Pods per Node, system pods included. */
  readonly podsPerNode: number;
  /** Ordinary workload events per cluster. */
  readonly eventsPerCluster: number;
  /** Seed of all randomness: the same options give the same bytes. */
  readonly seed: number;
  /** RFC 3339 capture time. */
  readonly capturedAt: string;
  /** Control-plane machines per cluster; defaults to 3. */
  readonly controlPlaneReplicas?: number;
  /** Display name in bundle.yaml; defaults to `mgmt-bench`. */
  readonly management?: string;
  /** Shape of the Cluster API core objects; defaults to v1beta2. */
  readonly apiVersion?: CapiVersion;
  /** Called after each cluster is written. */
  readonly onProgress?: (progress: LargeFleetProgress) => void;
}

/** Running totals while a large fleet is written. */
export interface LargeFleetProgress {
  readonly clustersDone: number;
  readonly clusters: number;
  readonly machines: number;
  readonly nodes: number;
  readonly pods: number;
  /** Management and workload events. */
  readonly events: number;
}

/** What was written, including the faults injected so a benchmark can check a diagnosis finds them. */
export interface LargeFleetSummary extends LargeFleetProgress {
  readonly controlPlaneMachines: number;
  readonly workerMachines: number;
  /** `kind namespace/name: fault` for every injected fault. */
  readonly faults: readonly string[];
}

// A realistic provider mix: mostly public cloud, some on-prem, a few dev clusters.
const PROVIDER_MIX: readonly [Provider, number][] = [
  ['aws', 35],
  ['azure', 20],
  ['gcp', 15],
  ['vsphere', 12],
  ['openstack', 8],
  ['metal3', 5],
  ['docker', 5],
];

const TEAMS = [
  'payments',
  'platform',
  'data',
  'search',
  'identity',
  'retail',
  'logistics',
  'ml',
  'media',
  'ops',
];

function providerFor(roll: number): Provider {
  let acc = 0;
  for (const [provider, weight] of PROVIDER_MIX) {
    acc += weight;
    if (roll < acc) return provider;
  }
  return 'aws';
}

function pools(workers: number): PoolOptions[] {
  if (workers <= 10) return [{ name: 'md-0', replicas: workers }];
  const first = Math.ceil(workers * 0.6);
  return [
    { name: 'md-0', replicas: first },
    { name: 'md-1', replicas: workers - first },
  ];
}

/** Injects one fault into roughly one cluster in forty; returns its description. */
function injectFault(c: ClusterHandle, index: number, now: number): string | undefined {
  const workers = c.pools.flatMap((p) => p.machines);
  const victim = workers[index % Math.max(1, workers.length)];
  if (!victim || index % 40 !== 7) return undefined;
  switch (Math.floor(index / 40) % 4) {
    case 0:
      stuckMachine(victim, {
        phase: 'Provisioning',
        since: now - 35 * MINUTE,
        infraCondition: {
          reason: 'InstanceProvisionFailed',
          message: 'failed to create instance: quota exceeded for the instance family',
        },
      });
      return `Machine ${c.namespace}/${victim.name}: stuck Provisioning`;
    case 1:
      nodeNotReady(victim, { since: now - 20 * MINUTE });
      return `Machine ${c.namespace}/${victim.name}: Node NotReady`;
    case 2:
      nodePressure(victim, 'DiskPressure', { since: now - 15 * MINUTE });
      return `Machine ${c.namespace}/${victim.name}: DiskPressure`;
    default:
      orphanNode(c, `${c.name}-manual-${index}`);
      return `Cluster ${c.key}: orphan Node ${c.name}-manual-${index}`;
  }
}

/** Writes a fleet of `opts.clusters` clusters into `dir` (replacing it), streaming every file. */
export async function writeLargeFleet(dir: string, opts: LargeFleetOptions): Promise<LargeFleetSummary> {
  const fleet = createFleetContext({
    capturedAt: opts.capturedAt,
    seed: opts.seed,
    ...(opts.apiVersion ? { apiVersion: opts.apiVersion } : {}),
  });
  const rng = createRandom(opts.seed).fork('large-fleet');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const lists = new Map<string, ListFileWriter>();
  const logs: LogLine[] = [];
  const faults: string[] = [];
  const totals = { machines: 0, controlPlaneMachines: 0, workerMachines: 0, nodes: 0, pods: 0, events: 0 };
  const made = new Set<string>();
  const write = async (path: string, text: string): Promise<void> => {
    const full = join(dir, path);
    const parent = dirname(full);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(full, text);
  };

  for (let i = 0; i < opts.clusters; i++) {
    const namespace = TEAMS[i % TEAMS.length] ?? 'default';
    const env = rng.pick(['prod', 'prod', 'stage', 'dev']);
    const c = generateCluster(fleet, {
      namespace,
      name: `${env}-${String(i).padStart(4, '0')}`,
      provider: providerFor(rng.int(0, 99)),
      controlPlaneReplicas: opts.controlPlaneReplicas ?? 3,
      pools: pools(opts.workersPerCluster),
      podsPerNode: opts.podsPerNode,
      eventsPerCluster: opts.eventsPerCluster,
    });
    const fault = injectFault(c, i, fleet.capturedAtMs);
    if (fault) faults.push(fault);

    for (const [path, items] of groupByFile(
      [...managementObjects(c), ...c.managementEvents],
      managementPath,
    )) {
      let list = lists.get(path);
      if (!list) {
        list = await openListFile(join(dir, path));
        lists.set(path, list);
      }
      await list.add(items);
    }
    for (const [path, text] of workloadFiles(c)) await write(path, text);
    for (const [path, text] of c.files) await write(path, text);
    logs.push(...c.logs);

    totals.machines += c.machines.length;
    totals.controlPlaneMachines += c.controlPlaneMachines.length;
    totals.workerMachines += c.machines.length - c.controlPlaneMachines.length;
    totals.nodes += c.nodes.length;
    totals.pods += c.pods.length;
    totals.events += c.managementEvents.length + c.workloadEvents.length;
    opts.onProgress?.({ clustersDone: i + 1, clusters: opts.clusters, ...totals });
  }
  for (const list of lists.values()) await list.close();
  for (const [path, text] of formatLogs(logs)) await write(path, text);
  await write('bundle.yaml', bundleYaml(opts.capturedAt, opts.management ?? 'mgmt-bench'));
  return { clustersDone: opts.clusters, clusters: opts.clusters, ...totals, faults };
}
