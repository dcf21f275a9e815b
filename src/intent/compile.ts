import { compileExpanded } from './compile-expanded.ts';
import { compileTopology } from './compile-topology.ts';
import { orderManifests, type Manifest } from './manifest.ts';
import type { ParsedIntent } from './parse-intent.ts';
import { IntentError } from './problems.ts';
import type { CompileMode, Intent } from './types.ts';

/** Options of {@link compileIntent}. */
export interface CompileOptions {
  readonly mode: CompileMode;
}

/**
 * Compiles an intent into Cluster API manifests in dependency order. Pure: the same intent gives the same
 * objects, and template names carry the hash of their content.
 */
export function compileIntent(intent: Intent, options: CompileOptions): Manifest[] {
  return orderManifests(options.mode === 'topology' ? compileTopology(intent) : compileExpanded(intent));
}

/** Throws {@link IntentError} for settings a mode cannot express, pointing at them in the file. */
export function checkMode(parsed: ParsedIntent, mode: CompileMode): void {
  const { intent } = parsed;
  if (
    mode === 'topology' &&
    intent.provider.name === 'azure' &&
    intent.provider.resourceGroup !== intent.name
  ) {
    const path = 'provider.azure.resourceGroup';
    throw new IntentError('intent-invalid', [
      {
        file: parsed.file,
        ...parsed.locate(path),
        path,
        problem: `${intent.provider.resourceGroup} cannot be set in topology mode (an AzureClusterTemplate has no resource group; CAPZ uses the cluster name)`,
        allowed: 'leave it out, or compile with --mode expanded',
      },
    ]);
  }
}
