import { resolve } from 'node:path';
import { runBuildScript } from './build-script.ts';

/** scripts/build-kube.sh: builds kube-apiserver and etcd from the Go module proxy into a cache outside the repo. */
export const BUILD_SCRIPT = resolve(import.meta.dirname, '../../scripts/build-kube.sh');

/** Absolute paths of the control-plane binaries for tests. */
export interface KubeBinaries {
  readonly kubeApiserver: string;
  readonly etcd: string;
}

/** Options of {@link ensureKubeBinaries}. */
export interface EnsureKubeBinariesOptions {
  /** Receives the build script's progress lines; by default they go to stderr when a build runs. */
  readonly log?: (line: string) => void;
  /** A cold build takes minutes (about 4 on 2 cores with a warm Go module cache). */
  readonly timeoutMs?: number;
}

let pending: Promise<KubeBinaries> | undefined;

/**
 * Returns the cached binaries' paths, building them first when the cache lacks them. The script itself
 * skips binaries that exist and report the pinned version; one call per process runs it.
 */
export function ensureKubeBinaries(options: EnsureKubeBinariesOptions = {}): Promise<KubeBinaries> {
  pending ??= buildKube(options).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function buildKube(options: EnsureKubeBinariesOptions): Promise<KubeBinaries> {
  const values = await runBuildScript(BUILD_SCRIPT, {
    log: options.log,
    timeoutMs: options.timeoutMs ?? 45 * 60_000,
  });
  const kubeApiserver = values.get('KUBE_APISERVER');
  const etcd = values.get('ETCD');
  if (!kubeApiserver || !etcd) throw new Error(`${BUILD_SCRIPT} printed no KUBE_APISERVER and ETCD paths`);
  return { kubeApiserver, etcd };
}
