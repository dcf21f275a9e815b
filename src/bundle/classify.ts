import { logOriginFromPath } from './log-path.ts';
import type { LogOrigin, Plane } from '../model/fleet.ts';

/** What a file in a bundle is, from its path alone. */
export type BundleFile =
  | { readonly type: 'meta' }
  | { readonly type: 'objects'; readonly plane: Plane; readonly workloadCluster: string | undefined }
  | { readonly type: 'log'; readonly origin: LogOrigin }
  | { readonly type: 'metrics'; readonly cluster: string; readonly name: string }
  | { readonly type: 'capture-error'; readonly cluster: string }
  | { readonly type: 'ignored'; readonly why: string };

const OBJECT_FILE = /\.(ya?ml|json)$/i;

/** Classifies a bundle-relative path (forward slashes) by the layout of spec/bundle.md. */
export function classifyBundlePath(path: string, flat: boolean): BundleFile {
  if (path === 'bundle.yaml' || path === 'bundle.yml') return { type: 'meta' };
  const parts = path.split('/');
  const top = parts[0];
  if (flat) {
    // Not a bundle layout: a folder of kubectl captures, read as management objects.
    return OBJECT_FILE.test(path) && top !== 'logs' && top !== 'metrics'
      ? { type: 'objects', plane: 'management', workloadCluster: undefined }
      : { type: 'ignored', why: 'not a JSON or YAML object file' };
  }
  if (top === 'management') {
    return OBJECT_FILE.test(path)
      ? { type: 'objects', plane: 'management', workloadCluster: undefined }
      : { type: 'ignored', why: 'not a .yaml, .yml or .json file' };
  }
  if (top === 'workload') {
    if (parts.length < 4) {
      return { type: 'ignored', why: 'workload files belong in workload/<namespace>/<cluster>/' };
    }
    const cluster = `${parts[1]}/${parts[2]}`;
    // The capture script leaves this file where a workload cluster could not be read.
    if (parts.length === 4 && parts[3] === 'CAPTURE-ERROR.txt') return { type: 'capture-error', cluster };
    if (!OBJECT_FILE.test(path)) return { type: 'ignored', why: 'not a .yaml, .yml or .json file' };
    return { type: 'objects', plane: 'workload', workloadCluster: cluster };
  }
  if (top === 'logs') {
    const origin = logOriginFromPath(path);
    return origin
      ? { type: 'log', origin }
      : { type: 'ignored', why: 'not in a log location of the bundle layout' };
  }
  if (top === 'metrics') {
    if (parts.length === 4 && path.endsWith('.json')) {
      return {
        type: 'metrics',
        cluster: `${parts[1]}/${parts[2]}`,
        name: (parts[3] ?? '').replace(/\.json$/, ''),
      };
    }
    return { type: 'ignored', why: 'metrics belong in metrics/<namespace>/<cluster>/<name>.json' };
  }
  return { type: 'ignored', why: 'outside management/, workload/, logs/ and metrics/' };
}
