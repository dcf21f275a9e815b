import { INTENT_API_VERSION } from './schema-parts.ts';
import type { ParsedIntent } from './parse-intent.ts';
import { IntentError, showValue, type IntentProblem } from './problems.ts';
import type { ObjectSchema, StringSchema } from './schema-dsl.ts';
import { PROVIDERS, type Intent, type MachineShape } from './types.ts';
import { validateYaml, type ValidatedFile } from './validate.ts';

const list = (description: string, items: StringSchema): ObjectSchema['properties'][string] => ({
  type: 'array',
  description,
  items,
  minItems: 1,
  maxItems: 500,
});
const word = (description: string): StringSchema => ({
  type: 'string',
  description,
  minLength: 1,
  maxLength: 128,
});
const limit = (description: string, maximum: number): ObjectSchema['properties'][string] => ({
  type: 'integer',
  description,
  minimum: 0,
  maximum,
});

/** The IntentPolicy format: organisation guardrails checked when an intent is compiled or planned. */
export const POLICY_SCHEMA: ObjectSchema = {
  type: 'object',
  description:
    'A Causeway IntentPolicy: what intents of this organisation may ask for. Every rule is optional.',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', description: 'The policy format version.', enum: [INTENT_API_VERSION] },
    kind: { type: 'string', description: 'Always IntentPolicy.', enum: ['IntentPolicy'] },
    providers: list('Allowed providers.', { type: 'string', description: 'A provider.', enum: PROVIDERS }),
    namespaces: list('Allowed namespaces (* is a wildcard).', word('A namespace pattern.')),
    regions: list(
      'Allowed AWS regions, Azure locations and vSphere datacenters; docker clusters are in "local" (* is a wildcard).',
      word('A region pattern.'),
    ),
    kubernetesVersions: list(
      'Allowed Kubernetes versions: v1.34 allows every patch of 1.34, v1.34.2 only that one.',
      { type: 'string', description: 'A version.', pattern: '^v?1\\.[0-9]{1,2}(\\.[0-9]{1,3})?$' },
    ),
    machineTypes: list(
      'Allowed machine shapes (* is a wildcard): AWS instance types, Azure VM sizes, vSphere <cpus>cpu-<memory>gib, docker.',
      word('A shape pattern.'),
    ),
    maxControlPlaneReplicas: limit('Most control plane machines.', 7),
    maxNodePoolReplicas: limit('Most machines in one pool: its replicas, or its autoscaling max.', 100000),
    maxTotalNodes: limit(
      'Most machines in the cluster: control plane plus every pool at its largest.',
      100000,
    ),
    maxNodePools: limit('Most node pools.', 1000),
    maxDiskGiB: limit('Largest root disk.', 1000000),
    requireHealthChecks: { type: 'boolean', description: 'Refuse intents that turn health checks off.' },
  },
};

/** A policy read from a file, with where each rule is written. */
export interface Policy {
  readonly file: string;
  readonly rules: Readonly<Record<string, unknown>>;
  readonly where: ValidatedFile['locate'];
}

/** Reads and checks a policy file; throws {@link IntentError} with file:line:column for bad input. */
export function parsePolicy(text: string, file: string): Policy {
  const validated = validateYaml(text, file, POLICY_SCHEMA, 'policy-invalid');
  return { file, rules: validated.value as Record<string, unknown>, where: validated.locate };
}

/** `*` matches any run of characters; everything else matches itself. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

/** The shape name a policy matches: instance type or VM size, `<cpus>cpu-<memory>gib` on vSphere, `docker`. */
export function shapeName(intent: Intent, machine: MachineShape): string {
  switch (intent.provider.name) {
    case 'vsphere':
      return `${machine.cpus ?? 0}cpu-${machine.memoryGiB ?? 0}gib`;
    case 'docker':
      return 'docker';
    default:
      return machine.type ?? '';
  }
}

function regionOf(intent: Intent): { value: string; path: string } {
  switch (intent.provider.name) {
    case 'aws':
      return { value: intent.provider.region, path: 'provider.aws.region' };
    case 'azure':
      return { value: intent.provider.location, path: 'provider.azure.location' };
    case 'vsphere':
      return { value: intent.provider.datacenter, path: 'provider.vsphere.datacenter' };
    case 'docker':
      return { value: 'local', path: 'provider.docker' };
  }
}

function versionAllowed(version: string, allowed: readonly string[]): boolean {
  const bare = version.replace(/^v/, '');
  return allowed.some((entry) => {
    const e = entry.replace(/^v/, '');
    return e.split('.').length === 2 ? bare.startsWith(`${e}.`) : bare === e;
  });
}

/** Checks an intent against a policy; throws {@link IntentError} naming each field the policy refuses. */
export function checkPolicy(parsed: ParsedIntent, policy: Policy): void {
  const { intent } = parsed;
  const rules = policy.rules;
  const problems: IntentProblem[] = [];
  const refuse = (path: string, value: unknown, rule: string, allowed: string): void => {
    const at = policy.where(rule);
    const shown =
      typeof value === 'string' && /^\d+ (machines|pools)$/.test(value) ? value : showValue(value);
    problems.push({
      file: parsed.file,
      ...parsed.locate(path),
      path,
      problem: `${shown} is refused by the policy ${policy.file}:${at.line}:${at.column} (${rule})`,
      allowed,
    });
  };
  const patterns = (rule: string): readonly string[] | undefined => rules[rule] as string[] | undefined;
  const poolPath = (name: string): string => parsed.poolPaths.get(name) ?? 'nodePools';

  const providers = patterns('providers');
  if (providers && !providers.includes(intent.provider.name)) {
    refuse(`provider.${intent.provider.name}`, intent.provider.name, 'providers', providers.join(', '));
  }
  const namespaces = patterns('namespaces');
  if (namespaces && !namespaces.some((p) => globMatch(p, intent.namespace))) {
    refuse('namespace', intent.namespace, 'namespaces', namespaces.join(', '));
  }
  const regions = patterns('regions');
  const region = regionOf(intent);
  if (regions && !regions.some((p) => globMatch(p, region.value))) {
    refuse(region.path, region.value, 'regions', regions.join(', '));
  }
  const versions = patterns('kubernetesVersions');
  if (versions && !versionAllowed(intent.kubernetesVersion, versions)) {
    refuse('kubernetesVersion', intent.kubernetesVersion, 'kubernetesVersions', versions.join(', '));
  }
  const machines = [
    { at: 'controlPlane.machine', machine: intent.controlPlane.machine },
    ...intent.nodePools.map((p) => ({ at: `${poolPath(p.name)}.machine`, machine: p.machine })),
  ];
  const shapes = patterns('machineTypes');
  const maxDisk = rules.maxDiskGiB as number | undefined;
  for (const { at, machine } of machines) {
    const shape = shapeName(intent, machine);
    if (shapes && !shapes.some((p) => globMatch(p, shape))) {
      refuse(
        intent.provider.name === 'vsphere' ? at : `${at}.type`,
        shape,
        'machineTypes',
        shapes.join(', '),
      );
    }
    if (maxDisk !== undefined && (machine.diskGiB ?? 0) > maxDisk) {
      refuse(`${at}.diskGiB`, machine.diskGiB, 'maxDiskGiB', `at most ${maxDisk} GiB`);
    }
  }
  const maxCp = rules.maxControlPlaneReplicas as number | undefined;
  if (maxCp !== undefined && intent.controlPlane.replicas > maxCp) {
    refuse(
      'controlPlane.replicas',
      intent.controlPlane.replicas,
      'maxControlPlaneReplicas',
      `at most ${maxCp}`,
    );
  }
  const maxPool = rules.maxNodePoolReplicas as number | undefined;
  let total = intent.controlPlane.replicas;
  for (const pool of intent.nodePools) {
    const largest = Math.max(pool.replicas ?? 0, pool.autoscaling?.max ?? 0);
    total += largest;
    if (maxPool !== undefined && largest > maxPool) {
      const field = pool.autoscaling && pool.autoscaling.max === largest ? 'autoscaling.max' : 'replicas';
      refuse(
        `${poolPath(pool.name)}.${field}`,
        largest,
        'maxNodePoolReplicas',
        `at most ${maxPool} machines per pool`,
      );
    }
  }
  const maxTotal = rules.maxTotalNodes as number | undefined;
  if (maxTotal !== undefined && total > maxTotal) {
    refuse('nodePools', `${total} machines`, 'maxTotalNodes', `at most ${maxTotal} machines in all`);
  }
  const maxPools = rules.maxNodePools as number | undefined;
  if (maxPools !== undefined && intent.nodePools.length > maxPools) {
    refuse('nodePools', `${intent.nodePools.length} pools`, 'maxNodePools', `at most ${maxPools} pools`);
  }
  if (rules.requireHealthChecks === true && !intent.healthChecks.enabled) {
    refuse('healthChecks.enabled', false, 'requireHealthChecks', 'true: the policy requires health checks');
  }
  if (problems.length > 0) throw new IntentError('policy-violation', problems);
}
