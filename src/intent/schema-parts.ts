import { cidrProblem } from './cidr.ts';
import { showValue } from './problems.ts';
import type { ArraySchema, IntOrPercentSchema, StringSchema } from './schema-dsl.ts';

/** Building blocks of the intent and policy schemas. */

/** The apiVersion of intent and policy files. */
export const INTENT_API_VERSION = 'causeway.dev/v1alpha1';

/** RFC 1123 label: what Kubernetes accepts as a namespace and as a label value naming an object. */
export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Undefined when `key` is a Kubernetes label key (`[prefix/]name`), else what is wrong with it. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !new RegExp(DNS_SUBDOMAIN).test(prefix))) {
    return `has prefix ${showValue(prefix)}, which is not a DNS subdomain`;
  }
  if (name.length > 63) return `has a name part of ${name.length} characters, more than 63`;
  if (!LABEL_NAME.test(name)) return 'has a name part that is not alphanumerics with -, _ or . inside';
  return undefined;
}

const LABEL_KEY_ALLOWED =
  'a label key: an optional DNS-subdomain prefix and "/", then 1-63 alphanumerics with -, _ or . inside';

export const labelKey: StringSchema = {
  type: 'string',
  description: 'A Kubernetes label key.',
  minLength: 1,
  maxLength: 317,
  check: labelKeyProblem,
  allowed: LABEL_KEY_ALLOWED,
};

export const labelValue: StringSchema = {
  type: 'string',
  description: 'A Kubernetes label value.',
  maxLength: 63,
  pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
  allowed: 'at most 63 alphanumerics with -, _ or . inside, or empty',
};

export function text(description: string, extra: Partial<StringSchema> = {}): StringSchema {
  return { type: 'string', description, minLength: 1, maxLength: 256, ...extra };
}

export function dnsLabel(description: string, maxLength: number, why: string): StringSchema {
  return {
    type: 'string',
    description,
    minLength: 1,
    maxLength,
    pattern: DNS_LABEL,
    allowed: `a DNS label of 1 to ${maxLength} lowercase letters, digits and '-', starting and ending with a letter or digit${why}`,
  };
}

export const intOrPercent = (description: string, fallback: number | string): IntOrPercentSchema => ({
  type: 'intOrPercent',
  description,
  maximum: 1000,
  default: fallback,
});

export const cidr = (description: string): StringSchema => ({
  type: 'string',
  description,
  minLength: 9,
  maxLength: 43,
  check: cidrProblem,
  allowed: 'a CIDR block such as 10.96.0.0/12 or fd00:10:96::/108',
});

export const cidrList = (description: string, fallback: readonly string[]): ArraySchema => ({
  type: 'array',
  description,
  items: cidr('A CIDR block.'),
  minItems: 1,
  maxItems: 2,
  uniqueBy: 'value',
  default: fallback,
  allowed: 'a list of one CIDR block, or two for dual stack (one IPv4 and one IPv6)',
});
