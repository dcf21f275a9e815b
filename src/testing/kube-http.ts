import { request } from 'node:https';

/** Where and as whom to send a request: an API server's URL, the CA of its serving cert, a bearer token. */
export interface KubeTarget {
  readonly url: string;
  readonly caPem: string;
  readonly token?: string;
}

/** A response with its body read as text. */
export interface KubeResponse {
  readonly status: number;
  readonly body: string;
  /** The body parsed as JSON; throws naming the request when it is not JSON. */
  json(): unknown;
}

/** Options of {@link kubeRequest}. */
export interface KubeRequestOptions {
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** Defaults to application/json when there is a body. */
  readonly contentType?: string;
  readonly timeoutMs?: number;
}

/** Sends one HTTPS request to an API server, trusting only its CA. Rejects on network errors, not on statuses. */
export function kubeRequest(
  target: KubeTarget,
  method: string,
  path: string,
  options: KubeRequestOptions = {},
): Promise<KubeResponse> {
  const url = new URL(path, target.url);
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.token !== undefined) headers.authorization = `Bearer ${target.token}`;
  if (payload !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const what = `${method} ${url.href}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers, ca: target.caPem, agent: false, timeout: options.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body,
            json: () => {
              try {
                return JSON.parse(body) as unknown;
              } catch {
                throw new Error(`${what}: response ${res.statusCode} is not JSON: ${body.slice(0, 200)}`);
              }
            },
          });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${what}: no response within ${options.timeoutMs ?? 10_000} ms`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`${what}: ${error.code ?? ''} ${error.message}`.replace('  ', ' '), { cause: error })),
    );
    req.end(payload);
  });
}

/** Like {@link kubeRequest}, but rejects unless the status is 2xx and returns the parsed body. */
export async function kubeJson(
  target: KubeTarget,
  method: string,
  path: string,
  options: KubeRequestOptions = {},
): Promise<unknown> {
  const res = await kubeRequest(target, method, path, options);
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${method} ${target.url}${path}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  }
  return res.json();
}
