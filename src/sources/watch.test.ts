import { expect, it } from 'vitest';
import type { ClusterTarget } from './kubeconfig.ts';
import type { KubeClient, Result, WatchStreamOptions } from './kube-client.ts';
import { startResourceWatch, type WatchState } from './watch.ts';

const TARGET = { name: 'fake', server: 'https://fake' } as ClusterTarget;
const NODES = { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false };

/** A client whose list and watch answers are scripted per call. */
function scripted(lists: Result<unknown>[], watches: ((o: WatchStreamOptions) => Result<void>)[]) {
  const calls: string[] = [];
  const client: KubeClient = {
    target: TARGET,
    getJson: (path) => {
      calls.push(`GET ${path}`);
      return Promise.resolve(
        lists.shift() ?? { ok: true, value: { items: [], metadata: { resourceVersion: '1' } } },
      );
    },
    getText: () => Promise.resolve({ ok: true, value: '' }),
    watch: async (path, options) => {
      calls.push(`WATCH ${path}`);
      const next = watches.shift();
      if (next) return next(options);
      // Nothing more scripted: block until stopped.
      await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve()));
      return { ok: true, value: undefined };
    },
    close: () => undefined,
  };
  return { client, calls };
}

const node = (name: string, rv: string) => ({ metadata: { name, resourceVersion: rv } });
const down = {
  ok: false as const,
  error: { kind: 'unreachable' as const, cluster: 'fake', status: undefined, message: 'refused' },
};

it('relists on a 410 ERROR event, re-watches from the last resourceVersion, and backs off on failures', async () => {
  const delays: number[] = [];
  const states: WatchState[] = [];
  const synced: string[][] = [];
  const events: string[] = [];
  const { client, calls } = scripted(
    [
      { ok: true, value: { items: [node('a', '5')], metadata: { resourceVersion: '10' } } },
      { ok: true, value: { items: [node('b', '30')], metadata: { resourceVersion: '40' } } },
    ],
    [
      (o) => {
        o.onOpen?.();
        o.onEvent({ type: 'ADDED', object: node('c', '12') });
        o.onEvent({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } });
        return { ok: true, value: undefined };
      },
      () => down,
      () => down,
      (o) => {
        o.onEvent({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old' } });
        return { ok: true, value: undefined };
      },
    ],
  );
  const watch = startResourceWatch({
    client,
    resource: NODES,
    delay: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    timing: { backoffInitialMs: 100, backoffMaxMs: 250, watchTimeoutSeconds: 60 },
    onSync: (items) => synced.push(items.map((i) => (i.metadata as { name: string }).name)),
    onEvent: (type, object) => events.push(`${type} ${(object.metadata as { name: string }).name}`),
    onState: (state) => states.push(state),
  });
  await new Promise((r) => setTimeout(r, 50));
  await watch.stop();
  expect(calls.map((c) => c.replace(/&timeoutSeconds=60|allowWatchBookmarks=true&/g, ''))).toEqual([
    'GET /api/v1/nodes?limit=500',
    'WATCH /api/v1/nodes?watch=true&resourceVersion=10',
    'WATCH /api/v1/nodes?watch=true&resourceVersion=15',
    'WATCH /api/v1/nodes?watch=true&resourceVersion=15',
    'WATCH /api/v1/nodes?watch=true&resourceVersion=15',
    'GET /api/v1/nodes?limit=500',
    'WATCH /api/v1/nodes?watch=true&resourceVersion=40',
  ]);
  expect(synced).toEqual([['a'], ['b']]);
  expect(events).toEqual(['ADDED c']);
  expect(states).toEqual(['live', 'stale', 'live']);
  expect(watch.relists()).toBe(1);
  // Capped exponential backoff with ±20 % jitter: about 100, then 200.
  expect(delays).toHaveLength(2);
  expect(delays[0]).toBeGreaterThanOrEqual(80);
  expect(delays[0]).toBeLessThanOrEqual(120);
  expect(delays[1]).toBeGreaterThanOrEqual(160);
  expect(delays[1]).toBeLessThanOrEqual(240);
});

it('is failed, not stale, when the first list is forbidden', async () => {
  const states: string[] = [];
  const forbidden = {
    ok: false as const,
    error: { kind: 'forbidden' as const, cluster: 'fake', status: 403, message: 'no list' },
  };
  const { client } = scripted([forbidden], []);
  const watch = startResourceWatch({
    client,
    resource: NODES,
    delay: (_ms, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    onSync: () => undefined,
    onEvent: () => undefined,
    onState: (state, error) => states.push(`${state} ${error?.message ?? ''}`),
  });
  await new Promise((r) => setTimeout(r, 20));
  await watch.stop();
  expect(states).toEqual(['failed no list']);
});
