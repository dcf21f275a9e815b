/** The fleet builder: deterministic, realistic Cluster API fleets as bundle files, for tests, demos and benchmarks. */
import {
  bundleYaml,
  formatList,
  formatLogs,
  groupByFile,
  managementObjects,
  managementPath,
  workloadFiles,
  writeFiles,
} from './bundle-writer.ts';
import type { ClusterOptions } from './cluster-gen.ts';
import { generateCluster } from './cluster-gen.ts';
import type { EventInput } from './event-objects.ts';
import type {
  ClusterHandle,
  ControllerId,
  ControllerPod,
  FleetContext,
  LogLine,
  MachineHandle,
} from './fleet-types.ts';
import type { ReconcileEntry } from './controller-logs.ts';
import { createControllerPods, logLine, managementLogPath, reconcileLine } from './controller-logs.ts';
import { addManagementEvent, addWorkloadEvent } from './noise.ts';
import { createRandom } from './random.ts';
import type { CapiVersion, RawObject } from './raw.ts';
import { FleetBuilderError, isoSeconds, parseTime } from './time.ts';

/** Options of a fleet. */
export interface FleetBuilderOptions {
  /** The moment of capture, RFC 3339; every generated time is before it. */
  readonly capturedAt: string;
  /** Display name of the management cluster; defaults to `mgmt`. */
  readonly management?: string;
  /** Seed of all randomness; defaults to 1. */
  readonly seed?: number;
  /** Shape of the Cluster API core objects; defaults to v1beta2. */
  readonly apiVersion?: CapiVersion;
}

/** Where a log file lives: a management pod, or a pod of a workload cluster. */
export type LogTarget =
  | {
      readonly plane: 'management';
      readonly namespace: string;
      readonly pod: string;
      readonly container: string;
    }
  | {
      readonly plane: 'workload';
      readonly cluster: ClusterHandle;
      readonly namespace: string;
      readonly pod: string;
      readonly container: string;
    };

/** One series of a Prometheus `query_range` answer: labels and `[unix seconds, value]` points. */
export interface MetricSeriesInput {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [number, number])[];
}

/** Builds a fleet cluster by cluster, then renders it as bundle files. */
export interface FleetBuilder {
  readonly capturedAt: string;
  readonly management: string;
  readonly apiVersion: CapiVersion;
  /** Clusters in the order they were added. */
  readonly clusters: readonly ClusterHandle[];
  /** Generates a healthy cluster and returns its handle (throws FleetBuilderError on bad options). */
  addCluster(opts: ClusterOptions): ClusterHandle;
  /** Records an event about an object of `cluster` in its `plane`. */
  addEvent(cluster: ClusterHandle, plane: 'management' | 'workload', event: EventInput): RawObject;
  /** Appends raw lines (strings, or objects written as JSON) to a container log. */
  addLog(target: LogTarget, lines: readonly (string | object)[]): void;
  /** Appends a controller-runtime JSON line about an object to a management controller's log. */
  addReconcileLog(controller: ControllerId, entry: ReconcileEntry): void;
  /** The pod that runs a management controller (stable per seed). */
  controllerPod(controller: ControllerId): ControllerPod;
  /** Writes a boot log of a machine (`logs/machines/<ns>/<machine>/<file>`). */
  addBootLog(machine: MachineHandle, file: string, lines: readonly string[]): void;
  /** Writes a service-level series of a cluster as `metrics/<ns>/<cluster>/<name>.json`. */
  addMetric(cluster: ClusterHandle, name: string, series: readonly MetricSeriesInput[]): void;
  /** Adds any object (e.g. a custom resource) to the management plane or to a cluster's workload plane. */
  addObject(plane: 'management' | ClusterHandle, obj: RawObject): RawObject;
  /** The bundle: bundle-relative path -> file text, sorted by path. */
  files(): Map<string, string>;
}

/** The fleet-wide context shared by every generated cluster. */
export function createFleetContext(opts: FleetBuilderOptions): FleetContext {
  const capturedAtMs = parseTime(opts.capturedAt, 'capturedAt');
  const seed = opts.seed ?? 1;
  const version = opts.apiVersion ?? 'v1beta2';
  if (version !== 'v1beta2' && version !== 'v1beta1') {
    throw new FleetBuilderError(
      'bad-api-version',
      `apiVersion "${String(version)}" must be v1beta2 or v1beta1`,
    );
  }
  let managementRV = 400_000 + (Math.abs(Math.floor(seed)) % 100_000);
  const controllerPod = createControllerPods(createRandom(seed).fork('controllers'));
  return {
    capturedAtMs,
    version,
    seed,
    nextManagementRV: (rng) => {
      managementRV += rng.int(1, 120);
      return String(managementRV);
    },
    controllerPod,
  };
}

function tsOf(line: string, fallback: number): number {
  const match = /"ts":\s*"([^"]+)"/.exec(line);
  const ms = match?.[1] ? Date.parse(match[1]) : NaN;
  return Number.isNaN(ms) ? fallback : ms;
}

/** Creates a fleet builder. */
export function createFleetBuilder(opts: FleetBuilderOptions): FleetBuilder {
  const fleet = createFleetContext(opts);
  const rng = createRandom(fleet.seed).fork('fleet');
  const management = opts.management ?? 'mgmt';
  const clusters: ClusterHandle[] = [];
  const fleetObjects: RawObject[] = [];
  const fleetLogs: LogLine[] = [];

  const builder: FleetBuilder = {
    capturedAt: opts.capturedAt,
    management,
    apiVersion: fleet.version,
    clusters,
    addCluster(clusterOpts) {
      const key = `${clusterOpts.namespace}/${clusterOpts.name}`;
      if (clusters.some((c) => c.key === key)) {
        throw new FleetBuilderError('duplicate-cluster', `addCluster: cluster ${key} was already added`);
      }
      const c = generateCluster(fleet, clusterOpts);
      clusters.push(c);
      return c;
    },
    addEvent(cluster, plane, event) {
      return plane === 'management' ? addManagementEvent(cluster, event) : addWorkloadEvent(cluster, event);
    },
    addLog(target, lines) {
      const path =
        target.plane === 'management'
          ? managementLogPath(target)
          : `logs/workload/${target.cluster.namespace}/${target.cluster.name}/${target.namespace}/${target.pod}/${target.container}.log`;
      for (const line of lines) {
        const text = typeof line === 'string' ? line : JSON.stringify(line);
        fleetLogs.push({ path, ts: tsOf(text, fleet.capturedAtMs), text });
      }
    },
    addReconcileLog(controller, entry) {
      fleetLogs.push(logLine(fleet.controllerPod(controller), entry.ts, reconcileLine(rng, entry)));
    },
    controllerPod: (controller) => fleet.controllerPod(controller),
    addBootLog(machine, file, lines) {
      const name = file.endsWith('.log') ? file : `${file}.log`;
      machine.cluster.files.set(
        `logs/machines/${machine.cluster.namespace}/${machine.name}/${name}`,
        lines.map((l) => `${l}\n`).join(''),
      );
    },
    addMetric(cluster, name, series) {
      const body = {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: series.map((s) => ({
            metric: { ...s.labels },
            values: s.points.map(([t, v]) => [t, String(v)]),
          })),
        },
      };
      cluster.files.set(
        `metrics/${cluster.namespace}/${cluster.name}/${name}.json`,
        `${JSON.stringify(body)}\n`,
      );
    },
    addObject(plane, obj) {
      const meta = obj.metadata;
      meta.uid ??= rng.uuid();
      meta.resourceVersion ??=
        plane === 'management' ? fleet.nextManagementRV(rng) : plane.ctx.nextWorkloadRV();
      meta.creationTimestamp ??= isoSeconds(fleet.capturedAtMs);
      if (plane === 'management') fleetObjects.push(obj);
      else plane.workloadExtras.push(obj);
      return obj;
    },
    files() {
      const files = new Map<string, string>();
      files.set('bundle.yaml', bundleYaml(opts.capturedAt, management));
      const mgmt = [
        ...clusters.flatMap(managementObjects),
        ...fleetObjects,
        ...clusters.flatMap((c) => c.managementEvents),
      ];
      for (const [path, items] of groupByFile(mgmt, managementPath)) files.set(path, formatList(items));
      for (const c of clusters) {
        for (const [path, text] of workloadFiles(c)) files.set(path, text);
        for (const [path, text] of c.files) files.set(path, text);
      }
      for (const [path, text] of formatLogs([...clusters.flatMap((c) => c.logs), ...fleetLogs]))
        files.set(path, text);
      return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  };
  return builder;
}

/** Writes a builder's bundle into `dir`, replacing its contents. */
export async function writeBundle(builder: FleetBuilder, dir: string): Promise<void> {
  await writeFiles(dir, builder.files());
}

export type { ClusterOptions, PoolOptions } from './cluster-gen.ts';
export type { EventInput } from './event-objects.ts';
export type { ClusterHandle, MachineHandle, PoolHandle } from './fleet-types.ts';
export type { ReconcileEntry } from './controller-logs.ts';
export type { CapiVersion, Provider, RawObject } from './raw.ts';
export {
  mismatchProviderID,
  nodeNotReady,
  nodePressure,
  orphanNode,
  resync,
  stuckMachine,
} from './faults.ts';
