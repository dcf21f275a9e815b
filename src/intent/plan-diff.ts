/** One field the intent sets to another value than the live object has. */
export interface FieldChange {
  /** `spec.template.spec.version`, `spec.workers.machineDeployments[general].bootstrap`. */
  readonly path: string;
  /** The live value; undefined when the live object lacks the field. */
  readonly from: unknown;
  /** The value the intent compiles to. */
  readonly to: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key list items are matched by, when every item of both lists has one: `name`, else `class`. */
function itemKey(desired: readonly unknown[], live: readonly unknown[]): string | undefined {
  for (const key of ['name', 'class']) {
    const all = [...desired, ...live];
    if (all.length > 0 && all.every((item) => isRecord(item) && typeof item[key] === 'string')) return key;
  }
  return undefined;
}

/** `a.b` for plain keys, `a["x.io/y"]` for label and annotation keys. */
function joinPath(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * The fields where `live` differs from `desired`, looking only at what `desired` sets (the API server and
 * controllers add defaults and status). Lists of named items are matched by name, other lists by position.
 */
export function diffFields(desired: unknown, live: unknown, path: string): FieldChange[] {
  if (isRecord(desired)) {
    if (!isRecord(live)) return [{ path, from: live, to: desired }];
    return Object.keys(desired)
      .sort()
      .flatMap((key) =>
        desired[key] === undefined ? [] : diffFields(desired[key], live[key], joinPath(path, key)),
      );
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return [{ path, from: live, to: desired }];
    const key = itemKey(desired, live);
    if (key) {
      const liveBy = new Map<string, unknown>(
        live.map((item) => [String((item as Record<string, unknown>)[key]), item]),
      );
      const desiredNames = new Set(desired.map((item) => String((item as Record<string, unknown>)[key])));
      const changes = desired.flatMap((item) => {
        const name = String((item as Record<string, unknown>)[key]);
        return diffFields(item, liveBy.get(name), `${path}[${name}]`);
      });
      const gone = live
        .map((item) => String((item as Record<string, unknown>)[key]))
        .filter((name) => !desiredNames.has(name))
        .map((name) => ({ path: `${path}[${name}]`, from: liveBy.get(name), to: undefined }));
      return [...changes, ...gone];
    }
    if (desired.length !== live.length) return [{ path, from: live, to: desired }];
    return desired.some((item, i) => diffFields(item, live[i], '').length > 0)
      ? [{ path, from: live, to: desired }]
      : [];
  }
  return desired === live ? [] : [{ path, from: live, to: desired }];
}

/** A short rendering of a changed value for the plan. */
export function showChangeValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
