import { createProgress, UsageError, type CliIo } from './io.ts';
import type { Bundle } from '../bundle/bundle.ts';
import { readRelationsFile } from '../config/relations-file.ts';
import { buildFleetGraph, type FleetGraph } from '../graph/fleet-graph.ts';
import { createLiveSource, type LiveSourceOptions } from '../sources/live-source.ts';

/** The options of every command that can read live clusters instead of a bundle, for `parseArgs`. */
export const LIVE_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'workload-kubeconfig-dir': { type: 'string' },
  'no-workload': { type: 'boolean', default: false },
  'sync-timeout': { type: 'string', default: '60' },
  'no-logs': { type: 'boolean', default: false },
  since: { type: 'string', default: '6h' },
} as const;

/** Help lines for {@link LIVE_OPTIONS}. */
export const LIVE_HELP = `Live mode (instead of a bundle; read-only: list, watch and get only):
      --kubeconfig F   read the management cluster of this kubeconfig and every workload cluster its
                       CAPI Clusters point at (deploy/rbac/ has the ClusterRole it needs; docs/live.md)
      --context C      the kubeconfig context of the management cluster (default: current-context)
      --workload-kubeconfig-dir D
                       your own workload credentials, D/<namespace>/<cluster>.kubeconfig, instead of
                       reading CAPI's <cluster>-kubeconfig Secrets
      --no-workload    management cluster only; no Secret is read
      --sync-timeout S seconds to wait for every cluster to be listed (default 60); a cluster not
                       listed by then is reported as not captured, never as healthy
      --since D        how much CAPI and provider controller log to read, e.g. 30m, 6h, 1h30m (default 6h)
      --no-logs        do not read controller logs
`;

/** Parsed live options. */
export interface LiveLoadOptions {
  readonly kubeconfig: string;
  readonly context: string | undefined;
  readonly workloadKubeconfigDir: string | undefined;
  readonly noWorkload: boolean;
  readonly syncTimeoutSeconds: number;
  /** Controller log to read, in seconds; undefined with --no-logs. */
  readonly logSeconds: number | undefined;
}

/** Reads the live options of a command's parsed values; undefined when `--kubeconfig` is not given. */
export function liveOptionsFrom(values: {
  kubeconfig?: string;
  context?: string;
  'workload-kubeconfig-dir'?: string;
  'no-workload'?: boolean;
  'sync-timeout'?: string;
  'no-logs'?: boolean;
  since?: string;
}): LiveLoadOptions | undefined {
  if (values.kubeconfig === undefined) {
    if (values.context !== undefined || values['workload-kubeconfig-dir'] !== undefined)
      throw new UsageError('--context and --workload-kubeconfig-dir need --kubeconfig');
    return undefined;
  }
  const seconds = Number(values['sync-timeout'] ?? '60');
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--sync-timeout must be a number of seconds, not ${values['sync-timeout']}`);
  return {
    kubeconfig: values.kubeconfig,
    context: values.context,
    workloadKubeconfigDir: values['workload-kubeconfig-dir'],
    noWorkload: values['no-workload'] === true,
    syncTimeoutSeconds: seconds,
    logSeconds: values['no-logs'] ? undefined : durationSeconds(values.since ?? '6h'),
  };
}

/** Seconds of a duration like `30m`, `6h`, `1h30m` or `90s`, as kubectl's --since takes it. */
export function durationSeconds(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  const [, h, m, s] = match ?? [];
  const seconds = Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  if (!match || seconds <= 0)
    throw new UsageError(`--since must be a duration such as 30m, 6h or 1h30m, not ${text}`);
  return seconds;
}

/** The live source options of parsed CLI options. */
export function liveSourceOptions(options: LiveLoadOptions): LiveSourceOptions {
  return {
    kubeconfig: options.kubeconfig,
    ...(options.context ? { context: options.context } : {}),
    ...(options.workloadKubeconfigDir
      ? { workloadCredentials: { type: 'directory', dir: options.workloadKubeconfigDir } as const }
      : {}),
    workloads: !options.noWorkload,
  };
}

/** Lists the live fleet once (every cluster listed or failed), stops watching, and builds its graph. */
export async function loadLiveFleet(
  options: LiveLoadOptions,
  relationsFile: string | undefined,
  quiet: boolean,
  io: CliIo,
): Promise<{ bundle: Bundle; graph: FleetGraph }> {
  const relations = relationsFile ? await readRelationsFile(relationsFile) : [];
  const progress = createProgress(io, quiet);
  let objects = 0;
  const source = createLiveSource({
    ...liveSourceOptions(options),
    onChange: (change) => {
      if (change.type === 'object' && change.action === 'added')
        progress.update(`listing: ${++objects} objects`);
    },
  });
  try {
    progress.update(`connecting to ${source.management}`);
    await source.start();
    await source.waitForSync(options.syncTimeoutSeconds * 1000);
    if (options.logSeconds !== undefined) {
      progress.update('reading controller logs');
      await source.readControllerLogs(options.logSeconds);
    }
    const bundle = source.bundle();
    progress.update(`relating ${bundle.objects.length} objects`);
    return { bundle, graph: buildFleetGraph(bundle, { relations }) };
  } finally {
    progress.done();
    await source.stop();
  }
}
