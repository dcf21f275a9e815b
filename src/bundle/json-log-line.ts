import type { LogLevel, LogObjectRef } from '../model/fleet.ts';
import { isUpperAscii } from './char-class.ts';
import { collectObjects, type LineFields } from './log-line.ts';
import { isoOf, readTimestamp } from './log-timestamp.ts';

/** Parses a controller-runtime (zap) or Kubernetes JSON log line; undefined when it is not a JSON object. */
export function parseJsonLine(line: string): LineFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const error = stringField(value.error) ?? stringField(value.err);
  const rawTs = value.ts ?? value.time ?? value.timestamp;
  const kindRefs: LogObjectRef[] = [];
  for (const key in value) {
    if (!isUpperAscii(key.charCodeAt(0))) continue;
    const ref = value[key];
    if (isRecord(ref) && typeof ref.name === 'string' && ref.name !== '') {
      kindRefs.push({ kind: key, namespace: stringField(ref.namespace) ?? '', name: ref.name });
    }
  }
  return {
    ts: jsonTimestamp(rawTs),
    level: jsonLevel(value.level, error !== undefined, value.v),
    format: 'json',
    message: stringField(value.msg) ?? stringField(value.message) ?? '',
    error,
    controller: stringField(value.controller),
    objects: collectObjects(
      stringField(value.controllerKind),
      stringField(value.namespace),
      stringField(value.name),
      kindRefs,
    ),
  };
}

function jsonLevel(raw: unknown, hasError: boolean, verbosity: unknown): LogLevel {
  if (typeof raw === 'string') return levelFromName(raw);
  if (typeof raw === 'number') return levelFromZapNumber(raw);
  // Kubernetes' own JSON format has no level: `v` on info lines, `err` on error lines.
  if (hasError) return 'error';
  if (typeof verbosity === 'number') return verbosity > 0 ? 'debug' : 'info';
  return 'unknown';
}

function levelFromName(name: string): LogLevel {
  switch (name.toLowerCase()) {
    case 'debug':
    case 'trace':
      return 'debug';
    case 'info':
    case 'notice':
      return 'info';
    case 'warn':
    case 'warning':
      return 'warning';
    case 'error':
    case 'err':
    case 'dpanic':
      return 'error';
    case 'panic':
    case 'fatal':
    case 'critical':
      return 'fatal';
    default: {
      // zap prints verbosity beyond debug as `Level(-2)`.
      const match = /^(?:level\()?(-?\d+)\)?$/.exec(name.toLowerCase());
      return match?.[1] === undefined ? 'unknown' : levelFromZapNumber(Number(match[1]));
    }
  }
}

/** zap's numeric levels: negative is verbosity (debug), 0 info, 1 warn, 2 error, 3 dpanic, 4 panic, 5 fatal. */
function levelFromZapNumber(level: number): LogLevel {
  if (level < 0) return 'debug';
  if (level === 0) return 'info';
  if (level === 1) return 'warning';
  if (level <= 3) return 'error';
  return 'fatal';
}

function jsonTimestamp(raw: unknown): string | undefined {
  if (typeof raw === 'number') return isoOf(epochToMs(raw));
  if (typeof raw !== 'string') return undefined;
  const stamp = readTimestamp(raw, 0);
  if (stamp !== undefined && stamp.end === raw.length) return isoOf(stamp.ms);
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(raw)) return isoOf(epochToMs(Number(raw)));
  return isoOf(Date.parse(raw));
}

/** Seconds since the epoch, or milli/micro/nanoseconds when the magnitude says so. */
function epochToMs(value: number): number {
  const size = Math.abs(value);
  if (size >= 1e17) return Math.round(value / 1e6);
  if (size >= 1e14) return Math.round(value / 1e3);
  if (size >= 1e11) return Math.round(value);
  return Math.round(value * 1000);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
