import { parseArgs } from 'node:util';
import { UsageError, wantColor, type CliIo } from './io.ts';
import { LOAD_OPTIONS, loadFleet } from './load.ts';
import { LIVE_HELP, LIVE_OPTIONS, liveOptionsFrom } from './live-load.ts';
import { describeFleet } from '../describe/describe-fleet.ts';
import { renderDescription } from '../describe/render-text.ts';

/** `causeway describe --help`. */
export const DESCRIBE_HELP = `Usage: causeway describe <bundle> [cluster] [options]
       causeway describe --kubeconfig F [--context C] [cluster] [options]

Shows each Cluster as a tree across both planes, like \`clusterctl describe cluster\` but with the
workload side joined in: Cluster, infrastructure, control plane and its Machines, MachineDeployments,
MachineSets and Machines, and under each Machine its Node with readiness and pod counts. Points out
what either plane alone hides: a Machine Running whose Node is NotReady or gone, a Node no Machine
owns, a Machine stuck in one phase, Machine and Node records that disagree.

Arguments:
  <bundle>            a fleet bundle folder (management/, workload/<ns>/<cluster>/, logs/, metrics/),
                      a folder of kubectl -o json|yaml captures, or one capture file
  [cluster]           only this Cluster: namespace/name, or a name unique in the fleet

Options:
  -o, --output FMT    text (default) or json (the same tree as data, for jq and other tools)
      --color WHEN    auto (default: when stdout is a terminal and NO_COLOR is unset), always, never
      --no-grouping   one row per Machine instead of folding alike Machines into one row
      --relations F   a YAML file of your own relations (see README, "Custom relations")
      --strict        stop at the first unreadable file instead of reporting it and going on
  -v, --verbose       also list notices about the input (ignored files, old API versions)
  -q, --quiet         no progress line on stderr
  -h, --help          this help

${LIVE_HELP}
Examples:
  causeway describe demo/fleet
  causeway describe ./bundle-2026-11-20 payments/prod-eu --no-grouping
  causeway describe --kubeconfig ~/.kube/mgmt.yaml --context mgmt-eu-1 payments/prod-eu
  causeway describe ./bundle -o json | jq '.clusters[].findings[] | select(.severity=="critical")'

Exit status: 0 when the fleet was described (whatever it shows), 2 for unusable input or usage.
`;

/** Runs `causeway describe`. */
export async function describeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LOAD_OPTIONS,
      ...LIVE_OPTIONS,
      output: { type: 'string', short: 'o', default: 'text' },
      color: { type: 'string' },
      'no-grouping': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(DESCRIBE_HELP);
    return 0;
  }
  const live = liveOptionsFrom(values);
  // Live mode has no bundle path: the first argument is the cluster.
  const [bundlePath, cluster, ...extra] = live ? ['', ...positionals] : positionals;
  if (!live && !bundlePath) throw new UsageError('describe needs a bundle path');
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`--output must be text or json, not ${values.output}`);
  const color = wantColor(values.color, io);
  const { bundle, graph } = await loadFleet(
    bundlePath ?? '',
    { strict: values.strict, relations: values.relations, quiet: values.quiet, ...(live ? { live } : {}) },
    io,
  );
  const description = describeFleet(graph, {
    grouping: !values['no-grouping'],
    management: bundle.management,
    issues: bundle.issues,
    ...(cluster ? { cluster } : {}),
  });
  if (values.output === 'json') {
    io.stdout.write(JSON.stringify(description, null, 2) + '\n');
    return 0;
  }
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 160) : undefined;
  io.stdout.write(renderDescription(description, { color, width, verbose: values.verbose }));
  return 0;
}
