/** What a command needs from the process, injected so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A usage error: exit status 2 with the command's help pointer. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Whether to color output: `--color always|never|auto`, NO_COLOR and FORCE_COLOR, else whether stdout is a terminal. */
export function wantColor(flag: string | undefined, io: CliIo): boolean {
  if (flag === 'always') return true;
  if (flag === 'never') return false;
  if (flag !== undefined && flag !== 'auto')
    throw new UsageError(`--color must be auto, always or never, not ${flag}`);
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

/** A progress reporter on stderr, only on a terminal: one line, rewritten in place, at most every 100 ms. */
export function createProgress(io: CliIo, quiet: boolean): { update(text: string): void; done(): void } {
  if (quiet || io.stderr.isTTY !== true) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}
