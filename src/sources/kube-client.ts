import { Agent, request } from 'node:https';
import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { str } from '../capi/access.ts';
import { JsonObjectSplitter } from './json-stream.ts';
import type { ClusterTarget } from './kubeconfig.ts';

/** Why a request to one cluster failed; a value, never thrown (STYLE: per-cluster failures are values). */
export type ClusterErrorKind =
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'gone'
  | 'not-found'
  | 'timeout'
  | 'http'
  | 'invalid-response';

/** A failed request to one cluster, with a message that names the cluster and what to do. */
export interface ClusterError {
  readonly kind: ClusterErrorKind;
  /** The cluster's display name. */
  readonly cluster: string;
  readonly status: number | undefined;
  readonly message: string;
}

/** The outcome of a request: a value or a per-cluster error. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClusterError };

/** Options of one request. */
export interface RequestOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Options of {@link KubeClient.watch}. */
export interface WatchStreamOptions {
  /** Called with each JSON line of the watch stream. */
  readonly onEvent: (event: unknown) => void;
  /** Called when the server accepted the watch (HTTP 200), before any event. */
  readonly onOpen?: () => void;
  /** The connection is cut and reported as `timeout` when no byte arrives for this long. */
  readonly silenceTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A read-only client of one API server. Live mode never writes. */
export interface KubeClient {
  readonly target: ClusterTarget;
  /** GET a JSON document. */
  getJson(path: string, options?: RequestOptions): Promise<Result<unknown>>;
  /** GET plain text (container logs). */
  getText(path: string, options?: RequestOptions): Promise<Result<string>>;
  /** Opens a watch and streams its events; resolves when the stream ends (ok) or fails. */
  watch(path: string, options: WatchStreamOptions): Promise<Result<void>>;
  /** Closes idle connections. */
  close(): void;
}

/** Builds the client of a target; injected so tests and benchmarks can wrap or replace it. */
export type ClientFactory = (target: ClusterTarget) => KubeClient;

const DEFAULT_TIMEOUT_MS = 30_000;

/** The real client over node:https (or node:http for an http:// server), one keep-alive agent per cluster. */
export function createKubeClient(target: ClusterTarget): KubeClient {
  const secure = target.server.startsWith('https:');
  const tls = {
    ca: target.ca,
    cert: target.clientCert,
    key: target.clientKey,
    rejectUnauthorized: !target.insecureSkipTlsVerify,
    servername: target.tlsServerName,
  };
  const agent = secure
    ? new Agent({ keepAlive: true, maxSockets: 64, ...tls })
    : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const headers = (accept: string): Record<string, string> => {
    const out: Record<string, string> = { accept, 'user-agent': 'causeway-live' };
    if (target.token) out.authorization = `Bearer ${target.token}`;
    else if (target.basicAuth) {
      const { username, password } = target.basicAuth;
      out.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    return out;
  };
  const url = (path: string): URL => new URL(target.server + path);

  /** Sends a GET; resolves with the response (status checked by the caller) or a network error. */
  const open = (
    path: string,
    accept: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Result<IncomingMessage>> =>
    new Promise((resolvePromise) => {
      const send = secure ? request : httpRequest;
      const req = send(url(path), { method: 'GET', headers: headers(accept), agent, signal }, (res) => {
        req.setTimeout(0);
        resolvePromise({ ok: true, value: res });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new TimeoutError(`no response within ${timeoutMs} ms`)));
      req.on('error', (error) => resolvePromise({ ok: false, error: networkError(target, path, error) }));
      req.end();
    });

  const readBody = (res: IncomingMessage): Promise<Result<string>> =>
    new Promise((resolvePromise) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => resolvePromise({ ok: false, error: networkError(target, '', error) }));
      res.on('end', () => resolvePromise({ ok: true, value: Buffer.concat(chunks).toString('utf8') }));
    });

  const getText = async (path: string, options: RequestOptions = {}): Promise<Result<string>> => {
    const opened = await open(path, '*/*', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
    if (!opened.ok) return opened;
    const body = await readBody(opened.value);
    if (!body.ok) return body;
    const status = opened.value.statusCode ?? 0;
    if (status < 200 || status > 299)
      return { ok: false, error: httpError(target, path, status, body.value) };
    return body;
  };

  return {
    target,
    getText,
    async getJson(path, options = {}) {
      const text = await getText(path, options);
      if (!text.ok) return text;
      try {
        return { ok: true, value: JSON.parse(text.value) as unknown };
      } catch {
        return {
          ok: false,
          error: {
            kind: 'invalid-response',
            cluster: target.name,
            status: 200,
            message: `cluster ${target.name}: GET ${path} did not return JSON: ${text.value.slice(0, 120)}`,
          },
        };
      }
    },
    async watch(path, options) {
      const opened = await open(path, 'application/json', options.silenceTimeoutMs, options.signal);
      if (!opened.ok) return options.signal?.aborted ? { ok: true, value: undefined } : opened;
      const res = opened.value;
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const body = await readBody(res);
        return { ok: false, error: httpError(target, path, status, body.ok ? body.value : '') };
      }
      options.onOpen?.();
      return new Promise((resolvePromise) => {
        const splitter = new JsonObjectSplitter();
        let settled = false;
        const finish = (result: Result<void>): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolvePromise(result);
        };
        // A half-open connection sends nothing forever: cut it when the silence lasts too long.
        let timer = setTimeout(onSilence, options.silenceTimeoutMs);
        function onSilence(): void {
          res.destroy();
          finish({
            ok: false,
            error: {
              kind: 'timeout',
              cluster: target.name,
              status: undefined,
              message: `cluster ${target.name}: the watch ${path.split('?')[0]} sent nothing for ${options.silenceTimeoutMs} ms`,
            },
          });
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          clearTimeout(timer);
          timer = setTimeout(onSilence, options.silenceTimeoutMs);
          for (const text of splitter.push(chunk)) {
            try {
              options.onEvent(JSON.parse(text) as unknown);
            } catch (error) {
              res.destroy();
              finish({
                ok: false,
                error: {
                  kind: 'invalid-response',
                  cluster: target.name,
                  status,
                  message: `cluster ${target.name}: bad watch event: ${(error as Error).message}`,
                },
              });
              return;
            }
          }
        });
        res.on('end', () => finish({ ok: true, value: undefined }));
        res.on('close', () =>
          finish(
            options.signal?.aborted || res.complete
              ? { ok: true, value: undefined }
              : {
                  ok: false,
                  error: networkError(target, path, new Error('the connection closed mid-stream')),
                },
          ),
        );
        res.on('error', (error) =>
          finish(
            options.signal?.aborted
              ? { ok: true, value: undefined }
              : { ok: false, error: networkError(target, path, error) },
          ),
        );
      });
    },
    close() {
      agent.destroy();
    },
  };
}

class TimeoutError extends Error {}

function networkError(target: ClusterTarget, path: string, error: Error): ClusterError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const where = `${target.server}${path ? ` (GET ${path.split('?')[0]})` : ''}`;
  if (error instanceof TimeoutError) {
    return {
      kind: 'timeout',
      cluster: target.name,
      status: undefined,
      message: `cluster ${target.name}: ${where}: ${error.message}`,
    };
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return {
      kind: 'tls',
      cluster: target.name,
      status: undefined,
      message: `cluster ${target.name}: TLS failed talking to ${where}: ${code} ${error.message}; check certificate-authority-data in the kubeconfig`,
    };
  }
  return {
    kind: 'unreachable',
    cluster: target.name,
    status: undefined,
    message:
      `cluster ${target.name}: cannot reach ${where}: ${code ? `${code} ` : ''}${error.message}`.replace(
        `${code} ${code}`,
        code,
      ),
  };
}

/** Turns an HTTP error status and its Status body into a message that says what is wrong and what to do. */
export function httpError(target: ClusterTarget, path: string, status: number, body: string): ClusterError {
  let statusMessage: string;
  try {
    statusMessage = str(JSON.parse(body) as unknown, 'message') ?? '';
  } catch {
    statusMessage = body.slice(0, 200);
  }
  const request = `GET ${path.split('?')[0]}`;
  const base = { cluster: target.name, status };
  switch (status) {
    case 401:
      return {
        ...base,
        kind: 'unauthorized',
        message: `cluster ${target.name}: the credentials were rejected (401 Unauthorized) on ${request}: the token or client certificate is invalid or expired; get fresh credentials for this cluster`,
      };
    case 403:
      return {
        ...base,
        kind: 'forbidden',
        message: `cluster ${target.name}: permission denied (403 Forbidden): ${statusMessage || request}`,
      };
    case 404:
      return {
        ...base,
        kind: 'not-found',
        message: `cluster ${target.name}: ${request}: not found${statusMessage ? `: ${statusMessage}` : ''}`,
      };
    case 410:
      return {
        ...base,
        kind: 'gone',
        message: `cluster ${target.name}: ${request}: 410 Gone: ${statusMessage}`,
      };
    default:
      return {
        ...base,
        kind: 'http',
        message: `cluster ${target.name}: ${request}: HTTP ${status}${statusMessage ? `: ${statusMessage}` : ''}`,
      };
  }
}
