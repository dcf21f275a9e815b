import type { ClientFactory, KubeClient } from '../sources/kube-client.ts';

/** A client factory whose watches a test can cut and hold back, like a network partition it controls. */
export interface ControlledClients {
  readonly factory: ClientFactory;
  /** New watch requests wait until {@link release}. */
  hold(): void;
  release(): void;
  /** Ends every open watch stream, as a dropped connection would. */
  cut(): void;
  /** How many watch requests were made, per path without query. */
  readonly watches: Map<string, number>;
}

/** Wraps `inner` so a test controls when watches connect and when they drop. */
export function controlledClients(inner: ClientFactory): ControlledClients {
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  const open = new Set<AbortController>();
  const watches = new Map<string, number>();
  const factory: ClientFactory = (target) => {
    const client = inner(target);
    const wrapped: KubeClient = {
      ...client,
      async watch(path, options) {
        if (gate) await gate.promise;
        const key = path.split('?')[0] ?? path;
        watches.set(key, (watches.get(key) ?? 0) + 1);
        const cut = new AbortController();
        open.add(cut);
        try {
          const signal = options.signal ? AbortSignal.any([options.signal, cut.signal]) : cut.signal;
          return await client.watch(path, { ...options, signal });
        } finally {
          open.delete(cut);
        }
      },
    };
    return wrapped;
  };
  return {
    factory,
    watches,
    hold() {
      if (gate) return;
      let release = (): void => undefined;
      const promise = new Promise<void>((resolve) => (release = resolve));
      gate = { promise, open: release };
    },
    release() {
      gate?.open();
      gate = undefined;
    },
    cut() {
      for (const controller of open) controller.abort();
    },
  };
}
