import { parseArgs } from 'node:util';
import { loadIntent, parseMode } from './intent-input.ts';
import { UsageError, type CliIo } from './io.ts';
import { checkMode, compileIntent } from '../intent/compile.ts';
import type { Manifest } from '../intent/manifest.ts';
import { planIntent } from '../intent/plan.ts';
import { renderPlanJson, renderPlanText } from '../intent/plan-render.ts';
import { liveFromBundle, liveFromKubeconfig, type LiveSnapshot } from '../intent/plan-sources.ts';
import type { CompileMode } from '../intent/types.ts';

/** `causeway plan --help`. */
export const PLAN_HELP = `Usage: causeway plan <intent.yaml> (--bundle DIR | --kubeconfig FILE [--context NAME]) [options]

Shows what applying an intent would change, and what Cluster API will do about it: the objects that
would be created or updated (field by field), and which MachineDeployments and whether the control
plane will roll, with how many machines are replaced, added or removed. A new Kubernetes version rolls
the control plane and every MachineDeployment; a new machine shape rolls the pools that use it; a new
replica count only scales. Read-only: plan sends GET requests and never writes.

Arguments:
  <intent.yaml>          the intent (see causeway compile --help and docs/intent.md)

Options:
      --bundle DIR       compare with a fleet bundle captured from the management cluster
      --kubeconfig FILE  compare with the live management cluster of this kubeconfig
      --context NAME     the kubeconfig context (default: its current-context)
      --mode MODE        expanded or topology (default: topology when the live Cluster has
                         spec.topology, else expanded)
      --policy FILE      check the intent against an IntentPolicy first
  -o, --output FMT       text (default) or json
  -v, --verbose          also list the objects that do not change
  -h, --help             this help

Examples:
  causeway plan examples/intents/aws.yaml --kubeconfig ~/.kube/management --context prod-eu
  causeway plan clusters/payments-prod.yaml --bundle ./bundle-2026-11-20
  causeway plan intent.yaml --kubeconfig mgmt.kubeconfig -o json | jq '.rollouts[] | select(.action != "scale")'

Exit status: 0 when planned (whatever the plan shows), 2 for a bad intent or usage, an unreadable
bundle or kubeconfig, or a cluster that cannot be reached.
`;

function detectMode(live: LiveSnapshot, clusterName: string): CompileMode {
  const cluster = live.objects.find(
    (o): o is { kind: string; metadata: { name: string }; spec?: { topology?: unknown } } => {
      const r = o as { kind?: unknown; metadata?: { name?: unknown } };
      return r.kind === 'Cluster' && r.metadata?.name === clusterName;
    },
  );
  return cluster?.spec?.topology !== undefined ? 'topology' : 'expanded';
}

/** Runs `causeway plan`. */
export async function planCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      bundle: { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      mode: { type: 'string' },
      policy: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'text' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(PLAN_HELP);
    return 0;
  }
  const [intentPath, ...extra] = positionals;
  if (!intentPath) throw new UsageError('plan needs an intent file');
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  if ((values.bundle === undefined) === (values.kubeconfig === undefined))
    throw new UsageError('plan needs exactly one of --bundle DIR and --kubeconfig FILE');
  if (values.context !== undefined && values.kubeconfig === undefined)
    throw new UsageError('--context goes with --kubeconfig');
  if (values.output !== 'text' && values.output !== 'json')
    throw new UsageError(`--output must be text or json, not ${values.output}`);
  const requested = values.mode === undefined ? undefined : parseMode(values.mode, 'expanded');
  const parsed = await loadIntent(intentPath, values.policy, requested);
  const { intent } = parsed;
  // Both modes' kinds are read, so the mode can follow what the live Cluster uses.
  const candidates: Manifest[] = [
    ...compileIntent(intent, { mode: 'expanded' }),
    ...compileIntent(intent, { mode: 'topology' }),
  ];
  const live =
    values.bundle !== undefined
      ? await liveFromBundle(values.bundle, intent.namespace, candidates)
      : await liveFromKubeconfig(values.kubeconfig ?? '', values.context, intent.namespace, candidates);
  const mode = requested ?? detectMode(live, intent.name);
  checkMode(parsed, mode);
  const plan = planIntent({
    intent,
    mode,
    desired: compileIntent(intent, { mode }),
    live: live.objects,
    source: live.source,
  });
  const withNotes = { ...plan, notes: [...live.notes, ...plan.notes] };
  io.stdout.write(
    values.output === 'json'
      ? renderPlanJson(withNotes)
      : renderPlanText(withNotes, { verbose: values.verbose }),
  );
  return 0;
}
