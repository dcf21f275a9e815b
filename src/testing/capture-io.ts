import type { CliIo } from '../cli/io.ts';

/** In-memory stdout and stderr for running CLI commands in tests. */
export function captureIo(
  options: { tty?: boolean; env?: Record<string, string> } = {},
): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false, columns: 200 },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
