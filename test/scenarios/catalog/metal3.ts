/** Metal3 (CAPM3, baremetal-operator, IPAM) scenarios: bare-metal failure texts from public issue reports. */
import { stuckMachine } from '../../../src/testing/fleet-builder.ts';
import type { MachineHandle } from '../../../src/testing/fleet-builder.ts';
import { ownerRef } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import { lastMachines, MINUTE, names, nowOf, SECOND } from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The BareMetalHost a machine consumes. */
function hostOf(m: MachineHandle) {
  const host = m.extras.find((x) => x.kind === 'BareMetalHost');
  if (!host) throw new Error(`scenario: ${m.name} has no BareMetalHost`);
  return host;
}

/** A host error as the baremetal-operator records it: status fields plus a Normal event named after the error type. */
function hostError(
  b: Parameters<Scenario['build']>[0],
  m: MachineHandle,
  opts: { errorType: string; eventReason: string; message: string; at: number; count: number },
): void {
  const host = hostOf(m);
  const status = host.status ?? (host.status = {});
  Object.assign(status, {
    operationalStatus: 'error',
    errorType: opts.errorType,
    errorMessage: opts.message,
    errorCount: opts.count,
    lastUpdated: isoSeconds(opts.at),
    poweredOn: false,
  });
  b.addEvent(m.cluster, 'management', {
    regarding: host,
    type: 'Normal',
    reason: opts.eventReason,
    message: opts.message,
    first: opts.at,
    component: 'metal3-baremetal-controller',
  });
}

/** The metal3 scenarios. */
export const METAL3_SCENARIOS: readonly Scenario[] = [
  {
    id: 'metal3-ip-pool-exhausted',
    source: 'https://github.com/metal3-io/cluster-api-provider-metal3/issues/2729',
    description:
      'A scale-up needs more addresses than the Metal3 IPPool has: the new Metal3Data objects stay in error ' +
      '"IP Allocation for pool failed : Exhausted IP Pools" (their IPClaims: "Exhausted IP Pools"), the machines wait.',
    capturedAt: CAPTURED,
    seed: 601,
    healthy: ['shop/front'],
    build(b) {
      const c = b.addCluster({
        namespace: 'edge',
        name: 'store-42',
        provider: 'metal3',
        region: 'rack-a7',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'shop', name: 'front', provider: 'aws', region: 'eu-west-1' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (31 - 4 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioning', since });
        const claim = b.addObject('management', {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'Metal3DataClaim',
          metadata: {
            name: m.name,
            namespace: c.namespace,
            creationTimestamp: isoSeconds(since + 2 * SECOND),
            labels: { 'cluster.x-k8s.io/cluster-name': c.name },
            ownerReferences: [ownerRef(m.infraMachine)],
          },
          spec: { template: { name: `${c.name}-workers-template`, namespace: c.namespace } },
          status: { renderedData: { name: `${c.name}-workers-template-${7 + i}`, namespace: c.namespace } },
        });
        b.addObject('management', {
          apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
          kind: 'Metal3Data',
          metadata: {
            name: `${c.name}-workers-template-${7 + i}`,
            namespace: c.namespace,
            creationTimestamp: isoSeconds(since + 3 * SECOND),
            labels: { 'cluster.x-k8s.io/cluster-name': c.name },
            ownerReferences: [ownerRef(claim, false)],
          },
          spec: {
            index: 7 + i,
            claim: { name: m.name, namespace: c.namespace },
            template: { name: `${c.name}-workers-template`, namespace: c.namespace },
          },
          status: {
            ready: false,
            error: true,
            errorMessage: 'IP Allocation for pool failed : Exhausted IP Pools',
          },
        });
        b.addObject('management', {
          apiVersion: 'ipam.metal3.io/v1alpha1',
          kind: 'IPClaim',
          metadata: {
            name: `${c.name}-workers-template-${7 + i}-provisioning-pool`,
            namespace: c.namespace,
            creationTimestamp: isoSeconds(since + 4 * SECOND),
            labels: { 'cluster.x-k8s.io/cluster-name': c.name },
          },
          spec: { pool: { name: 'provisioning-pool', namespace: c.namespace } },
          status: { errorMessage: 'Exhausted IP Pools' },
        });
      });
      return [{ cluster: 'edge/store-42', category: 'ip-exhaustion', targets: names(stuck) }];
    },
  },
  {
    id: 'metal3-bmc-ipmi-timeout',
    source: 'https://github.com/operate-first/support/issues/1027',
    description:
      'The hosts chosen for two new machines cannot be powered on: ipmitool against their BMCs times out. The ' +
      'BareMetalHosts show a power management error and the operator records PowerManagementError events.',
    capturedAt: CAPTURED,
    seed: 602,
    healthy: ['corp/hr'],
    build(b) {
      const c = b.addCluster({
        namespace: 'factory',
        name: 'line-3',
        provider: 'metal3',
        region: 'rack-b2',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'corp', name: 'hr', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (46 - 3 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioning', since });
        const bmc = `10.0.17.${34 + i}`;
        hostError(b, m, {
          errorType: 'power management error',
          eventReason: 'PowerManagementError',
          message: `Failed to get power state for node 861ada16-a145-4f51-bc7f-bed6e9388487. Error: Command '['ipmitool', '-I', 'lanplus', '-H', '${bmc}', '-L', 'ADMINISTRATOR', '-p', '623', '-U', 'mocadmin', '-R', '12', '-N', '5', '-f', '/tmp/tmp5r1ob2vc', 'power', 'status']' timed out after 60 seconds`,
          at: since + 4 * MINUTE,
          count: 6,
        });
      });
      return [{ cluster: 'factory/line-3', category: 'network-misconfigured', targets: names(stuck) }];
    },
  },
  {
    id: 'metal3-image-checksum-mismatch',
    source: 'https://github.com/openshift-metal3/dev-scripts/pull/1245',
    description:
      'The Metal3MachineTemplate points at a checksum file that does not list the image by its name: Ironic ' +
      'refuses to write the image, the hosts go to provisioning error with "Checksum file does not contain name".',
    capturedAt: CAPTURED,
    seed: 603,
    healthy: ['lab/bench'],
    build(b) {
      const c = b.addCluster({
        namespace: 'telco',
        name: 'ran-du',
        provider: 'metal3',
        region: 'rack-c1',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'lab', name: 'bench', provider: 'vsphere', region: 'dc-lab' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (52 - 2 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioning', since });
        hostError(b, m, {
          errorType: 'provisioning error',
          eventReason: 'ProvisioningError',
          message:
            'Image provisioning failed: Error downloading image: Download of image bdab49e61715b72c5e937c54a232677cbf821ebcd71aeb3ba58028683cccad07 failed: ' +
            'Checksum file does not contain name rhcos-48.84.202104271417-0-openstack.x86_64.qcow2.gz',
          at: since + 11 * MINUTE,
          count: 3,
        });
        const host = hostOf(m);
        const provisioning = (host.status?.provisioning ?? {}) as Record<string, unknown>;
        provisioning.state = 'provisioning';
      });
      return [{ cluster: 'telco/ran-du', category: 'image-not-found', targets: names(stuck) }];
    },
  },
];
