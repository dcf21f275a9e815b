import type { LogOrigin } from '../model/fleet.ts';

const LOG_EXTENSIONS = ['.log', '.txt'] as const;

/** Where a log file sits in the bundle, from its path relative to the bundle root; undefined if not a log path. */
export function logOriginFromPath(relPath: string): LogOrigin | undefined {
  const parts = relPath.split('/');
  if (parts[0] !== 'logs' || !parts.every(isPlainSegment)) return undefined;
  const file = parts[parts.length - 1] ?? '';
  const stem = logStem(file);
  if (stem === undefined) return undefined;

  const [, area, a, b, c, d] = parts;
  if (area === 'management' && parts.length === 5 && a !== undefined && b !== undefined) {
    return { type: 'management-pod', namespace: a, pod: b, container: stem };
  }
  if (area === 'workload' && parts.length === 7 && a !== undefined && b !== undefined) {
    if (c === undefined || d === undefined) return undefined;
    return { type: 'workload-pod', cluster: `${a}/${b}`, namespace: c, pod: d, container: stem };
  }
  if (area === 'machines' && parts.length === 5 && a !== undefined && b !== undefined) {
    return { type: 'machine-boot', namespace: a, machine: b, file };
  }
  return undefined;
}

/** The file name without its log extension, or undefined when it has none (or nothing before it). */
function logStem(file: string): string | undefined {
  for (const ext of LOG_EXTENSIONS) {
    if (file.length > ext.length && file.endsWith(ext)) return file.slice(0, -ext.length);
  }
  return undefined;
}

function isPlainSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..';
}
