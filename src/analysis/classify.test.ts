import { describe, expect, it } from 'vitest';
import { matchText, rankCauses } from './classify.ts';
import type { Evidence } from './evidence.ts';
import type { KnowledgeEntry } from './knowledge/entry.ts';
import { fleetObjects, obj } from '../testing/graph-fixtures.ts';

const machine = fleetObjects([obj('cluster.x-k8s.io/v1beta2', 'Machine', 'shop', 'm')])[0]!;
const entry = (
  id: string,
  category: KnowledgeEntry['category'],
  pattern: RegExp,
  specificity = 0.9,
): KnowledgeEntry => ({
  id,
  source: 'aws',
  category,
  title: id,
  patterns: [pattern],
  specificity,
  explanation: '',
  remediation: [],
  examples: [],
  sources: [],
});
const evidence = (message: string, signal: Evidence['signal'] = 'condition', weight = 1): Evidence => ({
  object: machine,
  signal,
  message,
  at: undefined,
  weight,
});

describe('matchText', () => {
  it('prefers the specific cause over the stage it broke: no route to host beats a failed kubeadm phase', () => {
    const text =
      "error execution phase preflight: couldn't validate the identity of the API Server: dial tcp 10.0.0.1:6443: connect: no route to host";
    expect(matchText(text, []).map((e) => e.category)).toEqual(['network-misconfigured']);
  });

  it('reads RBAC "is forbidden: User ... cannot" as a missing permission, but not a field validation "Forbidden:"', () => {
    const rbac =
      'machines.cluster.x-k8s.io is forbidden: User "system:serviceaccount:capi-system:capi-manager" cannot list resource "machines"';
    expect(matchText(rbac, []).map((e) => e.category)).toContain('iam-permission-denied');
    const validation =
      'KubeadmControlPlane.controlplane.cluster.x-k8s.io "prod" is invalid: spec.replicas: Forbidden: cannot be an even number when etcd is stacked';
    expect(matchText(validation, []).map((e) => e.category)).not.toContain('iam-permission-denied');
  });

  it("falls back on the wording when no provider entry matches: a new provider's quota error is a quota error", () => {
    expect(
      matchText('CreateServer failed: project quota exceeded for vcpu in region fr-par', [])[0]?.category,
    ).toBe('cloud-quota-exceeded');
    expect(
      matchText('Cannot create more than 20 public IP addresses for this subscription in this region.', [])[0]
        ?.category,
    ).toBe('cloud-quota-exceeded');
    expect(
      matchText(
        "googleapi: Error 403: Required 'compute.instances.create' permission for 'projects/p'",
        [],
      )[0]?.category,
    ).toBe('iam-permission-denied');
  });

  it('lets a provider entry win over the generic rule of the same category', () => {
    const specific = entry('aws-vcpu-limit', 'cloud-quota-exceeded', /VcpuLimitExceeded/);
    expect(
      matchText('VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit', [
        specific,
      ]),
    ).toEqual([specific]);
  });

  it('matches nothing in ordinary text', () => {
    expect(matchText('Successfully created instance i-0abc', [])).toEqual([]);
  });
});

describe('rankCauses', () => {
  it('ranks by specificity and trust in the signal, keeping the evidence that supports each cause', () => {
    const quota = entry('aws-vcpu-limit', 'cloud-quota-exceeded', /VcpuLimitExceeded/, 0.95);
    const ranked = rankCauses(
      [
        evidence('InstanceProvisionFailed: VcpuLimitExceeded'),
        evidence('Reconciler error: dial tcp 10.0.0.1:443: i/o timeout', 'log', 0.85),
      ],
      [quota],
    );
    expect(ranked.map((c) => [c.entry.id, c.category, c.known])).toEqual([
      ['aws-vcpu-limit', 'cloud-quota-exceeded', true],
      ['generic-network', 'network-misconfigured', false],
    ]);
    expect(ranked[0]?.evidence.map((e) => e.message)).toEqual(['InstanceProvisionFailed: VcpuLimitExceeded']);
  });

  it('counts agreeing evidence a little more than one piece alone', () => {
    const quota = entry('q', 'cloud-quota-exceeded', /quota/, 0.8);
    const one = rankCauses([evidence('quota')], [quota])[0]!.score;
    const two = rankCauses([evidence('quota'), evidence('quota again', 'event', 0.95)], [quota])[0]!.score;
    expect(two).toBeGreaterThan(one);
  });
});
