import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CRD_DIRS, installCrds } from './crds.ts';
import { startEtcd, type EtcdServer } from './etcd.ts';
import { freePort } from './free-port.ts';
import { ensureKubeBinaries, type KubeBinaries } from './kube-binaries.ts';
import { startKubeApiserver, writeTokenFile, type KubeApiserverConfig } from './kube-apiserver.ts';
import { kubeJson, kubeRequest, type KubeTarget } from './kube-http.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { registerTempDir, releaseTempDir, type ManagedProcess } from './managed-process.ts';
import { createServingCert, createTestPki, randomToken, type TestPki } from './pki.ts';

/** Options of {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** How many workload API servers to start beside the management one. */
  readonly workloads: number;
  /** CRD folders to install into the management server; defaults to ../shared/crds (CAPI and CAPA). */
  readonly crdDirs?: readonly string[];
  /** Receives every log line of etcd, the API servers and a build, prefixed with the component name. */
  readonly log?: (line: string) => void;
  /** Namespace of the `<cluster>-kubeconfig` Secrets in the management server; created if missing. */
  readonly namespace?: string;
  /** Cluster names of the workload servers; defaults to `workload-0`, `workload-1`, ... */
  readonly clusterNames?: readonly string[];
  /** Binaries to run; defaults to {@link ensureKubeBinaries}. */
  readonly binaries?: KubeBinaries;
  /** Deadline for each component to become ready. */
  readonly startTimeoutMs?: number;
  /** Extra kube-apiserver flags for every server, e.g. `--watch-cache=false`. */
  readonly apiserverArgs?: readonly string[];
}

/** One running API server, reachable as admin (`token`, group system:masters). */
export interface ApiServerHandle extends KubeTarget {
  readonly name: string;
  readonly url: string;
  readonly token: string;
  readonly caPem: string;
  /** A user `viewer` with no groups and no RBAC bindings, for least-privilege tests. */
  readonly unprivilegedToken: string;
  /** A kubeconfig file for the admin user. */
  readonly kubeconfigPath: string;
  readonly etcdPrefix: string;
}

/** A workload API server and the management Secret that points at it. */
export interface WorkloadHandle extends ApiServerHandle {
  readonly clusterName: string;
  readonly kubeconfigSecret: { readonly namespace: string; readonly name: string };
}

/** A running test control plane: one etcd, one management and N workload API servers. */
export interface ControlPlane {
  readonly management: ApiServerHandle;
  readonly workloads: readonly WorkloadHandle[];
  readonly etcdUrl: string;
  /** Temp dir holding certs, tokens, kubeconfigs and etcd data; removed by stop(). */
  readonly dir: string;
  /** Names of the CRDs installed into the management server. */
  readonly crds: readonly string[];
  /** Stops every process and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
  /** Stops workload `index` if it runs and starts it again on the same port, prefix and certificate. */
  restartWorkload(index: number): Promise<void>;
  /** Kills workload `index` with SIGKILL; etcd keeps its data. */
  killWorkload(index: number): Promise<void>;
}

interface Server {
  readonly handle: ApiServerHandle;
  readonly config: KubeApiserverConfig;
  proc: ManagedProcess | undefined;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function validate(options: ControlPlaneOptions): readonly string[] {
  const { workloads } = options;
  if (!Number.isInteger(workloads) || workloads < 0 || workloads > 20) {
    throw new Error(`startControlPlane: workloads must be an integer from 0 to 20, got ${workloads}`);
  }
  const names = options.clusterNames ?? Array.from({ length: workloads }, (_, i) => `workload-${i}`);
  if (names.length !== workloads) {
    throw new Error(`startControlPlane: clusterNames has ${names.length} names for ${workloads} workloads`);
  }
  for (const name of [...names, options.namespace ?? 'default']) {
    if (!DNS_LABEL.test(name) || name === 'management') {
      throw new Error(`startControlPlane: '${name}' is not a DNS label other than 'management'`);
    }
  }
  if (new Set(names).size !== names.length)
    throw new Error(`startControlPlane: duplicate clusterNames ${names.join(', ')}`);
  return names;
}

/** Writes one server's files and picks its port; the server is not started yet. */
async function prepareServer(
  name: string,
  root: string,
  pki: TestPki,
  etcdUrl: string,
  binaries: KubeBinaries,
  extraArgs: readonly string[],
): Promise<Server> {
  const dir = join(root, name);
  await mkdir(join(dir, 'cert-dir'), { recursive: true, mode: 0o700 });
  const [servingCert, port] = await Promise.all([createServingCert(pki, dir, name), freePort()]);
  const token = randomToken();
  const unprivilegedToken = randomToken();
  const tokenFile = join(dir, 'tokens.csv');
  await writeTokenFile(tokenFile, [
    { token, user: 'admin', uid: 'admin', groups: ['system:masters'] },
    { token: unprivilegedToken, user: 'viewer', uid: 'viewer', groups: [] },
  ]);
  const url = `https://127.0.0.1:${port}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigYaml(name, { url, caPem: pki.caPem, token }), { mode: 0o600 });
  const etcdPrefix = `/${name}/registry`;
  const config: KubeApiserverConfig = {
    name,
    binary: binaries.kubeApiserver,
    dir,
    port,
    etcdUrl,
    etcdPrefix,
    pki,
    servingCert,
    tokenFile,
    extraArgs,
  };
  const handle = { name, url, token, caPem: pki.caPem, unprivilegedToken, kubeconfigPath, etcdPrefix };
  return { handle, config, proc: undefined };
}

async function ensureNamespace(target: KubeTarget, namespace: string): Promise<void> {
  const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } };
  const res = await kubeRequest(target, 'POST', '/api/v1/namespaces', { body });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(
      `management: creating namespace ${namespace}: HTTP ${res.status}: ${res.body.slice(0, 300)}`,
    );
  }
}

/** The Secret CAPI writes for a workload cluster: `<cluster>-kubeconfig`, key `value`. */
function kubeconfigSecret(workload: WorkloadHandle): Record<string, unknown> {
  const { namespace, name } = workload.kubeconfigSecret;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { 'cluster.x-k8s.io/cluster-name': workload.clusterName } },
    type: 'cluster.x-k8s.io/secret',
    data: { value: Buffer.from(kubeconfigYaml(workload.clusterName, workload)).toString('base64') },
  };
}

/**
 * Starts one etcd and 1 + `workloads` kube-apiservers on loopback, installs the CRDs into the management
 * server and writes a kubeconfig Secret there for each workload server. Everything is torn down when a
 * step fails, on stop(), and when this process exits.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const clusterNames = validate(options);
  const { log } = options;
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const binaries = options.binaries ?? (await ensureKubeBinaries(log ? { log } : {}));
  const dir = await mkdtemp(join(tmpdir(), 'causeway-cp-'));
  registerTempDir(dir);

  let etcd: EtcdServer | undefined;
  const servers: Server[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // API servers first: they would otherwise log etcd connection errors while shutting down.
    await Promise.all(
      servers.map(async (s) => {
        await s.proc?.stop(10_000);
      }),
    );
    await etcd?.process.stop(10_000);
    await rm(dir, { recursive: true, force: true });
    releaseTempDir(dir);
  };

  const start = async (server: Server): Promise<void> => {
    server.proc = await startKubeApiserver(server.config, server.handle, { log, timeoutMs });
  };

  try {
    const pkiDir = join(dir, 'pki');
    await mkdir(pkiDir, { mode: 0o700 });
    // One after the other: a failed step must not leave the other running unseen by stop().
    const pki = await createTestPki(pkiDir);
    const etcdServer = await startEtcd({
      binary: binaries.etcd,
      dataDir: join(dir, 'etcd'),
      log,
      startTimeoutMs: timeoutMs,
    });
    etcd = etcdServer;
    const extraArgs = options.apiserverArgs ?? [];
    for (const name of ['management', ...clusterNames]) {
      servers.push(await prepareServer(name, dir, pki, etcdServer.url, binaries, extraArgs));
    }
    // In parallel: each start is mostly waiting for post-start hooks. allSettled: none may still be
    // starting when the catch below tears down.
    const started = await Promise.allSettled(servers.map(start));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    const [managementServer, ...workloadServers] = servers;
    if (!managementServer) throw new Error('startControlPlane: no management server');
    const management = managementServer.handle;
    const crds = await installCrds(management, options.crdDirs ?? DEFAULT_CRD_DIRS, { timeoutMs });
    const workloads: WorkloadHandle[] = workloadServers.map((s) => ({
      ...s.handle,
      clusterName: s.handle.name,
      kubeconfigSecret: { namespace, name: `${s.handle.name}-kubeconfig` },
    }));
    if (workloads.length > 0) await ensureNamespace(management, namespace);
    for (const workload of workloads) {
      await kubeJson(management, 'POST', `/api/v1/namespaces/${namespace}/secrets`, {
        body: kubeconfigSecret(workload),
      });
    }

    const workloadServer = (index: number, verb: string): Server => {
      const server = workloadServers[index];
      if (!server) throw new Error(`${verb}: no workload ${index} (there are ${workloadServers.length})`);
      if (stopped) throw new Error(`${verb}(${index}): the control plane was stopped`);
      return server;
    };
    return {
      management,
      workloads,
      etcdUrl: etcdServer.url,
      dir,
      crds,
      stop,
      killWorkload: async (index) => {
        await workloadServer(index, 'killWorkload').proc?.kill();
      },
      restartWorkload: async (index) => {
        const server = workloadServer(index, 'restartWorkload');
        await server.proc?.stop(10_000);
        await start(server);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
