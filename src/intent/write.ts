import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './manifest.ts';
import { renderManifest } from './render.ts';

/** Files this writer owns in an output folder: `NN-kind-name.yaml`. */
const OWN_FILE = /^\d{2,}-[a-z0-9]+-[a-z0-9.-]+\.yaml$/;

/** The file name of the manifest at `index` (0-based) of an ordered list. */
export function manifestFileName(manifest: Manifest, index: number, count: number): string {
  const width = Math.max(2, String(count).length);
  return `${String(index + 1).padStart(width, '0')}-${manifest.kind.toLowerCase()}-${manifest.metadata.name}.yaml`;
}

/**
 * Writes one file per manifest into `dir`, in order, after removing the `NN-kind-name.yaml` files of an
 * earlier run (a stale template would otherwise be applied again). Returns the paths written.
 */
export async function writeManifests(dir: string, manifests: readonly Manifest[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stale = (await readdir(dir)).filter((f) => OWN_FILE.test(f));
  await Promise.all(stale.map((f) => rm(join(dir, f))));
  const paths: string[] = [];
  for (const [i, manifest] of manifests.entries()) {
    const path = join(dir, manifestFileName(manifest, i, manifests.length));
    await writeFile(path, renderManifest(manifest));
    paths.push(path);
  }
  return paths;
}
