import { InputError } from '../model/errors.ts';

/** A 1-based line and column in a source file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One thing wrong with an intent or policy file, with everything a person needs to fix it. */
export interface IntentProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path in the file, e.g. `nodePools[1].replicas`; `(file)` for the file as a whole. */
  readonly path: string;
  /** What is wrong, naming the bad value. */
  readonly problem: string;
  /** What would be accepted instead. */
  readonly allowed: string;
}

/** How many problems one error lists before it says how many more there are. */
const MAX_LISTED = 20;

/** `file:line:column: path: problem; allowed: ...`, the one line format of every intent error. */
export function formatProblem(p: IntentProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.problem}; allowed: ${p.allowed}`;
}

/** Bad intent or policy input: one line per problem, sorted by position. Exit status 2 in the CLI. */
export class IntentError extends InputError {
  readonly problems: readonly IntentProblem[];

  constructor(code: string, problems: readonly IntentProblem[]) {
    const sorted = [...problems].sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        a.path.localeCompare(b.path),
    );
    const first = sorted[0];
    const lines = sorted.slice(0, MAX_LISTED).map(formatProblem);
    if (sorted.length > MAX_LISTED) lines.push(`... and ${sorted.length - MAX_LISTED} more problems`);
    super(code, lines.join('\n'), first ? { file: first.file, line: first.line } : undefined);
    this.name = 'IntentError';
    this.problems = sorted;
  }
}

/** Renders a value as written in an error: strings quoted, everything else as JSON, long values cut. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
