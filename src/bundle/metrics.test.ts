import { expect, it } from 'vitest';
import { parseMetricsFile } from './metrics.ts';

const FILE = 'metrics/shop/prod-eu/http-error-ratio.json';

function parse(text: string): ReturnType<typeof parseMetricsFile> {
  return parseMetricsFile(text, 'shop/prod-eu', 'http-error-ratio', FILE);
}

it('reads a query_range matrix into series with labels and time-ordered points', () => {
  const body = {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'http_error_ratio', service: 'checkout', node: 'ip-10-20-1-17' },
          values: [
            [1795167060.0, '0.0023'],
            [1795167000.0, '0.0020'],
            [1795167120.0, '0.0733'],
          ],
        },
        { metric: { service: 'cart' }, values: [[1795167000, '0']] },
      ],
    },
  };
  expect(parse(JSON.stringify(body))).toEqual({
    series: [
      {
        cluster: 'shop/prod-eu',
        name: 'http-error-ratio',
        labels: { __name__: 'http_error_ratio', service: 'checkout', node: 'ip-10-20-1-17' },
        points: [
          [1795167000, 0.002],
          [1795167060, 0.0023],
          [1795167120, 0.0733],
        ],
        source: { file: FILE, item: 'result[0]' },
      },
      {
        cluster: 'shop/prod-eu',
        name: 'http-error-ratio',
        labels: { service: 'cart' },
        points: [[1795167000, 0]],
        source: { file: FILE, item: 'result[1]' },
      },
    ],
    issues: [],
  });
});

it('reads an instant vector as one-point series', () => {
  const body = {
    status: 'success',
    data: {
      resultType: 'vector',
      result: [{ metric: { quantile: '0.99', service: 'checkout' }, value: [1795170000.123, '0.412'] }],
    },
  };
  expect(parse(JSON.stringify(body))).toEqual({
    series: [
      {
        cluster: 'shop/prod-eu',
        name: 'http-error-ratio',
        labels: { quantile: '0.99', service: 'checkout' },
        points: [[1795170000.123, 0.412]],
        source: { file: FILE, item: 'result[0]' },
      },
    ],
    issues: [],
  });
});

it('parses NaN, +Inf and -Inf sample values', () => {
  const text =
    '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1e-3"]]}]}}';
  expect(parse(text).series[0]?.points).toEqual([
    [1, NaN],
    [2, Infinity],
    [3, -Infinity],
    [4, 0.001],
  ]);
});

it('keeps only string label values', () => {
  const text =
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"apiserver","weird":3},"value":[1,"1"]}]}}';
  expect(parse(text).series[0]?.labels).toEqual({ job: 'apiserver' });
});

it('returns no series and no issues for an empty result', () => {
  expect(parse('{"status":"success","data":{"resultType":"matrix","result":[]}}')).toEqual({
    series: [],
    issues: [],
  });
});

it('reports a JSON syntax error with its line instead of throwing', () => {
  const text = '{"status": "success",\n "data": {"resultType": "matrix",\n  "result": [}\n}';
  const result = parse(text);
  expect(result.series).toEqual([]);
  expect(result.issues).toEqual([
    {
      severity: 'error',
      code: 'metrics-json-syntax',
      message: expect.stringContaining(`${FILE}: not valid JSON`) as unknown,
      source: { file: FILE, line: 3 },
    },
  ]);
});

it('reports a cut-off body at its last line', () => {
  expect(parse('{"status": "success",\n "data": {"resultType": "matr').issues).toEqual([
    {
      severity: 'error',
      code: 'metrics-json-syntax',
      message: expect.stringContaining(`${FILE}: not valid JSON`) as unknown,
      source: { file: FILE, line: 2 },
    },
  ]);
  expect(parse('').issues.map((issue) => issue.source)).toEqual([{ file: FILE, line: 1 }]);
});

it('finds the line of syntax errors whose JSON.parse message has no position', () => {
  const text = '{"status": "success",\n "data": {"resultType": "matrix",\n  "result": [1, 2,]}}';
  expect(parse(text).issues.map((issue) => [issue.code, issue.source])).toEqual([
    ['metrics-json-syntax', { file: FILE, line: 3 }],
  ]);
  expect(parse('{"status": "success",\n "data": tru}').issues.map((issue) => issue.source)).toEqual([
    { file: FILE, line: 2 },
  ]);
});

it('reports a Prometheus error response as not success', () => {
  const text =
    '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:6: parse error"}';
  expect(parse(text)).toEqual({
    series: [],
    issues: [
      {
        severity: 'error',
        code: 'metrics-not-success',
        message: `${FILE}: response status is "error" (bad_data: invalid parameter "query": 1:6: parse error)`,
        source: { file: FILE },
      },
    ],
  });
});

it('reports a body that is not a Prometheus response as a bad shape', () => {
  const issue = (text: string): unknown => parse(text).issues.map((i) => [i.code, i.message]);
  expect(issue('[1, 2]')).toEqual([
    ['metrics-bad-shape', `${FILE}: expected a Prometheus API response object`],
  ]);
  expect(issue('{"status":"success"}')).toEqual([
    ['metrics-bad-shape', `${FILE}: \`data\` is not an object`],
  ]);
  expect(issue('{"status":"success","data":{"resultType":"streams","result":[]}}')).toEqual([
    ['metrics-bad-shape', `${FILE}: resultType "streams" is not matrix, vector or scalar`],
  ]);
  expect(issue('{"status":"success","data":{"resultType":"matrix","result":{}}}')).toEqual([
    ['metrics-bad-shape', `${FILE}: \`data.result\` is not an array`],
  ]);
});

it('reports bad series and skips bad points but keeps the good ones', () => {
  const text = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        { metric: { service: 'checkout' }, values: [[2, '0.5'], [1, 'lots'], 'x', [0, '0.1']] },
        { metric: 'checkout', values: [] },
        { metric: { service: 'cart' } },
        7,
      ],
    },
  });
  expect(parse(text)).toEqual({
    series: [
      {
        cluster: 'shop/prod-eu',
        name: 'http-error-ratio',
        labels: { service: 'checkout' },
        points: [
          [0, 0.1],
          [2, 0.5],
        ],
        source: { file: FILE, item: 'result[0]' },
      },
    ],
    issues: [
      {
        severity: 'error',
        code: 'metrics-bad-shape',
        message: `${FILE}: result[0] has 2 malformed point(s), skipped`,
        source: { file: FILE, item: 'result[0]' },
      },
      {
        severity: 'error',
        code: 'metrics-bad-shape',
        message: `${FILE}: result[1] has no \`metric\` label object`,
        source: { file: FILE, item: 'result[1]' },
      },
      {
        severity: 'error',
        code: 'metrics-bad-shape',
        message: `${FILE}: result[2] has no \`values\` array`,
        source: { file: FILE, item: 'result[2]' },
      },
      {
        severity: 'error',
        code: 'metrics-bad-shape',
        message: `${FILE}: result[3] is not an object`,
        source: { file: FILE, item: 'result[3]' },
      },
    ],
  });
});

it('reads a scalar result and passes Prometheus warnings on', () => {
  const text =
    '{"status":"success","warnings":["results truncated"],"data":{"resultType":"scalar","result":[1795170000,"2"]}}';
  expect(parse(text)).toEqual({
    series: [
      {
        cluster: 'shop/prod-eu',
        name: 'http-error-ratio',
        labels: {},
        points: [[1795170000, 2]],
        source: { file: FILE, item: 'result' },
      },
    ],
    issues: [
      {
        severity: 'warning',
        code: 'metrics-warning',
        message: `${FILE}: Prometheus warned: results truncated`,
        source: { file: FILE },
      },
    ],
  });
});
