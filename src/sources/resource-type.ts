/** One listable, watchable resource type of an API server, as discovery reports it. */
export interface ResourceType {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural resource name used in paths, e.g. `machines`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** `plural.group`, or `plural` for the core group: the name `kubectl api-resources -o name` prints. */
export function resourceName(resource: ResourceType): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}

/** `group/version`, or `version` for the core group. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** The all-namespaces collection path, e.g. `/apis/cluster.x-k8s.io/v1beta2/machines`. */
export function collectionPath(resource: ResourceType): string {
  return resource.group
    ? `/apis/${resource.group}/${resource.version}/${resource.plural}`
    : `/api/${resource.version}/${resource.plural}`;
}

/** What every workload cluster is watched for. */
export const WORKLOAD_RESOURCES: readonly ResourceType[] = [
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
];

/** Core v1 Events, watched in the management cluster beside the Cluster API kinds. */
export const EVENTS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  namespaced: true,
};
