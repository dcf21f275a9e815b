import { mustParseCidr, cidrsOverlap, type Cidr } from './cidr.ts';
import { INTENT_SCHEMA } from './intent-schema.ts';
import { IntentError, showValue, type IntentProblem, type Position } from './problems.ts';
import { machineDeploymentNames } from './names.ts';
import { normalizeIntent, MACHINE_FIELDS } from './normalize.ts';
import type { Intent, ProviderName } from './types.ts';
import { validateYaml } from './validate.ts';

/** An intent read from a file: the normalized intent and where each of its fields is written. */
export interface ParsedIntent {
  readonly file: string;
  readonly intent: Intent;
  /** The position of a field path of the file as written (list indexes as in the file). */
  readonly locate: (path: string) => Position;
  /** The path of each node pool in the file (`nodePools[2]`), by pool name. */
  readonly poolPaths: ReadonlyMap<string, string>;
}

type Raw = Record<string, unknown>;

const rec = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Kubernetes label prefixes a kubelet may not set on its own node, except the ones listed as allowed. */
const KUBELET_ALLOWED_PREFIXES = new Set([
  'node-role.kubernetes.io',
  'node-restriction.kubernetes.io',
  'kubelet.kubernetes.io',
  'node.kubernetes.io',
]);

function isZero(value: unknown): boolean {
  return value === 0 || value === '0%';
}

/**
 * Reads and checks an intent file: YAML syntax, the schema, then the rules that span fields (names that must
 * fit the 63-character limit, CIDR overlaps, autoscaling bounds, provider-specific fields). Throws
 * {@link IntentError} with every problem found.
 */
export function parseIntent(text: string, file: string): ParsedIntent {
  const validated = validateYaml(text, file, INTENT_SCHEMA, 'intent-invalid');
  const raw = rec(validated.value);
  const problems: IntentProblem[] = [];
  const report = (path: string, problem: string, allowed: string): void => {
    problems.push({ file, ...validated.locate(path), path, problem, allowed });
  };
  const provider = Object.keys(rec(raw.provider))[0] as ProviderName;
  const providerSpec = rec(rec(raw.provider)[provider]);
  const name = String(raw.name);

  checkMachine(rec(rec(raw.controlPlane).machine), 'controlPlane.machine', provider, report);
  const pools = arr(raw.nodePools).map(rec);
  const poolPaths = new Map<string, string>();
  pools.forEach((pool, i) => {
    const at = `nodePools[${i}]`;
    poolPaths.set(String(pool.name), at);
    checkMachine(rec(pool.machine), `${at}.machine`, provider, report);
    checkPoolNames(name, pool, at, report);
    const autoscaling = pool.autoscaling === undefined ? undefined : rec(pool.autoscaling);
    if (autoscaling && Number(autoscaling.min) > Number(autoscaling.max)) {
      report(
        `${at}.autoscaling.min`,
        `${String(autoscaling.min)} is more than max ${String(autoscaling.max)}`,
        'min <= max',
      );
    }
    const fdCount = arr(pool.failureDomains).length;
    if (autoscaling && fdCount > 1 && Number(autoscaling.max) < fdCount) {
      report(
        `${at}.autoscaling.max`,
        `${String(autoscaling.max)} leaves some of the ${fdCount} failure domains without machines`,
        `at least ${fdCount}, one per failure domain`,
      );
    }
    if (pool.name === 'control-plane') {
      report(`${at}.name`, '"control-plane" names the control plane objects already', 'any other DNS label');
    }
    if (autoscaling && typeof pool.replicas === 'number') {
      const { min, max } = autoscaling as { min: number; max: number };
      if (pool.replicas < min || pool.replicas > max) {
        report(
          `${at}.replicas`,
          `${pool.replicas} is outside the autoscaling bounds ${min}-${max}`,
          `${min} to ${max}, or leave it out`,
        );
      }
    }
    const rollout = rec(pool.rollout);
    const surge = rollout.maxSurge ?? rec(raw.rollout).maxSurge;
    const unavailable = rollout.maxUnavailable ?? rec(raw.rollout).maxUnavailable;
    if (isZero(surge) && isZero(unavailable)) {
      const where =
        rollout.maxSurge !== undefined || rollout.maxUnavailable !== undefined ? `${at}.rollout` : 'rollout';
      report(
        where,
        'maxSurge and maxUnavailable are both 0, so a rollout could never make progress',
        'at least one of them above 0',
      );
    }
    arr(pool.failureDomains).forEach((fd, j) =>
      checkFailureDomain(String(fd), `${at}.failureDomains[${j}]`, provider, providerSpec, report),
    );
    for (const key of Object.keys(rec(pool.labels))) checkLabel(key, `${at}.labels`, report);
    const taints = arr(pool.taints).map(rec);
    taints.forEach((taint, j) => {
      const first = taints.findIndex((t) => t.key === taint.key && t.effect === taint.effect);
      if (first < j) {
        report(
          `${at}.taints[${j}]`,
          `repeats key ${showValue(taint.key)} with effect ${String(taint.effect)} of taints[${first}]`,
          'one taint per key and effect',
        );
      }
    });
  });
  checkNetwork(rec(raw.network), provider, report);
  if (problems.length > 0) throw new IntentError('intent-invalid', problems);
  return { file, intent: normalizeIntent(raw), locate: validated.locate, poolPaths };
}

type Report = (path: string, problem: string, allowed: string) => void;

function checkMachine(machine: Raw, at: string, provider: ProviderName, report: Report): void {
  const allowed = MACHINE_FIELDS[provider];
  for (const key of Object.keys(machine)) {
    if (!allowed.includes(key)) {
      report(
        `${at}.${key}`,
        `is not used by the ${provider} provider`,
        `for ${provider}: ${allowed.join(', ') || 'nothing'}`,
      );
    }
  }
  if (
    provider === 'aws' &&
    typeof machine.image === 'string' &&
    !/^ami-[0-9a-f]{8,17}$/.test(machine.image)
  ) {
    report(
      `${at}.image`,
      `${showValue(machine.image)} is not an AMI id`,
      'an AMI id like ami-0123456789abcdef0',
    );
  }
}

function checkPoolNames(cluster: string, pool: Raw, at: string, report: Report): void {
  const fds = arr(pool.failureDomains).map(String);
  const names = machineDeploymentNames(cluster, String(pool.name), fds);
  names.forEach(({ name, failureDomain }, j) => {
    if (name.length > 63) {
      report(
        fds.length > 0 ? `${at}.failureDomains[${fds.indexOf(failureDomain ?? '')}]` : `${at}.name`,
        `makes the MachineDeployment name ${showValue(name)} of ${name.length} characters`,
        'names such that <cluster>-<pool>[-<failure domain>] has at most 63 characters',
      );
    }
    const clash = names.findIndex((n) => n.name === name);
    if (clash < j) {
      report(
        `${at}.failureDomains[${j}]`,
        `gives the same MachineDeployment name as failureDomains[${clash}] (${name})`,
        'failure domains that differ in more than case and punctuation',
      );
    }
  });
}

function checkFailureDomain(fd: string, at: string, provider: ProviderName, spec: Raw, report: Report): void {
  if (provider === 'aws' && !fd.startsWith(String(spec.region))) {
    report(
      at,
      `${showValue(fd)} is not a zone of region ${String(spec.region)}`,
      `an availability zone of ${String(spec.region)}, like ${String(spec.region)}a`,
    );
  }
  if (provider === 'azure' && !/^[1-3]$/.test(fd)) {
    report(at, `${showValue(fd)} is not an Azure availability zone`, 'one of "1", "2", "3"');
  }
}

function checkLabel(key: string, at: string, report: Report): void {
  const slash = key.lastIndexOf('/');
  if (slash < 0) return;
  const prefix = key.slice(0, slash);
  const reserved = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  if (reserved && !KUBELET_ALLOWED_PREFIXES.has(prefix)) {
    report(
      `${at}[${JSON.stringify(key)}]`,
      `a kubelet may not set labels under ${prefix} (the NodeRestriction admission plugin rejects them)`,
      'a prefix of your own, or node-role.kubernetes.io/, node-restriction.kubernetes.io/, node.cluster.x-k8s.io/',
    );
  }
}

function checkNetwork(network: Raw, provider: ProviderName, report: Report): void {
  const parsed = (list: string): { cidr: Cidr; path: string }[] =>
    arr(network[list]).map((c, i) => ({ cidr: mustParseCidr(String(c)), path: `network.${list}[${i}]` }));
  const pods = parsed('pods');
  const services = parsed('services');
  for (const [list, blocks] of [
    ['pods', pods],
    ['services', services],
  ] as const) {
    const [a, b] = blocks;
    if (a && b && a.cidr.family === b.cidr.family) {
      report(b.path, `is a second IPv${b.cidr.family} block`, 'one IPv4 and one IPv6 block for dual stack');
    }
    for (const { cidr, path } of blocks) {
      if (list === 'pods' && cidr.prefix > (cidr.family === 4 ? 24 : 64)) {
        report(
          path,
          `${cidr.canonical} is too small to give each node its own range`,
          `a prefix of /${cidr.family === 4 ? 24 : 64} or shorter`,
        );
      }
      if (list === 'services' && cidr.prefix < (cidr.family === 4 ? 12 : 108)) {
        report(
          path,
          `${cidr.canonical} is larger than kube-apiserver allows for services`,
          `a prefix of /${cidr.family === 4 ? 12 : 108} or longer`,
        );
      }
    }
  }
  const families = (blocks: { cidr: Cidr }[]): string =>
    blocks
      .map((b) => b.cidr.family)
      .sort()
      .join();
  if (pods.length > 0 && services.length > 0 && families(pods) !== families(services)) {
    report(
      'network.services',
      'has other IP families than network.pods',
      'the same families for pods and services',
    );
  }
  const all = [...pods, ...services];
  if (typeof network.nodes === 'string') {
    const nodes = mustParseCidr(network.nodes);
    all.push({ cidr: nodes, path: 'network.nodes' });
    if (provider !== 'aws' && provider !== 'azure') {
      report(
        'network.nodes',
        `is not used by the ${provider} provider`,
        'network.nodes only for aws and azure',
      );
    } else {
      const [min, max] = provider === 'aws' ? [16, 28] : [8, 24];
      if (nodes.family !== 4 || nodes.prefix < min || nodes.prefix > max) {
        report(
          'network.nodes',
          `${nodes.canonical} cannot be a ${provider === 'aws' ? 'VPC' : 'VNet'} block`,
          `an IPv4 block from /${min} to /${max}`,
        );
      }
    }
  }
  all.forEach((a, i) => {
    for (const b of all.slice(i + 1)) {
      if (cidrsOverlap(a.cidr, b.cidr)) {
        report(
          b.path,
          `${b.cidr.canonical} overlaps ${a.path} (${a.cidr.canonical})`,
          'pod, service and node blocks that do not overlap',
        );
      }
    }
  });
}
