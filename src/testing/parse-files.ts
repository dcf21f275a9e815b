/** Reads generated bundle files back into objects per plane, for assertions on what the builder wrote. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { RawObject } from './raw.ts';

/** The objects of a bundle's files, by plane; workload objects keyed by `namespace/name` of their cluster. */
export interface ParsedBundle {
  readonly management: RawObject[];
  readonly workload: Map<string, RawObject[]>;
}

/** Parses every `*.json` List below `management/` and `workload/<ns>/<cluster>/` (throws on invalid JSON). */
export function parseBundleFiles(files: ReadonlyMap<string, string>): ParsedBundle {
  const management: RawObject[] = [];
  const workload = new Map<string, RawObject[]>();
  for (const [path, text] of files) {
    if (!path.endsWith('.json')) continue;
    const parts = path.split('/');
    if (parts[0] !== 'management' && parts[0] !== 'workload') continue;
    const list = JSON.parse(text) as { kind?: string; items?: RawObject[] };
    const items = list.kind === 'List' ? (list.items ?? []) : [list as RawObject];
    if (parts[0] === 'management') {
      management.push(...items);
    } else {
      const key = `${parts[1] ?? ''}/${parts[2] ?? ''}`;
      workload.set(key, [...(workload.get(key) ?? []), ...items]);
    }
  }
  return { management, workload };
}

/** The value at a dotted path (`status.nodeRef.name`, `spec.taints.0`), or undefined. */
export function fieldAt(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

/** Every file below `dir` as bundle-relative path (with `/`) -> text, sorted by path. */
export async function readFilesUnder(dir: string): Promise<Map<string, string>> {
  const files: [string, string][] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push([relative(dir, full).split('\\').join('/'), await readFile(full, 'utf8')]);
  }
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
