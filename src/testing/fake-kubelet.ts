import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServingCert, createTestPki } from './pki.ts';

/** A stand-in for a kubelet's log endpoint, so `pods/log` through a real API server has something to read. */
export interface FakeKubelet {
  readonly port: number;
  /** Every request path received. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/**
 * Serves `GET /containerLogs/<namespace>/<pod>/<container>` over HTTPS on 127.0.0.1 from `logs` (keyed
 * `namespace/pod/container`). The API server proxies `pods/log` here when a Node's InternalIP is 127.0.0.1 and
 * its `status.daemonEndpoints.kubeletEndpoint.Port` is this port (it does not verify kubelet certificates
 * unless --kubelet-certificate-authority is set).
 */
export async function startFakeKubelet(logs: Readonly<Record<string, string>>): Promise<FakeKubelet> {
  const dir = await mkdtemp(join(tmpdir(), 'causeway-kubelet-'));
  const pki = await createTestPki(dir);
  const cert = await createServingCert(pki, dir, 'kubelet');
  const requests: string[] = [];
  const server = createServer(
    { cert: await readFile(cert.certPath), key: await readFile(cert.keyPath) },
    (req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/?]+)/.exec(req.url ?? '');
      const text = match ? logs[`${match[1]}/${match[2]}/${match[3]}`] : undefined;
      res.writeHead(text === undefined ? 404 : 200, { 'content-type': 'text/plain' });
      res.end(text ?? 'not found');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
