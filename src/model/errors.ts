import type { SourceLocation } from './fleet.ts';

/** Misuse or unusable input: a coded error that names the file, line and rule. Exit status 2 in the CLI. */
export class InputError extends Error {
  /** Stable kebab-case code, e.g. `bundle-not-found`. */
  readonly code: string;
  /** Where the bad input is, when it is in a file. */
  readonly source: SourceLocation | undefined;

  constructor(code: string, message: string, source?: SourceLocation) {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.source = source;
  }
}

/** `file:line (item): ` prefix for messages about a place in the input. */
export function describeLocation(source: SourceLocation): string {
  let out = source.file;
  if (source.line !== undefined) out += `:${source.line}`;
  if (source.item !== undefined) out += ` (${source.item})`;
  return out;
}
