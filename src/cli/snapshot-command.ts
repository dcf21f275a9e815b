import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from './io.ts';
import { LIVE_HELP, LIVE_OPTIONS, liveOptionsFrom, liveSourceOptions } from './live-load.ts';
import { createLiveSource } from '../sources/live-source.ts';
import { writeSnapshot } from '../sources/snapshot.ts';

/** `causeway snapshot --help`. */
export const SNAPSHOT_HELP = `Usage: causeway snapshot --kubeconfig F [--context C] -o DIR [options]

Lists a Cluster API management cluster and every workload cluster it manages, and writes what it read
as a fleet bundle in DIR: the same layout scripts/capture-bundle.sh writes with kubectl, so either can
feed \`causeway describe DIR\` and \`causeway diagnose DIR\` later, on another machine, or in a ticket.

  DIR/bundle.yaml                            capturedAt (UTC) and management (the context name)
  DIR/management/<resource>.json             one List per Cluster API resource type, plus events.json
  DIR/workload/<ns>/<cluster>/{nodes,pods,events}.json
  DIR/workload/<ns>/<cluster>/CAPTURE-ERROR.txt   why that cluster could not be read (the rest is written)

Secrets are never listed and never written; the workload kubeconfigs read from CAPI Secrets stay in
memory. Controller logs (--since, default 6h) go to DIR/logs/management/<ns>/<pod>/<container>.log.

Options:
  -o, --output DIR     where to write; must not exist or be empty
  -q, --quiet          no progress lines on stderr
  -h, --help           this help

${LIVE_HELP}
Examples:
  causeway snapshot --kubeconfig ~/.kube/mgmt.yaml -o ./bundle-$(date -u +%Y%m%dT%H%M%SZ)
  causeway snapshot --kubeconfig ~/.kube/mgmt.yaml --workload-kubeconfig-dir ./kubeconfigs -o ./b

Exit status: 0 when the management cluster was written (even if some workload clusters failed: see
their CAPTURE-ERROR.txt), 2 for usage errors or when the management cluster cannot be read.
`;

/** Runs `causeway snapshot`. */
export async function snapshotCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LIVE_OPTIONS,
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(SNAPSHOT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument(s): ${positionals.join(' ')}`);
  const live = liveOptionsFrom(values);
  if (!live) throw new UsageError('snapshot needs --kubeconfig (the management cluster to read)');
  if (!values.output) throw new UsageError('snapshot needs -o DIR');
  const say = (line: string): void => {
    if (!values.quiet) io.stderr.write(`${line}\n`);
  };
  const source = createLiveSource(liveSourceOptions(live));
  try {
    say(`listing ${source.management} and its workload clusters ...`);
    await source.start();
    const synced = await source.waitForSync(live.syncTimeoutSeconds * 1000);
    if (!synced) say(`warning: not every cluster was listed within ${live.syncTimeoutSeconds} s`);
    const logs = live.logSeconds === undefined ? [] : await source.readControllerLogs(live.logSeconds);
    const bundle = source.bundle();
    for (const issue of bundle.issues.filter((i) => i.code === 'log-not-read'))
      say(`warning: ${issue.message}`);
    const result = await writeSnapshot(
      bundle,
      source.statuses(),
      values.output,
      (p) => say(`[${p.done}/${p.total}] ${p.file}${p.objects ? ` (${p.objects} objects)` : ''}`),
      logs,
    );
    for (const { cluster, message } of result.notCaptured)
      say(`warning: workload cluster ${cluster} not captured: ${message}`);
    say(`wrote ${result.objects} objects in ${result.files.length} files to ${values.output}`);
    return 0;
  } finally {
    await source.stop();
  }
}
