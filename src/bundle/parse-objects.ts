import { LineCounter, parseAllDocuments } from 'yaml';
import { isObject, splitApiVersion, str } from '../capi/access.ts';
import type { FleetObject, KubeObject, Plane, ReadIssue, SourceLocation } from '../model/fleet.ts';

/** Where the objects of one file belong. */
export interface ObjectFileContext {
  /** Path relative to the bundle root, used in every message. */
  readonly file: string;
  readonly plane: Plane;
  /** `namespace/name` of the workload cluster, for workload files. */
  readonly workloadCluster: string | undefined;
  /** The plane scope of the file's objects, computed once per file (see {@link planeScope}). */
  readonly scope?: string;
}

/** The objects of one file, and what was wrong with the parts that could not be read. */
export interface ParsedObjects {
  readonly objects: FleetObject[];
  readonly issues: ReadIssue[];
}

/** The scope part of an object id: `m` for the management plane, `w:<ns>/<cluster>` for a workload cluster. */
export function planeScope(plane: Plane, workloadCluster: string | undefined): string {
  return plane === 'management' ? 'm' : `w:${workloadCluster ?? ''}`;
}

/** The fleet-unique id of an object. */
export function objectId(
  scope: string,
  group: string,
  kind: string,
  namespace: string,
  name: string,
): string {
  return `${scope}|${group}|${kind}|${namespace}|${name}`;
}

/** Parses one object file (JSON, or YAML with any number of documents) into fleet objects. */
export function parseObjectFile(text: string, fileContext: ObjectFileContext): ParsedObjects {
  const context = { ...fileContext, scope: planeScope(fileContext.plane, fileContext.workloadCluster) };
  const result: ParsedObjects = { objects: [], issues: [] };
  // Binary files show a NUL byte early; scanning every byte of a 1 GiB bundle for one would cost a second.
  if (text.slice(0, 65_536).includes('\u0000')) {
    result.issues.push(issue(context, 'binary-file', 'holds binary data, not JSON or YAML', {}));
    return result;
  }
  if (context.file.endsWith('.json')) parseJson(text, context, result);
  else parseYaml(text, context, result);
  return result;
}

function parseJson(text: string, context: ObjectFileContext, result: ParsedObjects): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, error);
    const reason =
      error instanceof Error ? error.message.replace(/ in JSON at position.*$/s, '') : 'invalid JSON';
    result.issues.push(
      issue(context, 'json-syntax', `invalid JSON at line ${line}, column ${column}: ${reason}`, { line }),
    );
    return;
  }
  addTopLevel(value, context, { file: context.file }, result);
}

/** Line and column of a JSON.parse error, from the position V8 puts in its message. */
export function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function parseYaml(text: string, context: ObjectFileContext, result: ParsedObjects): void {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(documents)) return; // an empty stream
  documents.forEach((document, index) => {
    const line = lineCounter.linePos(document.contents?.range[0] ?? document.range[0]).line;
    const where: SourceLocation = { file: context.file, line, item: `document ${index + 1}` };
    if (document.errors.length > 0) {
      const first = document.errors[0];
      const errorLine = first?.linePos?.[0]?.line ?? line;
      const column = first?.linePos?.[0]?.col ?? 1;
      const reason = first?.message.split('\n')[0] ?? 'invalid YAML';
      result.issues.push(
        issue(context, 'yaml-syntax', `invalid YAML at line ${errorLine}, column ${column}: ${reason}`, {
          line: errorLine,
          item: where.item,
        }),
      );
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return; // an empty document between separators
    addTopLevel(value, context, where, result);
  });
}

function addTopLevel(
  value: unknown,
  context: ObjectFileContext,
  where: SourceLocation,
  result: ParsedObjects,
): void {
  if (!isObject(value)) {
    result.issues.push(
      issue(
        context,
        'not-an-object',
        'expected a Kubernetes object or List, found ' + describe(value),
        where,
      ),
    );
    return;
  }
  const items = value.items;
  const kind = str(value, 'kind');
  if (Array.isArray(items) && (kind === undefined || kind.endsWith('List'))) {
    // A typed list (MachineList) from the raw API leaves apiVersion and kind off its items.
    const itemKind = kind && kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
    const itemApiVersion = itemKind ? str(value, 'apiVersion') : undefined;
    items.forEach((item, index) => {
      const position = where.item ? `${where.item}, items[${index}]` : `items[${index}]`;
      // A plain literal, not a spread: this runs once per object of a fleet (hundreds of thousands).
      const itemWhere: SourceLocation =
        where.line === undefined
          ? { file: where.file, item: position }
          : { file: where.file, line: where.line, item: position };
      addObject(item, context, itemWhere, result, itemApiVersion, itemKind);
    });
    return;
  }
  addObject(value, context, where, result, undefined, undefined);
}

function addObject(
  value: unknown,
  context: ObjectFileContext,
  where: SourceLocation,
  result: ParsedObjects,
  defaultApiVersion: string | undefined,
  defaultKind: string | undefined,
): void {
  if (!isObject(value)) {
    result.issues.push(
      issue(context, 'not-an-object', 'expected an object, found ' + describe(value), where),
    );
    return;
  }
  const apiVersion = str(value, 'apiVersion') ?? defaultApiVersion;
  const kind = str(value, 'kind') ?? defaultKind;
  const name = str(value, 'metadata.name');
  const missing = [apiVersion ? '' : 'apiVersion', kind ? '' : 'kind', name ? '' : 'metadata.name'].filter(
    Boolean,
  );
  if (!apiVersion || !kind || !name || missing.length > 0) {
    const label = kind ? `${kind}${name ? ` ${name}` : ''}` : 'object';
    result.issues.push(
      issue(context, 'missing-field', `${label} has no ${missing.join(', ')}; it was skipped`, where),
    );
    return;
  }
  const { group, version } = splitApiVersion(apiVersion);
  const namespace = str(value, 'metadata.namespace') ?? '';
  let raw: KubeObject = value;
  if (kind === 'Secret' && group === '') {
    // Secret data never enters the model, whoever put it in the bundle.
    const { data: _data, stringData: _stringData, ...rest } = value;
    raw = rest;
  }
  if (raw === value && (value.apiVersion === undefined || value.kind === undefined)) {
    raw = { ...value, apiVersion, kind };
  }
  result.objects.push({
    id: objectId(
      context.scope ?? planeScope(context.plane, context.workloadCluster),
      group,
      kind,
      namespace,
      name,
    ),
    plane: context.plane,
    workloadCluster: context.workloadCluster,
    apiVersion,
    group,
    version,
    kind,
    namespace,
    name,
    uid: str(value, 'metadata.uid'),
    raw,
    source: where,
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function issue(
  context: ObjectFileContext,
  code: string,
  message: string,
  where: Partial<SourceLocation>,
): ReadIssue {
  return { severity: 'error', code, message, source: { ...where, file: context.file } };
}
