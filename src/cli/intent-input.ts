import { readFile } from 'node:fs/promises';
import { checkMode } from '../intent/compile.ts';
import { parseIntent, type ParsedIntent } from '../intent/parse-intent.ts';
import { checkPolicy, parsePolicy } from '../intent/policy.ts';
import type { CompileMode } from '../intent/types.ts';
import { InputError } from '../model/errors.ts';
import { UsageError } from './io.ts';

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a folder' : error.message;
    throw new InputError(`${what}-unreadable`, `${path}: ${why}`);
  });
}

/** `--mode` checked: expanded or topology. */
export function parseMode(value: string | undefined, fallback: CompileMode): CompileMode {
  if (value === undefined) return fallback;
  if (value !== 'expanded' && value !== 'topology')
    throw new UsageError(`--mode must be expanded or topology, not ${value}`);
  return value;
}

/** Reads an intent, checks it against the policy when one is given, and checks what the mode can express. */
export async function loadIntent(
  path: string,
  policyPath: string | undefined,
  mode: CompileMode | undefined,
): Promise<ParsedIntent> {
  const parsed = parseIntent(await readText(path, 'intent'), path);
  if (policyPath !== undefined)
    checkPolicy(parsed, parsePolicy(await readText(policyPath, 'policy'), policyPath));
  if (mode !== undefined) checkMode(parsed, mode);
  return parsed;
}
