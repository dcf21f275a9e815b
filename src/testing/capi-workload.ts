import { request } from 'node:https';
import { parseKubeconfig, type ClusterTarget } from '../sources/kubeconfig.ts';
import { IN_MEMORY_DEBUG_PORT } from './capi-lock.ts';
import { kubeJson, type KubeTarget } from './kube-http.ts';

/** The workload cluster's API server as KCP's `<cluster>-kubeconfig` Secret describes it (client certificate auth). */
export async function workloadTarget(
  management: KubeTarget,
  namespace: string,
  cluster: string,
): Promise<ClusterTarget> {
  const secret = (await kubeJson(
    management,
    'GET',
    `/api/v1/namespaces/${namespace}/secrets/${cluster}-kubeconfig`,
  )) as {
    data?: { value?: string };
  };
  const value = secret.data?.value;
  if (!value) throw new Error(`Secret ${namespace}/${cluster}-kubeconfig has no data.value`);
  return parseKubeconfig(Buffer.from(value, 'base64').toString('utf8'), { name: `${namespace}/${cluster}` });
}

/** Sends one request to a workload API server with the client certificate of its kubeconfig; resolves status and body. */
export function workloadRequest(
  target: ClusterTarget,
  method: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(path, target.server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: target.ca,
        cert: target.clientCert,
        key: target.clientKey,
        headers: {
          accept: 'application/json',
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
        },
        agent: false,
        timeout: 10_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href}: no response within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Stops or starts the in-memory backend's listener of one workload cluster through its debug server: with it
 * stopped, the cluster's API server (and etcd) stop answering, as an unreachable control plane endpoint would.
 */
export async function setInMemoryListener(
  namespace: string,
  cluster: string,
  action: 'start' | 'stop',
): Promise<void> {
  const url = `http://127.0.0.1:${IN_MEMORY_DEBUG_PORT}/namespaces/${namespace}/clusters/${cluster}/listener`;
  const res = await fetch(url, { method: 'POST', body: action, signal: AbortSignal.timeout(10_000) });
  if (!res.ok)
    throw new Error(`POST ${url} (${action}): HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
}
