import { str, stringMap } from '../../capi/access.ts';
import { findCondition } from '../../capi/conditions.ts';
import { CapiLabel } from '../../capi/kinds.ts';
import { nodeHealth, phaseSince } from '../../capi/status.ts';
import { formatDuration } from '../cross-plane.ts';
import { PHASE_BUDGET_SECONDS, PHASE_LAYER } from '../../capi/machine-phase.ts';
import { machineEvidenceRoots, objectEvidence } from '../evidence.ts';
import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetObject } from '../../model/fleet.ts';
import type { RootCauseCategory } from '../../model/incident.ts';

/** The cause to assume per phase when no evidence names one. */
const PHASE_FALLBACK: Readonly<Record<string, { category: RootCauseCategory; confidence: number }>> = {
  Pending: { category: 'unknown', confidence: 0.3 },
  Provisioning: { category: 'unknown', confidence: 0.3 },
  Provisioned: { category: 'bootstrap-failure', confidence: 0.35 },
  Deleting: { category: 'unknown', confidence: 0.3 },
};

/** How long a Node may be NotReady before it counts (a kubelet restart is not an incident). */
const NODE_GRACE_MS = 3 * 60_000;

function isControlPlane(machine: FleetObject): boolean {
  return Object.hasOwn(stringMap(machine.raw, 'metadata.labels'), CapiLabel.controlPlane);
}

/** A provider condition that reports a failure outright, so the machine need not wait out a budget to count. */
function failsOutright(evidence: readonly { message: string }[]): boolean {
  return evidence.some((e) => /Failed\b|Error\b|: (failed|error)/i.test(e.message));
}

/** Machines stuck in a phase, Running Machines whose Node is NotReady or gone, deletions that do not end. */
export function machineDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    const captured = graph.capturedWorkloads.has(key);
    for (const machine of graph.objectsOf(key)) {
      if (machine.kind !== 'Machine' || machine.plane !== 'management') continue;
      const symptom = machineSymptom(graph, machine, key, captured, now);
      if (symptom) out.push(symptom);
    }
  }
  return out;
}

function machineSymptom(
  graph: DetectorContext['graph'],
  machine: FleetObject,
  cluster: string,
  captured: boolean,
  now: number,
): Symptom | undefined {
  const deleting = str(machine.raw, 'metadata.deletionTimestamp');
  const phase = deleting ? 'Deleting' : (str(machine.raw, 'status.phase') ?? 'Pending');
  const controlPlane = isControlPlane(machine);
  const roots = machineEvidenceRoots(graph, machine);
  const node = graph.nodeOf(machine.id);
  const name = `Machine ${machine.name}`;
  if (phase === 'Running') {
    if (!captured) return undefined;
    if (!node) {
      return {
        type: 'machine-node-missing',
        cluster,
        subject: machine,
        severity: 'critical',
        signal: 'absence',
        message: `${name} is Running but its Node ${str(machine.raw, 'status.nodeRef.name') ?? ''} is gone from the workload cluster`,
        since: findCondition(machine.raw, 'NodeHealthy', 'NodeReady')?.lastTransitionTime,
        roots,
        related: [],
        fallback: {
          category: 'deleted-out-of-band',
          confidence: 0.5,
          why: 'the Node was removed while its Machine still exists',
        },
      };
    }
    const health = nodeHealth(node);
    if (health.ready === 'True' || now - ms(health.since) < NODE_GRACE_MS) return undefined;
    return {
      type: 'machine-node-not-ready',
      cluster,
      subject: machine,
      severity: controlPlane ? 'critical' : 'warning',
      signal: 'condition',
      message: `${name} is Running but its Node ${node.name} has been ${health.ready === 'False' ? 'NotReady' : 'Unknown'} for ${formatDuration((now - ms(health.since)) / 1000)}${health.reason ? ` (${health.reason})` : ''}`,
      since: health.since,
      roots: [node, ...roots],
      related: [
        node,
        ...graph
          .podsOn(node.id)
          .filter(
            (p) => str(p.raw, 'metadata.deletionTimestamp') || str(p.raw, 'status.reason') === 'Evicted',
          ),
      ],
      fallback: {
        category: 'node-unhealthy',
        confidence: 0.55,
        why: 'the kubelet reports the Node NotReady and nothing outside the node explains it',
      },
    };
  }
  const budget = PHASE_BUDGET_SECONDS[phase];
  const layer = PHASE_LAYER[phase];
  const assumed = PHASE_FALLBACK[phase];
  if (budget === undefined || !layer || !assumed) return undefined;
  const since = deleting ?? phaseSince(machine);
  const age = now - ms(since);
  const infra = graph.children(machine.id, 'infrastructure');
  const outright = phase !== 'Deleting' && failsOutright(infra.flatMap((o) => objectEvidence(o)));
  if (!(age > budget * 1000) && !outright) return undefined;
  const drain = findCondition(machine.raw, 'Deleting');
  const draining = phase === 'Deleting' && /Drain|VolumeDetach/i.test(drain?.reason ?? '');
  return {
    type: `machine-stuck-${phase.toLowerCase()}`,
    cluster,
    subject: machine,
    severity: controlPlane ? 'critical' : 'warning',
    signal: 'phase',
    message: `${name} has been ${phase} for ${formatDuration(age / 1000)}: ${layer}`,
    since,
    roots: node ? [...roots, ...graph.podsOn(node.id)] : roots,
    related: node ? [node] : [],
    fallback: draining
      ? {
          category: 'drain-blocked',
          confidence: 0.5,
          why: `the Machine is ${drain?.reason ?? 'draining'} and no evidence says what blocks it`,
        }
      : {
          ...assumed,
          why: 'no evidence names what keeps it there',
        },
  };
}
