import { resolve } from 'node:path';
import type { FleetGraph } from '../../src/graph/fleet-graph.ts';
import type { FleetObject } from '../../src/model/fleet.ts';
import type { ApiServerHandle } from '../../src/testing/control-plane.ts';
import type { ClusterTarget } from '../../src/sources/kubeconfig.ts';

/** A two-workload scenario of ../shared/scenarios: shop/prod-eu and infra/lab. */
export const SCENARIO = resolve(import.meta.dirname, '../../../shared/scenarios/aws-ami-id-missing');

/** A cold build of kube-apiserver takes minutes; starting three servers on two busy cores takes up to a minute. */
export const SETUP_TIMEOUT = 50 * 60_000;

/** The management server as a live-mode target, as the admin user or with another token. */
export function targetOf(server: ApiServerHandle, token = server.token, name = 'management'): ClusterTarget {
  return {
    name,
    server: server.url,
    ca: server.caPem,
    insecureSkipTlsVerify: false,
    token,
    clientCert: undefined,
    clientKey: undefined,
    basicAuth: undefined,
    tlsServerName: undefined,
  };
}

/**
 * Whether an object is an Event a kube-apiserver reported about its own objects: the default ServiceCIDR and the
 * `kubernetes` Service. A loaded server emits them at start (a 1.35 server warns
 * "KubernetesDefaultServiceCIDRError" when it cannot create the ServiceCIDR on its first try); they are real
 * objects of the live fleet that no bundle replayed into it holds.
 */
export function isServerOwnEvent(object: FleetObject): boolean {
  if (object.kind !== 'Event') return false;
  const about = (object.raw.involvedObject ?? object.raw.regarding) as Record<string, unknown> | undefined;
  if (!about) return false;
  if (about.kind === 'ServiceCIDR' || about.kind === 'IPAddress') return true;
  return (
    (about.kind === 'Service' || about.kind === 'Endpoints') &&
    about.name === 'kubernetes' &&
    about.namespace === 'default'
  );
}

/**
 * A graph reduced to what must match between offline and live: object ids and edges, sorted, without the API
 * servers' events about their own objects ({@link isServerOwnEvent}).
 */
export function graphShape(graph: FleetGraph): { ids: string[]; edges: string[] } {
  const dropped = new Set(graph.objects.filter(isServerOwnEvent).map((o) => o.id));
  return {
    ids: graph.objects
      .map((o) => o.id)
      .filter((id) => !dropped.has(id))
      .sort(),
    edges: graph.edges
      .filter((e) => !dropped.has(e.from) && !dropped.has(e.to))
      .map((e) => `${e.from} -${e.relation}-> ${e.to}`)
      .sort(),
  };
}

/** Waits until `check` is true, polling every 10 ms; returns the elapsed milliseconds. */
export async function within(ms: number, what: string, check: () => boolean): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - start;
}
