import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { isObject, str } from '../capi/access.ts';
import { InputError } from '../model/errors.ts';

/** Where and as whom to reach one API server, resolved from a kubeconfig context. */
export interface ClusterTarget {
  /** A display name: the context name, or `namespace/name` of a workload cluster. */
  readonly name: string;
  /** `https://host:port[/path]`. */
  readonly server: string;
  /** PEM of the CA to trust; undefined trusts the system CAs. */
  readonly ca: string | undefined;
  readonly insecureSkipTlsVerify: boolean;
  readonly token: string | undefined;
  /** PEM client certificate and key, for certificate authentication. */
  readonly clientCert: string | undefined;
  readonly clientKey: string | undefined;
  readonly basicAuth: { readonly username: string; readonly password: string } | undefined;
  /** SNI and certificate name override (`tls-server-name`). */
  readonly tlsServerName: string | undefined;
}

/** Options of {@link parseKubeconfig}. */
export interface ParseKubeconfigOptions {
  /** The context to use; defaults to `current-context`. */
  readonly context?: string;
  /** Name of the file, for messages and for resolving relative paths of `certificate-authority` etc. */
  readonly file?: string;
  /** The target's display name; defaults to the context name. */
  readonly name?: string;
  /** Reads a file named in the kubeconfig; injected by tests. */
  readonly readFile?: (path: string) => string;
}

const decode = (value: string): string => Buffer.from(value, 'base64').toString('utf8');

function named(list: unknown, name: string): Readonly<Record<string, unknown>> | undefined {
  if (!Array.isArray(list)) return undefined;
  const entry: unknown = list.find((e) => isObject(e) && e.name === name);
  return isObject(entry) ? entry : undefined;
}

/**
 * Resolves one context of a kubeconfig (as `kubectl config view --raw` writes it) to a target. Throws
 * {@link InputError} naming the file, context and field when the context cannot be used.
 */
export function parseKubeconfig(text: string, options: ParseKubeconfigOptions = {}): ClusterTarget {
  const file = options.file ?? 'kubeconfig';
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    throw new InputError('kubeconfig-syntax', `${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (!isObject(config)) throw new InputError('kubeconfig-syntax', `${file}: expected a kubeconfig mapping`);
  const contextName = options.context ?? str(config, 'current-context');
  const bad = (field: string, rule: string): InputError =>
    new InputError('kubeconfig-invalid', `${file}: context ${contextName ?? '(none)'}: ${field} ${rule}`);
  if (!contextName) {
    throw new InputError(
      'kubeconfig-no-context',
      `${file}: no current-context is set; pass --context (one of: ${names(config.contexts).join(', ') || 'none'})`,
    );
  }
  const context = named(config.contexts, contextName);
  if (!context) {
    throw new InputError(
      'kubeconfig-no-context',
      `${file}: no context named ${contextName} (contexts: ${names(config.contexts).join(', ') || 'none'})`,
    );
  }
  const clusterName = str(context, 'context.cluster');
  const userName = str(context, 'context.user');
  const cluster = clusterName ? named(config.clusters, clusterName) : undefined;
  if (!cluster) throw bad('cluster', `${clusterName ?? '(unset)'} is not in clusters`);
  const user = userName ? named(config.users, userName) : undefined;
  const read = (path: string): string => {
    const full = isAbsolute(path) || !options.file ? path : resolve(dirname(options.file), path);
    try {
      return (options.readFile ?? ((p: string) => readFileSync(p, 'utf8')))(full);
    } catch (error) {
      throw new InputError('kubeconfig-file', `${file}: context ${contextName}: ${(error as Error).message}`);
    }
  };
  // Inline `-data` fields win over file paths, as in client-go.
  const pem = (entry: unknown, field: string): string | undefined => {
    const data = str(entry, `${field}-data`);
    if (data) return decode(data);
    const path = str(entry, field);
    return path ? read(path) : undefined;
  };
  const server = str(cluster, 'cluster.server');
  if (!server || !/^https?:\/\//.test(server)) throw bad('cluster.server', 'must be an http(s) URL');
  const u = user?.user;
  if (isObject(u) && (u.exec !== undefined || u['auth-provider'] !== undefined)) {
    throw bad(
      'user',
      'uses an exec or auth-provider plugin, which Causeway does not run; use a token or client certificate (e.g. a ServiceAccount token)',
    );
  }
  const tokenFile = str(u, 'tokenFile');
  const username = str(u, 'username');
  const password = str(u, 'password');
  return {
    name: options.name ?? contextName,
    server: server.replace(/\/+$/, ''),
    ca: pem(cluster.cluster, 'certificate-authority'),
    insecureSkipTlsVerify: isObject(cluster.cluster) && cluster.cluster['insecure-skip-tls-verify'] === true,
    token: str(u, 'token') ?? (tokenFile ? read(tokenFile).trim() : undefined),
    clientCert: pem(u, 'client-certificate'),
    clientKey: pem(u, 'client-key'),
    basicAuth: username !== undefined && password !== undefined ? { username, password } : undefined,
    tlsServerName: str(cluster, 'cluster.tls-server-name'),
  };
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map((e) => str(e, 'name')).filter((n): n is string => !!n) : [];
}

/** Reads and resolves a kubeconfig file. */
export function readKubeconfig(path: string, context?: string): ClusterTarget {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('kubeconfig-not-found', `${path}: ${(error as NodeJS.ErrnoException).message}`);
  }
  return parseKubeconfig(text, { file: path, ...(context ? { context } : {}) });
}
