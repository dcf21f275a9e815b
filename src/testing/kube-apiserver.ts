import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubeRequest, type KubeTarget } from './kube-http.ts';
import { describeTail, spawnManaged, type ManagedProcess } from './managed-process.ts';
import type { ServingCert, TestPki } from './pki.ts';
import { waitUntil } from './wait-until.ts';

/** One line of a --token-auth-file. */
export interface StaticTokenUser {
  readonly token: string;
  readonly user: string;
  readonly uid: string;
  readonly groups: readonly string[];
}

/** Everything one kube-apiserver needs; kept so that a restart brings back the same server. */
export interface KubeApiserverConfig {
  /** `management`, `workload-0`, ...: names the process in logs and errors. */
  readonly name: string;
  readonly binary: string;
  /** The server's own directory (cert dir, token file). */
  readonly dir: string;
  readonly port: number;
  readonly etcdUrl: string;
  /** Distinct per server so that several servers share one etcd, e.g. `/workload-0/registry`. */
  readonly etcdPrefix: string;
  readonly pki: TestPki;
  readonly servingCert: ServingCert;
  readonly tokenFile: string;
  /** Appended after the defaults; a later flag wins. */
  readonly extraArgs?: readonly string[];
}

/** Writes a --token-auth-file: `token,user,uid,"group1,group2"`. */
export async function writeTokenFile(path: string, users: readonly StaticTokenUser[]): Promise<void> {
  const lines = users.map(
    (u) => `${u.token},${u.user},${u.uid}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`,
  );
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** The flags of a standalone test kube-apiserver: loopback only, token auth, RBAC, no compaction. */
export function kubeApiserverArgs(config: KubeApiserverConfig): string[] {
  return [
    `--etcd-servers=${config.etcdUrl}`,
    `--etcd-prefix=${config.etcdPrefix}`,
    // Compaction is global across prefixes; tests compact by hand when they need 410s.
    '--etcd-compaction-interval=0',
    '--bind-address=127.0.0.1',
    // Without it the server looks for a default route, and a sandbox may have none.
    '--advertise-address=127.0.0.1',
    `--secure-port=${config.port}`,
    `--cert-dir=${join(config.dir, 'cert-dir')}`,
    `--tls-cert-file=${config.servingCert.certPath}`,
    `--tls-private-key-file=${config.servingCert.keyPath}`,
    `--token-auth-file=${config.tokenFile}`,
    '--authorization-mode=RBAC',
    `--service-account-issuer=https://127.0.0.1:${config.port}`,
    `--service-account-key-file=${config.pki.serviceAccountPublicKeyPath}`,
    `--service-account-signing-key-file=${config.pki.serviceAccountKeyPath}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    // The ServiceAccount plugin waits for default service accounts that only kube-controller-manager creates.
    '--disable-admission-plugins=ServiceAccount',
    '--allow-privileged=true',
    '--profiling=false',
    ...(config.extraArgs ?? []),
  ];
}

/** Starts the server and waits until `/readyz` is 200 and the `default` and `kube-system` namespaces exist. */
export async function startKubeApiserver(
  config: KubeApiserverConfig,
  admin: KubeTarget,
  options: { readonly log?: (line: string) => void; readonly timeoutMs?: number } = {},
): Promise<ManagedProcess> {
  const proc = spawnManaged({
    name: `kube-apiserver ${config.name}`,
    command: config.binary,
    args: kubeApiserverArgs(config),
    cwd: config.dir,
    log: options.log,
  });
  try {
    await waitUntil(
      {
        what: `kube-apiserver ${config.name} at ${admin.url}`,
        timeoutMs: options.timeoutMs ?? 90_000,
        intervalMs: 300,
        failFast: () =>
          proc.running()
            ? undefined
            : new Error(`kube-apiserver ${config.name} exited during start; ${describeTail(proc)}`),
        context: () => describeTail(proc),
      },
      async () => {
        const ready = await kubeRequest(admin, 'GET', '/readyz', { timeoutMs: 5_000 });
        if (ready.status !== 200) {
          const failing = ready.body.split('\n').filter((l) => l.startsWith('[-]'));
          return {
            done: false,
            detail: `/readyz ${ready.status} ${failing.join('; ') || ready.body.slice(0, 200)}`,
          };
        }
        for (const ns of ['default', 'kube-system']) {
          const res = await kubeRequest(admin, 'GET', `/api/v1/namespaces/${ns}`, { timeoutMs: 5_000 });
          if (res.status !== 200) return { done: false, detail: `namespace ${ns}: HTTP ${res.status}` };
        }
        return { done: true, value: undefined };
      },
    );
  } catch (error) {
    await proc.kill();
    throw error;
  }
  return proc;
}
