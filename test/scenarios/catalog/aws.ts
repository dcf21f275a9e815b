/** AWS (CAPA) scenarios: EC2 and ELB failure texts from public issue reports. */
import { removeNode } from '../../../src/testing/faults.ts';
import { resync } from '../../../src/testing/fleet-builder.ts';
import { cond, oldCond } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import {
  failProvisioning,
  infraClusterNotReady,
  lastMachines,
  machineAt,
  MINUTE,
  names,
  nowOf,
  reconcileErrors,
  SECOND,
  setCoreConditions,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The aws scenarios. */
export const AWS_SCENARIOS: readonly Scenario[] = [
  {
    id: 'aws-subnet-out-of-addresses',
    source: 'https://github.com/osbuild/osbuild-composer/issues/1575',
    description:
      'Two machines of a scale-up stay Provisioning: RunInstances fails with InsufficientFreeAddressesInSubnet. ' +
      'The AWSMachine InstanceReady condition, a FailedCreate event and the capa log carry the error.',
    capturedAt: CAPTURED,
    seed: 101,
    healthy: ['tools/ci'],
    build(b) {
      const c = b.addCluster({
        namespace: 'shop',
        name: 'checkout',
        provider: 'aws',
        region: 'eu-central-1',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'tools', name: 'ci', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const message =
          "failed to create AWSMachine instance: failed to run instance: InsufficientFreeAddressesInSubnet: There are not enough free addresses in subnet 'subnet-04a176042c3118735' to satisfy the requested number of instances.\n" +
          `\tstatus code: 400, request id: ${['3f1c9a2e-7b41-4d0e-9c55-1e2a7d8b6f03', 'a84d2c17-0e9b-4f6a-b3d1-57c2e9f04a18'][i] ?? ''}`;
        failProvisioning(b, m, {
          since: now - (36 - i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
          event: {
            reason: 'FailedCreate',
            message: `Failed to create instance: ${message.replace('failed to create AWSMachine instance: ', '')}`,
            component: 'aws-controller',
          },
          log: {},
        });
      });
      return [{ cluster: 'shop/checkout', category: 'ip-exhaustion', targets: names(stuck) }];
    },
  },
  {
    id: 'aws-elb-throttled-two-clusters',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/1751',
    description:
      'Many clusters in one account make ELB throttle DescribeLoadBalancerAttributes: two AWSClusters lose ' +
      'LoadBalancerReady, control-plane machines record FailedAttachControlPlaneELB, capa logs the throttling.',
    capturedAt: CAPTURED,
    seed: 102,
    healthy: ['shop/web'],
    build(b) {
      const clusters = ['api-1', 'api-2'].map((name) =>
        b.addCluster({ namespace: 'team-a', name, provider: 'aws', region: 'us-east-1' }),
      );
      b.addCluster({ namespace: 'shop', name: 'web', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      clusters.forEach((c, k) => {
        const lb = `${c.name}-apiserver`;
        const since = now - (52 - 7 * k) * MINUTE;
        const throttled = (requestId: string): string =>
          `failed to describe classic load balancer "${lb}" attributes: Throttling: Rate exceeded\n\tstatus code: 400, request id: ${requestId}`;
        c.controlPlaneMachines.forEach((m, i) => {
          const instance = m.site.instanceId;
          b.addEvent(c, 'management', {
            regarding: m.infraMachine,
            type: 'Warning',
            reason: 'FailedAttachControlPlaneELB',
            message: `Failed to register control plane instance "${instance}" with load balancer: ${throttled(`714e1627-5fb8-4725-aed7-9a098d6a78a${i}`)}`,
            first: since + i * 40 * SECOND,
            last: now - (2 + i) * MINUTE,
            count: 11 + i,
            component: 'aws-controller',
          });
        });
        reconcileErrors(b, c, {
          object: c.infraCluster,
          controller: 'awscluster',
          error: `failed to reconcile load balancer: ${throttled(`0c5e2f6a-91d4-4b37-8a0e-6d2f1b9c74e${k}`)}`,
          from: since,
          everyMinutes: 3,
        });
        infraClusterNotReady(c, {
          type: 'LoadBalancerReady',
          reason: 'LoadBalancerFailed',
          message: throttled(`5d0b8e3c-2a7f-4c19-b6e4-3f9a1d7c05b${k}`),
          since,
        });
      });
      return [
        {
          cluster: 'team-a/api-1',
          category: 'api-rate-limited',
          targets: ['api-1'],
          together: ['team-a/api-1', 'team-a/api-2'],
        },
        {
          cluster: 'team-a/api-2',
          category: 'api-rate-limited',
          targets: ['api-2'],
          together: ['team-a/api-1', 'team-a/api-2'],
        },
      ];
    },
  },
  {
    id: 'aws-invalid-instance-profile',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/1134',
    description:
      'A new AWSMachineTemplate names an IAM instance profile that does not exist: RunInstances rejects the ' +
      'parameter, the new pool stays Provisioning with InvalidParameterValue in conditions, events and the capa log.',
    capturedAt: CAPTURED,
    seed: 103,
    healthy: ['shop/payments'],
    build(b) {
      const c = b.addCluster({
        namespace: 'ml',
        name: 'training',
        provider: 'aws',
        region: 'us-west-2',
        pools: [
          { name: 'md-0', replicas: 3 },
          { name: 'gpu', replicas: 2, instanceType: 'g5.2xlarge' },
        ],
      });
      b.addCluster({ namespace: 'shop', name: 'payments', provider: 'gcp', region: 'europe-west4' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2, 'gpu');
      stuck.forEach((m, i) => {
        const message =
          'failed to create AWSMachine instance: failed to run instance: InvalidParameterValue: Value (invalid-controllers.cluster-api-provider-aws.sigs.k8s.io) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name\n' +
          `\tstatus code: 400, request id: d4fb95aa-f14c-4dc7-84b3-efb14c8fab2${i}`;
        failProvisioning(b, m, {
          since: now - (44 - 2 * i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
          event: {
            reason: 'FailedCreate',
            message: `Failed to create instance: ${message.replace('failed to create AWSMachine instance: ', '')}`,
            component: 'aws-controller',
          },
          log: {},
        });
      });
      return [{ cluster: 'ml/training', category: 'invalid-machine-spec', targets: names(stuck) }];
    },
  },
  {
    id: 'aws-instance-terminated-outside-capi',
    source: 'https://github.com/hashicorp/terraform/issues/30144',
    description:
      'Someone terminates the EC2 instance of a Running worker in the console: the cloud controller deletes its ' +
      'Node, CAPA finds no instance (InvalidInstanceID.NotFound) and marks InstanceReady False (CAPA issue #1239).',
    capturedAt: CAPTURED,
    seed: 104,
    healthy: ['data/lake'],
    build(b) {
      const c = b.addCluster({
        namespace: 'shop',
        name: 'search',
        provider: 'aws',
        region: 'eu-west-1',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'data', name: 'lake', provider: 'aws', region: 'eu-west-1' });
      const now = nowOf(b);
      const m = machineAt(c, 1);
      const since = now - 27 * MINUTE;
      if (m.node) removeNode(c, m.node);
      resync(c);
      const message = `InvalidInstanceID.NotFound: The instance ID '${m.site.instanceId}' does not exist\n\tstatus code: 400, request id: 8c1f27d3-5e0a-4b96-a2d4-61f0c9e83b57`;
      const at = isoSeconds(since);
      m.infraMachine.status = {
        ...(m.infraMachine.status ?? {}),
        instanceState: 'terminated',
        conditions: [
          oldCond('Ready', 'False', at, 'InstanceNotFound', message, 'Error'),
          oldCond('InstanceReady', 'False', at, 'InstanceNotFound', message, 'Error'),
          oldCond('SecurityGroupsReady', 'True', at),
        ],
      };
      setCoreConditions(c, m.machine, [
        cond('InfrastructureReady', 'False', 'InstanceNotFound', at, message),
      ]);
      reconcileErrors(b, c, {
        object: m.infraMachine,
        controller: 'awsmachine',
        error: `failed to get instance: ${message}`,
        from: since + 30 * SECOND,
      });
      b.addEvent(c, 'management', {
        regarding: m.infraMachine,
        type: 'Warning',
        reason: 'InvalidUpdate',
        message: `Failed to get instance "${m.site.instanceId}": ${message}`,
        first: since + 20 * SECOND,
        last: now - 3 * MINUTE,
        count: 6,
        component: 'aws-controller',
      });
      return [{ cluster: 'shop/search', category: 'deleted-out-of-band', targets: [m.name] }];
    },
  },
];
