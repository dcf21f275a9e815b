import type { ClusterKey, MetricSeries, ReadIssue } from '../model/fleet.ts';

/** The series of one metrics file and the problems met reading it. */
export interface MetricsFileResult {
  readonly series: MetricSeries[];
  readonly issues: ReadIssue[];
}

type Point = readonly [number, number];

/** Reads a Prometheus `query_range` (or instant `query`) response body into series; bad input becomes issues. */
export function parseMetricsFile(
  text: string,
  cluster: ClusterKey,
  name: string,
  file: string,
): MetricsFileResult {
  const series: MetricSeries[] = [];
  const issues: ReadIssue[] = [];
  const fail = (code: string, message: string, line?: number, item?: string): MetricsFileResult => {
    issues.push(issue(code, `${file}: ${message}`, file, line, item));
    return { series, issues };
  };

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, newlines and all: keep the issue on one line.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    return fail('metrics-json-syntax', `not valid JSON: ${message}`, syntaxErrorLine(text, message));
  }
  if (!isRecord(body)) return fail('metrics-bad-shape', 'expected a Prometheus API response object');
  if (body.status !== 'success') {
    const detail = [body.errorType, body.error].filter((part) => typeof part === 'string').join(': ');
    const status = typeof body.status === 'string' ? `"${body.status}"` : 'missing';
    return fail('metrics-not-success', `response status is ${status}${detail === '' ? '' : ` (${detail})`}`);
  }
  if (Array.isArray(body.warnings)) {
    for (const warning of body.warnings) {
      if (typeof warning === 'string') {
        issues.push({
          ...issue('metrics-warning', `${file}: Prometheus warned: ${warning}`, file),
          severity: 'warning',
        });
      }
    }
  }
  const data = body.data;
  if (!isRecord(data)) return fail('metrics-bad-shape', '`data` is not an object');
  const { resultType, result } = data;
  if (resultType === 'scalar') {
    const point = readPoint(result);
    if (point === undefined)
      return fail('metrics-bad-shape', 'scalar `result` is not a [time, "value"] pair');
    series.push({ cluster, name, labels: {}, points: [point], source: { file, item: 'result' } });
    return { series, issues };
  }
  if (resultType !== 'matrix' && resultType !== 'vector') {
    const shown = resultType === undefined ? 'missing' : JSON.stringify(resultType);
    return fail('metrics-bad-shape', `resultType ${shown} is not matrix, vector or scalar`);
  }
  if (!Array.isArray(result)) return fail('metrics-bad-shape', '`data.result` is not an array');

  result.forEach((raw: unknown, index) => {
    const item = `result[${index}]`;
    const bad = (message: string): void => {
      issues.push(issue('metrics-bad-shape', `${file}: ${item} ${message}`, file, undefined, item));
    };
    if (!isRecord(raw)) return bad('is not an object');
    const labels = readLabels(raw.metric);
    if (labels === undefined) return bad('has no `metric` label object');
    let points: Point[];
    if (resultType === 'vector') {
      const point = readPoint(raw.value);
      if (point === undefined) return bad('has no [time, "value"] pair in `value`');
      points = [point];
    } else {
      if (!Array.isArray(raw.values)) return bad('has no `values` array');
      points = [];
      let skipped = 0;
      for (const value of raw.values as unknown[]) {
        const point = readPoint(value);
        if (point === undefined) skipped++;
        else points.push(point);
      }
      if (skipped > 0) bad(`has ${skipped} malformed point(s), skipped`);
      points.sort((a, b) => a[0] - b[0]);
    }
    series.push({ cluster, name, labels, points, source: { file, item } });
  });
  return { series, issues };
}

function issue(code: string, message: string, file: string, line?: number, item?: string): ReadIssue {
  const source = { file, ...(line === undefined ? {} : { line }), ...(item === undefined ? {} : { item }) };
  return { severity: 'error', code, message, source };
}

function readLabels(metric: unknown): Record<string, string> | undefined {
  if (metric === undefined) return {};
  if (!isRecord(metric)) return undefined;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metric)) {
    if (typeof value === 'string') labels[key] = value;
  }
  return labels;
}

/** A `[unix seconds, "value"]` pair as Prometheus writes it. */
function readPoint(raw: unknown): Point | undefined {
  if (!Array.isArray(raw) || raw.length !== 2) return undefined;
  const [time, value] = raw as [unknown, unknown];
  const t =
    typeof time === 'number' ? time : typeof time === 'string' && time.trim() !== '' ? Number(time) : NaN;
  const v = sampleValue(value);
  return Number.isFinite(t) && v !== undefined ? [t, v] : undefined;
}

/** Prometheus sample values are strings, with `NaN`, `+Inf` and `-Inf` spelled the Go way. */
function sampleValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  switch (value) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  const number = value.trim() === '' ? NaN : Number(value);
  return Number.isNaN(number) ? undefined : number;
}

/** The 1-based line of a JSON.parse error: from its message when V8 gives a position, else from our own scan. */
function syntaxErrorLine(text: string, message: string): number {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line?.[1] !== undefined) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  return lineAt(text, position?.[1] === undefined ? syntaxErrorOffset(text) : Number(position[1]));
}

const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first JSON syntax error; V8 leaves it out of some messages ("Unexpected token ..."). */
function syntaxErrorOffset(text: string): number {
  const open: string[] = [];
  let expect: 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
    const c = text[i];
    if (c === undefined) return i;
    if ((expect === 'value-or-end' && c === ']') || (expect === 'key-or-end' && c === '}')) {
      open.pop();
      expect = 'after';
    } else if (expect === 'value' || expect === 'value-or-end') {
      if (c === '{' || c === '[') {
        open.push(c === '{' ? '}' : ']');
        expect = c === '{' ? 'key-or-end' : 'value-or-end';
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (end === undefined) return i;
        i = end - 1;
        expect = 'after';
      } else {
        JSON_SCALAR.lastIndex = i;
        if (!JSON_SCALAR.test(text)) return i;
        i = JSON_SCALAR.lastIndex - 1;
        expect = 'after';
      }
    } else if (expect === 'key' || expect === 'key-or-end') {
      const end = c === '"' ? stringEnd(text, i) : undefined;
      if (end === undefined) return i;
      i = end - 1;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
    } else {
      const close = open[open.length - 1];
      if (c === ',' && close !== undefined) expect = close === '}' ? 'key' : 'value';
      else if (c === close) open.pop();
      else return i;
    }
    i++;
  }
}

/** Just past the closing quote of the JSON string opening at `start`, or undefined if it is broken. */
function stringEnd(text: string, start: number): number | undefined {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return undefined;
    if (c === 92) i++;
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
