/** Shared domain types of the fleet model: objects from both planes, log entries, metric series. */

/** Which side of the fleet an object was read from. */
export type Plane = 'management' | 'workload';

/** A CAPI Cluster as `namespace/name`; the key that ties workload data to its management objects. */
export type ClusterKey = string;

/** A Kubernetes object as it came from the API server or a file; narrowed by the accessors in src/capi. */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
  readonly [field: string]: unknown;
}

/** Where a thing was read from: a bundle file (with a line when known) or a live cluster. */
export interface SourceLocation {
  /** Path relative to the bundle root, or `live:<cluster>` for live sources. */
  readonly file: string;
  /** 1-based line of the object or entry, when the format tells it. */
  readonly line?: number;
  /** Position inside a List (`items[3]`) or a multi-document file (`document 2`). */
  readonly item?: string;
}

/** One object of the fleet, from either plane, with its identity pulled out of the raw object. */
export interface FleetObject {
  /** Unique across the fleet: plane scope, group, kind, namespace and name. */
  readonly id: string;
  readonly plane: Plane;
  /** For workload objects, the cluster whose directory they came from. Management objects get theirs in the graph. */
  readonly workloadCluster: ClusterKey | undefined;
  readonly apiVersion: string;
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | undefined;
  readonly raw: KubeObject;
  readonly source: SourceLocation;
}

/** Severity of a log entry, normalised over controller-runtime JSON and klog. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'fatal' | 'unknown';

/** An object a log entry names, as far as the entry says (kind may be unknown). */
export interface LogObjectRef {
  readonly kind: string | undefined;
  readonly namespace: string;
  readonly name: string;
}

/** Where a log file sits in the bundle, from its path. */
export type LogOrigin =
  | {
      readonly type: 'management-pod';
      readonly namespace: string;
      readonly pod: string;
      readonly container: string;
    }
  | {
      readonly type: 'workload-pod';
      readonly cluster: ClusterKey;
      readonly namespace: string;
      readonly pod: string;
      readonly container: string;
    }
  | {
      readonly type: 'machine-boot';
      readonly namespace: string;
      readonly machine: string;
      readonly file: string;
    };

/** One line of a log, parsed where the format allows. */
export interface LogEntry {
  readonly origin: LogOrigin;
  readonly source: SourceLocation;
  /** ISO-8601 time, when the line carries one. */
  readonly ts: string | undefined;
  readonly level: LogLevel;
  readonly format: 'json' | 'klog' | 'text';
  readonly message: string;
  /** The `error`/`err` field of structured lines. */
  readonly error: string | undefined;
  /** controller-runtime `controller` name (e.g. `awsmachine`). */
  readonly controller: string | undefined;
  /** The objects the line names (controllerKind plus namespace/name, and kind-keyed fields). */
  readonly objects: readonly LogObjectRef[];
}

/** One SLI series of a workload cluster, from a Prometheus `query_range` response. */
export interface MetricSeries {
  readonly cluster: ClusterKey;
  /** The file's stem, e.g. `http-error-ratio`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** [unix seconds, value] pairs in time order. */
  readonly points: readonly (readonly [number, number])[];
  readonly source: SourceLocation;
}

/** A problem met while reading input: what, where, and whether the rest could go on. */
export interface ReadIssue {
  readonly severity: 'error' | 'warning' | 'notice';
  /** Stable kebab-case code, e.g. `yaml-syntax`, `unsupported-api-version`. */
  readonly code: string;
  readonly message: string;
  readonly source: SourceLocation;
}
