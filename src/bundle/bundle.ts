import type { FleetObject, LogEntry, MetricSeries, ReadIssue } from '../model/fleet.ts';

/** Everything read from a fleet bundle (or a live capture), before it is related in the graph. */
export interface Bundle {
  /** The directory the bundle was read from. */
  readonly root: string;
  /** The analysis's "now": `capturedAt` of bundle.yaml, else the newest timestamp found. */
  readonly now: Date;
  /** `capturedAt` as written in bundle.yaml, when there is one. */
  readonly capturedAt: string | undefined;
  /** Display name of the management cluster. */
  readonly management: string | undefined;
  readonly objects: readonly FleetObject[];
  readonly logs: readonly LogEntry[];
  readonly metrics: readonly MetricSeries[];
  /** Workload cluster directories found, as `namespace/name`. */
  readonly workloadClusters: readonly string[];
  /** Everything that could not be read, or was read with caveats. */
  readonly issues: readonly ReadIssue[];
}

/**
 * The workload clusters (`namespace/name`) the capture could not read, from the `workload-not-captured` issues that
 * both the bundle reader (`workload/<ns>/<cluster>/CAPTURE-ERROR.txt`) and live mode (`live:workload/<ns>/<cluster>`)
 * report: diagnose calls them unknown, never healthy.
 */
export function uncapturedClusters(issues: readonly ReadIssue[]): Set<string> {
  return new Set(
    issues
      .filter((i) => i.code === 'workload-not-captured')
      .map((i) => i.source.file.split('/').slice(1, 3).join('/')),
  );
}
