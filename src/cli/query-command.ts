import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from './io.ts';
import { LOAD_OPTIONS, loadFleet } from './load.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import { str } from '../capi/access.ts';
import { InputError } from '../model/errors.ts';
import type { FleetObject } from '../model/fleet.ts';

/** `causeway query --help`. */
export const QUERY_HELP = `Usage: causeway query <bundle> <children|parents|path|show> <object> [<object>] [options]

Walks the fleet graph: every relation Causeway knows (ownerReferences, infrastructureRef,
controlPlaneRef, bootstrap configRef, template refs, CAPI labels, Machine to Node, Node to Pod,
MachineHealthCheck to Machine, events, custom *Ref fields, your relations file).

  children <object>        objects this one is parent of (owns, refers to, runs)
  parents <object>         objects this one is child of
  path <object> <object>   the shortest chain of relations between two objects
  show <object>            the object's relations, events and log lines

Objects are written [<cluster>@]Kind/[namespace/]name; <cluster>@ picks a workload cluster:
  Machine/shop/prod-eu-md-0-x7k2p        a management object
  shop/prod-eu@Node/ip-10-0-1-2          a Node of the workload cluster shop/prod-eu
  shop/prod-eu@Pod/default/web-5d9c      a Pod there

Options:
  -o, --output FMT    text (default) or json
      --relations F   a YAML file of your own relations
      --strict        stop at the first unreadable file
  -q, --quiet         no progress line
  -h, --help          this help

Examples:
  causeway query demo/fleet children Cluster/payments/prod-eu
  causeway query demo/fleet path Cluster/payments/prod-eu payments/prod-eu@Pod/shop/checkout-0 -o json
`;

/** Finds an object from `[<cluster>@]Kind/[namespace/]name`. */
export function resolveObjectRef(graph: FleetGraph, ref: string): FleetObject {
  const at = ref.indexOf('@');
  const scope = at < 0 ? 'm' : `w:${ref.slice(0, at)}`;
  const parts = ref.slice(at + 1).split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    throw new InputError(
      'bad-object-ref',
      `${ref}: write objects as [<cluster>@]Kind/[namespace/]name, e.g. Machine/shop/prod-eu-md-0-x7k2p`,
    );
  }
  const [kindText = '', ...rest] = parts;
  const kind = graph.index.canonicalKind(kindText.toLowerCase()) ?? kindText;
  const name = rest.at(-1) ?? '';
  const namespace = rest.length === 2 ? (rest[0] ?? '') : '';
  const found = graph.index.lookup(scope, kind, namespace, name);
  if (!found)
    throw new InputError(
      'unknown-object',
      `${ref}: no ${kind} ${namespace ? `${namespace}/` : ''}${name} in ${at < 0 ? 'the management cluster' : `workload cluster ${ref.slice(0, at)}`}`,
    );
  return found;
}

/** How an object is written back in query output: the same form `resolveObjectRef` reads. */
export function objectRef(object: FleetObject): string {
  const cluster = object.plane === 'workload' ? `${object.workloadCluster ?? ''}@` : '';
  return `${cluster}${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** Runs `causeway query`. */
export async function queryCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LOAD_OPTIONS,
      output: { type: 'string', short: 'o', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(QUERY_HELP);
    return 0;
  }
  const [bundlePath, verb, first, second] = positionals;
  if (!bundlePath || !verb || !first) throw new UsageError('query needs a bundle, a verb and an object');
  if (!['children', 'parents', 'path', 'show'].includes(verb))
    throw new UsageError(`unknown query ${verb}: children, parents, path or show`);
  if (verb === 'path' && !second) throw new UsageError('path needs two objects');
  const json = values.output === 'json';
  const { graph } = await loadFleet(
    bundlePath,
    { strict: values.strict, relations: values.relations, quiet: values.quiet },
    io,
  );
  const subject = resolveObjectRef(graph, first);
  const print = (data: unknown, text: string[]): number => {
    io.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : text.join('\n') + '\n');
    return 0;
  };
  if (verb === 'children' || verb === 'parents') {
    const edges = verb === 'children' ? graph.edgesFrom(subject.id) : graph.edgesTo(subject.id);
    const rows = edges
      .filter((e) => e.relation !== 'event')
      .map((e) => ({
        object: objectRef(graph.get(verb === 'children' ? e.to : e.from) as FleetObject),
        relation: e.relation,
        via: e.via,
      }));
    return print(
      rows,
      rows.map((r) => `${r.object}\t${r.relation}\t${r.via}`),
    );
  }
  if (verb === 'path') {
    const target = resolveObjectRef(graph, second ?? '');
    const steps = graph.path(subject.id, target.id);
    if (!steps) {
      return print(null, [`no path between ${objectRef(subject)} and ${objectRef(target)}`]);
    }
    let current = objectRef(subject);
    const rows = steps.map((s) => {
      const next = objectRef(graph.get(s.direction === 'down' ? s.edge.to : s.edge.from) as FleetObject);
      const row = {
        from: current,
        to: next,
        relation: s.edge.relation,
        via: s.edge.via,
        direction: s.direction,
      };
      current = next;
      return row;
    });
    return print(rows, [
      objectRef(subject),
      ...rows.map((r) => `  ${r.direction === 'down' ? '->' : '<-'} ${r.relation} (${r.via}) ${r.to}`),
    ]);
  }
  const events = graph.eventsOf(subject.id).map((e) => {
    const raw = e.raw;
    return {
      type: str(raw, 'type') ?? '',
      reason: str(raw, 'reason') ?? '',
      message: str(raw, 'message') ?? str(raw, 'note') ?? '',
      last: str(raw, 'lastTimestamp') ?? str(raw, 'eventTime') ?? '',
    };
  });
  const logs = graph.logsOf(subject.id).map((l) => ({
    ts: l.ts,
    level: l.level,
    message: l.message,
    error: l.error,
    file: l.source.file,
    line: l.source.line,
  }));
  const data = {
    object: objectRef(subject),
    cluster: graph.clusterOf(subject.id),
    source: subject.source,
    parents: graph
      .edgesTo(subject.id)
      .filter((e) => e.relation !== 'event')
      .map((e) => ({ object: objectRef(graph.get(e.from) as FleetObject), relation: e.relation })),
    children: graph
      .edgesFrom(subject.id)
      .filter((e) => e.relation !== 'event')
      .map((e) => ({ object: objectRef(graph.get(e.to) as FleetObject), relation: e.relation })),
    events,
    logs,
  };
  return print(data, [
    `${data.object}  (cluster ${data.cluster ?? 'none'}, from ${subject.source.file})`,
    ...data.parents.map((p) => `  parent  ${p.relation.padEnd(14)} ${p.object}`),
    ...data.children.map((c) => `  child   ${c.relation.padEnd(14)} ${c.object}`),
    ...events.map((e) => `  event   ${e.last} ${e.type} ${e.reason}: ${e.message}`),
    ...logs.map((l) => `  log     ${l.ts ?? ''} ${l.level} ${l.message}${l.error ? `: ${l.error}` : ''}`),
  ]);
}
