import type { FleetDescription } from './model.ts';
import { describeCluster, type DescribeOptions } from './tree.ts';
import { crossPlaneFindings } from '../analysis/cross-plane.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import { InputError } from '../model/errors.ts';
import type { ReadIssue } from '../model/fleet.ts';

/** Options of {@link describeFleet}. */
export interface DescribeFleetOptions extends DescribeOptions {
  /** One cluster, as `namespace/name`, or a name that is unique in the fleet. */
  readonly cluster?: string;
  readonly management?: string;
  readonly issues?: readonly ReadIssue[];
}

/** The cross-plane description of every Cluster of the fleet, or of one. */
export function describeFleet(graph: FleetGraph, options: DescribeFleetOptions = {}): FleetDescription {
  const clusters = selectClusters(graph, options.cluster);
  return {
    now: graph.now.toISOString(),
    management: options.management,
    clusters: clusters.map((cluster) => {
      const key = `${cluster.namespace}/${cluster.name}`;
      return describeCluster(graph, cluster, crossPlaneFindings(graph, { cluster: key }), options);
    }),
    issues: options.issues ?? [],
  };
}

function selectClusters(graph: FleetGraph, wanted: string | undefined) {
  const all = graph.clusters();
  if (wanted === undefined) return all;
  const found = all.filter((c) =>
    wanted.includes('/') ? `${c.namespace}/${c.name}` === wanted : c.name === wanted,
  );
  if (found.length === 1) return found;
  const known = all.map((c) => `${c.namespace}/${c.name}`).join(', ') || 'none';
  if (found.length > 1) {
    throw new InputError(
      'ambiguous-cluster',
      `cluster name ${wanted} is used in several namespaces (${found.map((c) => `${c.namespace}/${c.name}`).join(', ')}): say namespace/name`,
    );
  }
  throw new InputError('unknown-cluster', `no Cluster ${wanted} in the fleet; clusters: ${known}`);
}
