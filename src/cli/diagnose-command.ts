import { uncapturedClusters } from '../bundle/bundle.ts';
import { parseArgs } from 'node:util';
import { UsageError, wantColor, type CliIo } from './io.ts';
import { LOAD_OPTIONS, loadFleet } from './load.ts';
import { LIVE_HELP, LIVE_OPTIONS, liveOptionsFrom } from './live-load.ts';
import { diagnose } from '../analysis/diagnose.ts';
import { renderReport } from '../analysis/render-report.ts';

/** `causeway diagnose --help`. */
export const DIAGNOSE_HELP = `Usage: causeway diagnose <bundle> [options]
       causeway diagnose --kubeconfig F [--context C] [options]

Turns the symptoms of a fleet into incidents with a root cause: Machines stuck in a phase, Running
Machines whose Node is NotReady or gone, control planes that do not initialize or whose etcd is
unhealthy, unreachable workload clusters, health checks that loop, Nodes under pressure, SLI series
that jump after a rollout, controllers that log the same error again and again. For each symptom it
reads the evidence around it (conditions, events, controller and boot logs, Node conditions) and
matches it against knowledge of AWS, Azure, GCP, vSphere, OpenStack, Metal3, Docker, Cluster API,
kubeadm, cloud-init and kubelet failures. One cause is one incident, across machines and clusters.

Options:
  -o, --output FMT     text (default: a report, most severe first) or json (../shared/spec/diagnosis.md)
      --fail-on SEV    exit 1 when an incident of this severity or worse exists: critical, warning or info
      --color WHEN     auto (default), always, never
      --relations F    a YAML file of your own relations
      --strict         stop at the first unreadable file
  -v, --verbose        also show info incidents
  -q, --quiet          no progress line on stderr
  -h, --help           this help

${LIVE_HELP}
Examples:
  causeway diagnose demo/fleet
  causeway diagnose ./bundle -o json | jq '.incidents[] | {severity, title, category: .rootCause.category}'
  causeway diagnose --kubeconfig ~/.kube/mgmt.yaml --workload-kubeconfig-dir ./kubeconfigs
  causeway diagnose ./bundle --fail-on critical -o json > diagnosis.json   # for CI gates

Exit status: 0 when the analysis ran, whatever it found; 1 with --fail-on when an incident of that
severity or worse exists; 2 for unusable input (the message names the file and line).
`;

const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** Runs `causeway diagnose`. */
export async function diagnoseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LOAD_OPTIONS,
      ...LIVE_OPTIONS,
      output: { type: 'string', short: 'o', default: 'text' },
      'fail-on': { type: 'string' },
      color: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(DIAGNOSE_HELP);
    return 0;
  }
  const live = liveOptionsFrom(values);
  if (live && positionals.length > 0)
    throw new UsageError(
      `--kubeconfig reads live clusters instead of a bundle; drop ${positionals.join(' ')}`,
    );
  const [bundlePath, ...extra] = live ? [''] : positionals;
  if (!live && !bundlePath) throw new UsageError('diagnose needs a bundle path');
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`--output must be text or json, not ${values.output}`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be critical, warning or info, not ${failOn}`);
  }
  const color = wantColor(values.color, io);
  const { bundle, graph } = await loadFleet(
    bundlePath ?? '',
    { strict: values.strict, relations: values.relations, quiet: values.quiet, ...(live ? { live } : {}) },
    io,
  );
  const unreachable = uncapturedClusters(bundle.issues);
  const diagnosis = diagnose(graph, { unreachable });
  if (values.output === 'json') io.stdout.write(JSON.stringify(diagnosis, null, 2) + '\n');
  else io.stdout.write(renderReport(diagnosis, { color, verbose: values.verbose }));
  const errors = bundle.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0 && !values.quiet)
    io.stderr.write(`causeway: ${errors} file(s) could not be read; run describe --verbose to see them\n`);
  if (failOn !== undefined) {
    const threshold = SEVERITIES.indexOf(failOn as (typeof SEVERITIES)[number]);
    if (diagnosis.incidents.some((i) => SEVERITIES.indexOf(i.severity) >= threshold)) return 1;
  }
  return 0;
}
