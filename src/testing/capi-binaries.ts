import { runBuildScript } from './build-script.ts';
import { join, resolve } from 'node:path';

/** scripts/build-capi.sh: builds the Cluster API managers from the Go module proxy into a cache outside the repo. */
export const CAPI_BUILD_SCRIPT = resolve(import.meta.dirname, '../../scripts/build-capi.sh');

/** The providers the test environment runs, named as the build script names their binaries and config folders. */
export const CAPI_PROVIDERS = [
  'core',
  'kubeadm-bootstrap',
  'kubeadm-control-plane',
  'dev-infrastructure',
] as const;

/** One of {@link CAPI_PROVIDERS}. */
export type CapiProvider = (typeof CAPI_PROVIDERS)[number];

/** Where the built managers and their upstream CRDs and webhook manifests are. */
export interface CapiBinaries {
  /** The Cluster API release the managers were built from, e.g. `v1.14.2`. */
  readonly version: string;
  /** Manager binary per provider. */
  readonly managers: Readonly<Record<CapiProvider, string>>;
  /** Folder of the provider's CRDs (`config/crd/bases` of its module), per provider. */
  readonly crdDirs: Readonly<Record<CapiProvider, string>>;
  /** The provider's `config/webhook/manifests.yaml` (service-based client configs), per provider. */
  readonly webhookManifests: Readonly<Record<CapiProvider, string>>;
}

/** Options of {@link ensureCapiBinaries}. */
export interface EnsureCapiBinariesOptions {
  /** Receives the build script's progress lines; by default they go to stderr when a build runs. */
  readonly log?: (line: string) => void;
  /** A cold build takes many minutes on two cores. */
  readonly timeoutMs?: number;
}

let pending: Promise<CapiBinaries> | undefined;

/** Returns the cached managers, building them first when the cache lacks them; one script run per process. */
export function ensureCapiBinaries(options: EnsureCapiBinariesOptions = {}): Promise<CapiBinaries> {
  pending ??= buildCapi(options).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

function binariesFrom(version: string, binDir: string, configDir: string): CapiBinaries {
  const per = (path: (p: CapiProvider) => string): Record<CapiProvider, string> =>
    Object.fromEntries(CAPI_PROVIDERS.map((p) => [p, path(p)])) as Record<CapiProvider, string>;
  return {
    version,
    managers: per((p) => join(binDir, p)),
    crdDirs: per((p) => join(configDir, p, 'crd')),
    webhookManifests: per((p) => join(configDir, p, 'webhooks.yaml')),
  };
}

async function buildCapi(options: EnsureCapiBinariesOptions): Promise<CapiBinaries> {
  const values = await runBuildScript(CAPI_BUILD_SCRIPT, {
    log: options.log,
    timeoutMs: options.timeoutMs ?? 60 * 60_000,
  });
  const version = values.get('CAPI_VERSION');
  const binDir = values.get('CAPI_BIN_DIR');
  const configDir = values.get('CAPI_CONFIG_DIR');
  if (!version || !binDir || !configDir) {
    throw new Error(`${CAPI_BUILD_SCRIPT} printed no CAPI_VERSION, CAPI_BIN_DIR and CAPI_CONFIG_DIR`);
  }
  return binariesFrom(version, binDir, configDir);
}
