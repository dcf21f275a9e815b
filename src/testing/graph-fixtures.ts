import { parseObjectFile } from '../bundle/parse-objects.ts';
import type { FleetObject, KubeObject, LogEntry, MetricSeries } from '../model/fleet.ts';
import { buildFleetGraph, type BuildGraphOptions, type FleetGraph } from '../graph/fleet-graph.ts';

/** A raw object with the identity fields filled in. */
export function obj(
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
  rest: Record<string, unknown> = {},
): KubeObject {
  const { metadata, ...others } = rest as { metadata?: Record<string, unknown> };
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), uid: `uid-${kind}-${name}`, ...metadata },
    ...others,
  };
}

/** Fleet objects of one plane, as the bundle reader makes them. */
export function fleetObjects(raws: readonly KubeObject[], workloadCluster?: string): FleetObject[] {
  const parsed = parseObjectFile(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: raws }), {
    file: workloadCluster ? `workload/${workloadCluster}/objects.json` : 'management/objects.json',
    plane: workloadCluster ? 'workload' : 'management',
    workloadCluster,
  });
  if (parsed.issues.length > 0) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.objects;
}

/** A graph over management and workload objects, with "now" fixed. */
export function graphOf(
  management: readonly KubeObject[],
  workload: Readonly<Record<string, readonly KubeObject[]>> = {},
  extra: { logs?: LogEntry[]; metrics?: MetricSeries[]; options?: BuildGraphOptions } = {},
): FleetGraph {
  const objects = [...fleetObjects(management)];
  for (const [cluster, raws] of Object.entries(workload)) objects.push(...fleetObjects(raws, cluster));
  return buildFleetGraph(
    {
      now: new Date('2026-11-20T10:30:00Z'),
      objects,
      logs: extra.logs ?? [],
      metrics: extra.metrics ?? [],
      workloadClusters: Object.keys(workload),
    },
    extra.options,
  );
}

/** A compact `relation from -> to` view of edges for whole-result assertions. */
export function edgeList(graph: FleetGraph, relation?: string): string[] {
  const name = (id: string): string => {
    const o = graph.get(id);
    return o ? `${o.kind}/${o.name}` : id;
  };
  return graph.edges
    .filter((e) => relation === undefined || e.relation === relation)
    .map((e) => `${e.relation} ${name(e.from)} -> ${name(e.to)} (${e.via})`)
    .sort();
}
