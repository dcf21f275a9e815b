/** Relations between objects, declared as data: built-in Cluster API links and a team's own. */

/** A kind, optionally in one API group; a kind starting with `*` matches by suffix (`*ControlPlane`). */
export interface KindMatch {
  readonly kind: string;
  readonly group?: string;
}

/** One declared relation: objects of kind `from` name objects of kind `to` through a field path or a label. */
export interface RelationRule {
  /** Name put on the edges, e.g. `infrastructure`. */
  readonly relation: string;
  readonly from: KindMatch;
  /** Dotted path in `from` to a reference object, a list of them (`[]` walks a list), or a name string. */
  readonly field?: string;
  /** Label of `from` whose value is the name of the target, in the same namespace. */
  readonly label?: string;
  /** The target kind; a reference object's own `kind` is used when the rule leaves it open. */
  readonly to?: KindMatch;
  /** Which end is the parent in `children`/`parents` queries. */
  readonly parent: 'from' | 'to';
}

const CAPI = 'cluster.x-k8s.io';

function ref(
  relation: string,
  kind: string,
  group: string,
  fields: readonly string[],
  to?: KindMatch,
): RelationRule[] {
  return fields.map((field) => ({
    relation,
    from: { kind, group },
    field,
    parent: 'from',
    ...(to ? { to } : {}),
  }));
}

function label(relation: string, key: string, to: KindMatch): RelationRule {
  return { relation, from: { kind: '*' }, label: key, to, parent: 'to' };
}

/** Cluster API's own links, for v1beta2 field names and, where they differ, v1beta1 ones. */
export const BUILTIN_RELATIONS: readonly RelationRule[] = [
  ...ref('infrastructure', 'Cluster', CAPI, ['spec.infrastructureRef']),
  ...ref('control-plane', 'Cluster', CAPI, ['spec.controlPlaneRef']),
  ...ref('class', 'Cluster', CAPI, ['spec.topology.classRef', 'spec.topology.class'], {
    kind: 'ClusterClass',
  }),
  ...ref('infrastructure', 'Machine', CAPI, ['spec.infrastructureRef']),
  ...ref('bootstrap', 'Machine', CAPI, ['spec.bootstrap.configRef']),
  ...ref('infrastructure', 'MachinePool', CAPI, ['spec.template.spec.infrastructureRef']),
  ...ref('bootstrap', 'MachinePool', CAPI, ['spec.template.spec.bootstrap.configRef']),
  ...ref('template', 'MachineDeployment', CAPI, [
    'spec.template.spec.infrastructureRef',
    'spec.template.spec.bootstrap.configRef',
  ]),
  ...ref('template', 'MachineSet', CAPI, [
    'spec.template.spec.infrastructureRef',
    'spec.template.spec.bootstrap.configRef',
  ]),
  ...ref('template', 'KubeadmControlPlane', `controlplane.${CAPI}`, [
    'spec.machineTemplate.spec.infrastructureRef',
    'spec.machineTemplate.infrastructureRef',
  ]),
  ...ref('remediation-template', 'MachineHealthCheck', CAPI, [
    'spec.remediation.templateRef',
    'spec.remediationTemplate',
  ]),
  ...ref('template', 'ClusterClass', CAPI, [
    'spec.infrastructure.templateRef',
    'spec.infrastructure.ref',
    'spec.controlPlane.templateRef',
    'spec.controlPlane.ref',
    'spec.controlPlane.machineInfrastructure.templateRef',
    'spec.controlPlane.machineInfrastructure.ref',
    'spec.workers.machineDeployments[].bootstrap.templateRef',
    'spec.workers.machineDeployments[].infrastructure.templateRef',
    'spec.workers.machineDeployments[].template.bootstrap.ref',
    'spec.workers.machineDeployments[].template.infrastructure.ref',
  ]),
  label('cluster', 'cluster.x-k8s.io/cluster-name', { kind: 'Cluster', group: CAPI }),
  label('deployment', 'cluster.x-k8s.io/deployment-name', { kind: 'MachineDeployment', group: CAPI }),
  label('machine-set', 'cluster.x-k8s.io/set-name', { kind: 'MachineSet', group: CAPI }),
  label('control-plane', 'cluster.x-k8s.io/control-plane-name', { kind: '*ControlPlane' }),
  label('machine-pool', 'cluster.x-k8s.io/pool-name', { kind: 'MachinePool', group: CAPI }),
];

/** Relations whose parent passes its cluster on to the child (templates are shared, so they do not). */
export const CLUSTER_MEMBERSHIP_RELATIONS: ReadonlySet<string> = new Set([
  'owner',
  'infrastructure',
  'control-plane',
  'bootstrap',
  'event',
]);

/** Whether a kind (and group) matches a {@link KindMatch}. */
export function kindMatches(match: KindMatch, kind: string, group: string): boolean {
  if (match.group !== undefined && match.group !== group) return false;
  if (match.kind === '*') return true;
  if (match.kind.startsWith('*')) return kind.endsWith(match.kind.slice(1));
  return match.kind === kind;
}
