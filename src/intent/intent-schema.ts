import { PROVIDER_SCHEMA } from './provider-schema.ts';
import {
  cidr,
  cidrList,
  dnsLabel,
  DNS_SUBDOMAIN,
  intOrPercent,
  labelKey,
  labelValue,
  text,
} from './schema-parts.ts';
import type { ObjectSchema } from './schema-dsl.ts';

import { INTENT_API_VERSION } from './schema-parts.ts';

export { INTENT_API_VERSION };

const machine: ObjectSchema = {
  type: 'object',
  description:
    'The machine shape. aws: type (instance type), diskGiB, image (AMI id). azure: type (VM size), diskGiB, image (image id). vsphere: cpus, memoryGiB, diskGiB, image (VM template). docker: image (kindest/node image). Unset fields take the provider defaults.',
  default: {},
  properties: {
    type: text('AWS instance type (m6i.large) or Azure VM size (Standard_D4s_v5).', {
      maxLength: 64,
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      examples: ['m6i.large', 'Standard_D4s_v5'],
    }),
    cpus: { type: 'integer', description: 'vSphere: virtual CPUs.', minimum: 1, maximum: 128 },
    memoryGiB: { type: 'integer', description: 'vSphere: memory in GiB.', minimum: 1, maximum: 4096 },
    diskGiB: { type: 'integer', description: 'Root disk size in GiB.', minimum: 8, maximum: 16384 },
    image: text('AMI id, Azure image id, vSphere VM template or Docker node image.', { maxLength: 512 }),
  },
};

const rolloutFields = {
  maxSurge: intOrPercent(
    'Machines created above the desired count during a rollout (MachineDeployments).',
    1,
  ),
  maxUnavailable: intOrPercent('Machines that may be unavailable during a rollout (MachineDeployments).', 0),
};

const nodePool: ObjectSchema = {
  type: 'object',
  description: 'A pool of worker machines of one shape: one MachineDeployment per failure domain.',
  required: ['name'],
  properties: {
    name: dnsLabel('The pool name, part of the MachineDeployment names.', 63, ''),
    replicas: {
      type: 'integer',
      description:
        'Worker machines in the pool, spread over its failure domains. Default 3, or none when autoscaling is set.',
      minimum: 0,
      maximum: 1000,
    },
    autoscaling: {
      type: 'object',
      description: 'Bounds for the cluster-autoscaler (Cluster API provider): min and max machines.',
      required: ['min', 'max'],
      properties: {
        min: { type: 'integer', description: 'Fewest machines.', minimum: 0, maximum: 1000 },
        max: { type: 'integer', description: 'Most machines.', minimum: 1, maximum: 1000 },
      },
    },
    machine,
    labels: {
      type: 'map',
      description:
        'Node labels, set by the kubelet when a node joins (node-role and node.cluster.x-k8s.io labels by Cluster API).',
      keys: labelKey,
      values: labelValue,
      maxProperties: 64,
      default: {},
    },
    taints: {
      type: 'array',
      description: 'Node taints, set when a node joins.',
      maxItems: 32,
      default: [],
      items: {
        type: 'object',
        description: 'A taint.',
        required: ['key', 'effect'],
        properties: {
          key: labelKey,
          value: labelValue,
          effect: {
            type: 'string',
            description: 'What the taint does to pods that do not tolerate it.',
            enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
          },
        },
      },
    },
    failureDomains: {
      type: 'array',
      description: 'Failure domains (zones) to spread the pool over; one MachineDeployment each.',
      items: text('A failure domain: an AWS availability zone, an Azure zone, a vSphere deployment zone.', {
        maxLength: 63,
        pattern: '^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$',
      }),
      maxItems: 16,
      uniqueBy: 'value',
      default: [],
    },
    rollout: {
      type: 'object',
      description: 'Overrides the cluster-wide rollout preferences for this pool.',
      properties: {
        maxSurge: { ...rolloutFields.maxSurge, default: undefined },
        maxUnavailable: { ...rolloutFields.maxUnavailable, default: undefined },
      },
    },
  },
};

/** The ClusterIntent format. */
export const INTENT_SCHEMA: ObjectSchema = {
  type: 'object',
  description: 'A Causeway ClusterIntent: what a cluster should be, compiled into Cluster API manifests.',
  required: ['apiVersion', 'kind', 'name', 'kubernetesVersion', 'provider'],
  properties: {
    apiVersion: { type: 'string', description: 'The intent format version.', enum: [INTENT_API_VERSION] },
    kind: { type: 'string', description: 'Always ClusterIntent.', enum: ['ClusterIntent'] },
    name: dnsLabel(
      'The cluster name.',
      49,
      ", so that '<name>-control-plane' stays within the 63-character label limit",
    ),
    namespace: { ...dnsLabel('The namespace of the Cluster API objects.', 63, ''), default: 'default' },
    kubernetesVersion: {
      type: 'string',
      description: 'The Kubernetes version of every machine.',
      pattern: '^v?1\\.[0-9]{1,2}\\.[0-9]{1,3}$',
      allowed: 'a Kubernetes release like v1.34.2 (quote it in YAML)',
      examples: ['v1.34.2'],
    },
    provider: PROVIDER_SCHEMA,
    controlPlane: {
      type: 'object',
      description: 'The control plane: a KubeadmControlPlane with stacked etcd.',
      default: {},
      properties: {
        replicas: {
          type: 'integer',
          description: 'Control plane machines; odd, so that etcd keeps quorum.',
          enum: [1, 3, 5, 7],
          default: 3,
        },
        machine,
      },
    },
    nodePools: {
      type: 'array',
      description: 'Worker pools. Default: one pool named workers with 3 machines.',
      items: nodePool,
      maxItems: 50,
      uniqueBy: 'name',
      default: [{ name: 'workers' }],
    },
    network: {
      type: 'object',
      description: 'Cluster networking.',
      default: {},
      properties: {
        pods: cidrList('Pod CIDR blocks.', ['192.168.0.0/16']),
        services: cidrList('Service CIDR blocks.', ['10.96.0.0/12']),
        nodes: cidr(
          'aws: the VPC block; azure: the VNet block. Default: the provider default (10.0.0.0/16, 10.0.0.0/8).',
        ),
        apiServerPort: {
          type: 'integer',
          description: 'The API server port.',
          minimum: 1,
          maximum: 65535,
          default: 6443,
        },
        serviceDomain: {
          ...text('The cluster DNS domain.', { maxLength: 253, pattern: DNS_SUBDOMAIN }),
          default: 'cluster.local',
        },
      },
    },
    healthChecks: {
      type: 'object',
      description: 'MachineHealthChecks that replace machines whose node never joins or stops being Ready.',
      default: {},
      properties: {
        enabled: { type: 'boolean', description: 'Create MachineHealthChecks.', default: true },
        nodeStartupTimeoutSeconds: {
          type: 'integer',
          description: 'How long a machine may take to get a node.',
          minimum: 60,
          maximum: 86400,
          default: 600,
        },
        unhealthyNodeTimeoutSeconds: {
          type: 'integer',
          description: 'How long a node may be NotReady or Unknown before its machine is replaced.',
          minimum: 30,
          maximum: 86400,
          default: 300,
        },
        maxUnhealthy: {
          ...intOrPercent('Stop remediating workers when more than this many are unhealthy at once.', '40%'),
        },
      },
    },
    rollout: {
      type: 'object',
      description: 'Rollout preferences.',
      default: {},
      properties: {
        ...rolloutFields,
        controlPlaneMaxSurge: {
          type: 'integer',
          description:
            'Control plane machines created before an old one is removed: 1, or 0 to delete first.',
          enum: [0, 1],
          default: 1,
        },
      },
    },
  },
};
