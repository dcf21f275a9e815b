import { list, str, stringMap } from '../capi/access.ts';
import { parseLogText } from '../bundle/log-parse.ts';
import type { LogEntry } from '../model/fleet.ts';
import type { ClusterError, KubeClient } from './kube-client.ts';

/** One controller container's log, as text and as parsed entries. */
export interface ControllerLog {
  /** Bundle path: `logs/management/<namespace>/<pod>/<container>.log`. */
  readonly file: string;
  readonly text: string;
  readonly entries: readonly LogEntry[];
}

/** The controller logs read, and the containers whose log could not be read. */
export interface ControllerLogs {
  readonly logs: readonly ControllerLog[];
  readonly errors: readonly ClusterError[];
}

/**
 * Reads the recent logs of the Cluster API and provider controllers in the management cluster: every container
 * of the pods in `*-system` namespaces that carry the `cluster.x-k8s.io/provider` label or whose namespace starts
 * with `cap`, the same pods scripts/capture-bundle.sh takes.
 */
export async function readControllerLogs(
  client: KubeClient,
  options: { readonly sinceSeconds: number; readonly now: Date },
): Promise<ControllerLogs> {
  const pods = await client.getJson('/api/v1/pods');
  if (!pods.ok) return { logs: [], errors: [pods.error] };
  const logs: ControllerLog[] = [];
  const errors: ClusterError[] = [];
  for (const pod of list(pods.value, 'items')) {
    const namespace = str(pod, 'metadata.namespace') ?? '';
    const name = str(pod, 'metadata.name') ?? '';
    const provider = stringMap(pod, 'metadata.labels')['cluster.x-k8s.io/provider'];
    if (!namespace.endsWith('-system') || !(provider || namespace.startsWith('cap'))) continue;
    for (const container of list(pod, 'spec.containers')) {
      const containerName = str(container, 'name');
      if (!containerName) continue;
      const path =
        `/api/v1/namespaces/${namespace}/pods/${name}/log` +
        `?container=${encodeURIComponent(containerName)}&sinceSeconds=${options.sinceSeconds}`;
      const text = await client.getText(path);
      if (!text.ok) {
        errors.push(text.error);
        continue;
      }
      const file = `logs/management/${namespace}/${name}/${containerName}.log`;
      const origin = { type: 'management-pod', namespace, pod: name, container: containerName } as const;
      logs.push({ file, text: text.value, entries: parseLogText(text.value, origin, file, options.now) });
    }
  }
  return { logs, errors };
}
