import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { str } from '../capi/access.ts';
import { InputError } from '../model/errors.ts';
import type { ClusterError, KubeClient, Result } from './kube-client.ts';
import { parseKubeconfig, type ClusterTarget } from './kubeconfig.ts';

/** Where workload credentials come from: CAPI's kubeconfig Secrets, or the user's own files. */
export type WorkloadCredentials =
  | { readonly type: 'secret' }
  /** `<dir>/<namespace>/<cluster>.kubeconfig` or `<dir>/<namespace>-<cluster>.kubeconfig`, as the capture script reads. */
  | { readonly type: 'directory'; readonly dir: string };

/** The name of the Secret CAPI's control-plane provider keeps a workload kubeconfig in. */
export function kubeconfigSecretName(cluster: string): string {
  return `${cluster}-kubeconfig`;
}

/**
 * Resolves the target of workload cluster `namespace/name`: reads Secret `<name>-kubeconfig` (key `value`) in the
 * Cluster's namespace with the management client, or the user's kubeconfig file. Failures are values whose message
 * says which permission or file is missing and how to fix it.
 */
export async function workloadTarget(
  management: KubeClient,
  credentials: WorkloadCredentials,
  namespace: string,
  name: string,
): Promise<Result<ClusterTarget>> {
  const cluster = `${namespace}/${name}`;
  const fail = (kind: ClusterError['kind'], message: string, status?: number): Result<ClusterTarget> => ({
    ok: false,
    error: { kind, cluster, status, message: `cluster ${cluster}: ${message}` },
  });
  const parse = (text: string, file: string): Result<ClusterTarget> => {
    try {
      return { ok: true, value: parseKubeconfig(text, { file, name: cluster }) };
    } catch (error) {
      return fail('invalid-response', error instanceof InputError ? error.message : String(error));
    }
  };
  if (credentials.type === 'directory') {
    const nested = join(credentials.dir, namespace, `${name}.kubeconfig`);
    const flat = join(credentials.dir, `${namespace}-${name}.kubeconfig`);
    for (const file of [nested, flat]) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) return parse(text, file);
    }
    return fail('not-found', `no kubeconfig file: neither ${nested} nor ${flat} exists`);
  }
  const secret = kubeconfigSecretName(name);
  const got = await management.getJson(`/api/v1/namespaces/${namespace}/secrets/${secret}`);
  if (!got.ok) {
    const { error } = got;
    if (error.kind === 'forbidden') {
      return fail(
        'forbidden',
        `cannot read its kubeconfig: missing permission get on secrets "${secret}" in namespace "${namespace}" ` +
          `(the API server said: ${error.message.replace(/^cluster [^:]+: /, '')}). Grant it with a Role and RoleBinding ` +
          `(deploy/rbac/causeway-kubeconfig-secrets-role.yaml), or pass --workload-kubeconfig-dir DIR with your own ` +
          `credentials in DIR/${namespace}/${name}.kubeconfig`,
        403,
      );
    }
    if (error.kind === 'not-found') {
      return fail(
        'not-found',
        `Secret ${namespace}/${secret} does not exist (yet): the control plane provider writes it once the cluster's API server is up`,
        404,
      );
    }
    return {
      ok: false,
      error: {
        ...error,
        cluster,
        message: `cluster ${cluster}: reading Secret ${namespace}/${secret}: ${error.message}`,
      },
    };
  }
  const value = str(got.value, 'data.value');
  if (!value) return fail('invalid-response', `Secret ${namespace}/${secret} has no data.value`);
  return parse(Buffer.from(value, 'base64').toString('utf8'), `Secret ${namespace}/${secret}`);
}
