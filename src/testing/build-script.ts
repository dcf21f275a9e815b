import { spawn } from 'node:child_process';

/** Options of {@link runBuildScript}. */
export interface BuildScriptOptions {
  /** Receives the script's progress lines; by default they go to stderr once a real build starts. */
  readonly log?: ((line: string) => void) | undefined;
  readonly timeoutMs: number;
}

/** Shows a build script's lines on stderr from the first real build step on; a cache hit stays quiet. */
function stderrWhileBuilding(): (line: string) => void {
  let building = false;
  return (line) => {
    building ||= /: building with /.test(line);
    if (building) process.stderr.write(`${line}\n`);
  };
}

/**
 * Runs one of the scripts/build-*.sh scripts (niced, in its own process group so a timeout kills the Go build too)
 * and returns the `KEY=value` lines it prints on stdout. Rejects with the script's last lines when it fails.
 */
export function runBuildScript(script: string, options: BuildScriptOptions): Promise<Map<string, string>> {
  const log = options.log ?? stderrWhileBuilding();
  const { timeoutMs } = options;
  return new Promise((resolveValues, reject) => {
    // nice: the machine has two cores, and the tests that wait for the build share them.
    const child = spawn('nice', ['-n', '10', 'bash', script], {
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
      reject(new Error(`${script}: could not run: ${error.message}`, { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        const values = new Map<string, string>();
        for (const line of stdout.split('\n')) {
          const eq = line.indexOf('=');
          if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1));
        }
        resolveValues(values);
        return;
      }
      const why = signal
        ? `was killed (${signal}; timeout ${Math.round(timeoutMs / 1000)} s)`
        : `exited ${code}`;
      reject(new Error(`${script} ${why}; its last lines:\n  ${tail.join('\n  ')}`));
    });
  });
}
