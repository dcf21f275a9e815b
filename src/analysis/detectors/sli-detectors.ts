import { str, stringMap } from '../../capi/access.ts';
import { CapiLabel } from '../../capi/kinds.ts';
import type { Evidence } from '../evidence.ts';
import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetGraph } from '../../graph/fleet-graph.ts';
import type { FleetObject, MetricSeries } from '../../model/fleet.ts';

/** Minimum points before and after a step for it to count. */
const MIN_BEFORE = 5;
const MIN_AFTER = 3;
/** How far before an SLI step a rollout may have started and still be its suspect. */
const ROLLOUT_LEAD_MS = 90 * 60_000;

/** Whether a rise of the series is bad (errors, latency) or a fall is (success ratio, availability). */
export function badDirection(series: MetricSeries): 1 | -1 {
  const name = `${series.name} ${series.labels.__name__ ?? ''}`;
  return /success|availab|apdex|throughput|uptime|goodput/i.test(name) && !/error|fail|latenc/i.test(name)
    ? -1
    : 1;
}

/** The point where a series steps to a worse level and stays there, or undefined. Pure: points in, step out. */
export function findStep(
  points: readonly (readonly [number, number])[],
  direction: 1 | -1,
): { at: number; before: number; after: number } | undefined {
  const values = points.map(([, v]) => v).filter((v) => Number.isFinite(v));
  if (values.length < MIN_BEFORE + MIN_AFTER) return undefined;
  let best: { index: number; score: number; before: number; after: number } | undefined;
  for (let k = MIN_BEFORE; k <= values.length - MIN_AFTER; k++) {
    const before = values.slice(0, k);
    const after = values.slice(k);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const mb = mean(before);
    const ma = mean(after);
    const sd = Math.sqrt(mean(before.map((x) => (x - mb) ** 2)));
    const noise = Math.max(sd, Math.abs(mb) * 0.02, 1e-9);
    const score = (direction * (ma - mb)) / noise;
    // A step is a persistent level change: every point after it stays past the midpoint of the two levels.
    const persistent = after.every((x) => direction * (x - (mb + ma) / 2) > 0);
    const relative = direction === 1 ? ma >= 2 * mb : ma <= 0.8 * mb;
    if (persistent && relative && score > 8 && (!best || score > best.score))
      best = { index: k, score, before: mb, after: ma };
  }
  if (!best) return undefined;
  const finite = points.filter(([, v]) => Number.isFinite(v));
  const at = finite[best.index]?.[0];
  return at === undefined ? undefined : { at, before: best.before, after: best.after };
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

/** SLI series that step to a worse level, with the rollout that came just before, if any. */
export function sliDetector({ graph }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    for (const series of graph.metricsOf(key)) {
      const step = findStep(series.points, badDirection(series));
      if (!step) continue;
      const atIso = new Date(step.at * 1000).toISOString();
      const suspects = rolloutBefore(graph, key, step.at * 1000);
      const label = series.labels.service ? `${series.name} of ${series.labels.service}` : series.name;
      const change = `${label} went from ${format(step.before)} to ${format(step.after)} at ${atIso}`;
      const owner = suspects.owners[0];
      const context: Evidence[] = suspects.machines.map((m) => ({
        object: m,
        signal: 'relation',
        message: `new Machine ${m.name}${str(m.raw, 'spec.version') ? ` (${str(m.raw, 'spec.version')})` : ''} created ${str(m.raw, 'metadata.creationTimestamp')}, before the SLI step`,
        at: str(m.raw, 'metadata.creationTimestamp'),
        weight: 0.8,
      }));
      out.push({
        type: 'sli-regression',
        cluster: key,
        subject: owner ?? cluster,
        severity: 'warning',
        signal: 'metric',
        message: change,
        since: atIso,
        roots: [],
        related: [...suspects.machines, ...suspects.nodes, ...suspects.owners],
        context,
        fallback: owner
          ? {
              category: 'workload-regression',
              confidence: 0.75,
              why: `it began ${Math.round((step.at * 1000 - ms(str(suspects.machines[0]?.raw, 'metadata.creationTimestamp'))) / 60_000)} min after ${owner.kind} ${owner.name} started rolling out new machines`,
            }
          : {
              category: 'workload-regression',
              confidence: 0.45,
              why: 'no rollout in the fleet explains it, so the change is likely in the applications themselves',
            },
      });
    }
  }
  return out;
}

/** Machines created in the window before a moment, their Nodes, and the MachineDeployments or control planes they roll. */
function rolloutBefore(
  graph: FleetGraph,
  cluster: string,
  at: number,
): { machines: FleetObject[]; nodes: FleetObject[]; owners: FleetObject[] } {
  const machines = graph
    .objectsOf(cluster)
    .filter((o) => o.kind === 'Machine' && o.plane === 'management')
    .filter((m) => {
      const created = ms(str(m.raw, 'metadata.creationTimestamp'));
      return created <= at && at - created <= ROLLOUT_LEAD_MS;
    })
    .sort((a, b) =>
      (str(a.raw, 'metadata.creationTimestamp') ?? '').localeCompare(
        str(b.raw, 'metadata.creationTimestamp') ?? '',
      ),
    );
  const owners = new Map<string, FleetObject>();
  for (const machine of machines) {
    const labels = stringMap(machine.raw, 'metadata.labels');
    const deployment = labels[CapiLabel.deploymentName];
    const controlPlane = labels[CapiLabel.controlPlaneName];
    const found = deployment
      ? graph.index.lookup('m', 'MachineDeployment', machine.namespace, deployment)
      : controlPlane
        ? graph.index.lookup('m', '*ControlPlane', machine.namespace, controlPlane)
        : undefined;
    if (found) owners.set(found.id, found);
  }
  const nodes = machines.map((m) => graph.nodeOf(m.id)).filter((n): n is FleetObject => n !== undefined);
  return { machines, nodes, owners: [...owners.values()] };
}
