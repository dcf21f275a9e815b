import { describe, expect, it } from 'vitest';
import { IntentError } from './problems.ts';
import type { ObjectSchema } from './schema-dsl.ts';
import { childPath, parentPath, validateYaml } from './validate.ts';

const SCHEMA: ObjectSchema = {
  type: 'object',
  description: 'test',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'n', pattern: '^[a-z]+$', maxLength: 5 },
    version: { type: 'string', description: 'v' },
    count: { type: 'integer', description: 'c', minimum: 0, maximum: 10, default: 3 },
    surge: { type: 'intOrPercent', description: 's', maximum: 100 },
    on: { type: 'boolean', description: 'b' },
    labels: {
      type: 'map',
      description: 'l',
      keys: { type: 'string', description: 'k', pattern: '^[a-z]+$' },
      values: { type: 'string', description: 'v' },
    },
    items: {
      type: 'array',
      description: 'i',
      uniqueBy: 'id',
      items: {
        type: 'object',
        description: 'x',
        required: ['id'],
        properties: { id: { type: 'string', description: 'id' } },
      },
    },
    one: {
      type: 'object',
      description: 'u',
      exactlyOne: true,
      properties: {
        a: { type: 'object', description: 'a', properties: {} },
        b: { type: 'object', description: 'b', properties: {} },
      },
    },
  },
};

function problems(text: string) {
  try {
    validateYaml(text, 'f.yaml', SCHEMA, 'test-invalid');
  } catch (error) {
    expect(error).toBeInstanceOf(IntentError);
    return (error as IntentError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.problem}`);
  }
  return [];
}

describe('validateYaml', () => {
  it('returns the value with defaults filled in and locates every field', () => {
    const result = validateYaml('name: abc\nitems:\n  - id: x\n', 'f.yaml', SCHEMA, 'test-invalid');
    expect(result.value).toEqual({ name: 'abc', count: 3, items: [{ id: 'x' }] });
    expect(result.locate('items[0].id')).toEqual({ line: 3, column: 9 });
    expect(result.locate('count')).toEqual({ line: 1, column: 1 });
  });

  it('names the line, column, field path and bad value of each problem, in file order', () => {
    expect(problems('name: ABC\ncount: 11\nsurge: "101%"\non: yes\n')).toEqual([
      '1:7 name: "ABC" does not have the allowed form',
      '2:8 count: got 11, too large',
      '3:8 surge: got "101%" (a string)',
      '4:5 on: got "yes" (a string)',
    ]);
  });

  it('tells to quote a version YAML read as a number', () => {
    expect(problems('name: a\nversion: 1.30\n')).toEqual([
      '2:10 version: got 1.30 (a number: YAML reads unquoted 1.30 as a number, quote it as "1.30")',
    ]);
  });

  it('reports unknown fields at the key with a suggestion, and missing required fields at the parent', () => {
    expect(problems('nmae: a\nitems:\n  - {}\n')).toEqual([
      '1:1 name: is missing',
      '1:1 nmae: unknown field "nmae" (did you mean name?)',
      '3:5 items[0].id: is missing',
    ]);
  });

  it('checks map keys, list uniqueness and exactly-one objects', () => {
    expect(
      problems('name: a\nlabels: { Bad: x }\nitems: [{id: a}, {id: a}]\none: { a: {}, b: {} }\n'),
    ).toEqual([
      '2:11 labels.Bad: key "Bad" does not have the allowed form',
      '3:23 items[1].id: "a" is already used by items[0]',
      '4:15 one.b: a is already given; only one of them may be',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    expect(problems('name: a\nname: b\n')).toEqual([
      expect.stringMatching(/^2:1 \(file\): YAML syntax error: Map keys must be unique/),
    ]);
    expect(problems('')).toEqual(['1:1 (file): the file is empty']);
    expect(problems('- a\n')).toEqual(['1:1 (root): got a list']);
  });

  it('does not let a map key reach the prototype', () => {
    expect(problems('name: a\nlabels: { __proto__: x }\n')).toHaveLength(1);
  });

  it('joins and splits field paths', () => {
    expect(childPath(childPath('a', 0), 'x.y/z')).toBe('a[0]["x.y/z"]');
    expect(parentPath('a[0]["x.y/z"]')).toBe('a[0]');
    expect(parentPath('a[0]')).toBe('a');
    expect(parentPath('a')).toBe('');
    expect(parentPath('')).toBeUndefined();
  });
});
