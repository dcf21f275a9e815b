import type { ClusterKey, FleetObject, Plane } from '../model/fleet.ts';
import type { ClusterError, KubeClient } from './kube-client.ts';
import { ObjectStream, type ObjectChange } from './live-store.ts';
import { resourceName, type ResourceType } from './resource-type.ts';
import {
  startResourceWatch,
  type Delay,
  type ResourceWatch,
  type WatchState,
  type WatchTiming,
} from './watch.ts';

/** Timings of a live source: watch timings plus the liveness probe of each cluster. */
export interface LiveTiming extends WatchTiming {
  /** How often each cluster's `/readyz` is probed. */
  readonly probeIntervalMs: number;
  /** A probe without an answer for this long marks the cluster stale (or failed, when never synced). */
  readonly probeTimeoutMs: number;
}

/** One resource's state inside a cluster. */
export interface ResourceStatus {
  readonly resource: string;
  readonly state: WatchState;
  readonly message: string | undefined;
  readonly objects: number;
  /** Relists after 410 Gone so far. */
  readonly relists: number;
}

/** Where one cluster stands, as live mode reports it: never `live` unless every watch is current. */
export interface ClusterStatus {
  /** `management`, or `namespace/name` of a workload cluster. */
  readonly cluster: string;
  readonly plane: Plane;
  readonly state: WatchState;
  /** Why it is not live, naming the cluster. */
  readonly message: string | undefined;
  /** When it entered this state. */
  readonly since: Date;
  /** Whether its objects were listed at least once (a stale cluster shows the last data it sent). */
  readonly synced: boolean;
  readonly resources: readonly ResourceStatus[];
}

/** A cluster state change, or an object change, as live mode emits them. */
export type LiveChange = ObjectChange | { readonly type: 'cluster'; readonly status: ClusterStatus };

const RANK: Record<WatchState, number> = { live: 0, syncing: 1, stale: 2, failed: 3 };

/** Options of {@link ClusterConnection}. */
export interface ClusterConnectionOptions {
  readonly cluster: string;
  readonly plane: Plane;
  readonly workloadCluster: ClusterKey | undefined;
  readonly timing: LiveTiming;
  readonly clock: () => Date;
  readonly delay: Delay;
  readonly emit: (change: LiveChange) => void;
  /** Called after every object change of this cluster (the live source reconciles workloads on Cluster changes). */
  readonly onObjects?: (resource: ResourceType) => void;
}

/** The watches of one cluster, its liveness probe and its state. */
export class ClusterConnection {
  readonly options: ClusterConnectionOptions;
  private client: KubeClient | undefined;
  private readonly streams = new Map<string, { stream: ObjectStream; watch: ResourceWatch }>();
  private setupError: ClusterError | undefined;
  private probeError: ClusterError | undefined;
  private synced = false;
  private last: ClusterStatus;
  private readonly stopping = new AbortController();
  private probing: Promise<void> | undefined;

  constructor(options: ClusterConnectionOptions) {
    this.options = options;
    this.last = { ...this.compute(), since: options.clock() };
  }

  /** Starts list+watch of `resources` with `client`, and the probe. */
  start(client: KubeClient, resources: readonly ResourceType[]): void {
    this.client = client;
    this.setupError = undefined;
    const scope = { plane: this.options.plane, workloadCluster: this.options.workloadCluster };
    for (const resource of resources) {
      const stream = new ObjectStream(resource, scope);
      const emitAll = (changes: readonly (ObjectChange | undefined)[]): void => {
        let any = false;
        for (const change of changes) {
          if (!change) continue;
          any = true;
          this.options.emit(change);
        }
        if (any) this.options.onObjects?.(resource);
      };
      const watch = startResourceWatch({
        client,
        resource,
        delay: this.options.delay,
        timing: this.options.timing,
        onSync: (items) => emitAll(stream.sync(items)),
        onEvent: (type, object) => emitAll([stream.apply(type, object)]),
        onState: () => this.update(),
      });
      this.streams.set(resourceName(resource), { stream, watch });
    }
    this.probing = this.probe();
    this.update();
  }

  /** Records why the cluster cannot be watched at all (no credentials, discovery failed). */
  fail(error: ClusterError): void {
    this.setupError = error;
    this.update();
  }

  /** The cluster's state, with every resource's current counts. */
  status(): ClusterStatus {
    return { ...this.last, resources: this.compute().resources };
  }

  /** Every object this cluster holds now. */
  *objects(): Generator<FleetObject> {
    for (const { stream } of this.streams.values()) yield* stream.values();
  }

  /** Stops watches and probe; the objects are dropped with deletions emitted when `forget`. */
  async stop(forget: boolean): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.streams.values()].map(({ watch }) => watch.stop()));
    await this.probing;
    this.client?.close();
    if (forget)
      for (const { stream } of this.streams.values()) for (const c of stream.clear()) this.options.emit(c);
  }

  private async probe(): Promise<void> {
    const { timing, delay } = this.options;
    while (!this.stopping.signal.aborted) {
      await delay(timing.probeIntervalMs, this.stopping.signal);
      if (this.stopping.signal.aborted || !this.client) return;
      const result = await this.client.getText('/readyz', {
        timeoutMs: timing.probeTimeoutMs,
        signal: this.stopping.signal,
      });
      if (this.stopping.signal.aborted) return;
      // Only the network counts: an HTTP answer, even an error, proves the server is there.
      const down = !result.ok && ['unreachable', 'timeout', 'tls'].includes(result.error.kind);
      if (down && !this.probeError) {
        this.probeError = result.error;
        // A half-open watch would wait for its silence timeout; cut it now.
        for (const { watch } of this.streams.values()) watch.reconnect();
        this.update();
      } else if (!down && this.probeError) {
        this.probeError = undefined;
        for (const { watch } of this.streams.values()) watch.retryNow();
        this.update();
      }
    }
  }

  private compute(): Omit<ClusterStatus, 'since'> {
    const resources: ResourceStatus[] = [...this.streams.entries()].map(([resource, { stream, watch }]) => ({
      resource,
      state: watch.state(),
      message: watch.lastError()?.message,
      objects: stream.size,
      relists: watch.relists(),
    }));
    let state: WatchState = this.streams.size === 0 ? 'syncing' : 'live';
    let message: string | undefined;
    for (const r of resources) {
      if (RANK[r.state] > RANK[state]) {
        state = r.state;
        message = r.message;
      }
    }
    const allSynced =
      resources.length > 0 && resources.every((r) => r.state !== 'syncing' && r.state !== 'failed');
    const synced = this.synced || allSynced;
    if (this.probeError) {
      state = synced ? 'stale' : 'failed';
      message = this.probeError.message;
    }
    if (this.setupError) {
      state = synced ? 'stale' : 'failed';
      message = this.setupError.message;
    }
    return { cluster: this.options.cluster, plane: this.options.plane, state, message, synced, resources };
  }

  private update(): void {
    const next = this.compute();
    this.synced = next.synced;
    const prev = this.last;
    const changed = next.state !== prev.state || next.message !== prev.message;
    this.last = { ...next, since: changed ? this.options.clock() : prev.since };
    if (changed) this.options.emit({ type: 'cluster', status: this.last });
  }
}
