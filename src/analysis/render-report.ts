import { styleText } from 'node:util';
import type { Diagnosis, Incident } from '../model/incident.ts';

type Style = Parameters<typeof styleText>[0];

/** Options of {@link renderReport}. */
export interface ReportOptions {
  readonly color: boolean;
  /** Show info incidents too. */
  readonly verbose?: boolean;
}

const SEVERITY_STYLE: Readonly<Record<Incident['severity'], Style>> = {
  critical: 'red',
  warning: 'yellow',
  info: 'dim',
};
const HEALTH_STYLE: Readonly<Record<string, Style>> = {
  healthy: 'green',
  degraded: 'yellow',
  failing: 'red',
  unknown: 'dim',
};

/** The readable report: most severe first; per incident the cause in one sentence, the chain, the affected objects, the fix. */
export function renderReport(diagnosis: Diagnosis, options: ReportOptions): string {
  const paint = (text: string, style: Style): string =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const out: string[] = [];
  const shown = diagnosis.incidents.filter((i) => options.verbose || i.severity !== 'info');
  const counts = (['critical', 'warning', 'info'] as const).map(
    (s) => `${diagnosis.incidents.filter((i) => i.severity === s).length} ${s}`,
  );
  out.push(
    paint(
      `Diagnosis at ${diagnosis.capturedAt}: ${diagnosis.clusters.length} cluster(s), ${counts.join(', ')}`,
      'bold',
    ),
  );
  out.push(
    diagnosis.clusters
      .map((c) => `  ${c.namespace}/${c.name} ${paint(c.health, HEALTH_STYLE[c.health] ?? 'dim')}`)
      .join('\n'),
  );
  if (shown.length === 0)
    out.push(
      '',
      diagnosis.incidents.length > 0
        ? 'No critical or warning incidents (--verbose shows info).'
        : 'No incidents.',
    );
  for (const incident of shown) {
    out.push('');
    out.push(
      `${paint(incident.severity.toUpperCase(), SEVERITY_STYLE[incident.severity])} ${paint(incident.title, 'bold')}`,
    );
    const cause = incident.rootCause;
    out.push(
      `  cause:      ${cause.category}${cause.provider ? ` (${cause.provider})` : ''}, confidence ${cause.confidence.toFixed(2)}`,
    );
    out.push(`              ${cause.summary}`);
    if (cause.confidenceNote) out.push(paint(`              ${cause.confidenceNote}`, 'dim'));
    out.push('  evidence:');
    incident.chain.forEach((link, i) => {
      const at = link.at ? paint(` ${link.at}`, 'dim') : '';
      out.push(`    ${i + 1}. ${link.kind}/${link.name} [${link.plane}, ${link.signal}]${at}`);
      out.push(`       ${link.message}`);
    });
    const affected = incident.affected.map((a) => `${a.kind}/${a.name}`);
    out.push(
      `  affected:   ${affected.slice(0, 12).join(', ')}${affected.length > 12 ? `, and ${affected.length - 12} more` : ''}`,
    );
    out.push('  fix:');
    for (const step of incident.remediation) {
      out.push(`    - ${step.step}`);
      if (step.command) out.push(paint(`      $ ${step.command}`, 'cyan'));
    }
    out.push(paint(`  id: ${incident.id}`, 'dim'));
  }
  return out.join('\n') + '\n';
}
