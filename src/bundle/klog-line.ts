import type { LogObjectRef } from '../model/fleet.ts';
import { isUpperAscii } from './char-class.ts';
import { collectObjects, type LineFields } from './log-line.ts';
import { isoOf, utcTime } from './log-timestamp.ts';

const DAY_MS = 86_400_000;

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

/** Parses a klog line (`I1120 10:30:00.123 1 x.go:42] msg k=v`); undefined when its header does not match. */
export function parseKlogLine(line: string, refMs: number, refYear: number): LineFields | undefined {
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

/** Whether a char code is a klog severity letter: I, W, E or F. */
export function isKlogLetter(c: number): boolean {
  return c === 73 || c === 87 || c === 69 || c === 70;
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
