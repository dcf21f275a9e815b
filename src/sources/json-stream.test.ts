import { expect, it } from 'vitest';
import { JsonObjectSplitter } from './json-stream.ts';

it('splits one-per-line and indented objects, across chunk boundaries and with braces in strings', () => {
  const stream =
    '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n' +
    '{\n  "type": "MODIFIED",\n  "object": {\n    "message": "odd } { \\" text"\n  }\n}\n';
  const splitter = new JsonObjectSplitter();
  const objects: unknown[] = [];
  for (let i = 0; i < stream.length; i += 7) {
    for (const text of splitter.push(stream.slice(i, i + 7))) objects.push(JSON.parse(text));
  }
  expect(objects).toEqual([
    { type: 'ADDED', object: { metadata: { name: 'a' } } },
    { type: 'MODIFIED', object: { message: 'odd } { " text' } },
  ]);
});
