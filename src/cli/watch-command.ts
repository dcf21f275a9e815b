import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from './io.ts';
import { LIVE_HELP, LIVE_OPTIONS, liveOptionsFrom, liveSourceOptions } from './live-load.ts';
import type { LiveChange } from '../sources/cluster-connection.ts';
import { createLiveSource } from '../sources/live-source.ts';

/** `causeway watch --help`. */
export const WATCH_HELP = `Usage: causeway watch --kubeconfig F [--context C] [options]

Watches a Cluster API management cluster and every workload cluster it manages, and prints each change
as it happens: Cluster API objects, infrastructure and bootstrap objects of any provider, Events, and
in each workload cluster its Nodes, Pods and Events. It also prints every cluster's state:

  live      listed and watched; what you see is current
  stale     was live, but the connection is lost or silent; causeway keeps retrying with backoff and
            shows the last data it had, marked stale (never as healthy)
  failed    could not be read at all: unreachable, no or rejected credentials, or a missing
            permission (the message names the verb, resource and namespace, and how to grant it)
  syncing   being listed

Only reads (list, watch, get). Stop with Ctrl-C.

Options:
  -o, --output FMT     text (default) or json (one JSON object per line, for jq)
      --initial        also print the objects found by the first list (default: a count per cluster)
  -h, --help           this help

${LIVE_HELP}
Examples:
  causeway watch --kubeconfig ~/.kube/mgmt.yaml
  causeway watch --kubeconfig ~/.kube/mgmt.yaml -o json | jq 'select(.type=="cluster")'

Exit status: 0 after Ctrl-C, 2 for usage errors or when the management cluster cannot be read.
`;

/** Runs `causeway watch` until `stop` aborts (Ctrl-C by default). */
export async function watchCommand(args: readonly string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LIVE_OPTIONS,
      output: { type: 'string', short: 'o', default: 'text' },
      initial: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(WATCH_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument(s): ${positionals.join(' ')}`);
  const live = liveOptionsFrom(values);
  if (!live) throw new UsageError('watch needs --kubeconfig (the management cluster to watch)');
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`--output must be text or json, not ${values.output}`);
  const json = values.output === 'json';
  const print = (change: LiveChange): void => {
    if (change.type === 'object' && change.initial && !values.initial) return;
    io.stdout.write(`${json ? JSON.stringify(changeRecord(change)) : changeLine(change)}\n`);
  };
  const signal = stop ?? interrupted();
  const source = createLiveSource({ ...liveSourceOptions(live), onChange: print });
  try {
    await source.start();
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 0;
  } finally {
    await source.stop();
  }
}

/** Aborts on the first SIGINT or SIGTERM. */
function interrupted(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** A change as one JSON-lines record. */
export function changeRecord(change: LiveChange): Record<string, unknown> {
  if (change.type === 'cluster') {
    const { status } = change;
    return {
      type: 'cluster',
      time: status.since.toISOString(),
      cluster: status.cluster,
      state: status.state,
      ...(status.message ? { message: status.message } : {}),
      objects: status.resources.reduce((n, r) => n + r.objects, 0),
    };
  }
  const { object } = change;
  return {
    type: 'object',
    time: new Date().toISOString(),
    action: change.action,
    ...(change.initial ? { initial: true } : {}),
    cluster: object.plane === 'management' ? 'management' : object.workloadCluster,
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.namespace,
    name: object.name,
    resourceVersion: (object.raw.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion,
  };
}

/** A change as one text line. */
export function changeLine(change: LiveChange): string {
  if (change.type === 'cluster') {
    const { status } = change;
    const objects = status.resources.reduce((n, r) => n + r.objects, 0);
    return `${status.since.toISOString()}  cluster ${status.cluster}: ${status.state} (${objects} objects)${status.message ? `: ${status.message}` : ''}`;
  }
  const { object } = change;
  const name = object.namespace ? `${object.namespace}/${object.name}` : object.name;
  const cluster = object.plane === 'management' ? 'management' : (object.workloadCluster ?? '');
  return `${new Date().toISOString()}  ${change.action.padEnd(8)} ${cluster}  ${object.kind} ${name}`;
}
