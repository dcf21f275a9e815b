/**
 * A structural check of an object against a CRD's openAPIV3Schema: types, required fields, enums, patterns,
 * lengths, bounds, item counts, list-map keys and unknown fields (which an API server would silently drop).
 * CEL rules (x-kubernetes-validations) are left to the API server.
 */

type Schema = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: unknown, value: unknown): boolean {
  const actual = typeOf(value);
  if (type === undefined) return true;
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return type === actual;
}

function checkString(schema: Schema, value: string, path: string, out: string[]): void {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength)
    out.push(`${path}: ${JSON.stringify(value)} is shorter than ${schema.minLength}`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength)
    out.push(`${path}: ${JSON.stringify(value)} is longer than ${schema.maxLength}`);
  if (typeof schema.pattern === 'string') {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      pattern = undefined; // an RE2-only construct: leave it to the API server
    }
    if (pattern && !pattern.test(value))
      out.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
}

function checkNumber(schema: Schema, value: number, path: string, out: string[]): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum)
    out.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum)
    out.push(`${path}: ${value} is above the maximum ${schema.maximum}`);
}

function checkArray(schema: Schema, value: unknown[], path: string, out: string[]): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    out.push(`${path}: ${value.length} items, fewer than ${schema.minItems}`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
    out.push(`${path}: ${value.length} items, more than ${schema.maxItems}`);
  const items = isRecord(schema.items) ? schema.items : undefined;
  value.forEach((item, i) => {
    if (items) checkAgainstSchema(item, items, `${path}[${i}]`, out);
  });
  const listType = schema['x-kubernetes-list-type'];
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (listType === 'set' || listType === 'map') {
    const keyOf = (item: unknown): string =>
      listType === 'map' && Array.isArray(mapKeys) && isRecord(item)
        ? JSON.stringify(mapKeys.map((k) => item[String(k)]))
        : JSON.stringify(item);
    const seen = new Set<string>();
    for (const item of value) {
      const key = keyOf(item);
      if (seen.has(key)) out.push(`${path}: duplicate ${listType} entry ${key}`);
      seen.add(key);
    }
  }
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string, out: string[]): void {
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (value[String(key)] === undefined) out.push(`${path}.${String(key)}: required field is missing`);
  }
  const count = Object.keys(value).length;
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties)
    out.push(`${path}: ${count} fields, more than ${schema.maxProperties}`);
  if (typeof schema.minProperties === 'number' && count < schema.minProperties)
    out.push(`${path}: ${count} fields, fewer than ${schema.minProperties}`);
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    const known = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (isRecord(known)) checkAgainstSchema(child, known, childPath, out);
    else if (isRecord(additional)) checkAgainstSchema(child, additional, childPath, out);
    else if (!preserve && additional !== true)
      out.push(`${childPath}: unknown field (the API server would drop it)`);
  }
}

/** Problems of `value` against `schema`, each as `path: what is wrong`; empty when it conforms. */
export function checkAgainstSchema(value: unknown, schema: Schema, path = '', out: string[] = []): string[] {
  if (value === null) {
    if (schema.nullable !== true) out.push(`${path}: null is not allowed`);
    return out;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    const t = typeOf(value);
    if (t !== 'integer' && t !== 'string') out.push(`${path}: ${t} where an integer or a string is required`);
    return out;
  }
  if (!typeMatches(schema.type, value)) {
    out.push(`${path}: ${typeOf(value)} where ${String(schema.type)} is required`);
    return out;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    out.push(
      `${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`,
    );
  if (typeof value === 'string') checkString(schema, value, path, out);
  else if (typeof value === 'number') checkNumber(schema, value, path, out);
  else if (Array.isArray(value)) checkArray(schema, value, path, out);
  else if (isRecord(value)) checkObject(schema, value, path, out);
  return out;
}

/** The openAPIV3Schema of every served version of every CRD given, by `apiVersion/kind`. */
export function crdSchemas(crds: readonly unknown[]): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const crd of crds) {
    if (!isRecord(crd) || !isRecord(crd.spec) || !isRecord(crd.spec.names)) continue;
    const { group } = crd.spec;
    const { kind } = crd.spec.names;
    for (const version of Array.isArray(crd.spec.versions) ? crd.spec.versions : []) {
      if (!isRecord(version) || !isRecord(version.schema) || !isRecord(version.schema.openAPIV3Schema))
        continue;
      out.set(`${String(group)}/${String(version.name)}/${String(kind)}`, version.schema.openAPIV3Schema);
    }
  }
  return out;
}

/** Problems of a whole object against its CRD schema; `metadata` is checked by the API server, not here. */
export function checkObjectAgainstCrd(object: Record<string, unknown>, schema: Schema): string[] {
  const { metadata: _metadata, ...rest } = object;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const { metadata: _schemaMetadata, ...otherProperties } = properties;
  return checkAgainstSchema(rest, { ...schema, properties: otherProperties });
}
