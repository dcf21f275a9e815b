import type { KnowledgeEntry } from './entry.ts';

const CAPO = 'https://github.com/kubernetes-sigs/cluster-api-provider-openstack';
const CAPO_INSTANCE = `${CAPO}/blob/main/pkg/cloud/services/compute/instance.go`;
const CAPO_LOADBALANCER = `${CAPO}/blob/main/pkg/cloud/services/loadbalancer/loadbalancer.go`;
const NEUTRON_LIB_EXCEPTIONS =
  'https://github.com/openstack/neutron-lib/blob/master/neutron_lib/exceptions/__init__.py';

/** Known OpenStack failures (CAPO, Nova, Neutron, Cinder, Glance, Keystone, Octavia) and the texts they emit. */
export const OPENSTACK_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'openstack-nova-quota-exceeded',
    source: 'openstack',
    category: 'cloud-quota-exceeded',
    title: 'Nova quota exceeded for cores, RAM or instances',
    patterns: [/Quota exceeded for (?:cores|ram|instances)\b/i],
    specificity: 0.95,
    explanation:
      'Nova refused the server create with HTTP 403 because the project would exceed its compute quota for vCPUs, RAM or instance count. CAPO retries the OpenStackMachine and it stays without an instance until quota is freed or raised.',
    remediation: [
      {
        step: 'Compare usage with the project quota.',
        command: 'openstack limits show --absolute --project <project>',
      },
      { step: 'Read the quota of the project.', command: 'openstack quota show <project>' },
      {
        step: 'Delete leftover servers or ask the cloud admin to raise the quota.',
        command: 'openstack quota set --cores <n> --ram <mib> --instances <n> <project>',
      },
    ],
    examples: [
      'Quota exceeded for cores, ram: Requested 16, 32768, but already used 20, 65536 of 20, 65536 cores, ram',
      'Quota exceeded for cores, instances: Requested 4, 1, but already used 252, 63 of 252, 63 cores, instances',
    ],
    sources: [
      `${CAPO}/issues/3375`,
      'https://github.com/openshift/release/pull/21337',
      'https://github.com/rackerlabs/understack/issues/529',
    ],
  },
  {
    id: 'openstack-neutron-quota-exceeded',
    source: 'openstack',
    category: 'cloud-quota-exceeded',
    title: 'Neutron quota exceeded (networks, ports, floating IPs, security groups)',
    patterns: [/Quota exceeded for resources: \[[^\]]{0,200}\]/i, /"type": ?"OverQuota"/i],
    specificity: 0.95,
    explanation:
      'Neutron refused to create a network, subnet, router, port, security group or floating IP because the project reached its quota for that resource. CAPO cannot finish the OpenStackCluster network or the machine ports until quota is freed; leaked floating IPs and ports from deleted clusters are a common cause.',
    remediation: [
      {
        step: 'Show quota and usage of the network resources.',
        command: 'openstack quota show --usage <project>',
      },
      {
        step: 'Find unattached floating IPs and leftover ports.',
        command: 'openstack floating ip list --status DOWN',
      },
      {
        step: 'Release leaked resources or raise the quota.',
        command: 'openstack quota set --floating-ips <n> --ports <n> <project>',
      },
    ],
    examples: [
      '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: [\'network\'].", "detail": ""}}',
      "Quota exceeded for resources: ['floatingip'].",
    ],
    sources: [`${CAPO}/issues/2131`, NEUTRON_LIB_EXCEPTIONS],
  },
  {
    id: 'openstack-cinder-quota-exceeded',
    source: 'openstack',
    category: 'cloud-quota-exceeded',
    title: 'Cinder volume quota exceeded',
    patterns: [/\bVolumeLimitExceeded\b/i, /Maximum number of volumes allowed \(\d+\) exceeded/i],
    specificity: 0.9,
    explanation:
      'Cinder refused to create the root or additional volume because the project reached its quota for volumes or gigabytes. Machines that boot from volume cannot be created until volumes are freed or the quota raised.',
    remediation: [
      { step: 'Show volume quota and usage.', command: 'openstack quota show --usage <project>' },
      {
        step: 'List available (unattached) volumes left behind by deleted machines.',
        command: 'openstack volume list --status available',
      },
      {
        step: 'Delete leaked volumes or raise the quota.',
        command: 'openstack quota set --volumes <n> --gigabytes <gb> <project>',
      },
    ],
    examples: ["VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded for quota 'volumes'."],
    sources: ['https://github.com/redhat-openstack/openshift-on-openstack/issues/249'],
  },
  {
    id: 'openstack-no-valid-host',
    source: 'openstack',
    category: 'capacity-unavailable',
    title: 'Nova scheduler found no valid host',
    patterns: [/No valid host was found/i, /\bNoValidHost\b/i],
    specificity: 0.9,
    explanation:
      'The Nova scheduler found no hypervisor that passes its filters for the flavor, availability zone, server group and image properties, so the server went to ERROR. Usually the cloud is out of CPU, RAM or disk in the requested zone, or an anti-affinity server group has no host left.',
    remediation: [
      {
        step: 'Read the fault of the server.',
        command: 'openstack server show <server-id> -c status -c fault',
      },
      {
        step: 'Check free capacity of the hypervisors (admin).',
        command: 'openstack hypervisor list --long',
      },
      {
        step: 'Pick a smaller flavor or another availability zone, relax the server group policy, or add compute capacity.',
      },
    ],
    examples: [
      'No valid host was found. There are not enough hosts available.',
      'nova.exception.NoValidHost: No valid host was found.',
    ],
    sources: [
      'https://github.com/kubermatic/machine-controller/issues/2040',
      `${CAPO}/issues/1506`,
      'https://github.com/elasticluster/elasticluster/issues/693',
    ],
  },
  {
    id: 'openstack-image-not-found',
    source: 'openstack',
    category: 'image-not-found',
    title: 'Glance image not found for the machine',
    patterns: [/no images were found with the given image filter/i],
    specificity: 0.9,
    explanation:
      'CAPO looks the image up in Glance by the name, ID or tags of OpenStackMachine spec.image and found none (or the image is not visible to the project). No server is created until the image exists.',
    remediation: [
      {
        step: 'Look the image up with the same credentials CAPO uses.',
        command: 'openstack image list --name <image>',
      },
      {
        step: 'Upload the node image or fix spec.image in the OpenStackMachineTemplate (a new template is needed to roll machines).',
        command: 'openstack image create --disk-format qcow2 --file <file> <image>',
      },
      {
        step: 'If the image is private to another project, share it or make it visible.',
        command: 'openstack image set --shared <image>',
      },
    ],
    examples: [
      '"Reconciler error" err="no images were found with the given image filter: {<nil> 0xc00071b0c0}" controller="openstackmachine"',
      'no images were found with the given image filter: name=ubuntu-2204-kube-v1.30.2, tags=[]',
    ],
    sources: [`${CAPO}/issues/2106`, `${CAPO}/issues/2265`, CAPO_INSTANCE],
  },
  {
    id: 'openstack-flavor-not-found',
    source: 'openstack',
    category: 'invalid-machine-spec',
    title: 'Nova flavor not found',
    patterns: [/no flavors were found: name=/i, /Flavor \S+ could not be found/i],
    specificity: 0.9,
    explanation:
      'The flavor named in OpenStackMachine spec.flavor does not exist or is not accessible to the project (private flavor), so CAPO cannot build the server request.',
    remediation: [
      { step: 'List the flavors the project can use.', command: 'openstack flavor list --all' },
      {
        step: 'Grant access to a private flavor.',
        command: 'openstack flavor set --project <project> <flavor>',
      },
      {
        step: 'Create a new OpenStackMachineTemplate with an existing flavor and point the MachineDeployment or control plane at it.',
      },
    ],
    examples: [
      'no flavors were found: name=m1.xlarge',
      '{"itemNotFound": {"message": "Flavor 942f501a-a8cf-42c1-87bb-8773a7f95318 could not be found.", "code": 404}}',
    ],
    sources: [CAPO_INSTANCE, 'https://github.com/ManageIQ/manageiq/issues/13364'],
  },
  {
    id: 'openstack-network-ambiguous',
    source: 'openstack',
    category: 'invalid-machine-spec',
    title: 'Nova cannot choose among several networks',
    patterns: [/Multiple possible networks found, use a Network ID to be more specific/i],
    specificity: 0.9,
    explanation:
      'The server request names no network or port and the project sees more than one network, so Nova refuses to guess (HTTP 409). The OpenStackMachine or OpenStackCluster spec must say which network the machine ports go on.',
    remediation: [
      { step: 'List the networks the project sees.', command: 'openstack network list' },
      {
        step: 'Set the network (by ID or filter) in the OpenStackCluster or in the ports of a new OpenStackMachineTemplate.',
        command: 'kubectl edit openstackcluster -n <namespace> <cluster>',
      },
    ],
    examples: [
      'error creating Openstack instance: Expected HTTP response code [] when accessing [POST http://10.43.0.92/compute/v2.1/servers], but got 409 instead {"conflictingRequest": {"code": 409, "message": "Multiple possible networks found, use a Network ID to be more specific."}}',
    ],
    sources: [`${CAPO}/issues/749`],
  },
  {
    id: 'openstack-keystone-unauthorized',
    source: 'openstack',
    category: 'credentials-invalid',
    title: 'Keystone rejected the credentials (HTTP 401)',
    patterns: [/The request you have made requires authentication/i],
    specificity: 0.9,
    explanation:
      'Keystone answered 401: the password or application credential in the clouds.yaml secret is wrong, expired or was deleted, or the project/domain names do not match. Every CAPO call fails until the secret is fixed.',
    remediation: [
      {
        step: 'Test the same clouds.yaml entry.',
        command: 'OS_CLIENT_CONFIG_FILE=<clouds.yaml> openstack --os-cloud <cloud> token issue',
      },
      {
        step: 'Check that the application credential still exists.',
        command: 'openstack application credential list',
      },
      {
        step: 'Update the identity secret referenced by OpenStackCluster spec.identityRef.',
        command:
          'kubectl -n <namespace> create secret generic <secret> --from-file=clouds.yaml --dry-run=client -o yaml | kubectl apply -f -',
      },
    ],
    examples: [
      'The request you have made requires authentication. (HTTP 401) (Request-ID: req-27e59c1f-8667-40c6-8b22-a68bbd183356)',
    ],
    sources: ['https://github.com/elasticluster/elasticluster/issues/694'],
  },
  {
    id: 'openstack-policy-denied',
    source: 'openstack',
    category: 'iam-permission-denied',
    title: 'OpenStack policy forbids the operation',
    patterns: [
      /Policy doesn't allow [\w:.-]{1,120} to be performed/i,
      /is disallowed by policy/i,
      /\bPolicyNotAuthorized\b/i,
    ],
    specificity: 0.9,
    explanation:
      'The user authenticates but lacks the role the service policy requires for this call (for example creating a floating IP with a fixed address, or reading hypervisors), so the API answered 403.',
    remediation: [
      {
        step: 'List the roles of the user in the project.',
        command: 'openstack role assignment list --user <user> --project <project> --names',
      },
      {
        step: 'Grant the missing role, or change the spec so it does not need the privileged call (for example drop the fixed floating IP address).',
        command: 'openstack role add --user <user> --project <project> <role>',
      },
    ],
    examples: [
      'Request forbidden: [GET http://10.0.0.2/compute/v2.1/os-hypervisors/detail], error message: {"forbidden": {"message": "Policy doesn\'t allow os_compute_api:os-hypervisors to be performed.", "code": 403}}',
      'error allocating floating IP: Request forbidden: [POST http://192.168.79.131:9696/v2.0/floatingips], error message: {"NeutronError": {"type": "PolicyNotAuthorized", "message": "(rule:create_floatingip and rule:create_floatingip:floating_ip_address) is disallowed by policy", "detail": ""}}',
    ],
    sources: ['https://github.com/openstack-exporter/openstack-exporter/issues/52', `${CAPO}/issues/572`],
  },
  {
    id: 'openstack-octavia-load-balancer-failure',
    source: 'openstack',
    category: 'load-balancer-failure',
    title: 'Octavia API load balancer not ready or failing',
    patterns: [
      /load balancer "[^"]{1,200}" with id \S+ is not active after timeout/i,
      /failed to reconcile load balancer: /i,
      /\bFailedCreateLoadBalancer\b/i,
      /APIServerLoadBalancer is not yet available/i,
      /Failed to create (?:listener|pool|monitor) k8s-clusterapi-cluster-/i,
      // No Octavia in the cloud's service catalog.
      /failed to create load balancer service client/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPO creates an Octavia load balancer for the API server and waits for it to become ACTIVE; the load balancer went to ERROR, stayed PENDING_CREATE (amphora could not boot or the Octavia worker failed) or the Octavia API itself errored. The OpenStackCluster never becomes ready.',
    remediation: [
      {
        step: 'Check the provisioning and operating status.',
        command: 'openstack loadbalancer status show <lb-id>',
      },
      {
        step: 'List the amphorae and their state (admin).',
        command: 'openstack loadbalancer amphora list --loadbalancer <lb-id>',
      },
      {
        step: 'Fail the load balancer over, or delete it so CAPO recreates it.',
        command: 'openstack loadbalancer failover <lb-id>',
      },
    ],
    examples: [
      'failed to reconcile load balancer: Expected HTTP response code [200 204 300] when accessing [GET https://load-balancer-xyz.our-provider.cloud:9876/v2.0/lbaas/listeners?name=k8s-clusterapi-cluster-prod-1-prod-1-cluster-1-kubeapi-6443], but got 502 instead',
      'load balancer "k8s-clusterapi-cluster-default-capi-quickstart-kubeapi" with id aaaaaaaa-bbbb-cccc-dddd-333333333333 is not active after timeout: timed out waiting for the condition',
    ],
    sources: [`${CAPO}/issues/742`, `${CAPO}/issues/1114`, CAPO_LOADBALANCER],
  },
  {
    id: 'openstack-floating-ip-association-failed',
    source: 'openstack',
    category: 'load-balancer-failure',
    title: 'Floating IP of the API server cannot be associated',
    patterns: [/\bFailed ?associate ?floating ?ip\b/i, /\bFloatingIPPortAlreadyAssociated\b/i],
    specificity: 0.85,
    explanation:
      'Without an Octavia load balancer, CAPO reaches the API server through a floating IP on the first control plane port. Neutron refused to associate it: the fixed IP already has another floating IP on that external network (often a leftover from an earlier cluster or a manual association), or the floating IP is already bound elsewhere, so the API endpoint is unreachable.',
    remediation: [
      {
        step: 'See what the floating IP and the port are bound to.',
        command: 'openstack floating ip list --port <port-id> && openstack floating ip show <floating-ip>',
      },
      {
        step: 'Release the other floating IP of that fixed IP, or set spec.apiServerFloatingIP to the one already bound.',
        command: 'openstack floating ip unset --port <other-floating-ip>',
      },
    ],
    examples: [
      'Warning  Failedassociatefloatingip   3m47s  openstack-controller  Failed to associate floating IP 8.8.8.112 with port 6e3faa7c-a1d5-43af-bd75-daa8b357a8db: Expected HTTP response code [200] when accessing [PUT https://openstack-endpoint:9696/v2.0/floatingips/319787ff-7852-438e-a58b-cccacb8a27ee], but got 409 instead',
      '{"NeutronError": {"type": "FloatingIPPortAlreadyAssociated", "message": "Cannot associate floating IP 8.8.8.112 with port 6e3faa7c using fixed IP 10.6.0.117, as that fixed IP already has a floating IP on external network 5f62fb8a.", "detail": ""}}',
    ],
    sources: [`${CAPO}/issues/1438`],
  },
  {
    id: 'openstack-server-deleted',
    source: 'openstack',
    category: 'deleted-out-of-band',
    title: 'OpenStack server deleted outside Cluster API',
    patterns: [/The server was unexpectedly deleted/i],
    specificity: 0.9,
    explanation:
      'CAPO found no Nova server for an OpenStackMachine that had one: it was deleted in OpenStack (by hand, by a cleanup job or by the cloud), not by Cluster API. The OpenStackMachine reports InstanceReady False with reason InstanceNotFound and the Machine cannot recover on its own.',
    remediation: [
      { step: 'Confirm the server is gone.', command: 'openstack server show <server-id>' },
      {
        step: 'Delete the Machine so its MachineSet or KubeadmControlPlane creates a replacement.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: ['The server was unexpectedly deleted'],
    sources: [`${CAPO}/blob/main/api/v1beta1/conditions_consts.go`],
  },
  {
    id: 'openstack-subnet-ip-exhausted',
    source: 'openstack',
    category: 'ip-exhaustion',
    title: 'Neutron subnet has no free IP address',
    patterns: [/No more IP addresses available on network/i, /\bIpAddressGenerationFailure\b/i],
    specificity: 0.95,
    explanation:
      'Neutron could not allocate a fixed IP for the machine port because every allocation pool of the subnet is used, often by ports leaked from deleted machines or clusters.',
    remediation: [
      {
        step: 'Show how many addresses the network has left.',
        command: 'openstack ip availability show <network>',
      },
      {
        step: 'Find ports that no server owns.',
        command: 'openstack port list --network <network> --device-owner "" --long',
      },
      {
        step: 'Delete leaked ports, or extend the subnet allocation pool.',
        command: 'openstack subnet set --allocation-pool start=<ip>,end=<ip> <subnet>',
      },
    ],
    examples: ['No more IP addresses available on network 3ba5d3c0-d158-4c9b-ac8a-c98208fcad3b.'],
    sources: [NEUTRON_LIB_EXCEPTIONS],
  },
  {
    id: 'openstack-volume-error',
    source: 'openstack',
    category: 'storage-failure',
    title: 'Cinder volume for the machine failed or never became available',
    patterns: [
      /volume \S+ did not become available/i,
      /Volume \S+ did not finish being created even after we waited/i,
      /Went to status error due to/i,
      /Block Device Mapping is Invalid/i,
    ],
    specificity: 0.8,
    explanation:
      'The root or additional volume CAPO asked Cinder for went to error or stayed creating/downloading past the timeout: the backend is full or down, or copying the image into the volume is too slow. Nova aborts the build and the machine fails.',
    remediation: [
      { step: 'Read the volume status.', command: 'openstack volume show <volume-id> -c status' },
      {
        step: 'Check the backend pools capacity (admin).',
        command: 'openstack volume backend pool list --long',
      },
      {
        step: 'Fix the backend or choose another volume type; delete the errored volume so CAPO recreates it.',
        command: 'openstack volume delete <volume-id>',
      },
    ],
    examples: [
      'Build of instance 54a41735-a4cb-4312-b812-52e4f3d8c500 aborted: Volume 728bdc40-fc22-4b65-b6b6-c94ee7f98ff0 did not finish being created even after we waited 187 seconds or 61 attempts. And its status is downloading.',
      'ResourceInError: resources.infra_host.resources.docker_volume: Went to status error due to "Unknown"',
    ],
    sources: [
      CAPO_INSTANCE,
      'https://github.com/vexxhost/atmosphere/blob/main/doc/source/admin/troubleshooting.rst',
      'https://github.com/redhat-openstack/openshift-on-openstack/issues/83',
    ],
  },
];
