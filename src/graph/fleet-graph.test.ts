import { describe, expect, it } from 'vitest';
import { edgeList, graphOf, obj } from '../testing/graph-fixtures.ts';
import type { KubeObject } from '../model/fleet.ts';

const B2 = 'cluster.x-k8s.io/v1beta2';
const B1 = 'cluster.x-k8s.io/v1beta1';
const INFRA = 'infrastructure.cluster.x-k8s.io/v1beta2';
const labels = (extra: Record<string, string>) => ({
  metadata: { labels: { 'cluster.x-k8s.io/cluster-name': 'prod', ...extra } },
});
const owner = (kind: string, name: string, apiVersion = B2) => ({
  apiVersion,
  kind,
  name,
  uid: `uid-${kind}-${name}`,
  controller: true,
});

/** A small v1beta2 cluster: the objects a capture of shop/prod holds. */
function prodCluster(): KubeObject[] {
  return [
    obj(B2, 'Cluster', 'shop', 'prod', {
      spec: {
        infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSCluster', name: 'prod' },
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'prod-cp',
        },
      },
    }),
    obj(INFRA, 'AWSCluster', 'shop', 'prod', { metadata: { ownerReferences: [owner('Cluster', 'prod')] } }),
    obj('controlplane.cluster.x-k8s.io/v1beta2', 'KubeadmControlPlane', 'shop', 'prod-cp', {
      metadata: {
        ownerReferences: [owner('Cluster', 'prod')],
        labels: { 'cluster.x-k8s.io/cluster-name': 'prod' },
      },
      spec: {
        machineTemplate: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'AWSMachineTemplate',
              name: 'prod-cp-1',
            },
          },
        },
      },
    }),
    obj(INFRA, 'AWSMachineTemplate', 'shop', 'prod-cp-1'),
    obj(B2, 'Machine', 'shop', 'prod-cp-a', {
      metadata: {
        ...labels({ 'cluster.x-k8s.io/control-plane': '', 'cluster.x-k8s.io/control-plane-name': 'prod-cp' })
          .metadata,
        ownerReferences: [owner('KubeadmControlPlane', 'prod-cp', 'controlplane.cluster.x-k8s.io/v1beta2')],
      },
      spec: {
        clusterName: 'prod',
        providerID: 'aws:///eu-west-1a/i-cp',
        infrastructureRef: {
          apiGroup: 'infrastructure.cluster.x-k8s.io',
          kind: 'AWSMachine',
          name: 'prod-cp-a',
        },
        bootstrap: {
          configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', name: 'prod-cp-a' },
        },
      },
      status: { phase: 'Running', nodeRef: { name: 'ip-cp' } },
    }),
    obj(INFRA, 'AWSMachine', 'shop', 'prod-cp-a', {
      metadata: { ownerReferences: [owner('Machine', 'prod-cp-a')] },
    }),
    obj('bootstrap.cluster.x-k8s.io/v1beta2', 'KubeadmConfig', 'shop', 'prod-cp-a', {
      metadata: { ownerReferences: [owner('Machine', 'prod-cp-a')] },
    }),
    obj(B2, 'MachineDeployment', 'shop', 'prod-md-0', {
      ...labels({}),
      spec: {
        clusterName: 'prod',
        template: {
          spec: {
            infrastructureRef: {
              apiGroup: 'infrastructure.cluster.x-k8s.io',
              kind: 'AWSMachineTemplate',
              name: 'prod-md-0-1',
            },
            bootstrap: {
              configRef: {
                apiGroup: 'bootstrap.cluster.x-k8s.io',
                kind: 'KubeadmConfigTemplate',
                name: 'prod-md-0',
              },
            },
          },
        },
      },
    }),
    obj(INFRA, 'AWSMachineTemplate', 'shop', 'prod-md-0-1'),
    obj('bootstrap.cluster.x-k8s.io/v1beta2', 'KubeadmConfigTemplate', 'shop', 'prod-md-0'),
    obj(B2, 'MachineSet', 'shop', 'prod-md-0-x', {
      metadata: {
        ...labels({ 'cluster.x-k8s.io/deployment-name': 'prod-md-0' }).metadata,
        ownerReferences: [owner('MachineDeployment', 'prod-md-0')],
      },
    }),
    obj(B2, 'Machine', 'shop', 'prod-md-0-x-1', {
      metadata: {
        ...labels({
          'cluster.x-k8s.io/deployment-name': 'prod-md-0',
          'cluster.x-k8s.io/set-name': 'prod-md-0-x',
          pool: 'general',
        }).metadata,
        ownerReferences: [owner('MachineSet', 'prod-md-0-x')],
      },
      spec: { clusterName: 'prod', providerID: 'aws:///eu-west-1a/i-w1' },
      status: { phase: 'Running', nodeRef: { name: 'ip-w1' } },
    }),
    obj(B2, 'Machine', 'shop', 'prod-md-0-x-2', {
      metadata: {
        ...labels({
          'cluster.x-k8s.io/deployment-name': 'prod-md-0',
          'cluster.x-k8s.io/set-name': 'prod-md-0-x',
          pool: 'general',
        }).metadata,
        ownerReferences: [owner('MachineSet', 'prod-md-0-x')],
      },
      spec: { clusterName: 'prod', providerID: 'aws:///eu-west-1a/i-w2' },
      status: { phase: 'Provisioned' },
    }),
    obj(B2, 'MachineHealthCheck', 'shop', 'prod-md-0-mhc', {
      spec: {
        clusterName: 'prod',
        selector: {
          matchLabels: { 'cluster.x-k8s.io/deployment-name': 'prod-md-0' },
          matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }],
        },
      },
    }),
  ];
}

const node = (name: string, providerID: string | undefined, machine?: string) =>
  obj('v1', 'Node', '', name, {
    metadata: machine
      ? { annotations: { 'cluster.x-k8s.io/machine': machine, 'cluster.x-k8s.io/cluster-namespace': 'shop' } }
      : {},
    spec: providerID ? { providerID } : {},
  });

function prodWorkload(): KubeObject[] {
  return [
    node('ip-cp', 'aws:///eu-west-1a/i-cp', 'prod-cp-a'),
    node('ip-w1', 'aws:///eu-west-1a/i-w1', 'prod-md-0-x-1'),
    node('ip-w2', 'aws:///eu-west-1a/i-w2'),
    obj('v1', 'Pod', 'default', 'web-1', { spec: { nodeName: 'ip-w1' }, status: { phase: 'Running' } }),
    obj('v1', 'Pod', 'default', 'web-2', { spec: { nodeName: 'ip-w1' }, status: { phase: 'Pending' } }),
    obj('v1', 'Pod', 'default', 'unscheduled', { spec: {}, status: { phase: 'Pending' } }),
  ];
}

describe('buildFleetGraph', () => {
  it('links owners to what they own by ownerReferences', () => {
    expect(edgeList(graphOf(prodCluster()), 'owner')).toEqual([
      'owner Cluster/prod -> AWSCluster/prod (controller ownerReference)',
      'owner Cluster/prod -> KubeadmControlPlane/prod-cp (controller ownerReference)',
      'owner KubeadmControlPlane/prod-cp -> Machine/prod-cp-a (controller ownerReference)',
      'owner Machine/prod-cp-a -> AWSMachine/prod-cp-a (controller ownerReference)',
      'owner Machine/prod-cp-a -> KubeadmConfig/prod-cp-a (controller ownerReference)',
      'owner MachineDeployment/prod-md-0 -> MachineSet/prod-md-0-x (controller ownerReference)',
      'owner MachineSet/prod-md-0-x -> Machine/prod-md-0-x-1 (controller ownerReference)',
      'owner MachineSet/prod-md-0-x -> Machine/prod-md-0-x-2 (controller ownerReference)',
    ]);
  });

  it('falls back to kind and name when an ownerReference uid matches nothing', () => {
    const graph = graphOf([
      obj(B2, 'MachineSet', 'a', 'ms'),
      obj(B2, 'Machine', 'a', 'm', {
        metadata: { ownerReferences: [{ apiVersion: B2, kind: 'MachineSet', name: 'ms', uid: 'stale' }] },
      }),
    ]);
    expect(edgeList(graph, 'owner')).toEqual(['owner MachineSet/ms -> Machine/m (ownerReference)']);
  });

  it('follows infrastructureRef, controlPlaneRef, bootstrap.configRef and template refs', () => {
    const graph = graphOf(prodCluster());
    expect(edgeList(graph, 'infrastructure')).toEqual([
      'infrastructure Cluster/prod -> AWSCluster/prod (spec.infrastructureRef)',
      'infrastructure Machine/prod-cp-a -> AWSMachine/prod-cp-a (spec.infrastructureRef)',
    ]);
    expect(edgeList(graph, 'bootstrap')).toEqual([
      'bootstrap Machine/prod-cp-a -> KubeadmConfig/prod-cp-a (spec.bootstrap.configRef)',
    ]);
    expect(edgeList(graph, 'template')).toEqual([
      'template KubeadmControlPlane/prod-cp -> AWSMachineTemplate/prod-cp-1 (spec.machineTemplate.spec.infrastructureRef)',
      'template MachineDeployment/prod-md-0 -> AWSMachineTemplate/prod-md-0-1 (spec.template.spec.infrastructureRef)',
      'template MachineDeployment/prod-md-0 -> KubeadmConfigTemplate/prod-md-0 (spec.template.spec.bootstrap.configRef)',
    ]);
    expect(edgeList(graph, 'control-plane')).toContain(
      'control-plane Cluster/prod -> KubeadmControlPlane/prod-cp (spec.controlPlaneRef)',
    );
  });

  it('reads v1beta1 references (apiVersion and namespace in the ref, KCP machineTemplate.infrastructureRef)', () => {
    const graph = graphOf([
      obj(B1, 'Cluster', 'old', 'c', {
        spec: {
          infrastructureRef: {
            apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
            kind: 'AzureCluster',
            name: 'c',
            namespace: 'old',
          },
          controlPlaneRef: {
            apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1',
            kind: 'KubeadmControlPlane',
            name: 'c-cp',
            namespace: 'old',
          },
          topology: { class: 'standard' },
        },
      }),
      obj('infrastructure.cluster.x-k8s.io/v1beta1', 'AzureCluster', 'old', 'c'),
      obj('controlplane.cluster.x-k8s.io/v1beta1', 'KubeadmControlPlane', 'old', 'c-cp', {
        spec: {
          machineTemplate: {
            infrastructureRef: {
              apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
              kind: 'AzureMachineTemplate',
              name: 't',
              namespace: 'old',
            },
          },
        },
      }),
      obj('infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', 'old', 't'),
      obj(B1, 'ClusterClass', 'old', 'standard'),
    ]);
    expect(edgeList(graph).filter((e) => !e.startsWith('owner'))).toEqual([
      'class Cluster/c -> ClusterClass/standard (spec.topology.class)',
      'control-plane Cluster/c -> KubeadmControlPlane/c-cp (spec.controlPlaneRef)',
      'infrastructure Cluster/c -> AzureCluster/c (spec.infrastructureRef)',
      'template KubeadmControlPlane/c-cp -> AzureMachineTemplate/t (spec.machineTemplate.infrastructureRef)',
    ]);
  });

  it('links by the CAPI labels cluster-name, deployment-name, set-name, control-plane-name and pool-name', () => {
    const graph = graphOf([
      ...prodCluster(),
      obj(B2, 'MachinePool', 'shop', 'prod-mp', labels({})),
      obj(B2, 'Machine', 'shop', 'prod-mp-1', labels({ 'cluster.x-k8s.io/pool-name': 'prod-mp' })),
    ]);
    const viaLabels = edgeList(graph).filter((e) => e.includes('(label '));
    expect(viaLabels).toContain(
      'cluster Cluster/prod -> Machine/prod-md-0-x-1 (label cluster.x-k8s.io/cluster-name)',
    );
    expect(viaLabels).toContain(
      'deployment MachineDeployment/prod-md-0 -> MachineSet/prod-md-0-x (label cluster.x-k8s.io/deployment-name)',
    );
    expect(viaLabels).toContain(
      'machine-set MachineSet/prod-md-0-x -> Machine/prod-md-0-x-2 (label cluster.x-k8s.io/set-name)',
    );
    expect(viaLabels).toContain(
      'control-plane KubeadmControlPlane/prod-cp -> Machine/prod-cp-a (label cluster.x-k8s.io/control-plane-name)',
    );
    expect(viaLabels).toContain(
      'machine-pool MachinePool/prod-mp -> Machine/prod-mp-1 (label cluster.x-k8s.io/pool-name)',
    );
  });

  it('reports references to objects that are not in the fleet', () => {
    const graph = graphOf([
      obj(B2, 'Machine', 'a', 'm', {
        spec: {
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'AWSMachine',
            name: 'gone',
          },
        },
      }),
    ]);
    expect(graph.unresolved).toEqual([
      {
        from: 'm|cluster.x-k8s.io|Machine|a|m',
        relation: 'infrastructure',
        via: 'spec.infrastructureRef',
        target: 'AWSMachine a/gone',
      },
    ]);
  });

  it('links Machines to Nodes by nodeRef, providerID and the Node annotation, saying which agreed', () => {
    const graph = graphOf(prodCluster(), { 'shop/prod': prodWorkload() });
    expect(edgeList(graph, 'node')).toEqual([
      'node Machine/prod-cp-a -> Node/ip-cp (nodeRef+providerID+annotation)',
      'node Machine/prod-md-0-x-1 -> Node/ip-w1 (nodeRef+providerID+annotation)',
      'node Machine/prod-md-0-x-2 -> Node/ip-w2 (providerID)',
    ]);
    expect(graph.linkConflicts).toEqual([]);
    const machine = graph.find({ kind: 'Machine', name: 'prod-md-0-x-1' })[0]!;
    expect(graph.nodeOf(machine.id)?.name).toBe('ip-w1');
    expect(graph.machineOf(graph.nodeOf(machine.id)!.id)?.name).toBe('prod-md-0-x-1');
  });

  it('links by the Node annotation alone when nothing else is set', () => {
    const graph = graphOf([obj(B2, 'Machine', 'shop', 'm', { spec: { clusterName: 'prod' } })], {
      'shop/prod': [node('n', undefined, 'm')],
    });
    expect(edgeList(graph, 'node')).toEqual(['node Machine/m -> Node/n (annotation)']);
  });

  it('reports Machine and Node records that disagree', () => {
    const graph = graphOf(
      [
        obj(B2, 'Machine', 'shop', 'm1', {
          spec: { clusterName: 'prod', providerID: 'aws:///z/i-1' },
          status: { nodeRef: { name: 'n-other' } },
        }),
        obj(B2, 'Machine', 'shop', 'm2', {
          spec: { clusterName: 'prod' },
          status: { nodeRef: { name: 'n-missing' } },
        }),
      ],
      { 'shop/prod': [node('n1', 'aws:///z/i-1'), node('n-other', 'aws:///z/i-9')] },
    );
    expect(graph.linkConflicts.map((c) => [c.kind, c.message])).toEqual([
      ['methods-disagree', 'Machine shop/m1 matches different Nodes: nodeRef -> n-other, providerID -> n1'],
      [
        'provider-id-mismatch',
        'Machine shop/m1 has providerID aws:///z/i-1 but its Node n-other has aws:///z/i-9',
      ],
      [
        'node-ref-missing',
        'Machine shop/m2 has status.nodeRef n-missing, but the workload cluster shop/prod has no such Node',
      ],
    ]);
  });

  it('compares Azure provider IDs without regard to case', () => {
    const id = 'azure:///subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/vm-1';
    const graph = graphOf(
      [obj(B2, 'Machine', 'shop', 'm', { spec: { clusterName: 'prod', providerID: id } })],
      { 'shop/prod': [node('vm-1', id.toLowerCase())] },
    );
    expect(edgeList(graph, 'node')).toEqual(['node Machine/m -> Node/vm-1 (providerID)']);
  });

  it('links Nodes to the Pods scheduled on them', () => {
    const graph = graphOf(prodCluster(), { 'shop/prod': prodWorkload() });
    expect(edgeList(graph, 'pod')).toEqual([
      'pod Node/ip-w1 -> Pod/web-1 (spec.nodeName)',
      'pod Node/ip-w1 -> Pod/web-2 (spec.nodeName)',
    ]);
  });

  it('links a MachineHealthCheck to the Machines its selector picks', () => {
    expect(edgeList(graphOf(prodCluster()), 'health-check')).toEqual([
      'health-check MachineHealthCheck/prod-md-0-mhc -> Machine/prod-md-0-x-1 (spec.selector)',
      'health-check MachineHealthCheck/prod-md-0-mhc -> Machine/prod-md-0-x-2 (spec.selector)',
    ]);
  });

  it('ties v1 and events.k8s.io/v1 Events to their objects, by uid or by name', () => {
    const graph = graphOf(
      [
        ...prodCluster(),
        obj('v1', 'Event', 'shop', 'e1', {
          involvedObject: {
            apiVersion: B2,
            kind: 'Machine',
            namespace: 'shop',
            name: 'prod-md-0-x-2',
            uid: 'other-uid',
          },
          lastTimestamp: '2026-11-20T10:00:00Z',
        }),
        obj('events.k8s.io/v1', 'Event', 'shop', 'e2', {
          regarding: {
            kind: 'Machine',
            namespace: 'shop',
            name: 'prod-md-0-x-2',
            uid: 'uid-Machine-prod-md-0-x-2',
          },
          eventTime: '2026-11-20T09:00:00Z',
        }),
      ],
      {
        'shop/prod': [
          ...prodWorkload(),
          obj('v1', 'Event', 'default', 'e3', { involvedObject: { kind: 'Node', name: 'ip-w2' } }),
        ],
      },
    );
    expect(edgeList(graph, 'event')).toEqual([
      'event Machine/prod-md-0-x-2 -> Event/e1 (involvedObject)',
      'event Machine/prod-md-0-x-2 -> Event/e2 (regarding)',
      'event Node/ip-w2 -> Event/e3 (involvedObject)',
    ]);
    const machine = graph.find({ kind: 'Machine', name: 'prod-md-0-x-2' })[0]!;
    expect(graph.eventsOf(machine.id).map((e) => e.name)).toEqual(['e2', 'e1']);
  });

  it('joins a custom CRD through its ownerReferences and *Ref fields with no configuration', () => {
    const graph = graphOf([
      ...prodCluster(),
      obj('example.com/v1', 'Database', 'shop', 'orders', {
        metadata: {
          ownerReferences: [{ apiVersion: B2, kind: 'Cluster', name: 'prod', uid: 'uid-Cluster-prod' }],
        },
        spec: {
          clusterRef: { name: 'prod' },
          backupRefs: [{ kind: 'Backup', name: 'nightly' }],
          secretRef: 'not-captured',
          replicas: [{ region: 'eu' }, { region: 'us', storage: { backupRef: { name: 'weekly' } } }],
        },
      }),
      obj('example.com/v1', 'Backup', 'shop', 'nightly'),
      obj('example.com/v1', 'Backup', 'shop', 'weekly'),
    ]);
    expect(edgeList(graph).filter((e) => e.includes('Database'))).toEqual([
      'owner Cluster/prod -> Database/orders (ownerReference)',
      'ref Database/orders -> Backup/nightly (spec.backupRefs)',
      'ref Database/orders -> Backup/weekly (spec.replicas[1].storage.backupRef)',
    ]);
    const database = graph.find({ kind: 'Database' })[0]!;
    expect(graph.clusterOf(database.id)).toBe('shop/prod');
    expect(graph.clusterOf(graph.find({ kind: 'Backup' })[0]!.id)).toBeUndefined();
  });

  it('links a *Ref field to a Cluster it names and puts the object in that cluster', () => {
    const graph = graphOf([
      ...prodCluster(),
      obj('example.com/v1', 'Database', 'shop', 'orders', { spec: { clusterRef: { name: 'prod' } } }),
    ]);
    expect(edgeList(graph).filter((e) => e.includes('Database'))).toEqual([
      'ref Database/orders -> Cluster/prod (spec.clusterRef)',
    ]);
    expect(graph.clusterOf(graph.find({ kind: 'Database' })[0]!.id)).toBe('shop/prod');
  });

  it('adds a team’s own relations from rules', () => {
    const graph = graphOf(
      [...prodCluster(), obj('example.com/v1', 'Tenant', 'shop', 'payments', { spec: { runsOn: 'prod' } })],
      {},
      {
        options: {
          relations: [
            {
              relation: 'runs-on',
              from: { kind: 'Tenant', group: 'example.com' },
              field: 'spec.runsOn',
              to: { kind: 'Cluster' },
              parent: 'to',
            },
          ],
        },
      },
    );
    expect(edgeList(graph, 'runs-on')).toEqual(['runs-on Cluster/prod -> Tenant/payments (spec.runsOn)']);
  });

  it('puts every management object of a cluster in that cluster, but not shared templates', () => {
    const graph = graphOf(prodCluster(), { 'shop/prod': prodWorkload() });
    const members = graph
      .objectsOf('shop/prod')
      .map((o) => `${o.plane[0]}:${o.kind}/${o.name}`)
      .sort();
    expect(members).toEqual([
      'm:AWSCluster/prod',
      'm:AWSMachine/prod-cp-a',
      'm:Cluster/prod',
      'm:KubeadmConfig/prod-cp-a',
      'm:KubeadmControlPlane/prod-cp',
      'm:Machine/prod-cp-a',
      'm:Machine/prod-md-0-x-1',
      'm:Machine/prod-md-0-x-2',
      'm:MachineDeployment/prod-md-0',
      'm:MachineHealthCheck/prod-md-0-mhc',
      'm:MachineSet/prod-md-0-x',
      'w:Node/ip-cp',
      'w:Node/ip-w1',
      'w:Node/ip-w2',
      'w:Pod/unscheduled',
      'w:Pod/web-1',
      'w:Pod/web-2',
    ]);
  });

  it('answers children, parents and the path between two objects', () => {
    const graph = graphOf(prodCluster(), { 'shop/prod': prodWorkload() });
    const cluster = graph.find({ kind: 'Cluster' })[0]!;
    const pod = graph.find({ kind: 'Pod', name: 'web-1' })[0]!;
    const node = graph.find({ kind: 'Node', name: 'ip-w1' })[0]!;
    expect(graph.children(node.id).map((o) => o.name)).toEqual(['web-1', 'web-2']);
    expect(graph.parents(node.id).map((o) => o.name)).toEqual(['prod-md-0-x-1']);
    const path = graph.path(cluster.id, pod.id)!;
    expect(path.map((s) => `${s.direction} ${s.edge.relation}`)).toEqual([
      'down cluster',
      'down node',
      'down pod',
    ]);
    expect(graph.path(pod.id, cluster.id)!.map((s) => s.direction)).toEqual(['up', 'up', 'up']);
    const lonely = graph.find({ kind: 'Pod', name: 'unscheduled' })[0]!;
    expect(graph.path(cluster.id, lonely.id)).toBeUndefined();
  });

  it('ties logs to the objects they name and boot logs to their Machine, and metrics to clusters and nodes', () => {
    const log = {
      origin: { type: 'management-pod', namespace: 'capa-system', pod: 'capa-1', container: 'manager' },
      source: { file: 'logs/management/capa-system/capa-1/manager.log', line: 1 },
      ts: '2026-11-20T10:00:00Z',
      level: 'error',
      format: 'json',
      message: 'Reconciler error',
      error: 'boom',
      controller: 'awsmachine',
      objects: [{ kind: 'AWSMachine', namespace: 'shop', name: 'prod-cp-a' }],
    } as const;
    const boot = {
      ...log,
      origin: {
        type: 'machine-boot',
        namespace: 'shop',
        machine: 'prod-md-0-x-2',
        file: 'cloud-init-output.log',
      },
      objects: [],
    } as const;
    const series = {
      cluster: 'shop/prod',
      name: 'latency',
      labels: { node: 'ip-w1' },
      points: [[1, 2]] as const,
      source: { file: 'metrics/shop/prod/latency.json' },
    };
    const graph = graphOf(
      prodCluster(),
      { 'shop/prod': prodWorkload() },
      { logs: [log, boot], metrics: [series] },
    );
    expect(graph.logsOf(graph.find({ kind: 'AWSMachine', name: 'prod-cp-a' })[0]!.id)).toEqual([log]);
    expect(graph.logsOf(graph.find({ kind: 'Machine', name: 'prod-md-0-x-2' })[0]!.id)).toEqual([boot]);
    expect(graph.metricsOf('shop/prod')).toEqual([series]);
    expect(graph.metricsOfNode(graph.find({ kind: 'Node', name: 'ip-w1' })[0]!.id)).toEqual([series]);
  });
});
