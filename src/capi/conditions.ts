import { isObject, list, str } from './access.ts';

/** A condition normalised over metav1.Condition (v1beta2) and the older CAPI condition (v1beta1, with severity). */
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly lastTransitionTime: string | undefined;
  /** v1beta1 only: Error, Warning or Info for a False condition. */
  readonly severity: string | undefined;
}

function toCondition(value: unknown): Condition | undefined {
  if (!isObject(value)) return undefined;
  const type = str(value, 'type');
  const status = str(value, 'status');
  if (type === undefined) return undefined;
  return {
    type,
    status: status === 'True' || status === 'False' ? status : 'Unknown',
    reason: str(value, 'reason') || undefined,
    message: str(value, 'message') || undefined,
    lastTransitionTime: str(value, 'lastTransitionTime'),
    severity: str(value, 'severity') || undefined,
  };
}

function parseList(values: readonly unknown[]): readonly Condition[] {
  const out: Condition[] = [];
  for (const value of values) {
    const condition = toCondition(value);
    if (condition) out.push(condition);
  }
  return out;
}

/**
 * The current-style conditions of an object: `status.conditions` at v1beta2, `status.v1beta2.conditions`
 * where a v1beta1 object carries them, else whatever `status.conditions` holds (v1beta1 or provider style).
 */
export function conditionsOf(raw: unknown): readonly Condition[] {
  const apiVersion = str(raw, 'apiVersion') ?? '';
  if (!apiVersion.endsWith('/v1beta2')) {
    const preview = list(raw, 'status.v1beta2.conditions');
    if (preview.length > 0) return parseList(preview);
  }
  return parseList(list(raw, 'status.conditions'));
}

/** The older CAPI conditions: `status.deprecated.v1beta1.conditions` at v1beta2, `status.conditions` before. */
export function legacyConditionsOf(raw: unknown): readonly Condition[] {
  const apiVersion = str(raw, 'apiVersion') ?? '';
  if (apiVersion.endsWith('/v1beta2')) return parseList(list(raw, 'status.deprecated.v1beta1.conditions'));
  return parseList(list(raw, 'status.conditions'));
}

/** The named condition, looking at current-style conditions first and then the older ones. */
export function findCondition(raw: unknown, ...types: readonly string[]): Condition | undefined {
  const current = conditionsOf(raw);
  for (const type of types) {
    const found = current.find((c) => c.type === type);
    if (found) return found;
  }
  const legacy = legacyConditionsOf(raw);
  for (const type of types) {
    const found = legacy.find((c) => c.type === type);
    if (found) return found;
  }
  return undefined;
}

/** The condition clusterctl shows on an object's row: Available for Cluster, MachineDeployment and control plane, else Ready. */
export function summaryCondition(raw: unknown, kind: string): Condition | undefined {
  if (kind === 'Cluster' || kind === 'MachineDeployment' || kind.endsWith('ControlPlane')) {
    return findCondition(raw, 'Available', 'Ready');
  }
  return findCondition(raw, 'Ready', 'Available');
}
