import { uncapturedClusters } from '../bundle/bundle.ts';
import type { Bundle } from '../bundle/bundle.ts';
import { diagnose } from '../analysis/diagnose.ts';
import { buildFleetGraph } from '../graph/fleet-graph.ts';
import type { Diagnosis } from '../model/incident.ts';
import { createLiveSource } from '../sources/live-source.ts';
import type { ClusterStatus } from '../sources/cluster-connection.ts';
import { inMemoryWorkloadClients } from './capi-live-client.ts';
import type { ApiServerHandle } from './control-plane.ts';

/** What {@link diagnoseLiveFleet} read and concluded. */
export interface LiveDiagnosis {
  readonly bundle: Bundle;
  readonly diagnosis: Diagnosis;
  readonly statuses: readonly ClusterStatus[];
}

/**
 * Reads the management server and every workload cluster its CAPI kubeconfig Secrets point at once, as
 * `causeway diagnose --kubeconfig` does, and diagnoses the result. Workload clusters are taken to be in-memory ones
 * (see {@link inMemoryWorkloadClients}).
 */
export async function diagnoseLiveFleet(
  management: ApiServerHandle,
  syncTimeoutMs = 30_000,
): Promise<LiveDiagnosis> {
  const source = createLiveSource({
    kubeconfig: management.kubeconfigPath,
    clientFactory: inMemoryWorkloadClients(management.url),
    timing: { probeIntervalMs: 1_000, probeTimeoutMs: 3_000 },
  });
  try {
    await source.start();
    await source.waitForSync(syncTimeoutMs);
    const bundle = source.bundle();
    const statuses = source.statuses();
    const unreachable = uncapturedClusters(bundle.issues);
    return { bundle, statuses, diagnosis: diagnose(buildFleetGraph(bundle), { unreachable }) };
  } finally {
    await source.stop();
  }
}
