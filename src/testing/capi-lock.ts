import { open, readFile, unlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerTempDir, releaseTempDir } from './managed-process.ts';

/**
 * The in-memory backend's debug server listens on :19000 and its workload API servers from :20000 up; v1.14.2 has no
 * flag to move them, so one Cluster API test environment runs per machine at a time.
 */
export const IN_MEMORY_DEBUG_PORT = 19000;

const LOCK_FILE = join(tmpdir(), 'causeway-capi-environment.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when nothing listens on `port` on any interface. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

/**
 * Takes the machine-wide lock of the Cluster API test environment, waiting while another live process holds it, and
 * then waits for the in-memory backend's ports to be free. Returns the release function; the lock also goes when
 * this process exits.
 */
export async function lockCapiEnvironment(options: {
  readonly timeoutMs: number;
  readonly progress: (line: string) => void;
}): Promise<() => Promise<void>> {
  const deadline = Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    try {
      const handle = await open(LOCK_FILE, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(LOCK_FILE, 'utf8').catch(() => ''), 10);
    // A holder that died without cleaning up (SIGKILL) leaves its pid behind.
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      await unlink(LOCK_FILE).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `another Cluster API test environment (pid ${holder}, lock ${LOCK_FILE}) is still running`,
      );
    }
    if (!told)
      options.progress(`[capi-env] waiting for the Cluster API test environment of pid ${holder} to end`);
    told = true;
    await sleep(1_000);
  }
  registerTempDir(LOCK_FILE);
  const release = async (): Promise<void> => {
    await unlink(LOCK_FILE).catch(() => undefined);
    releaseTempDir(LOCK_FILE);
  };
  // A process of an environment without the lock (an older checkout) may hold it for a few minutes.
  const portDeadline = Math.min(deadline, Date.now() + 5 * 60_000);
  let portTold = false;
  while (!(await portFree(IN_MEMORY_DEBUG_PORT))) {
    if (!portTold) options.progress(`[capi-env] waiting for port ${IN_MEMORY_DEBUG_PORT} to be free`);
    portTold = true;
    if (Date.now() > portDeadline) {
      await release();
      throw new Error(
        `port ${IN_MEMORY_DEBUG_PORT}, which the in-memory backend needs, is taken by another process`,
      );
    }
    await sleep(500);
  }
  return release;
}
