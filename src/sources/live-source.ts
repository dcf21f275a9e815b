import type { Bundle } from '../bundle/bundle.ts';
import { InputError } from '../model/errors.ts';
import type { FleetObject, ReadIssue } from '../model/fleet.ts';
import {
  ClusterConnection,
  type ClusterStatus,
  type LiveChange,
  type LiveTiming,
} from './cluster-connection.ts';
import { readControllerLogs, type ControllerLog } from './controller-logs.ts';
import { discoverCapiResources } from './discovery.ts';
import { createKubeClient, type ClientFactory, type ClusterError, type KubeClient } from './kube-client.ts';
import { readKubeconfig, type ClusterTarget } from './kubeconfig.ts';
import { EVENTS, WORKLOAD_RESOURCES, type ResourceType } from './resource-type.ts';
import { DEFAULT_WATCH_TIMING, realDelay, type Delay } from './watch.ts';
import { workloadTarget, type WorkloadCredentials } from './workload-clusters.ts';

/** Defaults of {@link LiveTiming}. */
export const DEFAULT_LIVE_TIMING: LiveTiming = {
  ...DEFAULT_WATCH_TIMING,
  probeIntervalMs: 5_000,
  probeTimeoutMs: 5_000,
};

/** Options of {@link createLiveSource}. */
export interface LiveSourceOptions {
  /** Path of the management cluster's kubeconfig; or give `target`. */
  readonly kubeconfig?: string;
  /** The kubeconfig context; defaults to its current-context. */
  readonly context?: string;
  /** The management cluster, already resolved (tests, embedding). */
  readonly target?: ClusterTarget;
  /** Where workload credentials come from; defaults to CAPI's `<cluster>-kubeconfig` Secrets. */
  readonly workloadCredentials?: WorkloadCredentials;
  /** Whether to connect to workload clusters at all (default true). */
  readonly workloads?: boolean;
  readonly clientFactory?: ClientFactory;
  readonly clock?: () => Date;
  readonly delay?: Delay;
  readonly timing?: Partial<LiveTiming>;
  /** Every object change and cluster state change, as it happens. */
  readonly onChange?: (change: LiveChange) => void;
}

/** A live view of a management cluster and its workload clusters, kept current by list and watch. */
export interface LiveSource {
  /** The management cluster's display name (the context). */
  readonly management: string;
  /** Discovers the management cluster's resource types and starts every watch; throws when discovery fails. */
  start(): Promise<void>;
  /** Resolves true once every known cluster and resource has been listed or has failed; false on timeout. */
  waitForSync(timeoutMs: number): Promise<boolean>;
  /** What is known now, Bundle-shaped so `buildFleetGraph` relates it exactly as it relates a bundle. */
  bundle(): Bundle;
  /** Every cluster's state, management first. */
  statuses(): ClusterStatus[];
  /** Reads the recent logs of the CAPI and provider controllers once; later bundles include them. */
  readControllerLogs(sinceSeconds: number): Promise<readonly ControllerLog[]>;
  stop(): Promise<void>;
}

const CLUSTER_KIND = { group: 'cluster.x-k8s.io', kind: 'Cluster' };

/** Creates a live source; nothing is contacted until `start()`. Live mode only reads: GET, list and watch. */
export function createLiveSource(options: LiveSourceOptions): LiveSource {
  const target =
    options.target ??
    (options.kubeconfig
      ? readKubeconfig(options.kubeconfig, options.context)
      : (() => {
          throw new InputError('no-kubeconfig', 'createLiveSource needs a kubeconfig or a target');
        })());
  const factory = options.clientFactory ?? createKubeClient;
  const clock = options.clock ?? (() => new Date());
  const delay = options.delay ?? realDelay;
  const timing: LiveTiming = { ...DEFAULT_LIVE_TIMING, ...options.timing };
  const credentials = options.workloadCredentials ?? { type: 'secret' };
  const emit = (change: LiveChange): void => options.onChange?.(change);
  const stopping = new AbortController();
  let managementClient: KubeClient | undefined;
  let started = false;
  let controllerLogs: readonly ControllerLog[] = [];
  let logIssues: ReadIssue[] = [];

  const workloads = new Map<string, { connection: ClusterConnection; setup: Promise<void> }>();
  const management = new ClusterConnection({
    cluster: 'management',
    plane: 'management',
    workloadCluster: undefined,
    timing,
    clock,
    delay,
    emit,
    onObjects: (resource) => {
      if (resource.group === CLUSTER_KIND.group && resource.kind === CLUSTER_KIND.kind) reconcileWorkloads();
    },
  });

  /** Connects one workload cluster: credentials first (retried with backoff until they exist), then watches. */
  const connectWorkload = async (
    connection: ClusterConnection,
    namespace: string,
    name: string,
  ): Promise<void> => {
    let failures = 0;
    while (!stopping.signal.aborted && managementClient) {
      const resolved = await workloadTarget(managementClient, credentials, namespace, name);
      if (stopping.signal.aborted) return;
      if (resolved.ok) {
        connection.start(factory(resolved.value), WORKLOAD_RESOURCES);
        return;
      }
      connection.fail(resolved.error);
      const wait = Math.min(timing.backoffMaxMs, timing.backoffInitialMs * 2 ** failures++);
      await delay(wait, stopping.signal);
    }
  };

  const clusterKeys = (): string[] => {
    const keys: string[] = [];
    for (const object of management.objects()) {
      if (object.group === CLUSTER_KIND.group && object.kind === CLUSTER_KIND.kind)
        keys.push(`${object.namespace}/${object.name}`);
    }
    return keys.sort();
  };

  function reconcileWorkloads(): void {
    if (options.workloads === false || stopping.signal.aborted) return;
    const wanted = new Set(clusterKeys());
    for (const key of wanted) {
      if (workloads.has(key)) continue;
      const [namespace = '', name = ''] = key.split('/');
      const connection = new ClusterConnection({
        cluster: key,
        plane: 'workload',
        workloadCluster: key,
        timing,
        clock,
        delay,
        emit,
      });
      workloads.set(key, { connection, setup: connectWorkload(connection, namespace, name) });
    }
    for (const [key, entry] of workloads) {
      if (wanted.has(key)) continue;
      // The CAPI Cluster was deleted: its workload objects leave the model with it.
      workloads.delete(key);
      void entry.setup.then(() => entry.connection.stop(true));
    }
  }

  const statuses = (): ClusterStatus[] => [
    management.status(),
    ...[...workloads.keys()].sort().map((key) => workloads.get(key)!.connection.status()),
  ];

  return {
    management: target.name,
    async start() {
      if (started) throw new Error('LiveSource.start: already started');
      started = true;
      const client = factory(target);
      managementClient = client;
      const discovered = await discoverCapiResources(client);
      if (!discovered.ok) {
        management.fail(discovered.error);
        throw new InputError('management-unavailable', explainManagementError(discovered.error, target));
      }
      if (discovered.value.resources.length === 0) {
        throw new InputError(
          'not-a-management-cluster',
          `${target.name}: no cluster.x-k8s.io resource types at ${target.server}: is it a Cluster API management cluster?`,
        );
      }
      const resources: ResourceType[] = [...discovered.value.resources, EVENTS];
      management.start(client, resources);
    },
    async waitForSync(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const settled = (): boolean => {
        if (!started || management.status().resources.some((r) => r.state === 'syncing')) return false;
        if (options.workloads === false) return true;
        const keys = clusterKeys();
        return keys.every((key) => {
          const status = workloads.get(key)?.connection.status();
          return status !== undefined && status.state !== 'syncing';
        });
      };
      while (!settled()) {
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return true;
    },
    bundle() {
      const now = clock();
      const objects: FleetObject[] = [...management.objects()];
      const workloadClusters: string[] = [];
      const issues: ReadIssue[] = [];
      for (const status of statuses()) {
        if (status.plane === 'workload') {
          const entry = workloads.get(status.cluster);
          if (entry) objects.push(...entry.connection.objects());
          if (status.synced) workloadClusters.push(status.cluster);
        }
        issues.push(...statusIssues(status));
      }
      issues.push(...logIssues);
      return {
        root: `live:${target.name}`,
        now,
        capturedAt: now.toISOString(),
        management: target.name,
        objects,
        logs: controllerLogs.flatMap((log) => log.entries),
        metrics: [],
        workloadClusters,
        issues,
      };
    },
    statuses,
    async readControllerLogs(sinceSeconds) {
      if (!managementClient) throw new Error('LiveSource.readControllerLogs: call start() first');
      const read = await readControllerLogs(managementClient, { sinceSeconds, now: clock() });
      controllerLogs = read.logs;
      logIssues = read.errors.map((error) => ({
        severity: 'warning',
        code: 'log-not-read',
        message: error.message,
        source: { file: 'live:management/logs' },
      }));
      return read.logs;
    },
    async stop() {
      stopping.abort();
      await Promise.all(
        [...workloads.values()].map(async (w) => {
          await w.setup;
          await w.connection.stop(false);
        }),
      );
      await management.stop(false);
    },
  };
}

/** The issues a cluster's state adds to the live Bundle: a stale or failed cluster is never shown as healthy. */
function statusIssues(status: ClusterStatus): ReadIssue[] {
  const out: ReadIssue[] = [];
  const where = status.plane === 'management' ? 'live:management' : `live:workload/${status.cluster}`;
  if (status.state === 'failed' || status.state === 'stale' || status.state === 'syncing') {
    // `workload-not-captured` is what diagnose reads as an unreachable workload cluster.
    const code = status.plane === 'workload' ? 'workload-not-captured' : `management-${status.state}`;
    const what =
      status.state === 'stale'
        ? `is stale since ${status.since.toISOString()} (showing the last data it sent)`
        : status.state === 'syncing'
          ? 'has not been listed yet'
          : 'could not be read';
    out.push({
      severity: status.plane === 'management' ? 'error' : 'warning',
      code,
      message: `the ${status.plane === 'management' ? 'management cluster' : `workload cluster ${status.cluster}`} ${what}: ${status.message ?? 'no reason given'}`,
      source: { file: where },
    });
  }
  for (const resource of status.resources) {
    if (resource.state === 'failed' && resource.message !== status.message) {
      out.push({
        severity: 'error',
        code: 'resource-not-listed',
        message: resource.message ?? resource.resource,
        source: { file: `${where}/${resource.resource}` },
      });
    }
  }
  return out;
}

function explainManagementError(error: ClusterError, target: ClusterTarget): string {
  return `management cluster (context ${target.name}, ${target.server}): ${error.message.replace(/^cluster [^:]+: /, '')}`;
}
