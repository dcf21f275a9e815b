import type { CliIo } from './io.ts';
import { createProgress } from './io.ts';
import type { Bundle } from '../bundle/bundle.ts';
import { readBundle } from '../bundle/read-bundle.ts';
import { readRelationsFile } from '../config/relations-file.ts';
import { buildFleetGraph, type FleetGraph } from '../graph/fleet-graph.ts';
import { loadLiveFleet, type LiveLoadOptions } from './live-load.ts';

/** Options shared by every command that reads a bundle. */
export interface LoadOptions {
  readonly strict: boolean;
  readonly relations: string | undefined;
  readonly quiet: boolean;
  /** Read live clusters (--kubeconfig) instead of the bundle at `path`. */
  readonly live?: LiveLoadOptions;
}

/** Reads a bundle and builds its graph, with progress on a terminal. */
export async function loadFleet(
  path: string,
  options: LoadOptions,
  io: CliIo,
): Promise<{ bundle: Bundle; graph: FleetGraph }> {
  if (options.live) return loadLiveFleet(options.live, options.relations, options.quiet, io);
  const relations = options.relations ? await readRelationsFile(options.relations) : [];
  const progress = createProgress(io, options.quiet);
  try {
    const bundle = await readBundle(path, {
      strict: options.strict,
      onProgress: ({ done, total, file }) => progress.update(`reading ${done}/${total} ${file}`),
    });
    progress.update(`relating ${bundle.objects.length} objects`);
    const graph = buildFleetGraph(bundle, { relations });
    return { bundle, graph };
  } finally {
    progress.done();
  }
}

/** Options every bundle command accepts, for `parseArgs`. */
export const LOAD_OPTIONS = {
  strict: { type: 'boolean', default: false },
  relations: { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
} as const;
