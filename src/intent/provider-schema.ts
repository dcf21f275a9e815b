import { DNS_SUBDOMAIN, dnsLabel, text } from './schema-parts.ts';
import type { ObjectSchema } from './schema-dsl.ts';

/** The provider section of an intent: exactly one provider and its settings. */
export const PROVIDER_SCHEMA: ObjectSchema = {
  type: 'object',
  description: 'Where the cluster runs: exactly one of aws, azure, vsphere, docker.',
  exactlyOne: true,
  properties: {
    aws: {
      type: 'object',
      description: 'Amazon EC2 through Cluster API Provider AWS.',
      required: ['region'],
      properties: {
        region: text('The AWS region.', {
          maxLength: 32,
          pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$',
          examples: ['eu-west-1'],
        }),
        sshKeyName: text('An EC2 key pair for SSH to the machines.', { maxLength: 255 }),
        identity: {
          type: 'object',
          description: 'The CAPA identity to use instead of the controller default.',
          required: ['kind', 'name'],
          properties: {
            kind: {
              type: 'string',
              description: 'The identity kind.',
              enum: ['AWSClusterControllerIdentity', 'AWSClusterRoleIdentity', 'AWSClusterStaticIdentity'],
            },
            name: text('The identity name.', { maxLength: 253, pattern: DNS_SUBDOMAIN }),
          },
        },
      },
    },
    azure: {
      type: 'object',
      description: 'Azure virtual machines through Cluster API Provider Azure.',
      required: ['location', 'subscriptionID'],
      properties: {
        location: text('The Azure location.', {
          maxLength: 40,
          pattern: '^[a-z][a-z0-9]+$',
          examples: ['westeurope'],
        }),
        subscriptionID: text('The subscription id.', {
          maxLength: 36,
          pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
          allowed: 'a subscription UUID like 00000000-0000-0000-0000-000000000000',
        }),
        resourceGroup: text('The resource group; default: the cluster name.', {
          maxLength: 90,
          pattern: '^[-A-Za-z0-9_.()]*[-A-Za-z0-9_()]$',
        }),
        identityName: text('The AzureClusterIdentity to use.', {
          maxLength: 253,
          pattern: DNS_SUBDOMAIN,
          default: 'cluster-identity',
        }),
        identityNamespace: dnsLabel(
          'Namespace of the AzureClusterIdentity; default: the cluster namespace.',
          63,
          '',
        ),
      },
    },
    vsphere: {
      type: 'object',
      description: 'vSphere virtual machines through Cluster API Provider vSphere.',
      required: ['server', 'datacenter', 'datastore', 'network', 'template', 'controlPlaneEndpoint'],
      properties: {
        server: text('The vCenter address.', { maxLength: 253 }),
        datacenter: text('The datacenter the machines run in.'),
        datastore: text('The datastore for machine disks.'),
        network: text('The network (port group) of the machines.'),
        template: text('The VM template to clone, with Kubernetes preinstalled.'),
        folder: text('The VM folder.'),
        resourcePool: text('The resource pool.'),
        storagePolicy: text('The storage policy name.'),
        thumbprint: text("The SHA-1 or SHA-256 thumbprint of vCenter's certificate.", {
          maxLength: 95,
          pattern: '^([0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$',
        }),
        controlPlaneEndpoint: text('The virtual IP of the API server (kube-vip announces it).', {
          maxLength: 253,
          pattern:
            '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$',
          allowed: 'an IPv4 address',
        }),
        credentialsSecret: text('The Secret with vCenter username and password; default: the cluster name.', {
          maxLength: 253,
          pattern: DNS_SUBDOMAIN,
        }),
      },
    },
    docker: {
      type: 'object',
      description:
        'Containers on the management host through the Dev provider (docker backend), for tests and demos.',
      properties: {},
    },
  },
};
