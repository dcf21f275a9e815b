import { readBundle } from '../bundle/read-bundle.ts';
import { buildFleetGraph } from '../graph/fleet-graph.ts';
import { listObjects, loadKubeconfig } from './kube-client.ts';
import { CAPI, type Manifest } from './manifest.ts';

/** Live objects a plan compares against, where they came from, and what could not be read. */
export interface LiveSnapshot {
  readonly source: string;
  readonly objects: readonly unknown[];
  readonly notes: readonly string[];
}

/** The kinds a plan reads: those compiled, plus the ones Cluster API creates from them. */
export function kindsToRead(desired: readonly Manifest[]): { apiVersion: string; kind: string }[] {
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const { apiVersion, kind } of [
    ...desired,
    { apiVersion: CAPI.core, kind: 'MachineDeployment' },
    { apiVersion: CAPI.core, kind: 'MachineHealthCheck' },
    { apiVersion: CAPI.controlPlane, kind: 'KubeadmControlPlane' },
  ]) {
    kinds.set(kind, { apiVersion, kind });
  }
  return [...kinds.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
}

/** The management-plane objects of a namespace from a fleet bundle, through the fleet graph. */
export async function liveFromBundle(
  path: string,
  namespace: string,
  desired: readonly Manifest[],
): Promise<LiveSnapshot> {
  const bundle = await readBundle(path);
  const graph = buildFleetGraph(bundle);
  const kinds = new Set(kindsToRead(desired).map((k) => k.kind));
  const objects = graph
    .find({ plane: 'management', namespace })
    .filter((o) => kinds.has(o.kind))
    .map((o) => o.raw as unknown);
  const notes = bundle.issues
    .filter((i) => i.severity === 'error')
    .map((i) => `bundle: ${i.source.file}: ${i.message}`);
  return { source: `bundle ${path}`, objects, notes };
}

/** The objects of a namespace from a live management cluster: GET requests only, one list per kind. */
export async function liveFromKubeconfig(
  kubeconfig: string,
  context: string | undefined,
  namespace: string,
  desired: readonly Manifest[],
): Promise<LiveSnapshot> {
  const conn = await loadKubeconfig(kubeconfig, context);
  const objects: unknown[] = [];
  const notes: string[] = [];
  for (const { apiVersion, kind } of kindsToRead(desired)) {
    const items = await listObjects(conn, apiVersion, kind, namespace);
    if (items === undefined)
      notes.push(`${conn.context} does not serve ${kind} ${apiVersion}: its objects count as missing`);
    else objects.push(...items);
  }
  return { source: `context ${conn.context} (${conn.server})`, objects, notes };
}
