import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CAPI_PROVIDERS, ensureCapiBinaries, type CapiBinaries, type CapiProvider } from './capi-binaries.ts';
import { startControlPlane, type ApiServerHandle, type ControlPlane } from './control-plane.ts';
import { freePort } from './free-port.ts';
import { kubeJson, kubeRequest, type KubeTarget } from './kube-http.ts';
import {
  describeTail,
  registerTempDir,
  releaseTempDir,
  spawnManaged,
  type ManagedProcess,
} from './managed-process.ts';
import { lockCapiEnvironment } from './capi-lock.ts';
import { createServingCert, createTestPki } from './pki.ts';
import { waitUntil } from './wait-until.ts';

/** Options of {@link startCapiEnvironment}. */
export interface CapiEnvironmentOptions {
  /** Receives every line of the API servers and managers (verbose: the managers log at -v=2). */
  readonly log?: (line: string) => void;
  /** Receives one line per start-up step with its duration; defaults to stderr. */
  readonly progress?: (line: string) => void;
  /** Managers to run; defaults to {@link ensureCapiBinaries}. */
  readonly binaries?: CapiBinaries;
  /** Extra flags per provider, appended after the defaults, e.g. `{ core: ['--feature-gates=ClusterTopology=true'] }`. */
  readonly extraArgs?: Partial<Readonly<Record<CapiProvider, readonly string[]>>>;
  /** Deadline for each component to become ready. */
  readonly startTimeoutMs?: number;
  /** How long to wait for another process's environment to end (one per machine: fixed in-memory ports). */
  readonly lockTimeoutMs?: number;
}

/** One running manager and the loopback ports it serves on. */
export interface CapiManagerHandle {
  readonly provider: CapiProvider;
  readonly process: ManagedProcess;
  /** HTTPS, serving the provider's admission and conversion webhooks with the environment's test CA. */
  readonly webhookPort: number;
  /** HTTP `/healthz` and `/readyz`. */
  readonly healthPort: number;
  /** HTTP `/metrics` (`--insecure-diagnostics`). */
  readonly diagnosticsPort: number;
}

/** How long each part of the bring-up took, in milliseconds. */
export interface CapiStartTimings {
  readonly binariesMs: number;
  /** Waiting for another environment on this machine to end; not part of `totalMs`. */
  readonly lockWaitMs: number;
  readonly controlPlaneMs: number;
  readonly managersMs: number;
  readonly webhooksMs: number;
  readonly totalMs: number;
}

/** A management API server with the real Cluster API managers reconciling it. */
export interface CapiEnvironment {
  readonly controlPlane: ControlPlane;
  readonly management: ApiServerHandle;
  readonly binaries: CapiBinaries;
  readonly managers: readonly CapiManagerHandle[];
  /** PEM of the CA that signed the webhook serving certificate (the caBundle of every webhook). */
  readonly webhookCaPem: string;
  readonly timings: CapiStartTimings;
  /** Stops the managers, then the control plane; safe to call twice. */
  stop(): Promise<void>;
}

const WEBHOOK_CERT = 'serving.crt';
const WEBHOOK_KEY = 'serving.key';

/** The flags every manager gets: the harness kubeconfig, no leader election, everything on loopback ports. */
export function managerArgs(
  ports: Pick<CapiManagerHandle, 'webhookPort' | 'healthPort' | 'diagnosticsPort'>,
  kubeconfigPath: string,
  certDir: string,
): string[] {
  return [
    `--kubeconfig=${kubeconfigPath}`,
    '--leader-elect=false',
    `--webhook-port=${ports.webhookPort}`,
    `--webhook-cert-dir=${certDir}`,
    `--webhook-cert-name=${WEBHOOK_CERT}`,
    `--webhook-key-name=${WEBHOOK_KEY}`,
    `--health-addr=127.0.0.1:${ports.healthPort}`,
    `--diagnostics-address=127.0.0.1:${ports.diagnosticsPort}`,
    // Plain HTTP metrics: the secure endpoint would send a TokenReview per scrape.
    '--insecure-diagnostics=true',
    // The CRDs are installed at their storage version only and no object is ever stored at v1beta1.
    '--skip-crd-migration-phases=StorageVersionMigration,CleanupManagedFields',
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The provider's upstream webhook configurations with each `clientConfig.service` replaced by a loopback URL on
 * `port` and the test CA as caBundle, renamed `causeway-<provider>-<kind>` (every provider names them alike).
 */
export function loopbackWebhookConfigurations(
  provider: CapiProvider,
  manifestYaml: string,
  port: number,
  caPem: string,
): Record<string, unknown>[] {
  const caBundle = Buffer.from(caPem).toString('base64');
  const configurations: Record<string, unknown>[] = [];
  for (const document of parseAllDocuments(manifestYaml)) {
    const doc: unknown = document.toJS();
    if (!isRecord(doc) || !Array.isArray(doc.webhooks)) continue;
    const kind = String(doc.kind);
    const webhooks = doc.webhooks.filter(isRecord).map((webhook) => {
      const clientConfig = isRecord(webhook.clientConfig) ? webhook.clientConfig : {};
      const service = isRecord(clientConfig.service) ? clientConfig.service : {};
      const path = typeof service.path === 'string' ? service.path : '/';
      return { ...webhook, clientConfig: { url: `https://127.0.0.1:${port}${path}`, caBundle } };
    });
    configurations.push({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind,
      metadata: { name: `causeway-${provider}-${kind.replace('WebhookConfiguration', '').toLowerCase()}` },
      webhooks,
    });
  }
  return configurations;
}

async function applyWebhookConfiguration(
  target: KubeTarget,
  configuration: Record<string, unknown>,
): Promise<void> {
  const plural = `${String(configuration.kind).toLowerCase()}s`;
  const name = isRecord(configuration.metadata) ? String(configuration.metadata.name) : '';
  await kubeJson(
    target,
    'PATCH',
    `/apis/admissionregistration.k8s.io/v1/${plural}/${name}?fieldManager=causeway-harness&force=true`,
    { body: configuration, contentType: 'application/apply-patch+yaml' },
  );
}

async function startManager(
  provider: CapiProvider,
  binaries: CapiBinaries,
  management: ApiServerHandle,
  certDir: string,
  options: CapiEnvironmentOptions,
): Promise<CapiManagerHandle> {
  const [webhookPort, healthPort, diagnosticsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const ports = { webhookPort, healthPort, diagnosticsPort };
  const args = [
    ...managerArgs(ports, management.kubeconfigPath, certDir),
    ...(options.extraArgs?.[provider] ?? []),
  ];
  // The in-memory backend serves each workload cluster's fake API server on POD_IP:20000-30000; without POD_IP
  // it would advertise an empty host as the control plane endpoint.
  const proc = spawnManaged({
    name: `capi ${provider}`,
    command: 'env',
    args:
      provider === 'dev-infrastructure'
        ? ['POD_IP=127.0.0.1', binaries.managers[provider], ...args]
        : [binaries.managers[provider], ...args],
    log: options.log,
    tailLines: 60,
  });
  try {
    await waitUntil(
      {
        what: `capi ${provider} /readyz on 127.0.0.1:${healthPort}`,
        timeoutMs: options.startTimeoutMs ?? 120_000,
        intervalMs: 250,
        failFast: () =>
          proc.running()
            ? undefined
            : new Error(`capi ${provider} exited during start; ${describeTail(proc)}`),
        context: () => describeTail(proc),
      },
      async () => {
        const res = await fetch(`http://127.0.0.1:${healthPort}/readyz`, {
          signal: AbortSignal.timeout(2_000),
        });
        return res.status === 200
          ? { done: true, value: undefined }
          : { done: false, detail: `/readyz ${res.status} ${(await res.text()).slice(0, 200)}` };
      },
    );
  } catch (error) {
    await proc.kill();
    throw error;
  }
  return { provider, process: proc, ...ports };
}

/**
 * Starts a management kube-apiserver with the managers' own CRDs, then the four Cluster API managers (core, kubeadm
 * bootstrap, kubeadm control plane, Dev with the in-memory backend) against it, and registers their admission
 * webhooks on loopback. Objects are written at v1beta2, the storage version: no conversion webhook is registered.
 */
export async function startCapiEnvironment(options: CapiEnvironmentOptions = {}): Promise<CapiEnvironment> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const t0 = performance.now();
  const binaries = options.binaries ?? (await ensureCapiBinaries(options.log ? { log: options.log } : {}));
  const t1 = performance.now();
  progress(`[capi-env] managers ${binaries.version} ready to run (${ms(t1 - t0)})`);
  const unlock = await lockCapiEnvironment({ timeoutMs: options.lockTimeoutMs ?? 20 * 60_000, progress });
  const tLocked = performance.now();
  let controlPlane: ControlPlane;
  try {
    controlPlane = await startControlPlane({
      workloads: 0,
      crdDirs: CAPI_PROVIDERS.map((p) => binaries.crdDirs[p]),
      ...(options.log ? { log: options.log } : {}),
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
    });
  } catch (error) {
    await unlock();
    throw error;
  }
  const t2 = performance.now();
  progress(
    `[capi-env] etcd + management kube-apiserver + ${controlPlane.crds.length} CRDs (${ms(t2 - tLocked)})`,
  );
  const management = controlPlane.management;
  const dir = await mkdtemp(join(tmpdir(), 'causeway-capi-'));
  registerTempDir(dir);
  const managers: CapiManagerHandle[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Webhooks first: with the managers gone the API server would reject every CAPI write at admission.
    await Promise.allSettled(
      ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].flatMap((plural) =>
        CAPI_PROVIDERS.map((p) =>
          kubeRequest(
            management,
            'DELETE',
            `/apis/admissionregistration.k8s.io/v1/${plural}/causeway-${p}-${plural.replace('webhookconfigurations', '')}`,
          ),
        ),
      ),
    );
    await Promise.all(managers.map((m) => m.process.stop(10_000)));
    await controlPlane.stop();
    await rm(dir, { recursive: true, force: true });
    releaseTempDir(dir);
    await unlock();
  };
  try {
    const pkiDir = join(dir, 'pki');
    const certDir = join(dir, 'webhook-certs');
    await mkdir(pkiDir, { mode: 0o700 });
    await mkdir(certDir, { mode: 0o700 });
    const pki = await createTestPki(pkiDir);
    await createServingCert(pki, certDir, 'capi-webhooks');
    // One after the other would take four times as long; all of them must be tracked for stop() either way.
    const started = await Promise.allSettled(
      CAPI_PROVIDERS.map((p) => startManager(p, binaries, management, certDir, options)),
    );
    for (const result of started) if (result.status === 'fulfilled') managers.push(result.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const t3 = performance.now();
    progress(`[capi-env] ${managers.map((m) => m.provider).join(', ')} managers ready (${ms(t3 - t2)})`);
    for (const manager of managers) {
      const manifest = await readFile(binaries.webhookManifests[manager.provider], 'utf8');
      for (const configuration of loopbackWebhookConfigurations(
        manager.provider,
        manifest,
        manager.webhookPort,
        pki.caPem,
      )) {
        await applyWebhookConfiguration(management, configuration);
      }
    }
    const t4 = performance.now();
    const lockWaitMs = tLocked - t1;
    progress(
      `[capi-env] webhooks registered (${ms(t4 - t3)}); environment up in ${ms(t4 - t0 - lockWaitMs)}`,
    );
    return {
      controlPlane,
      management,
      binaries,
      managers,
      webhookCaPem: pki.caPem,
      timings: {
        binariesMs: t1 - t0,
        lockWaitMs,
        controlPlaneMs: t2 - tLocked,
        managersMs: t3 - t2,
        webhooksMs: t4 - t3,
        totalMs: t4 - t0 - lockWaitMs,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function ms(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
