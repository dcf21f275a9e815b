import { clusterKey, ms, type DetectorContext, type Symptom } from '../symptom.ts';
import type { FleetGraph } from '../../graph/fleet-graph.ts';
import type { FleetObject, LogEntry } from '../../model/fleet.ts';

/** A controller logging the same error this often within the window is stuck in a retry loop. */
const REPEATS = 5;
const WINDOW_MS = 60 * 60_000;
const NOISE = /the object has been modified; please apply your changes/i;

/** The text of an error with the parts that vary between retries (numbers, ids, times) blanked. */
export function errorSignature(entry: LogEntry): string {
  return `${entry.message}: ${entry.error ?? ''}`
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\d+/g, '<n>');
}

/** Objects whose controller logs the same reconcile error again and again. */
export function logDetector({ graph, now }: DetectorContext): Symptom[] {
  const out: Symptom[] = [];
  for (const cluster of graph.clusters()) {
    const key = clusterKey(cluster);
    for (const object of graph.objectsOf(key)) {
      if (object.plane !== 'management') continue;
      const counts = new Map<string, { count: number; last: LogEntry }>();
      for (const entry of graph.logsOf(object.id)) {
        if (entry.level !== 'error' || entry.origin.type === 'machine-boot' || now - ms(entry.ts) > WINDOW_MS)
          continue;
        if (NOISE.test(`${entry.message} ${entry.error ?? ''}`)) continue;
        const signature = errorSignature(entry);
        const slot = counts.get(signature);
        if (slot) {
          slot.count++;
          if ((entry.ts ?? '') > (slot.last.ts ?? '')) slot.last = entry;
        } else counts.set(signature, { count: 1, last: entry });
      }
      for (const { count, last } of counts.values()) {
        if (count < REPEATS) continue;
        out.push({
          type: 'reconcile-error-repeating',
          cluster: key,
          subject: object,
          severity: 'warning',
          signal: 'log',
          message: `the ${last.controller ?? 'controller'} controller logged the same error ${count} times in the last hour for ${object.kind} ${object.name}`,
          since: undefined,
          // Every object the line names: a Cluster's log line about a failing AWSMachine is that machine's echo.
          roots: [object, ...namedObjects(graph, last)],
          related: [],
          fallback: {
            category: 'unknown',
            confidence: 0.3,
            why: 'the controller retries forever and its error names no known cause',
          },
        });
      }
    }
  }
  return out;
}

function namedObjects(graph: FleetGraph, entry: LogEntry): FleetObject[] {
  const out: FleetObject[] = [];
  for (const ref of entry.objects) {
    const kind = ref.kind ? graph.index.canonicalKind(ref.kind.toLowerCase()) : undefined;
    const found = kind ? graph.index.lookup('m', kind, ref.namespace, ref.name) : undefined;
    if (found) out.push(found);
  }
  return out;
}
