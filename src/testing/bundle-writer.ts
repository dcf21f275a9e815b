/** Formats fleet objects as `kubectl get -o json` Lists and writes bundle files, whole or streamed. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ClusterHandle, LogLine } from './fleet-types.ts';
import type { RawObject } from './raw.ts';
import { pluralOf } from './raw.ts';

const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling']);

/** True for kinds the API server serves natively (Go struct field order); false for CRDs (kubectl sorts their keys). */
function isBuiltin(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  return BUILTIN_GROUPS.has(group) || group.endsWith('.k8s.io');
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out;
}

/** One object as kubectl prints it: 2-space JSON, keys sorted for custom resources. */
export function formatObject(obj: RawObject): string {
  return JSON.stringify(isBuiltin(obj.apiVersion) ? obj : sortKeysDeep(obj), null, 2);
}

const LIST_HEAD = '{\n  "apiVersion": "v1",\n  "items": [';
const LIST_TAIL = '\n  ],\n  "kind": "List",\n  "metadata": {\n    "resourceVersion": ""\n  }\n}\n';
const EMPTY_LIST =
  '{\n  "apiVersion": "v1",\n  "items": [],\n  "kind": "List",\n  "metadata": {\n    "resourceVersion": ""\n  }\n}\n';

function listItem(obj: RawObject): string {
  return `\n    ${formatObject(obj).replaceAll('\n', '\n    ')}`;
}

/** A `List` of objects, byte-identical to `JSON.stringify(list, null, 2)` plus a final newline. */
export function formatList(items: readonly RawObject[]): string {
  if (items.length === 0) return EMPTY_LIST;
  return LIST_HEAD + items.map(listItem).join(',') + LIST_TAIL;
}

/** Bundle path of the management List file of a kind (`Machine` -> `management/machines.json`). */
export function managementPath(kind: string): string {
  return `management/${pluralOf(kind)}.json`;
}

/** Bundle path of a workload List file of a kind for cluster `namespace/name`. */
export function workloadPath(namespace: string, name: string, kind: string): string {
  return `workload/${namespace}/${name}/${pluralOf(kind)}.json`;
}

/** Groups objects by the file they belong in, keeping their order. */
export function groupByFile(
  objects: readonly RawObject[],
  pathOf: (kind: string) => string,
): Map<string, RawObject[]> {
  const files = new Map<string, RawObject[]>();
  for (const obj of objects) {
    const path = pathOf(obj.kind);
    const list = files.get(path);
    if (list) list.push(obj);
    else files.set(path, [obj]);
  }
  return files;
}

/** Every management object of a cluster, in dependency order (events excluded). */
export function managementObjects(c: ClusterHandle): RawObject[] {
  return [
    c.cluster,
    c.infraCluster,
    c.controlPlane,
    c.controlPlaneTemplate,
    ...c.pools.flatMap((p) => [
      p.infraTemplate,
      p.bootstrapTemplate,
      p.machineDeployment,
      p.machineSet,
      p.healthCheck,
    ]),
    ...c.machines.flatMap((m) => [m.machine, m.infraMachine, m.bootstrap, ...m.extras]),
    ...c.managementExtras,
  ];
}

/** The workload files of a cluster: nodes, pods, their controllers, events and custom objects. */
export function workloadFiles(c: ClusterHandle): Map<string, string> {
  const objects = [...c.nodes, ...c.pods, ...c.workloadControllers, ...c.workloadEvents, ...c.workloadExtras];
  const grouped = groupByFile(objects, (kind) => workloadPath(c.namespace, c.name, kind));
  // nodes, pods and events files exist even when empty: a capture always lists them.
  for (const kind of ['Node', 'Pod', 'Event']) {
    const path = workloadPath(c.namespace, c.name, kind);
    if (!grouped.has(path)) grouped.set(path, []);
  }
  const out = new Map<string, string>();
  for (const [path, items] of grouped) out.set(path, formatList(items));
  return out;
}

/** Log files from lines: each file's lines in time order (stable for equal times), one per line. */
export function formatLogs(lines: readonly LogLine[]): Map<string, string> {
  const byPath = new Map<string, LogLine[]>();
  for (const line of lines) {
    const list = byPath.get(line.path);
    if (list) list.push(line);
    else byPath.set(line.path, [line]);
  }
  const out = new Map<string, string>();
  for (const [path, list] of byPath) {
    const sorted = list.map((l, i) => ({ l, i })).sort((a, b) => a.l.ts - b.l.ts || a.i - b.i);
    out.set(path, sorted.map(({ l }) => `${l.text}\n`).join(''));
  }
  return out;
}

/** The `bundle.yaml` text. */
export function bundleYaml(capturedAt: string, management: string): string {
  return `capturedAt: ${JSON.stringify(capturedAt)}\nmanagement: ${JSON.stringify(management)}\n`;
}

/** Writes files (bundle-relative path -> text) below `dir`, replacing whatever was there. */
export async function writeFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const dirs = new Set([...files.keys()].map((p) => dirname(join(dir, p))));
  for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
  for (const [path, text] of files) await writeFile(join(dir, path), text);
}

/** A List file written item by item, so the whole List never sits in memory. */
export interface ListFileWriter {
  /** Appends items; resolves when the stream can take more. */
  add(items: readonly RawObject[]): Promise<void>;
  /** Writes the List's tail and closes the file. */
  close(): Promise<void>;
  /** Items written so far. */
  readonly count: number;
}

/** Opens a streamed List file at `path` (parent directories are created). */
export async function openListFile(path: string): Promise<ListFileWriter> {
  await mkdir(dirname(path), { recursive: true });
  const stream = createWriteStream(path);
  let count = 0;
  const write = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  return {
    get count() {
      return count;
    },
    async add(items) {
      if (items.length === 0) return;
      const text = (count === 0 ? LIST_HEAD : ',') + items.map(listItem).join(',');
      count += items.length;
      await write(text);
    },
    async close() {
      stream.end(count === 0 ? EMPTY_LIST : LIST_TAIL);
      await once(stream, 'finish');
    },
  };
}
