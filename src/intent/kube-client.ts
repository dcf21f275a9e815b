import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../model/errors.ts';

/** How to reach one API server: from a kubeconfig context. Only ever used for GET requests. */
export interface KubeConnection {
  readonly context: string;
  readonly server: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly token?: string;
  readonly insecureSkipTlsVerify: boolean;
}

type Raw = Record<string, unknown>;
const rec = (value: unknown): Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function named(list: unknown, name: string, field: string): Raw | undefined {
  const entry = (Array.isArray(list) ? list : []).map(rec).find((e) => e.name === name);
  return entry ? rec(entry[field]) : undefined;
}

/**
 * Reads a kubeconfig file and picks a context (the current one unless named): server, CA, client
 * certificate or token, from inline data or from files next to the kubeconfig.
 */
export async function loadKubeconfig(path: string, contextName?: string): Promise<KubeConnection> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      'kubeconfig-unreadable',
      `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  let config: Raw;
  try {
    config = rec(parse(text));
  } catch (error) {
    throw new InputError(
      'kubeconfig-invalid',
      `${path}: not YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const fail = (what: string): never => {
    throw new InputError('kubeconfig-invalid', `${path}: ${what}`);
  };
  const name =
    contextName ?? str(config['current-context']) ?? fail('no current-context; pass --context NAME');
  const context = named(config.contexts, name, 'context') ?? fail(`no context named ${name}`);
  const clusterName = str(context.cluster) ?? fail(`context ${name} names no cluster`);
  const cluster = named(config.clusters, clusterName, 'cluster') ?? fail(`no cluster named ${clusterName}`);
  const user = named(config.users, str(context.user) ?? '', 'user') ?? {};
  if (user.exec !== undefined || user['auth-provider'] !== undefined) {
    fail(
      `user of context ${name} uses an exec or auth-provider plugin; plan needs a token or client certificate`,
    );
  }
  const base = dirname(path);
  const data = async (inline: unknown, file: unknown): Promise<string | undefined> => {
    if (str(inline)) return Buffer.from(String(inline), 'base64').toString('utf8');
    if (str(file)) return readFile(resolve(base, String(file)), 'utf8');
    return undefined;
  };
  const server = str(cluster.server) ?? fail(`cluster ${clusterName} has no server`);
  const token =
    str(user.token) ??
    (str(user.tokenFile)
      ? (await readFile(resolve(base, String(user.tokenFile)), 'utf8')).trim()
      : undefined);
  const ca = await data(cluster['certificate-authority-data'], cluster['certificate-authority']);
  const cert = await data(user['client-certificate-data'], user['client-certificate']);
  const key = await data(user['client-key-data'], user['client-key']);
  return {
    context: name,
    server,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(token ? { token } : {}),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
  };
}

/** The resource name of a kind, as Cluster API's CRDs spell them: lower case, plural. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? `${lower}es` : `${lower}s`;
}

/** The REST path of a namespaced collection, or of one object in it. */
export function resourcePath(apiVersion: string, kind: string, namespace: string, name?: string): string {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const collection = `${prefix}/namespaces/${encodeURIComponent(namespace)}/${pluralOf(kind)}`;
  return name === undefined ? collection : `${collection}/${encodeURIComponent(name)}`;
}

/** GETs a path; resolves with status and body, rejects with an {@link InputError} when the server is unreachable. */
export function kubeGet(conn: KubeConnection, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, conn.server);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (conn.token) headers.authorization = `Bearer ${conn.token}`;
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers,
        ca: conn.ca,
        cert: conn.cert,
        key: conn.key,
        rejectUnauthorized: !conn.insecureSkipTlsVerify,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('no response within 15 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new InputError(
          'kube-unreachable',
          `${conn.context} (${conn.server}): GET ${path}: ${error.code ?? error.message}`,
        ),
      ),
    );
    req.end();
  });
}

/** Lists the objects of a kind in a namespace; undefined when the server does not serve that kind (404). */
export async function listObjects(
  conn: KubeConnection,
  apiVersion: string,
  kind: string,
  namespace: string,
): Promise<unknown[] | undefined> {
  const path = resourcePath(apiVersion, kind, namespace);
  const res = await kubeGet(conn, path);
  if (res.status === 404) return undefined;
  if (res.status < 200 || res.status > 299) {
    throw new InputError(
      'kube-request-failed',
      `${conn.context}: GET ${path}: HTTP ${res.status}: ${res.body.slice(0, 300)}`,
    );
  }
  const list = rec(JSON.parse(res.body) as unknown);
  const items = Array.isArray(list.items) ? list.items : [];
  // List items carry no apiVersion and kind; put them back so the plan can compare whole objects.
  return items.map((item) => ({ apiVersion, kind, ...rec(item) }));
}
