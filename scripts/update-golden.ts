import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compileIntent } from '../src/intent/compile.ts';
import { parseIntent } from '../src/intent/parse-intent.ts';
import { renderManifests } from '../src/intent/render.ts';
import { PROVIDERS, type CompileMode, type ProviderName } from '../src/intent/types.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** The golden files: one per provider and mode, compiled from examples/intents/<provider>.yaml. */
export const GOLDEN_CASES: readonly { provider: ProviderName; mode: CompileMode }[] = PROVIDERS.flatMap(
  (provider) => (['expanded', 'topology'] as const).map((mode) => ({ provider, mode })),
);

/** The example intent of a provider. */
export function examplePath(provider: ProviderName): string {
  return join(ROOT, 'examples', 'intents', `${provider}.yaml`);
}

/** test/golden/intent/<provider>-<mode>.yaml */
export function goldenPath(provider: ProviderName, mode: CompileMode): string {
  return join(ROOT, 'test', 'golden', 'intent', `${provider}-${mode}.yaml`);
}

/** What the golden file of a case holds: the example compiled in that mode. */
export async function renderGolden(provider: ProviderName, mode: CompileMode): Promise<string> {
  const file = `examples/intents/${provider}.yaml`;
  const parsed = parseIntent(await readFile(examplePath(provider), 'utf8'), file);
  return renderManifests(compileIntent(parsed.intent, { mode }));
}

/** Rewrites every golden file from the examples; review the diff before committing it. */
async function main(): Promise<void> {
  for (const { provider, mode } of GOLDEN_CASES) {
    const path = goldenPath(provider, mode);
    await mkdir(join(ROOT, 'test', 'golden', 'intent'), { recursive: true });
    await writeFile(path, await renderGolden(provider, mode));
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (import.meta.main) await main();
