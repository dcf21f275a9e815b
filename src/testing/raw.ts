/** Raw-object types and small mutators shared by the fleet builder's generators and fault helpers. */
import type { KubeObject } from '../model/fleet.ts';

/** Infrastructure providers the builder can generate. */
export const PROVIDERS = ['aws', 'azure', 'gcp', 'vsphere', 'openstack', 'metal3', 'docker'] as const;

/** One infrastructure provider. */
export type Provider = (typeof PROVIDERS)[number];

/** The Cluster API version the core objects are written at. */
export type CapiVersion = 'v1beta2' | 'v1beta1';

/** A JSON object whose fields are not typed further. */
export type Fields = Record<string, unknown>;

/** An ownerReference as the API server stores it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The metadata fields the builder writes; any other field may be added. */
export interface RawMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

/** A generated object: a KubeObject whose identity fields are known, mutable so tests can inject faults. */
export interface RawObject extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: RawMeta;
  spec?: Fields;
  status?: Fields;
  [field: string]: unknown;
}

/** Status of a condition, as Kubernetes spells it. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A metav1.Condition: the condition shape of Cluster API v1beta2 (and of the v1beta2-contract providers). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** A Cluster API v1beta1 condition: reason and message only when not True, plus a severity. */
export interface OldCondition {
  type: string;
  status: ConditionStatus;
  severity?: 'Error' | 'Warning' | 'Info';
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** Which list of conditions: the current types (`new`) or the deprecated v1beta1 ones (`old`). */
export type ConditionStyle = 'new' | 'old';

/** A controller (or plain) ownerReference to `owner`. */
export function ownerRef(owner: RawObject, controller = true): OwnerReference {
  const ref: OwnerReference = {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
  };
  if (controller) {
    ref.controller = true;
    ref.blockOwnerDeletion = true;
  }
  return ref;
}

/** The object at `parent[key]`, created empty if missing. */
export function child(parent: Fields, key: string): Fields {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Fields;
  const created: Fields = {};
  parent[key] = created;
  return created;
}

/** `obj.status`, created empty if missing. */
export function statusOf(obj: RawObject): Fields {
  obj.status ??= {};
  return obj.status;
}

/** `obj.spec`, created empty if missing. */
export function specOf(obj: RawObject): Fields {
  obj.spec ??= {};
  return obj.spec;
}

/** A string field, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A new-style condition; `message` is always present, as metav1.Condition serialises it. */
export function cond(
  type: string,
  status: ConditionStatus,
  reason: string,
  at: string,
  message = '',
): Condition {
  return { type, status, observedGeneration: 1, lastTransitionTime: at, reason, message };
}

/** An old-style (v1beta1) condition; True conditions carry no reason, others a severity. */
export function oldCond(
  type: string,
  status: ConditionStatus,
  at: string,
  reason?: string,
  message?: string,
  severity?: OldCondition['severity'],
): OldCondition {
  const c: OldCondition = { type, status, lastTransitionTime: at };
  if (status !== 'True') {
    c.severity = severity ?? (status === 'Unknown' ? 'Info' : 'Warning');
    if (reason !== undefined) c.reason = reason;
    if (message) c.message = message;
  }
  return c;
}

/** Where a style of conditions lives for an object written at `version`. */
function conditionPath(version: CapiVersion, style: ConditionStyle): string[] {
  if (version === 'v1beta2')
    return style === 'new' ? ['conditions'] : ['deprecated', 'v1beta1', 'conditions'];
  return style === 'new' ? ['v1beta2', 'conditions'] : ['conditions'];
}

/** The condition list of `obj` (created if missing) for a Cluster API core object written at `version`. */
export function conditionList(
  obj: RawObject,
  version: CapiVersion,
  style: ConditionStyle,
): (Condition | OldCondition)[] {
  const path = conditionPath(version, style);
  let parent = statusOf(obj);
  for (const key of path.slice(0, -1)) parent = child(parent, key);
  const last = path[path.length - 1] ?? 'conditions';
  const list = parent[last];
  if (Array.isArray(list)) return list as (Condition | OldCondition)[];
  const created: (Condition | OldCondition)[] = [];
  parent[last] = created;
  return created;
}

/** Replaces (by type, keeping position) or appends conditions in the list `style` of `obj`. */
export function setConditions(
  obj: RawObject,
  version: CapiVersion,
  style: ConditionStyle,
  conditions: readonly (Condition | OldCondition)[],
): void {
  const list = conditionList(obj, version, style);
  for (const c of conditions) {
    const at = list.findIndex((existing) => existing.type === c.type);
    if (at >= 0) list[at] = c;
    else list.push(c);
  }
}

/** Removes conditions by type from the list `style` of `obj`. */
export function removeConditions(
  obj: RawObject,
  version: CapiVersion,
  style: ConditionStyle,
  types: readonly string[],
): void {
  const list = conditionList(obj, version, style);
  for (let i = list.length - 1; i >= 0; i--) if (types.includes(list[i]?.type ?? '')) list.splice(i, 1);
}

/** The condition of `type` in the list `style` of `obj`, if any. */
export function getCondition(
  obj: RawObject,
  version: CapiVersion,
  type: string,
  style: ConditionStyle = 'new',
): Condition | OldCondition | undefined {
  return conditionList(obj, version, style).find((c) => c.type === type);
}

/** Formats one line of a Cluster API summary message: `* Type: message`, nesting multi-line messages. */
export function bullet(type: string, message: string): string {
  if (message.includes('\n') || message.startsWith('* ')) return `* ${type}:\n${indent(message)}`;
  return `* ${type}: ${message}`;
}

/** Indents every line by two spaces. */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Plural file stem of a kind, as `kubectl api-resources` names it (`Machine` -> `machines`). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
