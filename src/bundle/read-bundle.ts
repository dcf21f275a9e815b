import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Bundle } from './bundle.ts';
import { classifyBundlePath } from './classify.ts';
import { parseLogText } from './log-parse.ts';
import { parseMetricsFile } from './metrics.ts';
import { parseObjectFile } from './parse-objects.ts';
import { checkObjects, newestTimestamp } from './object-checks.ts';
import { isObject, str } from '../capi/access.ts';
import { InputError, describeLocation } from '../model/errors.ts';
import type { FleetObject, LogEntry, LogOrigin, MetricSeries, ReadIssue } from '../model/fleet.ts';

/** Progress of a bundle read, for a progress line on long reads. */
export interface ReadProgress {
  readonly done: number;
  readonly total: number;
  readonly file: string;
}

/** Options of {@link readBundle}. */
export interface ReadBundleOptions {
  /** Fail on the first unreadable file instead of reporting it and reading the rest. */
  readonly strict?: boolean;
  /** Files larger than this are reported and skipped (default 512 MiB, near V8's string limit). */
  readonly maxFileBytes?: number;
  /** Called after each file. */
  readonly onProgress?: (progress: ReadProgress) => void;
}

const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
const READ_AHEAD = 4;

/**
 * Reads a fleet bundle (spec/bundle.md), a folder of kubectl captures, or a single capture file. One bad file is
 * reported in `issues` and the rest is read, unless `strict`. Throws {@link InputError} for unusable input.
 */
export async function readBundle(path: string, options: ReadBundleOptions = {}): Promise<Bundle> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError('bundle-not-found', `${path}: no such file or directory`);
  const root = info.isDirectory() ? path : dirname(path);
  const files = info.isDirectory() ? await listFiles(root) : [basename(path)];
  const layout =
    info.isDirectory() && files.some((f) => /^(management|workload)\//.test(f)) ? 'bundle' : 'flat';

  const issues: ReadIssue[] = [];
  const report = (found: ReadIssue): void => {
    if (options.strict && found.severity === 'error') {
      throw new InputError(found.code, `${describeLocation(found.source)}: ${found.message}`, found.source);
    }
    issues.push(found);
  };
  if (layout === 'flat' && info.isDirectory()) {
    report({
      severity: 'notice',
      code: 'not-a-bundle-layout',
      message:
        'no management/ or workload/ folder: every object file is read as a management-cluster capture',
      source: { file: '.' },
    });
  }

  const objects: FleetObject[] = [];
  const logFiles: { file: string; text: string; origin: LogOrigin }[] = [];
  const metrics: MetricSeries[] = [];
  const workloadClusters = new Set<string>();
  let meta: { capturedAt?: string; management?: string } = {};

  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const pending: Promise<string | ReadIssue>[] = [];
  const load = (file: string): Promise<string | ReadIssue> => readText(join(root, file), file, maxBytes);
  for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) pending.push(load(files[i] ?? ''));

  for (let index = 0; index < files.length; index++) {
    const file = files[index] ?? '';
    const text = (await pending[index]) ?? '';
    pending[index] = Promise.resolve(''); // let the text be collected
    const next = index + READ_AHEAD;
    if (next < files.length) pending.push(load(files[next] ?? ''));
    options.onProgress?.({ done: index + 1, total: files.length, file });
    if (typeof text !== 'string') {
      report(text);
      continue;
    }
    const kind = classifyBundlePath(file, layout === 'flat');
    switch (kind.type) {
      case 'meta':
        meta = readMeta(text, file, report);
        break;
      case 'objects': {
        if (kind.workloadCluster) workloadClusters.add(kind.workloadCluster);
        const parsed = parseObjectFile(text, {
          file,
          plane: kind.plane,
          workloadCluster: kind.workloadCluster,
        });
        for (const found of parsed.issues) report(found);
        for (const object of parsed.objects) objects.push(object);
        break;
      }
      case 'log':
        if (kind.origin.type === 'workload-pod') workloadClusters.add(kind.origin.cluster);
        logFiles.push({ file, text, origin: kind.origin });
        break;
      case 'metrics': {
        const parsed = parseMetricsFile(text, kind.cluster, kind.name, file);
        for (const found of parsed.issues) report(found);
        for (const series of parsed.series) metrics.push(series);
        break;
      }
      case 'capture-error':
        report({
          severity: 'warning',
          code: 'workload-not-captured',
          message: `the workload cluster ${kind.cluster} could not be captured: ${text.trim().split('\n').slice(0, 3).join(' ')}`,
          source: { file },
        });
        break;
      case 'ignored':
        report({
          severity: 'notice',
          code: 'file-ignored',
          message: `ignored: ${kind.why}`,
          source: { file },
        });
        break;
    }
  }

  const kept = checkObjects(objects, report);
  const capturedAt = meta.capturedAt;
  // Klog lines carry no year; they need "now" before they are parsed, so logs are parsed last.
  let now = capturedAt ? new Date(capturedAt) : newestTimestamp(kept);
  const logs: LogEntry[] = [];
  for (const { file, text, origin } of logFiles) {
    for (const entry of parseLogText(text, origin, file, now ?? new Date(0))) logs.push(entry);
  }
  if (!now) now = newestLogTime(logs) ?? new Date(0);
  if (kept.length === 0 && logs.length === 0 && metrics.length === 0) {
    const first = issues.find((i) => i.severity === 'error');
    throw new InputError(
      'empty-bundle',
      first
        ? `${path}: no object could be read; first problem: ${describeLocation(first.source)}: ${first.message}`
        : `${path}: no Kubernetes objects found (a bundle has management/ and workload/<namespace>/<cluster>/ folders of kubectl JSON or YAML)`,
    );
  }
  return {
    root,
    now,
    capturedAt,
    management: meta.management,
    objects: kept,
    logs,
    metrics,
    workloadClusters: [...workloadClusters].sort(),
    issues,
  };
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!rel.split('/').some((part) => part.startsWith('.'))) files.push(rel);
  }
  return files.sort();
}

async function readText(path: string, file: string, maxBytes: number): Promise<string | ReadIssue> {
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) {
      return {
        severity: 'error',
        code: 'file-too-large',
        message: `${(size / 2 ** 20).toFixed(0)} MiB is over the ${(maxBytes / 2 ** 20).toFixed(0)} MiB limit for one file; split it (one List per kind or namespace)`,
        source: { file },
      };
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { severity: 'error', code: 'file-unreadable', message: reason, source: { file } };
  }
}

function readMeta(
  text: string,
  file: string,
  report: (issue: ReadIssue) => void,
): { capturedAt?: string; management?: string } {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid YAML';
    report({
      severity: 'error',
      code: 'yaml-syntax',
      message: `invalid YAML: ${reason}`,
      source: { file, line },
    });
    return {};
  }
  if (value === null || value === undefined) return {};
  if (!isObject(value)) {
    report({ severity: 'error', code: 'bad-bundle-meta', message: 'expected a mapping', source: { file } });
    return {};
  }
  const out: { capturedAt?: string; management?: string } = {};
  const capturedAt =
    value.capturedAt instanceof Date ? value.capturedAt.toISOString() : str(value, 'capturedAt');
  if (capturedAt !== undefined) {
    if (Number.isNaN(Date.parse(capturedAt))) {
      report({
        severity: 'error',
        code: 'bad-captured-at',
        message: `capturedAt ${JSON.stringify(capturedAt)} is not an RFC 3339 time such as "2026-11-20T10:30:00Z"; using the newest timestamp in the bundle instead`,
        source: { file },
      });
    } else out.capturedAt = capturedAt;
  }
  const management = str(value, 'management');
  if (management !== undefined) out.management = management;
  return out;
}

function newestLogTime(logs: readonly LogEntry[]): Date | undefined {
  let newest = -Infinity;
  for (const entry of logs) {
    const t = entry.ts ? Date.parse(entry.ts) : NaN;
    if (t > newest) newest = t;
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
