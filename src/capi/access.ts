/** Safe readers for fields of raw Kubernetes objects that arrive as `unknown`. */

/** A plain JSON object, after narrowing. */
export type Json = Readonly<Record<string, unknown>>;

/** Narrows a value to a plain object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at a dotted path, or undefined. */
export function objAt(value: unknown, path: string): Json | undefined {
  const found = at(value, path);
  return isObject(found) ? found : undefined;
}

const SPLIT_PATHS = new Map<string, readonly string[]>();

/** The value at a dotted path (`spec.bootstrap.configRef`), or undefined. */
export function at(value: unknown, path: string): unknown {
  let keys = SPLIT_PATHS.get(path);
  if (!keys) {
    // Paths are a small fixed set of literals; splitting each once keeps this off the profile.
    keys = path.split('.');
    SPLIT_PATHS.set(path, keys);
  }
  let current: unknown = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The string at a dotted path, or undefined when absent or not a string. */
export function str(value: unknown, path: string): string | undefined {
  const found = at(value, path);
  return typeof found === 'string' ? found : undefined;
}

/** The number at a dotted path, or undefined. */
export function num(value: unknown, path: string): number | undefined {
  const found = at(value, path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** The boolean at a dotted path, or undefined. */
export function bool(value: unknown, path: string): boolean | undefined {
  const found = at(value, path);
  return typeof found === 'boolean' ? found : undefined;
}

/** The array at a dotted path, or an empty array. */
export function list(value: unknown, path: string): readonly unknown[] {
  const found = at(value, path);
  return Array.isArray(found) ? found : [];
}

/** A string-to-string map (labels, annotations) at a dotted path; non-string values are dropped. */
export function stringMap(value: unknown, path: string): Readonly<Record<string, string>> {
  const found = at(value, path);
  if (!isObject(found)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(found)) if (typeof v === 'string') out[key] = v;
  return out;
}

const SPLIT_CACHE_LIMIT = 1_000;
const splitCache = new Map<string, Readonly<{ group: string; version: string }>>();

/** Splits `group/version` (or a bare core `version`) into its parts. */
export function splitApiVersion(apiVersion: string): Readonly<{ group: string; version: string }> {
  const known = splitCache.get(apiVersion);
  if (known) return known;
  const slash = apiVersion.lastIndexOf('/');
  const split =
    slash < 0
      ? { group: '', version: apiVersion }
      : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
  // A fleet has a few dozen API versions and hundreds of thousands of objects: one pair of strings each.
  if (splitCache.size < SPLIT_CACHE_LIMIT) splitCache.set(apiVersion, Object.freeze(split));
  return split;
}
