import type { LogEntry, LogLevel, LogObjectRef, LogOrigin } from '../model/fleet.ts';

/** What one line says, before the file's origin and the line number are attached. */
interface LineFields {
  readonly ts: string | undefined;
  readonly level: LogLevel;
  readonly format: LogEntry['format'];
  readonly message: string;
  readonly error: string | undefined;
  readonly controller: string | undefined;
  readonly objects: readonly LogObjectRef[];
}

const DAY_MS = 86_400_000;
const NO_OBJECTS: readonly LogObjectRef[] = Object.freeze([]);

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

// ---- controller-runtime (zap) JSON lines

function parseJsonLine(line: string): LineFields | undefined {
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

// ---- klog text lines

const KLOG_HEADER = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))? +\d+ [^ \]]*\] ?/;

/** What a klog line's key/value pairs say about errors, controllers and objects. */
interface KlogPairs {
  message: string | undefined;
  error: string | undefined;
  controller: string | undefined;
  controllerKind: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  readonly kindRefs: LogObjectRef[];
}

function parseKlogLine(line: string, refMs: number, refYear: number): LineFields | undefined {
  const header = KLOG_HEADER.exec(line);
  if (header === null) return undefined;
  const [, letter, month, day, hour, minute, second, fraction] = header;
  const thisYear = utcTime(refYear, month, day, hour, minute, second, fraction);
  if (thisYear === undefined) return undefined;
  // klog prints no year: a time over a day ahead of the reference belongs to the year before.
  const ms =
    thisYear > refMs + DAY_MS
      ? (utcTime(refYear - 1, month, day, hour, minute, second, fraction) ?? thisYear)
      : thisYear;
  const fields = klogBody(line, header[0].length);
  return {
    ts: isoOf(ms),
    level: letter === 'I' ? 'info' : letter === 'W' ? 'warning' : letter === 'E' ? 'error' : 'fatal',
    format: 'klog',
    message: fields.message ?? '',
    error: fields.error,
    controller: fields.controller,
    objects: collectObjects(fields.controllerKind, fields.namespace, fields.name, fields.kindRefs),
  };
}

function klogBody(line: string, start: number): KlogPairs {
  const pairs: KlogPairs = {
    message: undefined,
    error: undefined,
    controller: undefined,
    controllerKind: undefined,
    namespace: undefined,
    name: undefined,
    kindRefs: [],
  };
  if (line.charCodeAt(start) === 34) {
    const message = readGoString(line, start);
    if (message === undefined) {
      pairs.message = line.slice(start);
    } else if (line.charCodeAt(stringEnd) === 61) {
      // Old klogr prints quoted keys: "msg"="Reconciler error" "error"="...".
      readPairs(line, start, pairs);
    } else {
      pairs.message = message;
      readPairs(line, stringEnd, pairs);
    }
    return pairs;
  }
  // Old klogr also leads with the logger name: controllers/AWSMachine "msg"="..." ...
  const space = line.indexOf(' ', start);
  if (space !== -1 && line.charCodeAt(space + 1) === 34) {
    const key = readGoString(line, space + 1);
    if (key !== undefined && line.charCodeAt(stringEnd) === 61) {
      readPairs(line, space + 1, pairs);
      return pairs;
    }
  }
  pairs.message = line.slice(start);
  return pairs;
}

function readPairs(line: string, start: number, pairs: KlogPairs): void {
  const length = line.length;
  let pos = start;
  while (pos < length) {
    while (line.charCodeAt(pos) === 32) pos++;
    if (pos >= length) return;
    let key: string;
    if (line.charCodeAt(pos) === 34) {
      const quoted = readGoString(line, pos);
      if (quoted === undefined) return;
      key = quoted;
      pos = stringEnd;
    } else {
      const keyStart = pos;
      while (pos < length && line.charCodeAt(pos) !== 61 && line.charCodeAt(pos) !== 32) pos++;
      key = line.slice(keyStart, pos);
    }
    if (line.charCodeAt(pos) !== 61) continue;
    pos++;
    let value: string;
    if (line.charCodeAt(pos) === 34) {
      const quoted = readGoString(line, pos);
      value = quoted ?? line.slice(pos + 1);
      pos = quoted === undefined ? length : stringEnd;
    } else {
      const valueEnd = line.indexOf(' ', pos);
      value = line.slice(pos, valueEnd === -1 ? length : valueEnd);
      pos = valueEnd === -1 ? length : valueEnd;
    }
    takePair(key, value, pairs);
  }
}

function takePair(key: string, value: string, pairs: KlogPairs): void {
  switch (key) {
    case 'msg':
      pairs.message = value;
      return;
    case 'err':
    case 'error':
      pairs.error = value;
      return;
    case 'controller':
      pairs.controller = value;
      return;
    case 'controllerKind':
      pairs.controllerKind = value;
      return;
    case 'namespace':
      pairs.namespace = value;
      return;
    case 'name':
      pairs.name = value;
      return;
  }
  if (!isUpperAscii(key.charCodeAt(0))) return;
  const slash = value.indexOf('/');
  const namespace = slash === -1 ? '' : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (isObjectName(name) && (namespace === '' || isObjectName(namespace))) {
    pairs.kindRefs.push({ kind: key, namespace, name });
  }
}

const OBJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function isObjectName(value: string): boolean {
  return OBJECT_NAME.test(value) && value !== 'true' && value !== 'false' && value !== 'null';
}

// ---- Go quoted strings

const GO_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

const PLAIN_STRING = /"([^"\\]*)"/y;

/** Where the last string read by readGoString ended (just past its closing quote); saves an object per value. */
let stringEnd = 0;

/** Reads a Go double-quoted string starting at its opening quote; undefined when it never closes. */
function readGoString(s: string, open: number): string | undefined {
  // Most values carry no escapes: one regex step instead of a character loop.
  PLAIN_STRING.lastIndex = open;
  const plain = PLAIN_STRING.exec(s);
  if (plain !== null) {
    stringEnd = PLAIN_STRING.lastIndex;
    return plain[1];
  }
  const length = s.length;
  let out = '';
  let chunk = open + 1;
  let pos = chunk;
  while (pos < length) {
    const c = s.charCodeAt(pos);
    if (c === 34) {
      stringEnd = pos + 1;
      return out + s.slice(chunk, pos);
    }
    if (c !== 92) {
      pos++;
      continue;
    }
    out += s.slice(chunk, pos);
    const escape = s[pos + 1] ?? '';
    pos += 2;
    const simple = GO_ESCAPES[escape];
    if (simple !== undefined) {
      out += simple;
    } else if (escape === 'x' || escape === 'u' || escape === 'U') {
      const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
      const hex = s.slice(pos, pos + digits);
      const code = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        pos += digits;
      } else {
        out += escape;
      }
    } else {
      // \" \\ \' and anything unknown stand for the character itself.
      out += escape;
    }
    chunk = pos;
  }
  return undefined;
}

// ---- plain text

const ERROR_MARKERS = ['error', 'failed', 'fatal', 'panic', 'timed out', 'unable to', 'cannot', 'refused'];
const WARNING_MARKERS = ['warn'];
const NEGATIONS = ['no ', 'without ', 'zero '];

function textLine(line: string, ts: string | undefined): LineFields {
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

// ---- shared helpers

/** The controller's own object first, then kind-keyed fields; a kindless namespace/name only if nothing else names it. */
function collectObjects(
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
  kindRefs: readonly LogObjectRef[],
): readonly LogObjectRef[] {
  if (name === undefined || name === '') {
    if (kindRefs.length === 0) return NO_OBJECTS;
    if (kindRefs.length === 1) return kindRefs;
  }
  const refs: LogObjectRef[] = [];
  const ns = namespace ?? '';
  const hasKind = kind !== undefined && kind !== '';
  if (hasKind && name) refs.push({ kind, namespace: ns, name });
  for (const ref of kindRefs) {
    const same = (r: LogObjectRef): boolean =>
      r.kind === ref.kind && r.namespace === ref.namespace && r.name === ref.name;
    if (!refs.some(same)) refs.push(ref);
  }
  if (!hasKind && name && !refs.some((r) => r.namespace === ns && r.name === name)) {
    refs.push({ kind: undefined, namespace: ns, name });
  }
  return refs;
}

// Date-time at `start`: RFC 3339 or with a space, optional fraction (`.` or `,`), zone (none means UTC).
const TIMESTAMP =
  /(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(?:([Zz])|([+-])(\d\d):?(\d\d))?/y;

function readTimestamp(s: string, start: number): { ms: number; end: number } | undefined {
  TIMESTAMP.lastIndex = start;
  const m = TIMESTAMP.exec(s);
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = m;
  const local = utcTime(Number(year), month, day, hour, minute, second, fraction);
  if (local === undefined) return undefined;
  const offset =
    sign === undefined ? 0 : Number(`${sign}1`) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return { ms: local - offset * 60_000, end: TIMESTAMP.lastIndex };
}

/** Milliseconds since the epoch of a UTC date-time given as digits, or undefined when a field is out of range. */
function utcTime(
  year: number,
  ...[month, day, hour, minute, second, fraction]: (string | undefined)[]
): number | undefined {
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const sec = Number(second);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 60)) return undefined;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return Date.UTC(year, mo - 1, d, h, mi, sec, ms);
}

function isoOf(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKlogLetter(c: number): boolean {
  return c === 73 || c === 87 || c === 69 || c === 70;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}
