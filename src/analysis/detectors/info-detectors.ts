import { str } from '../../capi/access.ts';
import { clusterKey, type DetectorContext, type Symptom } from '../symptom.ts';

/** Nodes no Machine owns and Machine/Node records that disagree: worth knowing, not an outage. */
export function crossPlaneInfoDetector({ graph }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    for (const node of graph.objectsOf(key)) {
      if (node.kind !== 'Node' || node.plane !== 'workload' || graph.machineOf(node.id)) continue;
      out.push({
        type: 'node-without-machine',
        cluster: key,
        subject: node,
        severity: 'info',
        signal: 'relation',
        message: `Node ${node.name} is not owned by any Machine`,
        since: str(node.raw, 'metadata.creationTimestamp'),
        roots: [],
        related: [],
        fallback: {
          category: 'unknown',
          confidence: 0.4,
          why: 'the Node joined outside Cluster API, or its Machine was deleted while the Node stayed',
        },
      });
    }
  }
  for (const conflict of graph.linkConflicts) {
    const machine = conflict.machine ? graph.get(conflict.machine) : undefined;
    const cluster = machine ? graph.clusterOf(machine.id) : undefined;
    if (!machine || !cluster || conflict.kind === 'node-ref-missing') continue;
    out.push({
      type: 'machine-node-link-conflict',
      cluster,
      subject: machine,
      severity: 'info',
      signal: 'relation',
      message: conflict.message,
      since: undefined,
      roots: [],
      related: conflict.nodes.map((id) => graph.get(id)).filter((n) => n !== undefined),
      fallback: {
        category: 'unknown',
        confidence: 0.3,
        why: 'Machine and Node records disagree; a providerID or annotation was set by hand or a Node was reused',
      },
    });
  }
  return out;
}
