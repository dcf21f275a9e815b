import { styleText } from 'node:util';
import type { ClusterDescription, DescribeRow, FleetDescription, NodeSummary } from './model.ts';
import { formatDuration } from '../analysis/cross-plane.ts';
import type { Finding } from '../model/finding.ts';
import { describeLocation } from '../model/errors.ts';

/** Options of {@link renderDescription}. */
export interface RenderOptions {
  readonly color: boolean;
  /** Terminal width to fit messages into; undefined prints them whole (piped output). */
  readonly width: number | undefined;
  /** Print read notices too, not just errors and warnings. */
  readonly verbose?: boolean;
}

type Style = Parameters<typeof styleText>[0];

interface Line {
  readonly cells: readonly string[];
  /** Style of each cell, by column. */
  readonly styles: readonly (Style | undefined)[];
}

/** Longest message printed when output is piped. */
const PIPED_MESSAGE_LIMIT = 240;

const HEADERS = [
  'NAME',
  'REPLICAS',
  'AVAIL',
  'READY',
  'UP-TO-DATE',
  'PHASE',
  'STATUS',
  'REASON',
  'SINCE',
  'PODS',
  'MESSAGE',
];

/** Renders `describe` output as an aligned tree, colored when asked. */
export function renderDescription(description: FleetDescription, options: RenderOptions): string {
  const now = Date.parse(description.now);
  const paint = (text: string, style: Style | undefined): string =>
    options.color && style && text ? styleText(style, text, { validateStream: false }) : text;
  const out: string[] = [];
  const management = description.management ? ` of ${description.management}` : '';
  out.push(
    paint(`Fleet${management} at ${description.now}: ${description.clusters.length} cluster(s)`, 'bold'),
  );
  for (const cluster of description.clusters) {
    out.push('');
    out.push(...renderCluster(cluster, now, options, paint));
  }
  if (description.clusters.length === 0) {
    out.push(
      '',
      'no Cluster API Cluster objects were found: a bundle keeps them under management/ (see --verbose for what was read)',
    );
  }
  const shown = description.issues.filter((i) => options.verbose || i.severity !== 'notice');
  if (shown.length > 0) {
    out.push('', paint('Input problems', 'bold'));
    for (const issue of shown) {
      const style: Style =
        issue.severity === 'error' ? 'red' : issue.severity === 'warning' ? 'yellow' : 'dim';
      out.push(`  ${paint(issue.severity, style)} ${describeLocation(issue.source)}: ${issue.message}`);
    }
  }
  if (description.clusters.some((c) => c.findings.some((f) => f.severity !== 'info'))) {
    out.push('', paint('Run `causeway diagnose` on the same input for root causes and fixes.', 'dim'));
  }
  const hidden = description.issues.length - shown.length;
  if (hidden > 0)
    out.push('', paint(`${hidden} notice(s) about the input hidden; --verbose shows them`, 'dim'));
  return out.join('\n') + '\n';
}

function renderCluster(
  cluster: ClusterDescription,
  now: number,
  options: RenderOptions,
  paint: (text: string, style: Style | undefined) => string,
): string[] {
  const lines: Line[] = [{ cells: HEADERS, styles: HEADERS.map((): Style => 'bold') }];
  const walk = (row: DescribeRow, prefix: string, childPrefix: string): void => {
    lines.push(rowLine(row, prefix, now));
    const nodeRows = row.kind === 'Machine' ? row.nodes : [];
    const children = row.children;
    const total = children.length + (nodeRows.length > 0 ? 1 : 0);
    let index = 0;
    const next = (): [string, string] => {
      index++;
      const last = index === total;
      return [childPrefix + (last ? '└─' : '├─'), childPrefix + (last ? '  ' : '│ ')];
    };
    if (nodeRows.length > 0) {
      const [p] = next();
      lines.push(nodeLine(nodeRows, p, now));
    }
    for (const child of children) {
      const [p, c] = next();
      walk(child, p, c);
    }
  };
  walk(cluster.root, '', '');
  const widths = HEADERS.map((_, col) => Math.max(...lines.map((l) => (l.cells[col] ?? '').length)));
  const rendered = lines.map((line) => {
    const fixed = line.cells
      .slice(0, -1)
      .map((cell, col) => paint(cell.padEnd(widths[col] ?? 0), line.styles[col]));
    let message = line.cells.at(-1) ?? '';
    const used = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
    // On a terminal, fit the line; piped, cap long condition summaries (-o json has them whole).
    const room = options.width !== undefined ? Math.max(20, options.width - used) : PIPED_MESSAGE_LIMIT;
    if (message.length > room) message = message.slice(0, room - 1) + '…';
    return [...fixed, paint(message, line.styles.at(-1))].join('  ').trimEnd();
  });
  if (!cluster.workloadCaptured)
    rendered.push(paint('  (workload cluster not captured: no Nodes or Pods to show)', 'dim'));
  if (cluster.findings.length > 0) {
    rendered.push('', paint(`Findings for ${cluster.cluster}`, 'bold'));
    for (const finding of sortFindings(cluster.findings))
      rendered.push('  ' + findingLine(finding, now, paint));
  }
  return rendered;
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return [...findings].sort(
    (a, b) => rank[a.severity] - rank[b.severity] || a.message.localeCompare(b.message),
  );
}

function findingLine(
  finding: Finding,
  now: number,
  paint: (text: string, style: Style | undefined) => string,
): string {
  const style: Style =
    finding.severity === 'critical' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'dim';
  const since = finding.since ? ` (since ${age(finding.since, now)})` : '';
  return `${paint(finding.severity.toUpperCase().padEnd(8), style)} ${finding.type}: ${finding.message}${since}`;
}

function age(time: string | undefined, now: number): string {
  const t = time ? Date.parse(time) : NaN;
  return Number.isFinite(t) ? formatDuration((now - t) / 1000) : '';
}

function statusStyle(status: string | undefined): Style | undefined {
  if (status === 'True') return 'green';
  if (status === 'False') return 'red';
  if (status === 'Unknown') return 'yellow';
  return undefined;
}

function rowLine(row: DescribeRow, prefix: string, now: number): Line {
  const isGroup = row.role !== undefined && row.role === row.name;
  const label =
    row.kind === 'Cluster'
      ? `Cluster/${row.namespace}/${row.name}`
      : isGroup || row.members
        ? row.name
        : row.role
          ? `${row.role} - ${row.kind}/${row.name}`
          : `${row.kind}/${row.name}`;
  const r = row.replicas;
  const count = (n: number | undefined): string => (n === undefined ? '' : String(n));
  const replicas = r
    ? r.desired === undefined
      ? count(r.current)
      : `${count(r.current ?? 0)}/${r.desired}`
    : '';
  const worst = row.findings.find((f) => f.severity === 'critical') ?? row.findings[0];
  const message = worst ? `! ${worst.message}` : (row.condition?.message ?? '').replace(/\s*\n\s*/g, '; ');
  const status = row.condition ? `${row.condition.type}=${row.condition.status}` : '';
  const pods = row.kind === 'Node' && row.nodes[0] ? podText(row.nodes) : '';
  return {
    cells: [
      prefix + label,
      replicas,
      count(r?.available),
      count(r?.ready),
      count(r?.upToDate),
      row.phase ?? '',
      status,
      row.condition?.reason ?? '',
      age(row.since, now),
      pods,
      message,
    ],
    styles: [
      row.members ? undefined : 'bold',
      undefined,
      undefined,
      undefined,
      undefined,
      row.phase === 'Running' || row.phase === 'Provisioned' ? undefined : row.phase ? 'yellow' : undefined,
      statusStyle(row.condition?.status),
      undefined,
      'dim',
      undefined,
      worst ? (worst.severity === 'critical' ? 'red' : 'yellow') : 'dim',
    ],
  };
}

function podText(nodes: readonly NodeSummary[]): string {
  const sum = (pick: (n: NodeSummary) => number): number => nodes.reduce((a, n) => a + pick(n), 0);
  const total = sum((n) => n.pods.total);
  const extra = [
    [sum((n) => n.pods.pending), 'pending'],
    [sum((n) => n.pods.failed), 'failed'],
    [sum((n) => n.pods.terminating), 'terminating'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return extra.length > 0 ? `${total} (${extra.join(', ')})` : String(total);
}

function nodeLine(nodes: readonly NodeSummary[], prefix: string, now: number): Line {
  const ready = nodes.filter((n) => n.ready === 'True').length;
  const single = nodes.length === 1 ? nodes[0] : undefined;
  const label = single ? `Node/${single.name}` : `${nodes.length} Nodes`;
  const status = single ? `Ready=${single.ready}` : `Ready ${ready}/${nodes.length}`;
  const pressure = [...new Set(nodes.flatMap((n) => n.pressure))];
  const worstStatus =
    ready === nodes.length ? 'True' : nodes.some((n) => n.ready === 'False') ? 'False' : 'Unknown';
  return {
    cells: [
      prefix + label,
      '',
      '',
      '',
      '',
      '',
      status,
      single?.reason ?? '',
      single ? age(single.since, now) : '',
      podText(nodes),
      pressure.length > 0 ? `! ${pressure.join(', ')}` : '',
    ],
    styles: [
      'cyan',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      statusStyle(worstStatus),
      undefined,
      'dim',
      undefined,
      'yellow',
    ],
  };
}
