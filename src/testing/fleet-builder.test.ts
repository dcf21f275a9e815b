import { describe, expect, it } from 'vitest';
import { formatList } from './bundle-writer.ts';
import type { FleetBuilder } from './fleet-builder.ts';
import { createFleetBuilder } from './fleet-builder.ts';
import { fieldAt, parseBundleFiles } from './parse-files.ts';
import type { CapiVersion, RawObject } from './raw.ts';
import { PROVIDERS } from './raw.ts';

const CAPTURED_AT = '2026-11-20T10:30:00Z';

function fleet(seed = 7, apiVersion: CapiVersion = 'v1beta2'): FleetBuilder {
  const b = createFleetBuilder({ capturedAt: CAPTURED_AT, management: 'mgmt-test', seed, apiVersion });
  for (const provider of PROVIDERS) b.addCluster({ namespace: 'team', name: `c-${provider}`, provider });
  b.addCluster({
    namespace: 'other',
    name: 'big',
    provider: 'aws',
    controlPlaneReplicas: 1,
    pools: [
      { name: 'md-0', replicas: 2 },
      { name: 'gpu', replicas: 1, instanceType: 'g5.2xlarge' },
    ],
  });
  return b;
}

const byKind = (objects: RawObject[], kind: string): RawObject[] => objects.filter((o) => o.kind === kind);
const get = fieldAt;

describe('createFleetBuilder', () => {
  it('writes the same bytes for the same seed and different ones for another seed', () => {
    const a = fleet(7).files();
    const b = fleet(7).files();
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
    expect(fleet(8).files().get('management/machines.json')).not.toBe(a.get('management/machines.json'));
  });

  it('gives every object a unique uid', () => {
    const { management, workload } = parseBundleFiles(fleet().files());
    const uids = [...management, ...[...workload.values()].flat()].map((o) => o.metadata.uid);
    expect(uids.every((u) => typeof u === 'string' && /^[0-9a-f-]{36}$/.test(u))).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('links every Machine to the Node with the same providerID through nodeRef and annotations', () => {
    const { management, workload } = parseBundleFiles(fleet().files());
    const machines = byKind(management, 'Machine');
    expect(machines).toHaveLength(7 * 6 + 4);
    for (const m of machines) {
      const key = `${m.metadata.namespace ?? ''}/${String(get(m, 'spec.clusterName'))}`;
      const node = byKind(workload.get(key) ?? [], 'Node').find(
        (n) => n.metadata.name === get(m, 'status.nodeRef.name'),
      );
      expect(node, m.metadata.name).toBeDefined();
      expect(get(node, 'spec.providerID')).toBe(get(m, 'spec.providerID'));
      expect(node?.metadata.annotations?.['cluster.x-k8s.io/machine']).toBe(m.metadata.name);
      expect(get(m, 'status.phase')).toBe('Running');
    }
  });

  it('points every ownerReference at an existing object of the same plane', () => {
    const { management, workload } = parseBundleFiles(fleet().files());
    for (const objects of [management, ...workload.values()]) {
      const uids = new Set(objects.map((o) => o.metadata.uid));
      const refs = objects.flatMap((o) => o.metadata.ownerReferences ?? []);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(uids.has(ref.uid), `${ref.kind}/${ref.name}`).toBe(true);
    }
  });

  it('writes each provider with its kinds, apiVersion and providerID format', () => {
    const b = fleet();
    const expected: Record<string, [string, string, RegExp]> = {
      aws: [
        'AWSMachine',
        'infrastructure.cluster.x-k8s.io/v1beta2',
        /^aws:\/\/\/[a-z]{2}-[a-z]+-\d[abc]\/i-0[0-9a-f]{16}$/,
      ],
      azure: [
        'AzureMachine',
        'infrastructure.cluster.x-k8s.io/v1beta1',
        /^azure:\/\/\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/c-azure\/providers\/Microsoft\.Compute\/virtualMachines\/c-azure-/,
      ],
      gcp: [
        'GCPMachine',
        'infrastructure.cluster.x-k8s.io/v1beta1',
        /^gce:\/\/[a-z0-9-]+\/[a-z]+-[a-z]+\d-[abc]\/c-gcp-/,
      ],
      vsphere: [
        'VSphereMachine',
        'infrastructure.cluster.x-k8s.io/v1beta1',
        /^vsphere:\/\/42[0-9a-f]{6}-[0-9a-f]{4}-/,
      ],
      openstack: [
        'OpenStackMachine',
        'infrastructure.cluster.x-k8s.io/v1beta1',
        /^openstack:\/\/\/[0-9a-f-]{36}$/,
      ],
      metal3: [
        'Metal3Machine',
        'infrastructure.cluster.x-k8s.io/v1beta1',
        /^metal3:\/\/team\/rack-[abc]-host-\d\d\/c-metal3-/,
      ],
      docker: ['DevMachine', 'infrastructure.cluster.x-k8s.io/v1beta2', /^docker:\/\/\/\/c-docker-/],
    };
    for (const c of b.clusters.slice(0, PROVIDERS.length)) {
      const [kind, apiVersion, format] = expected[c.provider] ?? ['', '', /$^/];
      for (const m of c.machines) {
        expect(m.infraMachine.kind).toBe(kind);
        expect(m.infraMachine.apiVersion).toBe(apiVersion);
        expect(get(m.infraMachine, 'spec.providerID')).toMatch(format);
        expect(m.infraMachine.metadata.ownerReferences?.[0]?.uid).toBe(m.machine.metadata.uid);
      }
    }
    expect(b.clusters[0]?.nodes[0]?.metadata.name).toMatch(
      /^ip-10-0-\d+-\d+\.(ec2\.internal|[a-z0-9-]+\.compute\.internal)$/,
    );
    const files = b.files();
    expect(files.has('management/vspherevms.json')).toBe(true);
    expect(files.has('management/baremetalhosts.json')).toBe(true);
  });

  it('labels machines, sets and nodes the way Cluster API does', () => {
    const c = fleet().clusters[0];
    const cp = c?.controlPlaneMachines[0];
    const worker = c?.pools[0]?.machines[0];
    expect(cp?.machine.metadata.labels).toEqual({
      'cluster.x-k8s.io/cluster-name': 'c-aws',
      'cluster.x-k8s.io/control-plane': '',
      'cluster.x-k8s.io/control-plane-name': 'c-aws-control-plane',
    });
    expect(cp?.machine.metadata.ownerReferences?.[0]?.kind).toBe('KubeadmControlPlane');
    const ms = c?.pools[0]?.machineSet;
    expect(worker?.machine.metadata.labels).toMatchObject({
      'cluster.x-k8s.io/deployment-name': 'c-aws-md-0',
      'cluster.x-k8s.io/set-name': ms?.metadata.name,
      'machine-template-hash': ms?.metadata.labels?.['machine-template-hash'],
    });
    expect(ms?.metadata.ownerReferences?.[0]?.kind).toBe('MachineDeployment');
    expect(cp?.node?.spec?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(worker?.node?.metadata.annotations).toMatchObject({
      'cluster.x-k8s.io/owner-kind': 'MachineSet',
      'cluster.x-k8s.io/cluster-namespace': 'team',
    });
    expect(worker?.bootstrap.metadata.ownerReferences?.[0]?.uid).toBe(worker?.machine.metadata.uid);
  });

  it('puts podsPerNode pods on every worker node, all Running, with kube-proxy, static pods and CoreDNS', () => {
    const b = createFleetBuilder({ capturedAt: CAPTURED_AT, seed: 3 });
    const c = b.addCluster({
      namespace: 'ns',
      name: 'a',
      provider: 'gcp',
      podsPerNode: 12,
      eventsPerCluster: 0,
    });
    for (const m of c.machines) expect(m.pods.length).toBe(m.role === 'worker' ? 12 : m.pods.length);
    for (const m of c.controlPlaneMachines) expect(m.pods.length).toBeGreaterThanOrEqual(8);
    expect(c.pods.every((p) => get(p, 'status.phase') === 'Running')).toBe(true);
    expect(c.pods.filter((p) => p.metadata.name.startsWith('kube-proxy-'))).toHaveLength(6);
    expect(c.pods.filter((p) => p.metadata.name.startsWith('coredns-'))).toHaveLength(2);
    expect(c.pods.filter((p) => p.metadata.name.startsWith('kube-apiserver-'))).toHaveLength(3);
  });

  it('writes noise: events of both APIs, creation events, sorted controller-runtime logs with a retried conflict', () => {
    const files = fleet().files();
    const { management, workload } = parseBundleFiles(files);
    const events = [...workload.values()].flat().filter((o) => o.kind === 'Event');
    expect(events.some((e) => e.apiVersion === 'v1' && get(e, 'involvedObject.uid'))).toBe(true);
    expect(events.some((e) => e.apiVersion === 'events.k8s.io/v1' && get(e, 'regarding.uid'))).toBe(true);
    const reasons = new Set(byKind(management, 'Event').map((e) => e.reason));
    expect(reasons).toEqual(new Set(['SuccessfulCreate', 'SuccessfulSetNodeRef']));
    const logs = [...files].filter(([path]) => path.startsWith('logs/management/'));
    expect(logs.map(([path]) => path)).toContain(
      `logs/management/capa-system/${fleet().controllerPod('aws').pod}/manager.log`,
    );
    const lines = logs.flatMap(([, text]) =>
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>),
    );
    expect(lines.every((l) => l.level && l.ts && l.msg && l.controller && l.reconcileID)).toBe(true);
    expect(
      lines.some((l) =>
        l.error?.includes('the object has been modified; please apply your changes to the latest version'),
      ),
    ).toBe(true);
    for (const [, text] of logs) {
      const ts = text
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { ts: string }).ts);
      expect(ts).toEqual([...ts].sort());
    }
  });

  it('writes bundle.yaml and kubectl-shaped Lists', () => {
    const files = fleet().files();
    expect(files.get('bundle.yaml')).toBe('capturedAt: "2026-11-20T10:30:00Z"\nmanagement: "mgmt-test"\n');
    const items = [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } }];
    expect(formatList(items)).toBe(
      `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 2)}\n`,
    );
    expect(formatList([])).toBe(
      `${JSON.stringify({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }, null, 2)}\n`,
    );
    expect(
      files
        .get('management/machines.json')
        ?.startsWith(
          '{\n  "apiVersion": "v1",\n  "items": [\n    {\n      "apiVersion": "cluster.x-k8s.io/v1beta2"',
        ),
    ).toBe(true);
  });

  it('adds custom objects, metrics and boot logs', () => {
    const b = createFleetBuilder({ capturedAt: CAPTURED_AT });
    const c = b.addCluster({ namespace: 'ns', name: 'a', provider: 'docker', pools: [] });
    b.addObject('management', {
      apiVersion: 'example.com/v1',
      kind: 'Database',
      metadata: {
        name: 'orders',
        namespace: 'ns',
        ownerReferences: [
          {
            apiVersion: 'cluster.x-k8s.io/v1beta2',
            kind: 'Cluster',
            name: 'a',
            uid: c.cluster.metadata.uid ?? '',
          },
        ],
      },
      spec: { clusterRef: { name: 'a' } },
    });
    b.addMetric(c, 'http-error-ratio', [{ labels: { service: 'api' }, points: [[1795167000, 0.002]] }]);
    const machine = c.machines[0];
    if (machine) b.addBootLog(machine, 'cloud-init-output', ['[preflight] Running pre-flight checks']);
    const files = b.files();
    const db = parseBundleFiles(files).management.find((o) => o.kind === 'Database');
    expect(db?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(db ?? {})).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(JSON.parse(files.get('metrics/ns/a/http-error-ratio.json') ?? '{}')).toEqual({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [{ metric: { service: 'api' }, values: [[1795167000, '0.002']] }],
      },
    });
    expect(files.get(`logs/machines/ns/${machine?.name ?? ''}/cloud-init-output.log`)).toBe(
      '[preflight] Running pre-flight checks\n',
    );
  });

  it('rejects bad options with coded errors', () => {
    expect(() => createFleetBuilder({ capturedAt: 'yesterday' })).toThrow(
      expect.objectContaining({ code: 'bad-timestamp' }),
    );
    const b = createFleetBuilder({ capturedAt: CAPTURED_AT });
    expect(() => b.addCluster({ namespace: 'ns', name: 'Bad_Name', provider: 'aws' })).toThrow(
      expect.objectContaining({ code: 'bad-name' }),
    );
    expect(() => b.addCluster({ namespace: 'ns', name: 'a', provider: 'ibm' as 'aws' })).toThrow(
      expect.objectContaining({ code: 'bad-provider' }),
    );
    expect(() =>
      b.addCluster({ namespace: 'ns', name: 'a', provider: 'aws', createdAt: '2026-11-20T10:10:00Z' }),
    ).toThrow(expect.objectContaining({ code: 'bad-created-at' }));
    b.addCluster({ namespace: 'ns', name: 'a', provider: 'aws' });
    expect(() => b.addCluster({ namespace: 'ns', name: 'a', provider: 'aws' })).toThrow(
      expect.objectContaining({ code: 'duplicate-cluster' }),
    );
  });
});

describe('v1beta1 output', () => {
  const { management } = parseBundleFiles(fleet(7, 'v1beta1').files());
  const core = management.filter((o) =>
    /^((bootstrap|controlplane)\.)?cluster\.x-k8s\.io\//.test(o.apiVersion),
  );

  it('writes every core object at v1beta1', () => {
    expect(core.length).toBeGreaterThan(100);
    expect(core.every((o) => o.apiVersion.endsWith('/v1beta1'))).toBe(true);
    const owners = management
      .flatMap((o) => o.metadata.ownerReferences ?? [])
      .filter((r) => r.apiVersion.startsWith('cluster.x-k8s.io/'));
    expect(owners.every((r) => r.apiVersion === 'cluster.x-k8s.io/v1beta1')).toBe(true);
  });

  it('writes full ObjectReferences, old conditions and the nested v1beta2 ones', () => {
    const machine = byKind(management, 'Machine')[0];
    expect(get(machine, 'spec.infrastructureRef')).toEqual({
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'AWSMachine',
      name: machine?.metadata.name,
      namespace: 'team',
    });
    expect(get(machine, 'status.bootstrapReady')).toBe(true);
    expect(get(machine, 'status.infrastructureReady')).toBe(true);
    expect(Object.keys(get(machine, 'status.nodeRef') as object)).toEqual([
      'apiVersion',
      'kind',
      'name',
      'uid',
    ]);
    const types = (get(machine, 'status.conditions') as { type: string }[]).map((c) => c.type);
    expect(types).toEqual(
      expect.arrayContaining(['Ready', 'BootstrapReady', 'InfrastructureReady', 'NodeHealthy']),
    );
    const fresh = (get(machine, 'status.v1beta2.conditions') as { type: string }[]).map((c) => c.type);
    expect(fresh).toEqual(
      expect.arrayContaining(['Available', 'Ready', 'BootstrapConfigReady', 'NodeReady', 'NodeHealthy']),
    );
    expect(get(byKind(management, 'Cluster')[0], 'spec.controlPlaneRef.apiVersion')).toBe(
      'controlplane.cluster.x-k8s.io/v1beta1',
    );
    expect(get(byKind(management, 'Cluster')[0], 'status.v1beta2.conditions.0.type')).toBe('Available');
  });

  it('writes the v1beta1 spec fields of MachineDeployment, MachineHealthCheck and KubeadmControlPlane', () => {
    const md = byKind(management, 'MachineDeployment')[0];
    expect(get(md, 'spec.strategy.type')).toBe('RollingUpdate');
    expect(get(md, 'spec.rollout')).toBeUndefined();
    const mhc = byKind(management, 'MachineHealthCheck')[0];
    expect(get(mhc, 'spec.maxUnhealthy')).toBe('40%');
    expect(get(mhc, 'spec.nodeStartupTimeout')).toBe('10m0s');
    expect(get(mhc, 'spec.unhealthyConditions.0')).toEqual({
      type: 'Ready',
      status: 'Unknown',
      timeout: '300s',
    });
    const kcp = byKind(management, 'KubeadmControlPlane')[0];
    expect(get(kcp, 'spec.machineTemplate.infrastructureRef.kind')).toBe('AWSMachineTemplate');
    expect(get(kcp, 'status.ready')).toBe(true);
    expect(get(kcp, 'status.v1beta2.availableReplicas')).toBe(3);
  });
});
