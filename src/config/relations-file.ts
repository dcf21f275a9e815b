import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { isObject, str } from '../capi/access.ts';
import type { KindMatch, RelationRule } from '../graph/relations.ts';
import { InputError } from '../model/errors.ts';

/**
 * Reads a team's relations file:
 * `relations: [{ name, from: {kind, group?}, field | label, to: {kind, group?}, parent?: from | to }]`.
 * `parent` defaults to `from` for fields and `to` for labels.
 */
export async function readRelationsFile(path: string): Promise<RelationRule[]> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new InputError(
      'relations-unreadable',
      `${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return parseRelations(text, path);
}

/** Parses and validates the text of a relations file; errors name the file, line and field. */
export function parseRelations(text: string, file: string): RelationRule[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const fail = (node: Node | null | undefined, message: string): never => {
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    throw new InputError('bad-relations-file', `${file}${line ? `:${line}` : ''}: ${message}`, {
      file,
      line,
    });
  };
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new InputError(
      'bad-relations-file',
      `${file}:${first?.linePos?.[0]?.line ?? 1}: ${first?.message.split('\n')[0]}`,
    );
  }
  const root = document.contents;
  if (!isMap(root)) return fail(root, 'expected a mapping with a `relations` list');
  const list = root.get('relations', true);
  if (!isSeq(list)) return fail(root, '`relations` must be a list');
  return list.items.map((item, index) => {
    const where = `relations[${index}]`;
    const value: unknown = (item as Node).toJSON();
    if (!isObject(value)) return fail(item as Node, `${where} must be a mapping`);
    const name = str(value, 'name');
    if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      return fail(
        item as Node,
        `${where}.name must be a kebab-case relation name, got ${JSON.stringify(value.name)}`,
      );
    }
    const from = kindMatch(value.from, `${where}.from`, (m) => fail(item as Node, m));
    const to = kindMatch(value.to, `${where}.to`, (m) => fail(item as Node, m));
    const field = str(value, 'field');
    const label = str(value, 'label');
    if ((field === undefined) === (label === undefined)) {
      return fail(
        item as Node,
        `${where} needs exactly one of field (a dotted path such as spec.clusterRef) or label`,
      );
    }
    const parent = value.parent ?? (field !== undefined ? 'from' : 'to');
    if (parent !== 'from' && parent !== 'to') {
      return fail(item as Node, `${where}.parent must be from or to, got ${JSON.stringify(parent)}`);
    }
    const allowed = new Set(['name', 'from', 'to', 'field', 'label', 'parent']);
    const unknown = Object.keys(value).filter((k) => !allowed.has(k));
    if (unknown.length > 0)
      return fail(
        item as Node,
        `${where} has unknown field(s) ${unknown.join(', ')}; allowed: ${[...allowed].join(', ')}`,
      );
    return { relation: name, from, to, parent, ...(field !== undefined ? { field } : { label }) };
  });
}

function kindMatch(value: unknown, where: string, fail: (message: string) => never): KindMatch {
  if (!isObject(value) || typeof value.kind !== 'string' || !value.kind)
    return fail(`${where} must be a mapping with a kind`);
  const group = str(value, 'group');
  return group === undefined ? { kind: value.kind } : { kind: value.kind, group };
}
