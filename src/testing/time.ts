/** Time helpers for generated objects: every instant derives from the fleet's `capturedAt`, never the clock. */

/** Milliseconds in a second. */
export const SECOND = 1000;
/** Milliseconds in a minute. */
export const MINUTE = 60 * SECOND;
/** Milliseconds in an hour. */
export const HOUR = 60 * MINUTE;
/** Milliseconds in a day. */
export const DAY = 24 * HOUR;

/** A bad option given to the fleet builder: `code` is stable, the message names the option, the value and the rule. */
export class FleetBuilderError extends Error {
  /** Stable kebab-case code, e.g. `bad-timestamp`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FleetBuilderError';
    this.code = code;
  }
}

/** Parses an RFC 3339 timestamp given as option `field`; throws `bad-timestamp` if it is not one. */
export function parseTime(value: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms)) {
    throw new FleetBuilderError(
      'bad-timestamp',
      `${field}: "${value}" is not an RFC 3339 timestamp (expected e.g. 2026-11-20T10:30:00Z)`,
    );
  }
  return ms;
}

/** Formats an instant the way metav1.Time serialises: whole seconds, UTC. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace('.000Z', 'Z');
}

/** Formats an instant with milliseconds, as controller-runtime's zap encoder writes `ts`. */
export function isoMillis(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** Formats an instant the way metav1.MicroTime serialises (`eventTime` of events.k8s.io/v1). */
export function microTime(ms: number, micros: number): string {
  return isoMillis(ms).replace(
    /\.\d{3}Z$/,
    `.${String(Math.floor(ms % 1000) * 1000 + (micros % 1000)).padStart(6, '0')}Z`,
  );
}

/** Parses a time this module wrote (no validation: internal use on generated objects). */
export function timeOf(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}
