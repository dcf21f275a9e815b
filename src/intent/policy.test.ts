import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIntent } from './parse-intent.ts';
import { checkPolicy, globMatch, parsePolicy } from './policy.ts';
import { formatProblem, IntentError } from './problems.ts';

const POLICY = `apiVersion: causeway.dev/v1alpha1
kind: IntentPolicy
providers: [aws, vsphere]
regions: [eu-*]
kubernetesVersions: [v1.33, v1.34.2]
machineTypes: [m6i.*, 4cpu-*]
maxControlPlaneReplicas: 3
maxNodePoolReplicas: 10
maxTotalNodes: 15
maxNodePools: 2
maxDiskGiB: 200
requireHealthChecks: true
`;

const INTENT = `apiVersion: causeway.dev/v1alpha1
kind: ClusterIntent
name: prod
kubernetesVersion: v1.34.1
provider:
  aws:
    region: us-east-1
controlPlane:
  replicas: 5
  machine: { type: c6i.large }
nodePools:
  - name: a
    replicas: 4
    machine: { diskGiB: 300 }
  - name: b
    autoscaling: { min: 1, max: 12 }
  - name: c
healthChecks:
  enabled: false
`;

function violations(intent: string, policy = POLICY): string[] {
  try {
    checkPolicy(parseIntent(intent, 'i.yaml'), parsePolicy(policy, 'p.yaml'));
  } catch (error) {
    if (!(error instanceof IntentError)) throw error;
    expect(error.code).toBe('policy-violation');
    return error.problems.map(formatProblem);
  }
  return [];
}

describe('checkPolicy', () => {
  it('names the intent field, its position, the policy rule and its position, and what is allowed', () => {
    expect(violations(INTENT)).toEqual([
      'i.yaml:4:20: kubernetesVersion: "v1.34.1" is refused by the policy p.yaml:5:21 (kubernetesVersions); allowed: v1.33, v1.34.2',
      'i.yaml:7:13: provider.aws.region: "us-east-1" is refused by the policy p.yaml:4:10 (regions); allowed: eu-*',
      'i.yaml:9:13: controlPlane.replicas: 5 is refused by the policy p.yaml:7:26 (maxControlPlaneReplicas); allowed: at most 3',
      'i.yaml:10:20: controlPlane.machine.type: "c6i.large" is refused by the policy p.yaml:6:15 (machineTypes); allowed: m6i.*, 4cpu-*',
      'i.yaml:12:3: nodePools: 24 machines is refused by the policy p.yaml:9:16 (maxTotalNodes); allowed: at most 15 machines in all',
      'i.yaml:12:3: nodePools: 3 pools is refused by the policy p.yaml:10:15 (maxNodePools); allowed: at most 2 pools',
      'i.yaml:14:25: nodePools[0].machine.diskGiB: 300 is refused by the policy p.yaml:11:13 (maxDiskGiB); allowed: at most 200 GiB',
      'i.yaml:16:33: nodePools[1].autoscaling.max: 12 is refused by the policy p.yaml:8:22 (maxNodePoolReplicas); allowed: at most 10 machines per pool',
      'i.yaml:19:12: healthChecks.enabled: false is refused by the policy p.yaml:12:22 (requireHealthChecks); allowed: true: the policy requires health checks',
    ]);
  });

  it('accepts an intent within the policy, and the shipped examples within the shipped policy', () => {
    expect(
      violations(
        INTENT.replace(/^(controlPlane|nodePools|healthChecks):[\s\S]*/m, '')
          .replace('us-east-1', 'eu-west-1')
          .replace('v1.34.1', 'v1.33.7'),
      ),
    ).toEqual([]);
    const policy = readFileSync('examples/intents/policy.yaml', 'utf8');
    for (const provider of ['aws', 'azure', 'docker', 'vsphere']) {
      expect(violations(readFileSync(`examples/intents/${provider}.yaml`, 'utf8'), policy), provider).toEqual(
        [],
      );
    }
  });

  it('refuses a provider the policy does not list, at the provider key', () => {
    const intent = INTENT.replace('  aws:\n    region: us-east-1', '  docker: {}').replace(
      /^(controlPlane|nodePools|healthChecks):[\s\S]*/m,
      '',
    );
    expect(violations(intent).find((v) => v.includes('(providers)'))).toMatch(
      /^i\.yaml:6:11: provider\.docker: "docker" is refused by the policy p\.yaml:3:12 \(providers\)/,
    );
  });

  it('reads a broken policy as an error at its own position', () => {
    expect(() =>
      parsePolicy('apiVersion: causeway.dev/v1alpha1\nkind: IntentPolicy\nmaxNodePools: many\n', 'p.yaml'),
    ).toThrow(/^p\.yaml:3:15: maxNodePools: got "many" \(a string\); allowed: an integer from 0 to 1000$/);
  });

  it('matches * as any run of characters and nothing else as special', () => {
    expect(globMatch('m6i.*', 'm6i.large')).toBe(true);
    expect(globMatch('m6i.*', 'm6ixlarge')).toBe(false);
    expect(globMatch('Standard_D*s_v5', 'Standard_D4s_v5')).toBe(true);
    expect(globMatch('eu-*', 'us-east-1')).toBe(false);
  });
});
