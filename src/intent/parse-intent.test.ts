import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseIntent } from './parse-intent.ts';
import { IntentError } from './problems.ts';

const BASE = {
  apiVersion: 'causeway.dev/v1alpha1',
  kind: 'ClusterIntent',
  name: 'prod',
  kubernetesVersion: 'v1.34.2',
  provider: { aws: { region: 'eu-west-1' } },
};

function problemsOf(intent: Record<string, unknown>): string[] {
  try {
    parseIntent(stringify(intent), 'i.yaml');
  } catch (error) {
    if (!(error instanceof IntentError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.problem}`);
  }
  return [];
}

describe('parseIntent', () => {
  it('fills the defaults a platform team would choose', () => {
    const { intent } = parseIntent(stringify(BASE), 'i.yaml');
    expect(intent).toEqual({
      name: 'prod',
      namespace: 'default',
      provider: { name: 'aws', region: 'eu-west-1' },
      kubernetesVersion: 'v1.34.2',
      controlPlane: { replicas: 3, machine: { type: 'm6i.large', diskGiB: 80 }, maxSurge: 1 },
      nodePools: [
        {
          name: 'workers',
          replicas: 3,
          machine: { type: 'm6i.xlarge', diskGiB: 100 },
          labels: {},
          taints: [],
          failureDomains: [],
          rollout: { maxSurge: 1, maxUnavailable: 0 },
        },
      ],
      network: {
        pods: ['192.168.0.0/16'],
        services: ['10.96.0.0/12'],
        apiServerPort: 6443,
        serviceDomain: 'cluster.local',
      },
      healthChecks: {
        enabled: true,
        nodeStartupTimeoutSeconds: 600,
        unhealthyNodeTimeoutSeconds: 300,
        maxUnhealthy: '40%',
      },
    });
  });

  it('sorts pools, labels, taints, failure domains and CIDRs, and adds the v to a bare version', () => {
    const { intent } = parseIntent(
      stringify({
        ...BASE,
        kubernetesVersion: '1.33.1',
        nodePools: [
          {
            name: 'b',
            failureDomains: ['eu-west-1c', 'eu-west-1a'],
            labels: { z: '1', a: '2' },
            taints: [
              { key: 'y', effect: 'NoSchedule' },
              { key: 'x', effect: 'NoExecute' },
            ],
          },
          { name: 'a', autoscaling: { min: 1, max: 3 } },
        ],
        network: {
          pods: ['fd00:10:244::/56', '10.244.0.0/16'],
          services: ['fd00:10:96::/108', '10.96.0.0/12'],
        },
      }),
      'i.yaml',
    );
    expect(intent.kubernetesVersion).toBe('v1.33.1');
    expect(intent.nodePools.map((p) => p.name)).toEqual(['a', 'b']);
    expect(intent.nodePools[0]!.replicas).toBeUndefined();
    expect(intent.nodePools[1]!.failureDomains).toEqual(['eu-west-1a', 'eu-west-1c']);
    expect(Object.keys(intent.nodePools[1]!.labels)).toEqual(['a', 'z']);
    expect(intent.nodePools[1]!.taints.map((t) => t.key)).toEqual(['x', 'y']);
    expect(intent.network.pods).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
  });

  it('checks rules that span fields', () => {
    expect(
      problemsOf({
        ...BASE,
        name: 'a-rather-long-cluster-name-that-fits-alone',
        nodePools: [
          { name: 'pool-with-a-long-name', replicas: 9, autoscaling: { min: 3, max: 2 } },
          {
            name: 'control-plane',
            failureDomains: ['us-east-1a', 'eu-west-1b'],
            autoscaling: { min: 1, max: 1 },
          },
          {
            name: 'c',
            rollout: { maxSurge: 0, maxUnavailable: '0%' },
            labels: { 'kubernetes.io/role': 'x' },
          },
          {
            name: 'd',
            taints: [
              { key: 'k', effect: 'NoSchedule' },
              { key: 'k', value: 'v', effect: 'NoSchedule' },
            ],
          },
        ],
        network: { pods: ['10.0.0.0/8'], services: ['10.96.0.0/12'], nodes: '172.16.0.0/12' },
        controlPlane: { machine: { cpus: 4 } },
      }).sort(),
    ).toEqual(
      [
        'controlPlane.machine.cpus: is not used by the aws provider',
        'nodePools[0].name: makes the MachineDeployment name "a-rather-long-cluster-name-that-fits-alone-pool-with-a-long-name" of 63+ characters'.replace(
          '63+',
          '64',
        ),
        'nodePools[0].autoscaling.min: 3 is more than max 2',
        'nodePools[0].replicas: 9 is outside the autoscaling bounds 3-2',
        'nodePools[1].autoscaling.max: 1 leaves some of the 2 failure domains without machines',
        'nodePools[1].name: "control-plane" names the control plane objects already',
        'nodePools[1].failureDomains[0]: makes the MachineDeployment name "a-rather-long-cluster-name-that-fits-alone-control-plane-us-east-1a" of 67 characters',
        'nodePools[1].failureDomains[1]: makes the MachineDeployment name "a-rather-long-cluster-name-that-fits-alone-control-plane-eu-west-1b" of 67 characters',
        'nodePools[1].failureDomains[0]: "us-east-1a" is not a zone of region eu-west-1',
        'nodePools[2].rollout: maxSurge and maxUnavailable are both 0, so a rollout could never make progress',
        'nodePools[2].labels["kubernetes.io/role"]: a kubelet may not set labels under kubernetes.io (the NodeRestriction admission plugin rejects them)',
        'nodePools[3].taints[1]: repeats key "k" with effect NoSchedule of taints[0]',
        'network.nodes: 172.16.0.0/12 cannot be a VPC block',
        'network.services[0]: 10.96.0.0/12 overlaps network.pods[0] (10.0.0.0/8)',
      ].sort(),
    );
  });
});
