import type { LogEntry, LogOrigin } from '../model/fleet.ts';
import { isDigit, isSpace } from './char-class.ts';
import { parseJsonLine } from './json-log-line.ts';
import { isKlogLetter, parseKlogLine } from './klog-line.ts';
import type { LineFields } from './log-line.ts';
import { isoOf, readTimestamp } from './log-timestamp.ts';
import { textLine } from './text-log-line.ts';

/** Parses a log file into one entry per non-empty line: controller-runtime JSON, klog, CRI-wrapped or plain text. */
export function parseLogText(text: string, origin: LogOrigin, file: string, now: Date): LogEntry[] {
  const entries: LogEntry[] = [];
  const nowMs = now.getTime();
  const nowYear = now.getUTCFullYear();
  const length = text.length;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNumber = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    lineNumber++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const fields = stop > start ? parseLine(text.slice(start, stop), nowMs, nowYear) : undefined;
    if (fields !== undefined) {
      entries.push({
        origin,
        source: { file, line: lineNumber },
        ts: fields.ts,
        level: fields.level,
        format: fields.format,
        message: fields.message,
        error: fields.error,
        controller: fields.controller,
        objects: fields.objects,
      });
    }
    start = end + 1;
  }
  return entries;
}

function parseLine(line: string, refMs: number, refYear: number): LineFields | undefined {
  const first = line.charCodeAt(0);
  if (first === 123) return parseJsonLine(line) ?? textLine(line, undefined);
  if (isKlogLetter(first)) {
    const klog = parseKlogLine(line, refMs, refYear);
    if (klog !== undefined) return klog;
  }
  if (isDigit(first)) {
    const stamp = readTimestamp(line, 0);
    if (stamp !== undefined) {
      const payload = criPayload(line, stamp.end);
      if (payload !== undefined) return payload === '' ? undefined : parseCriPayload(payload, stamp.ms);
      if (stamp.end === line.length || isSpace(line.charCodeAt(stamp.end))) {
        return textLine(line, isoOf(stamp.ms));
      }
    }
  } else if (first === 91 && isDigit(line.charCodeAt(1))) {
    const stamp = readTimestamp(line, 1);
    if (stamp !== undefined && line.charCodeAt(stamp.end) === 93) return textLine(line, isoOf(stamp.ms));
  } else if (isSpace(first) && line.trim() === '') {
    return undefined;
  }
  return textLine(line, undefined);
}

/** A CRI line's payload after `<time> stdout|stderr <tag> `, or undefined when the line is not CRI-wrapped. */
function criPayload(line: string, timeEnd: number): string | undefined {
  if (!line.startsWith(' stdout ', timeEnd) && !line.startsWith(' stderr ', timeEnd)) return undefined;
  const tagStart = timeEnd + 8;
  const tagEnd = line.indexOf(' ', tagStart);
  const tag = line.slice(tagStart, tagEnd === -1 ? line.length : tagEnd);
  // Tags are F (full) or P (partial), possibly with more colon-separated tags after.
  if (tag[0] !== 'F' && tag[0] !== 'P') return undefined;
  return tagEnd === -1 ? '' : line.slice(tagEnd + 1);
}

function parseCriPayload(payload: string, criMs: number): LineFields {
  const criIso = isoOf(criMs);
  const first = payload.charCodeAt(0);
  let inner: LineFields | undefined;
  if (first === 123) inner = parseJsonLine(payload);
  // klog has no year: the CRI time is a better reference than the reader's clock.
  else if (isKlogLetter(first)) inner = parseKlogLine(payload, criMs, new Date(criMs).getUTCFullYear());
  if (inner !== undefined) return inner.ts === undefined ? { ...inner, ts: criIso } : inner;
  let ts = criIso;
  if (isDigit(first)) {
    const stamp = readTimestamp(payload, 0);
    if (stamp !== undefined && (stamp.end === payload.length || isSpace(payload.charCodeAt(stamp.end)))) {
      ts = isoOf(stamp.ms);
    }
  }
  return textLine(payload, ts);
}
