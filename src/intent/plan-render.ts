import { showChangeValue } from './plan-diff.ts';
import type { ObjectPlan, Plan, RolloutPlan } from './plan-types.ts';
import { sortKeys } from './render.ts';

const SIGN: Readonly<Record<ObjectPlan['action'], string>> = {
  create: '+',
  update: '~',
  unchanged: '=',
  unused: '-',
};

const machines = (n: number): string => `${n} machine${n === 1 ? '' : 's'}`;

function rolloutLine(r: RolloutPlan): string {
  const what = `${r.kind} ${r.name}`;
  switch (r.action) {
    case 'create':
      return `${what}: created with ${machines(r.desired)}`;
    case 'delete':
      return `${what}: deleted with its ${machines(r.current)}`;
    case 'scale':
      return `${what}: scales ${r.current} -> ${r.desired} (${r.added > 0 ? `+${r.added}` : `-${r.removed}`})`;
    case 'roll':
      return `${what}: ROLLS, ${r.replaced} of ${machines(r.current)} replaced, ${r.strategy}`;
    case 'roll-and-scale':
      return `${what}: ROLLS and scales ${r.current} -> ${r.desired}, ${r.replaced} replaced, ${r.strategy}`;
  }
}

/** The plan for a terminal: objects that change, what Cluster API will do to machines, totals and notes. */
export function renderPlanText(plan: Plan, options: { readonly verbose?: boolean } = {}): string {
  const s = plan.summary;
  const lines = [
    `Plan for ${plan.cluster} (${plan.provider}, ${plan.mode}) against ${plan.source}`,
    '',
    `Objects: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.unused} no longer in the intent`,
  ];
  for (const o of plan.objects) {
    if (o.action === 'unchanged' && !options.verbose) continue;
    lines.push(`  ${SIGN[o.action]} ${o.kind} ${o.name}${o.note ? `  (${o.note})` : ''}`);
    for (const c of o.changes) {
      lines.push(`      ${c.path}: ${showChangeValue(c.from)} -> ${showChangeValue(c.to)}`);
    }
  }
  lines.push('', 'What Cluster API will do:');
  if (plan.rollouts.length === 0) lines.push('  nothing: no machine is created, replaced or deleted');
  for (const r of plan.rollouts) {
    lines.push(`  ${rolloutLine(r)}`);
    for (const reason of r.reasons) if (reason !== 'new') lines.push(`      because ${reason}`);
  }
  lines.push(
    '',
    `In all: ${machines(s.machinesReplaced)} replaced, ${s.machinesAdded} added, ${s.machinesRemoved} removed.`,
  );
  if (plan.notes.length > 0) lines.push('', 'Notes:', ...plan.notes.map((n) => `  - ${n}`));
  return `${lines.join('\n')}\n`;
}

/** The plan as JSON with sorted keys: the same plan always gives the same text. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(sortKeys(plan, false), null, 2)}\n`;
}
