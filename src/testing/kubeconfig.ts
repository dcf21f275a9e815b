import { parse, stringify } from 'yaml';
import type { KubeTarget } from './kube-http.ts';

/** A kubeconfig with one cluster, one token user and one context, all named `name`. */
export function kubeconfigYaml(name: string, target: KubeTarget): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: target.url,
          'certificate-authority-data': Buffer.from(target.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name, user: target.token === undefined ? {} : { token: target.token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function named(list: unknown, name: unknown, field: string): Record<string, unknown> {
  const entry = Array.isArray(list) ? list.map(record).find((e) => e.name === name) : undefined;
  return record(entry?.[field]);
}

/** Reads the current context's server, CA and token from kubeconfig text (the subset {@link kubeconfigYaml} writes). */
export function targetFromKubeconfig(text: string): KubeTarget {
  const config = record(parse(text));
  const context = named(config.contexts, config['current-context'], 'context');
  const cluster = named(config.clusters, context.cluster, 'cluster');
  const user = named(config.users, context.user, 'user');
  const { server } = cluster;
  const caData = cluster['certificate-authority-data'];
  if (typeof server !== 'string' || typeof caData !== 'string') {
    throw new Error(
      `kubeconfig: context ${String(config['current-context'])} has no server or certificate-authority-data`,
    );
  }
  const caPem = Buffer.from(caData, 'base64').toString('utf8');
  return typeof user.token === 'string' ? { url: server, caPem, token: user.token } : { url: server, caPem };
}
