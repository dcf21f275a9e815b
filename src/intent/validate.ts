import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import { IntentError, showValue, type IntentProblem, type Position } from './problems.ts';
import { allowedText, PERCENT_PATTERN, type ObjectSchema, type SchemaNode } from './schema-dsl.ts';

/** A YAML file read against a schema description: the value with defaults filled in, and where each field is. */
export interface ValidatedFile {
  readonly file: string;
  readonly value: unknown;
  /** The position of `path`, or of its nearest ancestor found in the file. */
  readonly locate: (path: string) => Position;
}

/** Joins a field path: `a.b`, `a[0]`, and `a["x.y/z"]` for keys that are not plain identifiers. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return segment.startsWith('[') ? `(root)${segment}` : segment;
  return segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`;
}

/** The parent of a field path, or undefined at the root. */
export function parentPath(path: string): string | undefined {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(path)) return '';
  const match = /^(.*?)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  if (!match) return undefined;
  return match[1] === '(root)' ? '' : match[1];
}

/**
 * Parses YAML text and checks it against `schema`. Throws {@link IntentError} listing every problem, each
 * with file, line, column, field path, the bad value and what is allowed.
 */
export function validateYaml(text: string, file: string, schema: SchemaNode, code: string): ValidatedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: IntentProblem[] = [];
  for (const error of doc.errors) {
    const { line, column } = at(error.pos[0]);
    problems.push({
      file,
      line,
      column,
      path: '(file)',
      problem: `YAML syntax error: ${error.message.split('\n')[0] ?? error.code}`,
      allowed: 'YAML 1.2: check indentation, quoting and that every key is followed by ": "',
    });
  }
  if (problems.length > 0) throw new IntentError(code, problems);
  const walker = new Walker(doc, text, file, at);
  const value = walker.root(schema);
  if (walker.problems.length > 0) throw new IntentError(code, walker.problems);
  const positions = walker.positions;
  return {
    file,
    value,
    locate: (path) => {
      for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
        const found = positions.get(p);
        if (found) return found;
      }
      return { line: 1, column: 1 };
    },
  };
}

/** Fills the defaults of `schema` into a plain value (used for values that come from defaults themselves). */
export function withDefaults(value: unknown, schema: SchemaNode): unknown {
  if (schema.type === 'object' && isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties)) {
      const v = value[key] ?? (child.default !== undefined ? structuredClone(child.default) : undefined);
      if (v !== undefined) out[key] = withDefaults(v, child);
    }
    return out;
  }
  if (schema.type === 'array' && Array.isArray(value)) return value.map((v) => withDefaults(v, schema.items));
  if (schema.type === 'map' && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDefaults(v, schema.values)]));
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string, known: readonly string[]): string {
  const close = known.find((k) => k.toLowerCase() === key.toLowerCase() || distance(k, key) <= 2);
  return close ? ` (did you mean ${close}?)` : '';
}

class Walker {
  readonly problems: IntentProblem[] = [];
  readonly positions = new Map<string, Position>();

  private readonly doc: Document;
  private readonly text: string;
  private readonly file: string;
  private readonly at: (offset: number) => Position;

  constructor(doc: Document, text: string, file: string, at: (offset: number) => Position) {
    this.doc = doc;
    this.text = text;
    this.file = file;
    this.at = at;
  }

  root(schema: SchemaNode): unknown {
    const contents = this.doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      this.report({ line: 1, column: 1 }, '(file)', 'the file is empty', allowedText(schema));
      return undefined;
    }
    return this.walk(contents, schema, '', { line: 1, column: 1 });
  }

  private report(position: Position, path: string, problem: string, allowed: string): void {
    this.problems.push({ file: this.file, ...position, path: path || '(root)', problem, allowed });
  }

  private position(node: Node, fallback: Position): Position {
    return node.range ? this.at(node.range[0]) : fallback;
  }

  /** How a bad value reads in an error, with a hint when YAML typed an unquoted word. */
  private got(node: Node, expected: SchemaNode['type']): string {
    if (isMap(node)) return 'an object';
    if (isSeq(node)) return 'a list';
    if (!isScalar(node)) return 'an unsupported YAML node';
    const value = node.value;
    const source = node.range ? this.text.slice(node.range[0], node.range[1]).trim() : String(value);
    if (value === null) return 'nothing (an empty value)';
    if (typeof value === 'string') return `${showValue(value)} (a string)`;
    const kind = typeof value === 'boolean' ? 'a boolean' : 'a number';
    const hint =
      expected === 'string' ? `: YAML reads unquoted ${source} as ${kind}, quote it as "${source}"` : '';
    return `${source} (${kind}${hint})`;
  }

  private walk(raw: unknown, schema: SchemaNode, path: string, parentAt: Position): unknown {
    let node = raw as Node;
    if (isAlias(node)) node = node.resolve(this.doc) as Node;
    const here = node ? this.position(node, parentAt) : parentAt;
    this.positions.set(path, here);
    const fail = (problem: string): undefined => {
      this.report(here, path, problem, allowedText(schema));
      return undefined;
    };
    if (!node) return fail('got nothing (an empty value)');
    switch (schema.type) {
      case 'object':
        return isMap(node) ? this.object(node, schema, path, here) : fail(`got ${this.got(node, 'object')}`);
      case 'map': {
        if (!isMap(node)) return fail(`got ${this.got(node, 'map')}`);
        if (schema.maxProperties !== undefined && node.items.length > schema.maxProperties)
          return fail(`has ${node.items.length} entries`);
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const keyNode = pair.key as Node;
          const key = isScalar(keyNode) ? String(keyNode.value) : '';
          const keyPath = childPath(path, key);
          const keyAt = this.position(keyNode, here);
          this.positions.set(keyPath, keyAt);
          const keyFail = (problem: string): undefined => {
            this.report(keyAt, keyPath, `key ${problem.replace(/^got /, '')}`, allowedText(schema.keys));
            return undefined;
          };
          const checked = isScalar(keyNode)
            ? this.scalar(new Scalar(key), schema.keys, keyFail)
            : keyFail('is not a plain value');
          const value = this.walk(pair.value, schema.values, keyPath, keyAt);
          if (typeof checked === 'string')
            Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'array': {
        if (!isSeq(node)) return fail(`got ${this.got(node, 'array')}`);
        if (schema.minItems !== undefined && node.items.length < schema.minItems)
          return fail(`has ${node.items.length} items, fewer than ${schema.minItems}`);
        if (schema.maxItems !== undefined && node.items.length > schema.maxItems)
          return fail(`has ${node.items.length} items, more than ${schema.maxItems}`);
        const items = node.items.map((item, i) => this.walk(item, schema.items, childPath(path, i), here));
        this.checkUnique(items, schema.uniqueBy, path);
        return items;
      }
      default:
        return this.scalar(node, schema, fail);
    }
  }

  private scalar(node: Node, schema: SchemaNode, fail: (problem: string) => undefined): unknown {
    const value = isScalar(node) ? node.value : undefined;
    switch (schema.type) {
      case 'string': {
        if (typeof value !== 'string') return fail(`got ${this.got(node, 'string')}`);
        const length = [...value].length;
        if (schema.enum && !schema.enum.includes(value)) return fail(`got ${showValue(value)}`);
        if (schema.minLength !== undefined && length < schema.minLength)
          return fail(`${showValue(value)} is ${length} characters, fewer than ${schema.minLength}`);
        if (schema.maxLength !== undefined && length > schema.maxLength)
          return fail(`${showValue(value)} is ${length} characters, more than ${schema.maxLength}`);
        if (schema.pattern && !new RegExp(schema.pattern).test(value))
          return fail(`${showValue(value)} does not have the allowed form`);
        const problem = schema.check?.(value);
        return problem ? fail(`${showValue(value)} ${problem}`) : value;
      }
      case 'integer': {
        if (typeof value !== 'number') return fail(`got ${this.got(node, 'integer')}`);
        if (!Number.isInteger(value)) return fail(`got ${value}, which is not a whole number`);
        if (schema.enum && !schema.enum.includes(value)) return fail(`got ${value}`);
        if (schema.minimum !== undefined && value < schema.minimum) return fail(`got ${value}, too small`);
        if (schema.maximum !== undefined && value > schema.maximum) return fail(`got ${value}, too large`);
        return value;
      }
      case 'boolean':
        return typeof value === 'boolean' ? value : fail(`got ${this.got(node, 'boolean')}`);
      case 'intOrPercent': {
        if (typeof value === 'number') {
          if (!Number.isInteger(value) || value < 0) return fail(`got ${value}`);
          if (schema.maximum !== undefined && value > schema.maximum) return fail(`got ${value}, too large`);
          return value;
        }
        if (typeof value === 'string' && new RegExp(PERCENT_PATTERN).test(value)) return value;
        return fail(`got ${this.got(node, 'intOrPercent')}`);
      }
      default:
        return fail('got an unexpected value');
    }
  }

  private object(node: YAMLMap, schema: ObjectSchema, path: string, here: Position): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const known = Object.keys(schema.properties);
    const given: string[] = [];
    for (const item of node.items) {
      const keyNode = item.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : showValue(String(keyNode));
      const keyAt = this.position(keyNode, here);
      const child = schema.properties[key];
      if (!child || !Object.hasOwn(schema.properties, key)) {
        this.report(
          keyAt,
          childPath(path, key),
          `unknown field ${showValue(key)}${suggestion(key, known)}`,
          `fields ${known.sort().join(', ')}`,
        );
        continue;
      }
      given.push(key);
      out[key] = this.walk(item.value, child, childPath(path, key), keyAt);
      if (schema.exactlyOne && given.length === 2) {
        this.report(
          keyAt,
          childPath(path, key),
          `${given[0]} is already given; only one of them may be`,
          allowedText(schema),
        );
      }
    }
    if (schema.exactlyOne && given.length === 0) this.report(here, path, 'is empty', allowedText(schema));
    for (const key of schema.required ?? []) {
      if (!given.includes(key) && !this.problems.some((p) => p.path === childPath(path, key))) {
        this.report(here, childPath(path, key), 'is missing', allowedText(schema.properties[key]!));
      }
    }
    for (const [key, child] of Object.entries(schema.properties)) {
      if (out[key] === undefined && child.default !== undefined) {
        out[key] = withDefaults(structuredClone(child.default), child);
      }
    }
    return out;
  }

  private checkUnique(items: readonly unknown[], by: string | undefined, path: string): void {
    if (by === undefined) return;
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = by === 'value' ? item : isRecord(item) ? item[by] : undefined;
      if (key === undefined) return;
      const text = JSON.stringify(key);
      const first = seen.get(text);
      if (first === undefined) {
        seen.set(text, i);
        return;
      }
      const itemPath = by === 'value' ? childPath(path, i) : childPath(childPath(path, i), by);
      this.report(
        this.positions.get(itemPath) ?? { line: 1, column: 1 },
        itemPath,
        `${showValue(key)} is already used by ${childPath(path, first)}`,
        by === 'value' ? 'each value once' : `a ${by} no other item has`,
      );
    });
  }
}
