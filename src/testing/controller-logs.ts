/** Controller logs as controller-runtime's zap JSON encoder writes them, and where each controller's log lives. */
import type { ControllerId, ControllerPod, LogLine } from './fleet-types.ts';
import { providerProfile } from './providers.ts';
import type { Random } from './random.ts';
import type { Provider, RawObject } from './raw.ts';
import { PROVIDERS } from './raw.ts';
import { isoMillis } from './time.ts';

const CORE_CONTROLLERS: Readonly<
  Record<Exclude<ControllerId, Provider>, { namespace: string; deployment: string }>
> = {
  capi: { namespace: 'capi-system', deployment: 'capi-controller-manager' },
  'kubeadm-control-plane': {
    namespace: 'capi-kubeadm-control-plane-system',
    deployment: 'capi-kubeadm-control-plane-controller-manager',
  },
  'kubeadm-bootstrap': {
    namespace: 'capi-kubeadm-bootstrap-system',
    deployment: 'capi-kubeadm-bootstrap-controller-manager',
  },
};

/** Pods of the management controllers, named like ReplicaSet pods (`<deployment>-<hash>-<suffix>`). */
export function createControllerPods(rng: Random): (id: ControllerId) => ControllerPod {
  const pods = new Map<ControllerId, ControllerPod>();
  const ids: ControllerId[] = ['capi', 'kubeadm-control-plane', 'kubeadm-bootstrap', ...PROVIDERS];
  for (const id of ids) {
    const { namespace, deployment } = (PROVIDERS as readonly string[]).includes(id)
      ? providerProfile(id as Provider).controller
      : CORE_CONTROLLERS[id as Exclude<ControllerId, Provider>];
    pods.set(id, {
      namespace,
      pod: `${deployment}-${rng.suffix(10)}-${rng.suffix(5)}`,
      container: 'manager',
    });
  }
  return (id) => pods.get(id) ?? { namespace: 'default', pod: id, container: 'manager' };
}

/** Bundle-relative path of a management pod's container log. */
export function managementLogPath(pod: ControllerPod): string {
  return `logs/management/${pod.namespace}/${pod.pod}/${pod.container}.log`;
}

/** A reconcile log entry about one object. */
export interface ReconcileEntry {
  readonly ts: number;
  readonly level?: 'info' | 'error' | 'debug';
  readonly msg: string;
  readonly object: RawObject;
  /** controller-runtime controller name; defaults to the object's kind in lower case. */
  readonly controller?: string;
  readonly error?: string;
  /** The owning Cluster, added as a `Cluster` key like Cluster API's loggers do. */
  readonly cluster?: string;
  /** Extra key/value pairs appended to the line. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Formats one controller-runtime JSON log line for a reconcile of `entry.object`. */
export function reconcileLine(rng: Random, entry: ReconcileEntry): string {
  const o = entry.object;
  const ref = { name: o.metadata.name, namespace: o.metadata.namespace ?? '' };
  const line: Record<string, unknown> = {
    level: entry.level ?? 'info',
    ts: isoMillis(entry.ts),
    msg: entry.msg,
    controller: entry.controller ?? o.kind.toLowerCase(),
    controllerGroup: o.apiVersion.includes('/') ? (o.apiVersion.split('/')[0] ?? '') : '',
    controllerKind: o.kind,
    [o.kind]: ref,
    namespace: ref.namespace,
    name: ref.name,
    reconcileID: rng.uuid(),
  };
  if (entry.cluster) line.Cluster = { name: entry.cluster, namespace: ref.namespace };
  if (entry.fields) Object.assign(line, entry.fields);
  if (entry.error !== undefined) line.error = entry.error;
  return JSON.stringify(line);
}

/** A log line for the controller `pod`, ready to be written in time order. */
export function logLine(pod: ControllerPod, ts: number, text: string): LogLine {
  return { path: managementLogPath(pod), ts, text };
}

/** The API server's optimistic-concurrency error, which controllers log and retry. */
export function conflictError(resource: string, name: string): string {
  return `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
}
