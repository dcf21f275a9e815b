import { mkdir } from 'node:fs/promises';
import { freePort } from './free-port.ts';
import { describeTail, spawnManaged, type ManagedProcess } from './managed-process.ts';
import { waitUntil } from './wait-until.ts';

/** Options of {@link startEtcd}. */
export interface EtcdOptions {
  readonly binary: string;
  /** Created if missing; removed by whoever owns it. */
  readonly dataDir: string;
  readonly log?: (line: string) => void;
  readonly startTimeoutMs?: number;
}

/** A single-member etcd on loopback for tests. */
export interface EtcdServer {
  /** Client URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly process: ManagedProcess;
}

/** The flags of a throw-away single-member etcd: loopback only, no fsync, warnings only. */
export function etcdArgs(dataDir: string, clientPort: number, peerPort: number): string[] {
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  return [
    '--name=causeway-test',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=causeway-test=${peer}`,
    '--initial-cluster-state=new',
    '--unsafe-no-fsync',
    '--log-level=warn',
  ];
}

/** Starts etcd on two free loopback ports and waits until `/health` says true. */
export async function startEtcd(options: EtcdOptions): Promise<EtcdServer> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const proc = spawnManaged({
    name: 'etcd',
    command: options.binary,
    args: etcdArgs(options.dataDir, clientPort, peerPort),
    log: options.log,
  });
  try {
    await waitUntil(
      {
        what: `etcd at ${url} /health`,
        timeoutMs: options.startTimeoutMs ?? 30_000,
        failFast: () =>
          proc.running() ? undefined : new Error(`etcd exited during start; ${describeTail(proc)}`),
        context: () => describeTail(proc),
      },
      async () => {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
        const body = await res.text();
        return res.ok && body.includes('"health":"true"')
          ? { done: true, value: undefined }
          : { done: false, detail: `HTTP ${res.status} ${body.slice(0, 200)}` };
      },
    );
  } catch (error) {
    await proc.kill();
    throw error;
  }
  return { url, process: proc };
}
