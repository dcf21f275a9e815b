/**
 * A small schema description: the intent and policy formats are written once in it, and both the validator
 * (validate.ts, with file:line:column errors) and the published JSON Schema (toJsonSchema) derive from it.
 */

interface Common {
  /** One or two sentences for editors and the docs. */
  readonly description: string;
  /** Used when the field is absent; nested defaults of the value are filled in too. */
  readonly default?: unknown;
  /** Overrides the generated "allowed: ..." text of errors about this field. */
  readonly allowed?: string;
  readonly examples?: readonly unknown[];
}

/** A string, optionally limited by enum, pattern, length and a semantic check. */
export interface StringSchema extends Common {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** ECMAScript regular expression source, anchored by the author. */
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** A check the pattern cannot express (CIDR ranges, label syntax); returns the problem or undefined. */
  readonly check?: (value: string) => string | undefined;
}

/** A whole number. */
export interface IntegerSchema extends Common {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly number[];
}

/** true or false. */
export interface BooleanSchema extends Common {
  readonly type: 'boolean';
}

/** A count (`2`) or a percentage (`"25%"`), as Kubernetes' IntOrString fields take them. */
export interface IntOrPercentSchema extends Common {
  readonly type: 'intOrPercent';
  readonly maximum?: number;
}

/** An object with known fields; every other field is an error. */
export interface ObjectSchema extends Common {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  /** Exactly one of the properties must be given (a tagged union keyed by field name). */
  readonly exactlyOne?: boolean;
}

/** An object used as a map from keys of one shape to values of one shape. */
export interface MapSchema extends Common {
  readonly type: 'map';
  readonly keys: StringSchema;
  readonly values: SchemaNode;
  readonly maxProperties?: number;
}

/** A list. */
export interface ArraySchema extends Common {
  readonly type: 'array';
  readonly items: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Items must differ: as whole values (`value`) or by one field of object items. */
  readonly uniqueBy?: string;
}

/** Any node of a schema description. */
export type SchemaNode =
  StringSchema | IntegerSchema | BooleanSchema | IntOrPercentSchema | ObjectSchema | MapSchema | ArraySchema;

/** The percent form of an int-or-percent value. */
export const PERCENT_PATTERN = '^(100|[1-9]?[0-9])%$';

/** What a value of `node` may be, in words, for "allowed: ..." in errors. */
export function allowedText(node: SchemaNode): string {
  if (node.allowed) return node.allowed;
  switch (node.type) {
    case 'string': {
      if (node.enum) return `one of ${node.enum.join(', ')}`;
      const length =
        node.maxLength !== undefined ? ` of ${node.minLength ?? 0} to ${node.maxLength} characters` : '';
      return `a string${length}${node.pattern ? ` matching ${node.pattern}` : ''}`;
    }
    case 'integer':
      if (node.enum) return `one of ${node.enum.join(', ')}`;
      return `an integer${range(node.minimum, node.maximum)}`;
    case 'boolean':
      return 'true or false';
    case 'intOrPercent':
      return `an integer${range(0, node.maximum)} or a percentage like "25%"`;
    case 'object': {
      const fields = Object.keys(node.properties).sort();
      return node.exactlyOne
        ? `exactly one of ${fields.join(', ')}`
        : `an object with fields ${fields.join(', ')}`;
    }
    case 'map':
      return `a map of ${allowedText(node.keys)} to ${allowedText(node.values)}`;
    case 'array':
      return `a list${node.maxItems !== undefined ? ` of at most ${node.maxItems}` : ''} of ${allowedText(node.items)}`;
  }
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** A JSON Schema (draft 2020-12) value. */
export type JsonSchema = { readonly [key: string]: unknown };

/** The JSON Schema of `node`: what editors use to complete and check a file. */
export function toJsonSchema(node: SchemaNode): JsonSchema {
  const common: Record<string, unknown> = { description: node.description };
  if (node.default !== undefined) common.default = node.default;
  if (node.examples) common.examples = node.examples;
  switch (node.type) {
    case 'string':
      return {
        type: 'string',
        ...common,
        ...(node.enum ? { enum: node.enum } : {}),
        ...(node.pattern ? { pattern: node.pattern } : {}),
        ...(node.minLength !== undefined ? { minLength: node.minLength } : {}),
        ...(node.maxLength !== undefined ? { maxLength: node.maxLength } : {}),
      };
    case 'integer':
      return {
        type: 'integer',
        ...common,
        ...(node.enum ? { enum: node.enum } : {}),
        ...(node.minimum !== undefined ? { minimum: node.minimum } : {}),
        ...(node.maximum !== undefined ? { maximum: node.maximum } : {}),
      };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'intOrPercent':
      return {
        ...common,
        anyOf: [
          { type: 'integer', minimum: 0, ...(node.maximum !== undefined ? { maximum: node.maximum } : {}) },
          { type: 'string', pattern: PERCENT_PATTERN },
        ],
      };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const key of Object.keys(node.properties).sort()) {
        properties[key] = toJsonSchema(node.properties[key]!);
      }
      return {
        type: 'object',
        ...common,
        properties,
        additionalProperties: false,
        ...(node.required?.length ? { required: [...node.required] } : {}),
        ...(node.exactlyOne ? { minProperties: 1, maxProperties: 1 } : {}),
      };
    }
    case 'map':
      return {
        type: 'object',
        ...common,
        propertyNames: toJsonSchema(node.keys),
        additionalProperties: toJsonSchema(node.values),
        ...(node.maxProperties !== undefined ? { maxProperties: node.maxProperties } : {}),
      };
    case 'array':
      return {
        type: 'array',
        ...common,
        items: toJsonSchema(node.items),
        ...(node.minItems !== undefined ? { minItems: node.minItems } : {}),
        ...(node.maxItems !== undefined ? { maxItems: node.maxItems } : {}),
        ...(node.uniqueBy === 'value' ? { uniqueItems: true } : {}),
      };
  }
}
