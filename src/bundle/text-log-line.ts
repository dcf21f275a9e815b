import type { LogLevel } from '../model/fleet.ts';
import { isDigit, isLowerAscii } from './char-class.ts';
import { NO_OBJECTS, type LineFields } from './log-line.ts';

const ERROR_MARKERS = ['error', 'failed', 'fatal', 'panic', 'timed out', 'unable to', 'cannot', 'refused'];
const WARNING_MARKERS = ['warn'];
const NEGATIONS = ['no ', 'without ', 'zero '];

/** A plain text line: the whole line is the message and the level is guessed from its words. */
export function textLine(line: string, ts: string | undefined): LineFields {
  return {
    ts,
    level: inferTextLevel(line),
    format: 'text',
    message: line,
    error: undefined,
    controller: undefined,
    objects: NO_OBJECTS,
  };
}

function inferTextLevel(line: string): LogLevel {
  const lower = line.toLowerCase();
  if (hasMarker(lower, ERROR_MARKERS)) return 'error';
  if (hasMarker(lower, WARNING_MARKERS)) return 'warning';
  return 'unknown';
}

function hasMarker(lower: string, markers: readonly string[]): boolean {
  for (const marker of markers) {
    for (let at = lower.indexOf(marker); at !== -1; at = lower.indexOf(marker, at + 1)) {
      if (!isLowerAscii(lower.charCodeAt(at - 1)) && !isNegated(lower, at, marker.length)) return true;
    }
  }
  return false;
}

/** `no error`, `without errors`, `0 errors`, `errors: 0`, `failed=0` report the absence of a failure. */
function isNegated(lower: string, at: number, markerLength: number): boolean {
  const before = lower.slice(Math.max(0, at - 8), at);
  if (
    NEGATIONS.some(
      (word) => before.endsWith(word) && !isLowerAscii(before.charCodeAt(before.length - word.length - 1)),
    )
  ) {
    return true;
  }
  if (before.endsWith('0 ') && !isDigit(before.charCodeAt(before.length - 3))) return true;
  let after = at + markerLength;
  if (lower.charCodeAt(after) === 115) after++;
  const zeroAt = lower.startsWith('=0', after) ? after + 1 : lower.startsWith(': 0', after) ? after + 2 : -1;
  return zeroAt !== -1 && !isDigit(lower.charCodeAt(zeroAt + 1));
}
