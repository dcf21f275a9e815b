import { createKubeClient, type ClientFactory, type KubeClient } from '../sources/kube-client.ts';

const EVENTS_PATH = /^\/api\/v1\/(namespaces\/[^/]+\/)?events(\?|$)/;

/**
 * A live-mode client factory for workload clusters simulated by the Dev provider's in-memory backend, whose fake API
 * server does not serve core/v1 Events ("resource events is not defined in the APIResourceList", HTTP 500), which
 * live mode reports as the whole workload cluster failing. For every server but `managementUrl`, Event lists are
 * answered empty and Event watches are held open without events.
 */
export function inMemoryWorkloadClients(managementUrl: string): ClientFactory {
  return (target) => {
    const client = createKubeClient(target);
    if (target.server === managementUrl) return client;
    const wrapped: KubeClient = {
      target: client.target,
      getJson: (path, options) =>
        EVENTS_PATH.test(path)
          ? Promise.resolve({
              ok: true,
              value: { apiVersion: 'v1', kind: 'EventList', metadata: { resourceVersion: '1' }, items: [] },
            })
          : client.getJson(path, options),
      getText: (path, options) => client.getText(path, options),
      watch: (path, options) => {
        if (!EVENTS_PATH.test(path)) return client.watch(path, options);
        options.onOpen?.();
        // Ends like a server-side close before the silence timeout, so the watcher simply watches again.
        return new Promise((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            resolve({ ok: true, value: undefined });
          };
          const timer = setTimeout(done, Math.max(100, options.silenceTimeoutMs / 2));
          options.signal?.addEventListener('abort', done, { once: true });
        });
      },
      close: () => client.close(),
    };
    return wrapped;
  };
}
