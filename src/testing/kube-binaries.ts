import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

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
  pending ??= runBuildScript(options).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** Shows the script's lines on stderr from the first real build step on; a cache hit stays quiet. */
function stderrWhileBuilding(): (line: string) => void {
  let building = false;
  return (line) => {
    building ||= /: building with /.test(line);
    if (building) process.stderr.write(`${line}\n`);
  };
}

function runBuildScript(options: EnsureKubeBinariesOptions): Promise<KubeBinaries> {
  const log = options.log ?? stderrWhileBuilding();
  const timeoutMs = options.timeoutMs ?? 45 * 60_000;
  return new Promise((resolvePaths, reject) => {
    // nice: the machine has two cores, and the tests that wait for the build share them.
    const child = spawn('nice', ['-n', '10', 'bash', BUILD_SCRIPT], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    const tail: string[] = [];
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('go: downloading ')) continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        log(line);
      }
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${BUILD_SCRIPT}: could not run: ${error.message}`, { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const paths = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0) paths.set(line.slice(0, eq), line.slice(eq + 1));
      }
      const kubeApiserver = paths.get('KUBE_APISERVER');
      const etcd = paths.get('ETCD');
      if (code === 0 && kubeApiserver && etcd) {
        resolvePaths({ kubeApiserver, etcd });
        return;
      }
      const why = signal
        ? `was killed (${signal}; timeout ${Math.round(timeoutMs / 1000)} s)`
        : `exited ${code}`;
      reject(new Error(`${BUILD_SCRIPT} ${why}; its last lines:\n  ${tail.join('\n  ')}`));
    });
  });
}
