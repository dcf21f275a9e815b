import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';

/** How a managed binary ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A long-running test binary in its own process group, with its last output lines kept for error messages. */
export interface ManagedProcess {
  /** Names the component in logs and errors, e.g. `kube-apiserver workload-0`. */
  readonly name: string;
  readonly pid: number;
  /** Settles once the binary has exited. */
  readonly exited: Promise<ExitInfo>;
  /** True until the binary has exited. */
  running(): boolean;
  /** The last lines the binary wrote to stdout or stderr, oldest first. */
  tail(): readonly string[];
  /** Ends the process group: SIGTERM, then SIGKILL once `graceMs` have passed. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** Ends the process group with SIGKILL at once, as a crash would. */
  kill(): Promise<ExitInfo>;
}

/** Options of {@link spawnManaged}. */
export interface SpawnManagedOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Receives every output line, prefixed with the component name. */
  readonly log?: (line: string) => void;
  /** How many output lines {@link ManagedProcess.tail} keeps. */
  readonly tailLines?: number;
}

// sh becomes the group leader, starts a watcher that kills the whole group once our end of its stdin
// closes (this Node process died, even by SIGKILL), then execs the binary, which keeps the pid.
const WATCHDOG = 'exec 3<&0; { read -r _ <&3; kill -KILL 0; } & exec "$@" </dev/null 3<&-';

const live = new Map<number, string>();
const tempDirs = new Set<string>();
let exitHooked = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function cleanupSync(): void {
  for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Only where nobody else handles the signal: ours would otherwise turn a default exit into none.
    if (process.listenerCount(signal) > 0) continue;
    process.once(signal, () => {
      cleanupSync();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Removes `dir` when this process exits, unless {@link releaseTempDir} was called first. */
export function registerTempDir(dir: string): void {
  hookExit();
  tempDirs.add(dir);
}

/** Forgets a directory given to {@link registerTempDir} (after removing it yourself). */
export function releaseTempDir(dir: string): void {
  tempDirs.delete(dir);
}

/** The managed processes still running in this Node process, as `pid -> name`. */
export function liveProcesses(): ReadonlyMap<number, string> {
  return live;
}

/** Starts `command` in its own process group; the group dies with this Node process, even on SIGKILL. */
export function spawnManaged(options: SpawnManagedOptions): ManagedProcess {
  hookExit();
  const { name, log } = options;
  const keep = options.tailLines ?? 40;
  const child = spawn('sh', ['-c', WATCHDOG, 'causeway-watchdog', options.command, ...options.args], {
    cwd: options.cwd,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn ${options.command}`);
  live.set(pid, name);

  const lines: string[] = [];
  const onData = (stream: Socket) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (line === '') continue;
        lines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
        if (lines.length > keep) lines.shift();
        log?.(`[${name}] ${line}`);
      }
    });
    // Neither the pipes nor the child keep the event loop alive: the exit hook cleans up instead.
    stream.unref();
  };
  onData(child.stdout as Socket);
  onData(child.stderr as Socket);
  (child.stdin as Socket).unref();
  child.unref();

  let isRunning = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    const finish = (info: ExitInfo) => {
      if (!isRunning) return;
      isRunning = false;
      live.delete(pid);
      // The watcher is still in the group; closing its stdin or SIGKILL ends it.
      killGroup(pid, 'SIGKILL');
      child.stdin?.destroy();
      resolve(info);
    };
    child.once('exit', (code, signal) => finish({ code, signal }));
    child.once('error', (error) => {
      lines.push(`spawn error: ${error.message}`);
      finish({ code: null, signal: null });
    });
  });

  const stop = async (graceMs = 15_000): Promise<ExitInfo> => {
    if (!isRunning) return exited;
    killGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') killGroup(pid, 'SIGKILL');
    return exited;
  };

  return {
    name,
    pid,
    exited,
    running: () => isRunning,
    tail: () => [...lines],
    stop,
    kill: async () => {
      if (!isRunning) return exited;
      killGroup(pid, 'SIGKILL');
      // A ref'd timer keeps the event loop alive until the exit event arrives (the child is unref'd).
      const keepAlive = setTimeout(() => undefined, 30_000);
      try {
        return await exited;
      } finally {
        clearTimeout(keepAlive);
      }
    },
  };
}

/** Formats the last output lines of a process for an error message. */
export function describeTail(proc: ManagedProcess, count = 15): string {
  const tail = proc.tail().slice(-count);
  return tail.length === 0
    ? `${proc.name} wrote nothing`
    : `last lines of ${proc.name}:\n  ${tail.join('\n  ')}`;
}
