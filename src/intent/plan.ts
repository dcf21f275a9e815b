import { groupOf, type Manifest } from './manifest.ts';
import { Labels } from './names.ts';
import { diffFields, type FieldChange } from './plan-diff.ts';
import { expandedRollouts } from './plan-expanded.ts';
import { topologyRollouts } from './plan-topology.ts';
import type { LiveObject, ObjectPlan, Plan, PlanContext, PlanInput } from './plan-types.ts';

export type { LiveObject, ObjectPlan, Plan, PlanContext, PlanInput, RolloutPlan } from './plan-types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Narrows raw live objects; anything without apiVersion, kind and name is skipped. */
export function liveObjects(raw: readonly unknown[]): LiveObject[] {
  return raw.flatMap((object) => {
    if (!isRecord(object) || !isRecord(object.metadata)) return [];
    const { apiVersion, kind } = object;
    const { name, labels } = object.metadata;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return [];
    const stringLabels = isRecord(labels)
      ? Object.fromEntries(
          Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {};
    return [{ apiVersion, kind, name, labels: stringLabels, raw: object }];
  });
}

const identity = (apiVersion: string, kind: string, name: string): string =>
  `${groupOf(apiVersion)}/${kind}/${name}`;

function objectChanges(desired: Manifest, live: LiveObject): FieldChange[] {
  return [
    ...diffFields(
      desired.metadata.labels ?? {},
      live.raw.metadata && (live.raw.metadata as Record<string, unknown>).labels,
      'metadata.labels',
    ),
    ...diffFields(
      desired.metadata.annotations ?? {},
      (live.raw.metadata as Record<string, unknown>).annotations ?? {},
      'metadata.annotations',
    ),
    ...diffFields(desired.spec, live.raw.spec, 'spec'),
  ];
}

function unusedNote(live: LiveObject): string {
  if (live.kind.endsWith('Template'))
    return 'no longer referenced by the intent: delete it once the rollout is done';
  if (live.kind === 'MachineDeployment')
    return 'not in the intent: Cluster API keeps its machines until you delete it';
  return 'not in the intent: it stays in effect until you delete it';
}

/**
 * Compares the compiled intent with the live objects: which objects would be created or changed, and which
 * MachineDeployments and control plane would roll or scale, with how many machines are replaced. Pure.
 */
export function planIntent(input: PlanInput): Plan {
  const { intent, desired } = input;
  const live = liveObjects(input.live);
  const byId = new Map(live.map((l) => [identity(l.apiVersion, l.kind, l.name), l]));
  const desiredIds = new Set(desired.map((d) => identity(d.apiVersion, d.kind, d.metadata.name)));
  const notes: string[] = [];
  const objects: ObjectPlan[] = desired.map((d) => {
    const l = byId.get(identity(d.apiVersion, d.kind, d.metadata.name));
    const base = { apiVersion: d.apiVersion, kind: d.kind, name: d.metadata.name };
    if (!l) return { ...base, action: 'create', changes: [] };
    if (l.apiVersion !== d.apiVersion) {
      notes.push(
        `${d.kind} ${d.metadata.name} was read as ${l.apiVersion}; fields renamed since then show as changes`,
      );
    }
    const changes = objectChanges(d, l);
    const inPlaceTemplate = changes.length > 0 && d.kind.endsWith('Template') && d.kind !== 'ClusterClass';
    return {
      ...base,
      action: changes.length > 0 ? 'update' : 'unchanged',
      changes,
      ...(inPlaceTemplate
        ? {
            note: 'a template with this name exists with other content: Cluster API does not roll machines for an edited template, and webhooks reject most edits',
          }
        : {}),
    };
  });
  const managedKinds = new Set([...desired.map((d) => d.kind), 'MachineDeployment', 'MachineHealthCheck']);
  for (const l of live) {
    if (desiredIds.has(identity(l.apiVersion, l.kind, l.name)) || !managedKinds.has(l.kind)) continue;
    if (
      l.labels[Labels.clusterName] !== intent.name ||
      l.labels['topology.cluster.x-k8s.io/owned'] !== undefined
    )
      continue;
    objects.push({
      action: 'unused',
      apiVersion: l.apiVersion,
      kind: l.kind,
      name: l.name,
      changes: [],
      note: unusedNote(l),
    });
  }
  const context: PlanContext = {
    intent,
    desired,
    live,
    liveOf: (kind, name) => live.find((l) => l.kind === kind && l.name === name),
    desiredOf: (kind, name) => desired.find((d) => d.kind === kind && d.metadata.name === name),
  };
  const analysis = input.mode === 'topology' ? topologyRollouts(context) : expandedRollouts(context);
  const rollouts = analysis.rollouts;
  const count = (action: ObjectPlan['action']): number => objects.filter((o) => o.action === action).length;
  const sum = (field: 'replaced' | 'added' | 'removed'): number => rollouts.reduce((n, r) => n + r[field], 0);
  return {
    cluster: `${intent.namespace}/${intent.name}`,
    provider: intent.provider.name,
    mode: input.mode,
    source: input.source,
    objects,
    rollouts,
    summary: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      unused: count('unused'),
      machinesReplaced: sum('replaced'),
      machinesAdded: sum('added'),
      machinesRemoved: sum('removed'),
    },
    notes: [...notes, ...analysis.notes],
  };
}
