import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileIntent } from './compile.ts';
import type { Manifest } from './manifest.ts';
import { parseIntent } from './parse-intent.ts';
import { planIntent } from './plan.ts';
import { renderPlanText } from './plan-render.ts';
import type { CompileMode } from './types.ts';

const AWS = readFileSync('examples/intents/aws.yaml', 'utf8');

function compile(
  text: string,
  mode: CompileMode,
): { intent: ReturnType<typeof parseIntent>['intent']; manifests: Manifest[] } {
  const { intent } = parseIntent(text, 'i.yaml');
  return { intent, manifests: compileIntent(intent, { mode }) };
}

/** What a management cluster holds after applying `text`: the objects, with the machine counts in status. */
function liveAfter(text: string, mode: CompileMode): unknown[] {
  return compile(text, mode).manifests.map((m) => {
    const replicas = m.spec.replicas;
    return typeof replicas === 'number' ? { ...m, status: { replicas } } : m;
  });
}

function plan(from: string | undefined, to: string, mode: CompileMode) {
  const { intent, manifests } = compile(to, mode);
  return planIntent({
    intent,
    mode,
    desired: manifests,
    live: from ? liveAfter(from, mode) : [],
    source: 'test',
  });
}

const upgraded = AWS.replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.35.0');

describe('planIntent', () => {
  it('reports the control plane and every MachineDeployment as rolling when the version changes (expanded)', () => {
    const result = plan(AWS, upgraded, 'expanded');
    expect(result.rollouts.map((r) => [r.kind, r.name, r.action, r.replaced, r.current])).toEqual([
      ['KubeadmControlPlane', 'payments-prod-control-plane', 'roll', 3, 3],
      ['MachineDeployment', 'payments-prod-batch-eu-west-1a', 'roll', 1, 1],
      ['MachineDeployment', 'payments-prod-batch-eu-west-1b', 'roll', 1, 1],
      ['MachineDeployment', 'payments-prod-batch-eu-west-1c', 'roll', 1, 1],
      ['MachineDeployment', 'payments-prod-general-eu-west-1a', 'roll', 2, 2],
      ['MachineDeployment', 'payments-prod-general-eu-west-1b', 'roll', 2, 2],
      ['MachineDeployment', 'payments-prod-general-eu-west-1c', 'roll', 2, 2],
    ]);
    expect(result.rollouts.every((r) => r.reasons.includes('Kubernetes "v1.34.2" -> "v1.35.0"'))).toBe(true);
    expect(result.summary).toEqual({
      create: 0,
      update: 7,
      unchanged: 10,
      unused: 0,
      machinesReplaced: 12,
      machinesAdded: 0,
      machinesRemoved: 0,
    });
  });

  it('counts the machines an autoscaled MachineDeployment has now, not a replica count it does not set', () => {
    const live = liveAfter(AWS, 'expanded').map((o) => {
      const m = o as Manifest;
      return m.metadata.name === 'payments-prod-batch-eu-west-1a' ? { ...m, status: { replicas: 4 } } : m;
    });
    const { intent, manifests } = compile(upgraded, 'expanded');
    const result = planIntent({ intent, mode: 'expanded', desired: manifests, live, source: 'test' });
    expect(result.rollouts.find((r) => r.name === 'payments-prod-batch-eu-west-1a')).toMatchObject({
      action: 'roll',
      current: 4,
      desired: 4,
      replaced: 4,
      strategy: 'maxSurge 0, maxUnavailable 1',
    });
  });

  it('rolls only the pool whose machine shape changed, through a new template, and names what changed', () => {
    const result = plan(
      AWS,
      AWS.replace('type: m6i.xlarge # default m6i.xlarge', 'type: m6i.2xlarge'),
      'expanded',
    );
    expect(result.rollouts.map((r) => `${r.name} ${r.action} ${r.replaced}`)).toEqual([
      'payments-prod-general-eu-west-1a roll 2',
      'payments-prod-general-eu-west-1b roll 2',
      'payments-prod-general-eu-west-1c roll 2',
    ]);
    expect(result.rollouts[0]!.reasons[0]).toMatch(
      /^AWSMachineTemplate payments-prod-general-3d101feb -> payments-prod-general-[0-9a-f]{8}: instanceType "m6i\.xlarge" -> "m6i\.2xlarge"$/,
    );
    const templates = result.objects.filter(
      (o) => o.kind === 'AWSMachineTemplate' && o.action !== 'unchanged',
    );
    expect(templates.map((o) => o.action)).toEqual(['create', 'unused']);
    expect(templates[1]!.note).toMatch(/delete it once the rollout is done/);
  });

  it('scales without rolling when only replicas change', () => {
    const result = plan(
      AWS,
      AWS.replace('replicas: 6 # spread over the zones: 2 per zone', 'replicas: 9'),
      'expanded',
    );
    expect(result.rollouts.map((r) => [r.name, r.action, r.current, r.desired, r.added])).toEqual([
      ['payments-prod-general-eu-west-1a', 'scale', 2, 3, 1],
      ['payments-prod-general-eu-west-1b', 'scale', 2, 3, 1],
      ['payments-prod-general-eu-west-1c', 'scale', 2, 3, 1],
    ]);
    expect(result.summary.machinesReplaced).toBe(0);
  });

  it('plans nothing for an intent that is already applied, and everything for a new cluster', () => {
    const same = plan(AWS, AWS, 'expanded');
    expect(same.rollouts).toEqual([]);
    expect(same.objects.every((o) => o.action === 'unchanged')).toBe(true);
    expect(renderPlanText(same)).toContain('nothing: no machine is created, replaced or deleted');
    const fresh = plan(undefined, AWS, 'expanded');
    expect(fresh.summary).toMatchObject({ create: 17, machinesAdded: 12 });
  });

  it('reports the control plane and every topology MachineDeployment as rolling when the version changes', () => {
    const result = plan(AWS, upgraded, 'topology');
    expect(result.rollouts.map((r) => [r.kind, r.name, r.action, r.replaced])).toEqual([
      ['KubeadmControlPlane', 'payments-prod control plane', 'roll', 3],
      ['MachineDeployment', 'batch-eu-west-1a', 'roll', 1],
      ['MachineDeployment', 'batch-eu-west-1b', 'roll', 1],
      ['MachineDeployment', 'batch-eu-west-1c', 'roll', 1],
      ['MachineDeployment', 'general-eu-west-1a', 'roll', 2],
      ['MachineDeployment', 'general-eu-west-1b', 'roll', 2],
      ['MachineDeployment', 'general-eu-west-1c', 'roll', 2],
    ]);
    expect(result.notes.join('\n')).toMatch(/upgrades the control plane first/);
  });

  it('rolls a topology pool whose class templates change and deletes a pool taken out of the intent', () => {
    const changed = AWS.replace('type: m6i.xlarge # default m6i.xlarge', 'type: m6i.2xlarge').replace(
      / {2}- name: batch[\s\S]*?maxUnavailable: 1\n/,
      '',
    );
    const result = plan(AWS, changed, 'topology');
    expect(result.rollouts.map((r) => `${r.name} ${r.action} -${r.removed} ~${r.replaced}`)).toEqual([
      'general-eu-west-1a roll -0 ~2',
      'general-eu-west-1b roll -0 ~2',
      'general-eu-west-1c roll -0 ~2',
      'batch-eu-west-1a delete -1 ~0',
      'batch-eu-west-1b delete -1 ~0',
      'batch-eu-west-1c delete -1 ~0',
    ]);
  });
});
