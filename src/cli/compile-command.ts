import { parseArgs } from 'node:util';
import { loadIntent, parseMode } from './intent-input.ts';
import { UsageError, type CliIo } from './io.ts';
import { compileIntent } from '../intent/compile.ts';
import { intentJsonSchema, policyJsonSchema } from '../intent/json-schema.ts';
import { renderManifests } from '../intent/render.ts';
import { writeManifests } from '../intent/write.ts';

/** `causeway compile --help`. */
export const COMPILE_HELP = `Usage: causeway compile <intent.yaml> [options]

Turns a ClusterIntent, a short YAML description of a cluster (provider and region, Kubernetes version,
control plane and node pools, networks, health checks, rollout preferences), into the Cluster API
manifests that make it. The same intent always gives the same bytes, whatever the order of its keys
and lists, so the output can live in Git and be reviewed as a diff. Template names end in a hash of
their content: a new machine shape becomes a new template and a rolling replacement, never an in-place
edit that Cluster API would reject. The format, its defaults and the policy file: docs/intent.md.

Modes:
  expanded (default)  Cluster, infrastructure cluster, KubeadmControlPlane, machine and bootstrap
                      templates, one MachineDeployment per pool and failure domain, MachineHealthChecks.
                      Works on any management cluster.
  topology            a Cluster with spec.topology on a ClusterClass made for it, plus the templates the
                      class needs. The management cluster needs the ClusterTopology feature gate.

Arguments:
  <intent.yaml>            the intent (examples: examples/intents/*.yaml)

Options:
  -o, --output-dir DIR     one file per object in DIR, named NN-kind-name.yaml in apply order, instead of
                           one YAML stream on stdout; NN-*.yaml files of an earlier run are replaced
      --mode MODE          expanded (default) or topology
      --policy FILE        check the intent against an IntentPolicy first: providers, namespaces, regions,
                           versions, machine shapes, sizes (example: examples/intents/policy.yaml)
      --print-schema       print the JSON Schema of the intent format (for editors) and exit
      --print-policy-schema  print the JSON Schema of the policy format and exit
  -h, --help               this help

Examples:
  causeway compile examples/intents/aws.yaml > payments-prod.yaml
  causeway compile examples/intents/aws.yaml --policy examples/intents/policy.yaml -o clusters/payments-prod
  causeway compile examples/intents/docker.yaml --mode topology | kubectl apply --server-side -f -
  causeway compile --print-schema > intent.schema.json

Exit status: 0 when compiled, 2 for a bad intent, policy or usage: each problem is printed as
file:line:column: field: what is wrong; allowed: what would be accepted.
`;

/** Runs `causeway compile`. */
export async function compileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'output-dir': { type: 'string', short: 'o' },
      mode: { type: 'string' },
      policy: { type: 'string' },
      'print-schema': { type: 'boolean', default: false },
      'print-policy-schema': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(COMPILE_HELP);
    return 0;
  }
  if (values['print-schema'] || values['print-policy-schema']) {
    const schema = values['print-schema'] ? intentJsonSchema() : policyJsonSchema();
    io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  }
  const [intentPath, ...extra] = positionals;
  if (!intentPath) throw new UsageError('compile needs an intent file');
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  const mode = parseMode(values.mode, 'expanded');
  const parsed = await loadIntent(intentPath, values.policy, mode);
  const manifests = compileIntent(parsed.intent, { mode });
  const dir = values['output-dir'];
  if (dir === undefined) {
    io.stdout.write(renderManifests(manifests));
    return 0;
  }
  const written = await writeManifests(dir, manifests);
  io.stdout.write(`wrote ${written.length} files to ${dir}\n`);
  return 0;
}
