import { isObject, num, str } from '../capi/access.ts';
import type { ClusterError, KubeClient, Result } from './kube-client.ts';
import { apiVersionOf, collectionPath, resourceName, type ResourceType } from './resource-type.ts';

/** Where a watched resource or cluster stands: `stale` keeps the last data but is not current. */
export type WatchState = 'syncing' | 'live' | 'stale' | 'failed';

/** Timings of list and watch; every one has a default. */
export interface WatchTiming {
  /** First reconnect delay; doubles per failure up to `backoffMaxMs`. */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** Server-side end of each watch request; the client then re-watches from the last resourceVersion. */
  readonly watchTimeoutSeconds: number;
  /** A watch that sends nothing (not even its server-side end) for this long is treated as a dead connection. */
  readonly silenceTimeoutMs: number;
  /** Items per list page. */
  readonly pageSize: number;
  /** Timeout of each list page. */
  readonly requestTimeoutMs: number;
}

/** Defaults of {@link WatchTiming}. */
export const DEFAULT_WATCH_TIMING: WatchTiming = {
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  watchTimeoutSeconds: 300,
  silenceTimeoutMs: 330_000,
  pageSize: 500,
  requestTimeoutMs: 60_000,
};

/** Sleeps `ms`, or less when the signal aborts; injected so tests need not sleep. */
export type Delay = (ms: number, signal: AbortSignal) => Promise<void>;

/** The real delay. */
export const realDelay: Delay = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** Options of {@link startResourceWatch}. */
export interface ResourceWatchOptions {
  readonly client: KubeClient;
  readonly resource: ResourceType;
  readonly delay: Delay;
  readonly timing?: Partial<WatchTiming>;
  /** The full list, after the first list and after every relist: the receiver replaces what it had. */
  readonly onSync: (items: readonly Record<string, unknown>[]) => void;
  /** One change from the watch stream. */
  readonly onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Record<string, unknown>) => void;
  /** Every change of state, with the error that caused a `stale` or `failed`. */
  readonly onState: (state: WatchState, error: ClusterError | undefined) => void;
  /** Counts relists after a 410, for tests and diagnostics. */
  readonly onRelist?: (reason: string) => void;
}

/** A running list+watch of one resource in one cluster. */
export interface ResourceWatch {
  readonly resource: ResourceType;
  state(): WatchState;
  lastError(): ClusterError | undefined;
  /** How many times the resource was listed again after a 410. */
  relists(): number;
  /** Cuts the current connection; the loop reconnects (used when a probe finds the cluster down). */
  reconnect(): void;
  /** Ends a backoff wait now (used when a probe finds the cluster back). */
  retryNow(): void;
  /** Stops the loop; resolves when it has ended. */
  stop(): Promise<void>;
}

/**
 * Lists a resource and watches it from the list's resourceVersion, forever: 410 relists, a closed stream
 * re-watches from the last resourceVersion or bookmark, any other failure reconnects with capped exponential
 * backoff. Errors become states (`stale` when data was synced before, `failed` when never, or on 401/403).
 */
export function startResourceWatch(options: ResourceWatchOptions): ResourceWatch {
  const timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
  const { client, resource } = options;
  const path = collectionPath(resource);
  const stopping = new AbortController();
  let connection = new AbortController();
  let wake = new AbortController();
  let state: WatchState = 'syncing';
  let error: ClusterError | undefined;
  let synced = false;
  let relists = 0;

  const setState = (next: WatchState, cause: ClusterError | undefined): void => {
    if (next === state && cause?.message === error?.message) return;
    state = next;
    error = cause;
    options.onState(next, cause);
  };
  const failWith = (cause: ClusterError): void => {
    const fatal = cause.kind === 'forbidden' || cause.kind === 'unauthorized';
    setState(synced && !fatal ? 'stale' : 'failed', cause);
  };

  const withDefaults = (item: unknown): Record<string, unknown> | undefined =>
    // Typed lists of built-in kinds leave apiVersion and kind off their items.
    isObject(item) ? { ...item, apiVersion: apiVersionOf(resource), kind: resource.kind } : undefined;

  const list = async (): Promise<Result<{ items: Record<string, unknown>[]; resourceVersion: string }>> => {
    const items: Record<string, unknown>[] = [];
    let next: string | undefined;
    for (;;) {
      const query = `?limit=${timing.pageSize}${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
      const page = await client.getJson(path + query, {
        timeoutMs: timing.requestTimeoutMs,
        signal: stopping.signal,
      });
      if (!page.ok) {
        // 410 on a continue token: the snapshot expired between pages; list again from the start.
        if (page.error.kind === 'gone' && next) {
          items.length = 0;
          next = undefined;
          continue;
        }
        return page;
      }
      for (const item of Array.isArray((page.value as { items?: unknown }).items)
        ? (page.value as { items: unknown[] }).items
        : []) {
        const object = withDefaults(item);
        if (object) items.push(object);
      }
      next = str(page.value, 'metadata.continue') || undefined;
      if (!next) {
        return {
          ok: true,
          value: { items, resourceVersion: str(page.value, 'metadata.resourceVersion') ?? '' },
        };
      }
    }
  };

  const loop = async (): Promise<void> => {
    let resourceVersion: string | undefined;
    let failures = 0;
    let quickCloses = 0;
    const backoff = async (): Promise<void> => {
      const base = Math.min(timing.backoffMaxMs, timing.backoffInitialMs * 2 ** failures);
      failures++;
      // Jitter spreads the reconnects of many watches to one recovering server.
      wake = new AbortController();
      await options.delay(
        base * (0.8 + Math.random() * 0.4),
        AbortSignal.any([stopping.signal, wake.signal]),
      );
    };
    while (!stopping.signal.aborted) {
      if (resourceVersion === undefined) {
        const listed = await list();
        if (stopping.signal.aborted) break;
        if (!listed.ok) {
          failWith(listed.error);
          await backoff();
          continue;
        }
        resourceVersion = listed.value.resourceVersion;
        synced = true;
        options.onSync(listed.value.items);
        setState('live', undefined);
        failures = 0;
      }
      connection = new AbortController();
      const signal = AbortSignal.any([stopping.signal, connection.signal]);
      let gone = false;
      let streamError: ClusterError | undefined;
      let events = 0;
      const opened = Date.now();
      const query =
        `?watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}` +
        `&timeoutSeconds=${timing.watchTimeoutSeconds}`;
      const watched = await client.watch(path + query, {
        silenceTimeoutMs: timing.silenceTimeoutMs,
        signal,
        // An accepted watch is current even before its first event.
        onOpen: () => {
          if (state !== 'live') setState('live', undefined);
        },
        onEvent: (event) => {
          events++;
          const type = str(event, 'type');
          const object = isObject(event) ? event.object : undefined;
          if (type === undefined && isObject(event) && Array.isArray(event.items)) {
            // A server that does not implement watch answers with the list itself: take it as a relist.
            const items = event.items.map(withDefaults).filter((i): i is Record<string, unknown> => !!i);
            resourceVersion = str(event, 'metadata.resourceVersion') ?? resourceVersion;
            options.onSync(items);
            return;
          }
          if (type === 'ERROR') {
            // 410: the resourceVersion is older than the server keeps; relist.
            if (num(object, 'code') === 410) gone = true;
            else
              streamError = {
                kind: 'http',
                cluster: client.target.name,
                status: num(object, 'code'),
                message: `cluster ${client.target.name}: watch ${resourceName(resource)}: ${str(object, 'message') ?? 'error event'}`,
              };
            return;
          }
          const rv = str(object, 'metadata.resourceVersion');
          if (rv) resourceVersion = rv;
          if (state !== 'live') setState('live', undefined);
          failures = 0;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
            const item = withDefaults(object);
            if (item) options.onEvent(type, item);
          }
        },
      });
      if (stopping.signal.aborted) break;
      if (gone || (!watched.ok && watched.error.kind === 'gone')) {
        relists++;
        options.onRelist?.('410 Gone');
        resourceVersion = undefined;
        continue;
      }
      if (connection.signal.aborted) {
        await backoff();
        continue;
      }
      const failure = watched.ok ? streamError : watched.error;
      if (!failure && Date.now() - opened < 1_000 && events <= 1) {
        // A watch the server ends at once (or one that does not implement watch and sends the list) would
        // otherwise be a request storm: poll at most every 2 s, and stay live.
        quickCloses++;
        await options.delay(Math.min(2_000, timing.backoffInitialMs * 2 ** quickCloses), stopping.signal);
        continue;
      }
      quickCloses = 0;
      if (failure) {
        // 429 right after a list: the server's watch cache is (re)initializing; the list is current, so a
        // few quick retries do not make it stale.
        const throttled = failure.status === 429 && failures < 3;
        if (!throttled) failWith(failure);
        await backoff();
      }
    }
  };
  const done = loop();

  return {
    resource,
    state: () => state,
    lastError: () => error,
    relists: () => relists,
    reconnect: () => connection.abort(),
    retryNow: () => wake.abort(),
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
