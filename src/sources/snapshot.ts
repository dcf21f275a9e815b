import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Bundle } from '../bundle/bundle.ts';
import { InputError } from '../model/errors.ts';
import type { FleetObject } from '../model/fleet.ts';
import type { ClusterStatus } from './cluster-connection.ts';
import type { ControllerLog } from './controller-logs.ts';

/** One file a snapshot wrote, for progress lines. */
export interface SnapshotProgress {
  readonly file: string;
  readonly objects: number;
  readonly done: number;
  readonly total: number;
}

/** What a snapshot wrote. */
export interface SnapshotResult {
  readonly files: readonly string[];
  readonly objects: number;
  /** Clusters that could not be captured, with the reason written to their CAPTURE-ERROR.txt. */
  readonly notCaptured: readonly { readonly cluster: string; readonly message: string }[];
}

/**
 * Writes what a live source holds as a bundle in the layout of scripts/capture-bundle.sh: `bundle.yaml`,
 * `management/<resource>.json` (one List per resource type, empty ones too), `workload/<ns>/<cluster>/{nodes,pods,
 * events}.json`, and `workload/<ns>/<cluster>/CAPTURE-ERROR.txt` for a cluster never listed. Never a Secret.
 */
export async function writeSnapshot(
  bundle: Bundle,
  statuses: readonly ClusterStatus[],
  dir: string,
  onProgress?: (progress: SnapshotProgress) => void,
  logs: readonly ControllerLog[] = [],
): Promise<SnapshotResult> {
  const existing = await readdir(dir).catch(() => undefined);
  if (existing && existing.length > 0) {
    throw new InputError(
      'output-not-empty',
      `${dir}: exists and is not empty; give a new or empty directory`,
    );
  }
  const byFile = new Map<string, FleetObject[]>();
  for (const object of bundle.objects) {
    // Secret data never leaves the cluster: live mode does not list Secrets, and this guards it anyway.
    if (object.group === '' && object.kind === 'Secret') continue;
    const file = `${object.source.file.replace(/^live:/, '')}.json`;
    const list = byFile.get(file);
    if (list) list.push(object);
    else byFile.set(file, [object]);
  }
  const files = new Map<string, FleetObject[]>();
  const notCaptured: { cluster: string; message: string }[] = [];
  const errors = new Map<string, string>();
  for (const status of statuses) {
    const base = status.plane === 'management' ? 'management' : `workload/${status.cluster}`;
    if (status.plane === 'workload' && !status.synced) {
      const message = status.message ?? `not listed (${status.state})`;
      notCaptured.push({ cluster: status.cluster, message });
      errors.set(`${base}/CAPTURE-ERROR.txt`, `${message}\n`);
      continue;
    }
    for (const resource of status.resources) {
      if (resource.state === 'failed') continue;
      const file = `${base}/${resource.resource}.json`;
      files.set(file, byFile.get(file) ?? []);
    }
  }
  const total = files.size + errors.size + logs.length + 1;
  let done = 0;
  const written: string[] = [];
  const write = async (file: string, text: string, objects: number): Promise<void> => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
    written.push(file);
    onProgress?.({ file, objects, done: ++done, total });
  };
  await mkdir(dir, { recursive: true });
  // Seconds precision and a Z, as the capture script writes it.
  const capturedAt = bundle.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  await write('bundle.yaml', stringify({ capturedAt, management: bundle.management }), 0);
  let objects = 0;
  for (const file of [...files.keys()].sort()) {
    const items = (files.get(file) ?? [])
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
      .map((o) => o.raw);
    objects += items.length;
    // The shape `kubectl get -A -o json` prints.
    const list = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    await write(file, `${JSON.stringify(list, null, 4)}\n`, items.length);
  }
  for (const [file, text] of errors) await write(file, text, 0);
  for (const log of logs) await write(log.file, log.text, 0);
  return { files: written, objects, notCaptured };
}
