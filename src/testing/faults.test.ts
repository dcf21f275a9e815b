import { describe, expect, it } from 'vitest';
import { mismatchProviderID, nodeNotReady, nodePressure, orphanNode, stuckMachine } from './faults.ts';
import { createFleetBuilder } from './fleet-builder.ts';
import type { ClusterHandle, MachineHandle } from './fleet-types.ts';
import { fieldAt } from './parse-files.ts';
import type { CapiVersion, RawObject } from './raw.ts';
import { getCondition } from './raw.ts';

const NOW = Date.parse('2026-11-20T10:30:00Z');
const MIN = 60_000;

function cluster(provider: 'aws' | 'azure' = 'aws', apiVersion: CapiVersion = 'v1beta2'): ClusterHandle {
  const b = createFleetBuilder({ capturedAt: '2026-11-20T10:30:00Z', seed: 11, apiVersion });
  return b.addCluster({ namespace: 'shop', name: 'prod', provider, pools: [{ name: 'md-0', replicas: 4 }] });
}

function worker(c: ClusterHandle, i: number): MachineHandle {
  const m = c.pools[0]?.machines[i];
  if (!m) throw new Error(`no worker ${i}`);
  return m;
}

const get = fieldAt;
const condition = (
  obj: RawObject,
  type: string,
  version: CapiVersion = 'v1beta2',
  style: 'new' | 'old' = 'new',
) => getCondition(obj, version, type, style);

describe('stuckMachine', () => {
  it('leaves a Provisioning machine without instance, providerID or Node, and says why', () => {
    const c = cluster();
    const m = worker(c, 3);
    const nodeName = m.node?.metadata.name;
    const message = 'failed to create AWSMachine instance: InsufficientInstanceCapacity';
    stuckMachine(m, {
      phase: 'Provisioning',
      since: NOW - 40 * MIN,
      infraCondition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed', message },
    });
    expect(get(m.machine, 'status.phase')).toBe('Provisioning');
    expect(get(m.machine, 'spec.providerID')).toBeUndefined();
    expect(get(m.machine, 'status.nodeRef')).toBeUndefined();
    expect(m.machine.metadata.creationTimestamp).toBe('2026-11-20T09:50:00Z');
    expect(m.node).toBeUndefined();
    expect(c.nodes.some((n) => n.metadata.name === nodeName)).toBe(false);
    expect(c.pods.some((p) => p.spec?.nodeName === nodeName)).toBe(false);
    expect(get(m.infraMachine, 'status.ready')).toBe(false);
    expect(get(m.infraMachine, 'spec.providerID')).toBeUndefined();
    expect(
      (get(m.infraMachine, 'status.conditions') as unknown[]).find((x) => get(x, 'type') === 'InstanceReady'),
    ).toMatchObject({
      status: 'False',
      severity: 'Error',
      reason: 'InstanceProvisionFailed',
      message,
    });
    expect(condition(m.machine, 'InfrastructureReady')).toMatchObject({
      status: 'False',
      reason: 'InstanceProvisionFailed',
      message,
    });
    expect(condition(m.machine, 'NodeHealthy')).toMatchObject({
      status: 'Unknown',
      message: 'Waiting for AWSMachine to report spec.providerID',
    });
    expect(condition(m.machine, 'HealthCheckSucceeded')).toMatchObject({
      status: 'False',
      reason: 'NodeStartupTimeout',
    });
    const md = c.pools[0]?.machineDeployment;
    expect(get(md, 'status.availableReplicas')).toBe(3);
    expect(condition(md as RawObject, 'Available')).toMatchObject({
      status: 'False',
      reason: 'NotAvailable',
    });
    expect(condition(c.cluster, 'WorkersAvailable')?.message).toContain(
      'MachineDeployment prod-md-0: 3 available replicas, at least 4 required',
    );
    expect(
      c.managementEvents.some(
        (e) => e.reason === 'SuccessfulSetNodeRef' && get(e, 'involvedObject.name') === m.name,
      ),
    ).toBe(false);
  });

  it('keeps the Node but unlinked for a Provisioned machine when asked', () => {
    const c = cluster();
    const m = worker(c, 0);
    stuckMachine(m, { phase: 'Provisioned', since: NOW - 30 * MIN, removeNode: false });
    expect(get(m.machine, 'status.phase')).toBe('Provisioned');
    expect(get(m.machine, 'spec.providerID')).toBe(m.site.providerID);
    expect(m.node?.spec?.providerID).toBeUndefined();
    expect(m.node?.metadata.annotations?.['cluster.x-k8s.io/machine']).toBeUndefined();
    expect(condition(m.machine, 'NodeHealthy')?.message).toBe(
      `Waiting for a Node with spec.providerID ${m.site.providerID} to exist`,
    );
  });

  it('holds a Pending machine on its bootstrap data', () => {
    const c = cluster();
    const m = worker(c, 1);
    stuckMachine(m, { phase: 'Pending', since: NOW - 15 * MIN });
    expect(get(m.machine, 'status.phase')).toBe('Pending');
    expect(get(m.machine, 'spec.bootstrap.dataSecretName')).toBeUndefined();
    expect(condition(m.machine, 'BootstrapConfigReady')?.status).toBe('False');
  });

  it('writes v1beta1 conditions with severities', () => {
    const c = cluster('aws', 'v1beta1');
    const m = worker(c, 2);
    stuckMachine(m, {
      phase: 'Provisioning',
      since: NOW - 40 * MIN,
      infraCondition: { reason: 'InstanceProvisionFailed', message: 'boom' },
    });
    expect(get(m.machine, 'status.infrastructureReady')).toBe(false);
    expect(condition(m.machine, 'InfrastructureReady', 'v1beta1', 'old')).toMatchObject({
      status: 'False',
      severity: 'Error',
      reason: 'InstanceProvisionFailed',
    });
    expect(condition(m.machine, 'Ready', 'v1beta1', 'old')).toMatchObject({
      status: 'False',
      severity: 'Error',
    });
    expect(condition(m.machine, 'InfrastructureReady', 'v1beta1', 'new')).toMatchObject({
      status: 'False',
      message: 'boom',
    });
  });
});

describe('nodeNotReady', () => {
  it('makes the Node Unknown and tainted, evicts and replaces its pods, and marks the Machine unhealthy', () => {
    const c = cluster('azure');
    const m = worker(c, 1);
    const node = nodeNotReady(m, { since: NOW - 25 * MIN });
    const ready = (get(node, 'status.conditions') as { type: string }[]).find((x) => x.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: '2026-11-20T10:05:00Z',
    });
    expect(
      (get(node, 'spec.taints') as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`),
    ).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const pods = m.pods;
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp);
    expect(terminating.length).toBeGreaterThan(0);
    expect(terminating.every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet')).toBe(true);
    expect(
      pods
        .filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet')
        .every((p) => !p.metadata.deletionTimestamp),
    ).toBe(true);
    expect(
      pods.every((p) =>
        (get(p, 'status.conditions') as { type: string; status: string }[]).some(
          (x) => x.type === 'Ready' && x.status === 'False',
        ),
      ),
    ).toBe(true);
    const replacements = c.pods.filter((p) => p.metadata.creationTimestamp === '2026-11-20T10:10:02Z');
    expect(replacements).toHaveLength(terminating.length);
    expect(replacements.every((p) => p.spec?.nodeName !== node.metadata.name)).toBe(true);
    expect(c.workloadEvents.filter((e) => e.reason === 'TaintManagerEviction')).toHaveLength(
      terminating.length,
    );
    expect(get(m.machine, 'status.phase')).toBe('Running');
    expect(condition(m.machine, 'NodeReady')).toMatchObject({
      status: 'Unknown',
      message: '* Node.Ready: Kubelet stopped posting node status.',
    });
    expect(condition(m.machine, 'NodeHealthy')).toMatchObject({
      status: 'Unknown',
      message: '* Node.AllConditions: Kubelet stopped posting node status.',
    });
    expect(condition(m.machine, 'HealthCheckSucceeded')).toMatchObject({
      status: 'False',
      reason: 'UnhealthyNode',
    });
    expect(c.managementEvents.some((e) => e.reason === 'MachineMarkedUnhealthy')).toBe(true);
  });

  it('turns only Ready False for a kubelet that reports NotReady', () => {
    const c = cluster();
    const m = worker(c, 0);
    nodeNotReady(m, { since: NOW - 2 * MIN, reason: 'KubeletNotReady', message: 'PLEG is not healthy' });
    const conditions = get(m.node, 'status.conditions') as { type: string; status: string }[];
    expect(conditions.map((x) => `${x.type}=${x.status}`)).toEqual([
      'MemoryPressure=False',
      'DiskPressure=False',
      'PIDPressure=False',
      'Ready=False',
    ]);
    expect(m.pods.some((p) => p.metadata.deletionTimestamp)).toBe(false);
    expect(condition(m.machine, 'NodeHealthy')).toMatchObject({ status: 'False', reason: 'NodeNotHealthy' });
    expect(condition(m.machine, 'HealthCheckSucceeded')?.status).toBe('True');
  });
});

describe('nodePressure', () => {
  it('sets the pressure condition and taint, evicts one pod and turns NodeHealthy False', () => {
    const c = cluster();
    const m = worker(c, 2);
    nodePressure(m, 'DiskPressure', { since: NOW - 10 * MIN });
    const disk = (get(m.node, 'status.conditions') as { type: string }[]).find(
      (x) => x.type === 'DiskPressure',
    );
    expect(disk).toMatchObject({ status: 'True', reason: 'KubeletHasDiskPressure' });
    expect((get(m.node, 'spec.taints') as { key: string }[]).map((t) => t.key)).toContain(
      'node.kubernetes.io/disk-pressure',
    );
    expect(m.pods.filter((p) => get(p, 'status.reason') === 'Evicted')).toHaveLength(1);
    expect(condition(m.machine, 'NodeHealthy')).toMatchObject({
      status: 'False',
      message: '* Node.DiskPressure: kubelet has disk pressure',
    });
    expect(c.workloadEvents.some((e) => e.reason === 'EvictionThresholdMet')).toBe(true);
  });
});

describe('orphanNode and mismatchProviderID', () => {
  it('adds a Node no Machine owns, with system pods and no CAPI annotations', () => {
    const c = cluster();
    const node = orphanNode(c, 'ip-10-0-250-9.eu-west-1.compute.internal');
    expect(c.nodes).toContain(node);
    expect(Object.keys(node.metadata.annotations ?? {}).some((k) => k.startsWith('cluster.x-k8s.io/'))).toBe(
      false,
    );
    expect(c.machines.some((m) => get(m.machine, 'spec.providerID') === node.spec?.providerID)).toBe(false);
    expect(
      c.pods.filter((p) => p.spec?.nodeName === node.metadata.name).map((p) => p.metadata.generateName),
    ).toContain('kube-proxy-');
  });

  it('breaks the Machine-Node link so the Machine waits in Provisioned', () => {
    const c = cluster();
    const m = worker(c, 0);
    const providerID = mismatchProviderID(m);
    expect(providerID).not.toBe(m.site.providerID);
    expect(m.node?.spec?.providerID).toBe(providerID);
    expect(get(m.machine, 'status.phase')).toBe('Provisioned');
    expect(get(m.machine, 'status.nodeRef')).toBeUndefined();
    expect(condition(m.machine, 'NodeReady')?.message).toBe(
      `Waiting for a Node with spec.providerID ${m.site.providerID} to exist`,
    );
  });
});
