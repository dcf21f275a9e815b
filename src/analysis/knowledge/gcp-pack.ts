import type { KnowledgeEntry } from './entry.ts';

const RESOURCE_ERROR = 'https://cloud.google.com/compute/docs/resource-error';
const CAPG = 'https://github.com/kubernetes-sigs/cluster-api-provider-gcp';

/** Known GCP (Compute Engine, IAM, OAuth) and CAPG failures, with the texts the APIs and controllers emit. */
export const GCP_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'gcp-cpu-quota-exceeded',
    source: 'gcp',
    category: 'cloud-quota-exceeded',
    title: 'GCE CPU quota exhausted',
    patterns: [
      /Quota '[A-Z0-9_]{0,40}CPUS[A-Z_]{0,20}' exceeded/i,
      /\bQUOTA_EXCEEDED\b/i,
      /insufficient regional quota to satisfy request:? (?:for )?resource:? "CPUS"/i,
      // Also sent with "status":"PERMISSION_DENIED": the quota, not a role, is what is missing.
      /Insufficient project quota to satisfy request: resource \\?"CPUS/i,
    ],
    specificity: 0.95,
    explanation:
      'Creating the instance would exceed a project CPU quota: regional CPUS, a per-family quota such as N2_CPUS or C2_CPUS, or the global CPUS_ALL_REGIONS.',
    remediation: [
      {
        step: 'Show the regional quotas and their usage',
        command: "gcloud compute regions describe <region> --project <project> --format='value(quotas)'",
      },
      {
        step: 'Show global quotas such as CPUS_ALL_REGIONS',
        command: "gcloud compute project-info describe --project <project> --format='value(quotas)'",
      },
      {
        step: 'Request an increase in the console, or use a machine family with free quota',
        command: 'kubectl get gcpmachine -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      "google_compute_instance.public-agent: Quota 'CPUS' exceeded.  Limit: 8.0 in region us-east1.",
      "Quota 'C2_CPUS' exceeded.  Limit: 50.0 in region us-east1.",
      "Code: QUOTA_EXCEEDED\nMessage: Quota 'CPUS_ALL_REGIONS' exceeded.",
    ],
    sources: [
      'https://github.com/mesosphere-backup/terraform-dcos/issues/61',
      'https://github.com/scylladb/scylla-cluster-tests/issues/3649',
      'https://github.com/GoogleCloudPlatform/ai-on-gke/issues/849',
      'https://github.com/googlecodelabs/feedback/issues/950',
    ],
  },
  {
    id: 'gcp-address-quota-exceeded',
    source: 'gcp',
    category: 'cloud-quota-exceeded',
    title: 'GCE IP address quota exhausted',
    patterns: [
      /Quota '(?:IN_USE_ADDRESSES|STATIC_ADDRESSES|ADDRESSES|INTERNAL_ADDRESSES)' exceeded/i,
      /resource "IN_USE_ADDRESSES"/i,
    ],
    specificity: 0.95,
    explanation:
      'The project has used its quota of in-use (ephemeral external) or static IP addresses in the region, so instances with public IPs or the load balancer address cannot be created.',
    remediation: [
      {
        step: 'Show address quotas and usage for the region',
        command: "gcloud compute regions describe <region> --project <project> --format='value(quotas)'",
      },
      {
        step: 'Release unused addresses or request a higher quota',
        command: 'gcloud compute addresses list --project <project> --filter="status=RESERVED"',
      },
    ],
    examples: [
      "ERROR: (gcloud.compute.instances.create) HTTPError 403: Quota 'IN_USE_ADDRESSES' exceeded. Limit: 4.0 in region us-central1.",
      "google_compute_address.master: Quota 'STATIC_ADDRESSES' exceeded.  Limit: 1.0 in region us-east1.",
    ],
    sources: [
      'https://github.com/kelseyhightower/kubernetes-the-hard-way/issues/47',
      'https://github.com/mesosphere-backup/terraform-dcos/issues/61',
    ],
  },
  {
    id: 'gcp-zone-resource-pool-exhausted',
    source: 'gcp',
    category: 'capacity-unavailable',
    title: 'GCE zone has no capacity for the machine type',
    patterns: [
      /\bZONE_RESOURCE_POOL_EXHAUSTED(?:_WITH_DETAILS)?\b/i,
      /does not have enough resources available to fulfill the request/i,
      /VM instance(?: with [^.]{1,80}?)? is currently unavailable in the [\w-]+ zone/i,
    ],
    specificity: 0.95,
    explanation:
      'The zone has no physical capacity for the requested machine type, accelerator or disk right now; this is not a quota problem and a quota increase does not help.',
    remediation: [
      {
        step: 'Check where the machine type is offered',
        command: 'gcloud compute machine-types list --filter="name=<machine-type>" --project <project>',
      },
      {
        step: 'Spread machines over other failure domains, pick another machine type, or retry later',
        command: 'kubectl get gcpcluster -n <ns> <name> -o jsonpath="{.status.failureDomains}"',
      },
    ],
    examples: [
      "ZONE_RESOURCE_POOL_EXHAUSTED: The zone 'projects/fontbakery-168509/zones/us-central1-a' does not have enough resources available to fulfill the request. Try a different zone, or try again later.",
      "503 SERVICE UNAVAILABLE ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS: The zone 'projects/sct-project-1/zones/us-east1-c' does not have enough resources available to fulfill the request.  '(resource type:compute)'.",
      'message: A n1-standard-4 VM instance with 1 nvidia-tesla-t4 accelerator(s) is currently unavailable in the us-central1-b zone.',
    ],
    sources: [
      'https://github.com/googlefonts/fontbakery-dashboard/issues/81',
      'https://github.com/scylladb/scylla-cluster-tests/issues/12477',
      'https://github.com/kubernetes/k8s.io/issues/9834',
      RESOURCE_ERROR,
    ],
  },
  {
    id: 'gcp-ip-space-exhausted',
    source: 'gcp',
    category: 'ip-exhaustion',
    title: 'GCP subnetwork has no free IP addresses',
    patterns: [/\bIP_SPACE_EXHAUSTED(?:_WITH_DETAILS)?\b/i, /IP space of \S+ is exhausted/i],
    specificity: 0.95,
    explanation:
      'The primary or secondary range of the subnetwork has no free address left for the instance (or for pod and service ranges on VPC-native clusters).',
    remediation: [
      {
        step: 'Check the ranges of the subnetwork',
        command: 'gcloud compute networks subnets describe <subnet> --region <region> --project <project>',
      },
      {
        step: 'Expand the primary range or add a secondary range',
        command:
          'gcloud compute networks subnets expand-ip-range <subnet> --region <region> --prefix-length <length>',
      },
    ],
    examples: [
      "googleapi: Error 400: BAD REQUEST: errors:{code:\"IP_SPACE_EXHAUSTED_WITH_DETAILS\"  message:\"IP space of 'projects/$PROJECT/regions/us-central1/subnetworks/spot-runner-subnetwork' is exhausted. Insufficient free IP addresses in the IP range '10.0.1.0/24'.",
      'Reason=GCP Error: IP_SPACE_EXHAUSTED: IP space of xxx/region/subnetworks/xxx-subnet is exhausted',
      "Current errors: [IP_SPACE_EXHAUSTED]: Instance 'gke-cluster-dev-default-pool-4813919b-4f9v' creation failed: IP space of 'projects/project-name-xxxxxx/regions/europe-west1/subnetworks/subnet-dev-services-range-49c037f0c13a0320' is exhausted.",
    ],
    sources: [
      'https://github.com/Privatehive/gcp-hosted-github-runner/pull/7',
      'https://github.com/GoogleCloudPlatform/cluster-toolkit/issues/2389',
      'https://github.com/hashicorp/terraform-cdk/issues/1964',
    ],
  },
  {
    id: 'gcp-permission-denied',
    source: 'gcp',
    category: 'iam-permission-denied',
    title: 'CAPG service account lacks a Compute Engine permission',
    patterns: [
      /Required '[\w.]+' permission for '[^']+'/i,
      // An organization policy forbids what the machine asks for (an external IP, a region, a public image).
      /Constraint constraints\/[\w.]+ violated for project/i,
      /\binsufficientPermissions\b/i,
      /\bPERMISSION_DENIED\b/i,
    ],
    specificity: 0.9,
    explanation:
      'The service account whose key CAPG uses is authenticated but has no IAM role granting the named permission (for example compute.instances.create or compute.networks.get) on the project.',
    remediation: [
      {
        step: 'List the roles of the service account',
        command:
          'gcloud projects get-iam-policy <project> --flatten="bindings[].members" --filter="bindings.members:serviceAccount:<sa-email>" --format="value(bindings.role)"',
      },
      {
        step: 'Grant a role with the missing permission',
        command:
          'gcloud projects add-iam-policy-binding <project> --member=serviceAccount:<sa-email> --role=roles/compute.admin',
      },
    ],
    examples: [
      "Couldn't reconcile node routes: error listing routes: googleapi: Error 403: Required 'compute.routes.list' permission for 'projects/sap-se-gcp-scp-core-pm', forbidden",
      "googleapi: Error 403: Retry budget exhausted (5 attempts): Google Compute Engine: Required 'compute.regions.get' permission for 'projects/<project-id>/regions/europe-west3'., forbidden",
      '"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"',
    ],
    sources: [
      'https://github.com/gardener/gardener/issues/59',
      'https://github.com/crossplane-contrib/provider-gcp/issues/436',
      'https://github.com/turbot/steampipe-plugin-gcp/pull/249',
      'https://github.com/kubernetes-retired/bootkube/issues/571',
    ],
  },
  {
    id: 'gcp-invalid-grant',
    source: 'gcp',
    category: 'credentials-invalid',
    title: 'GCP service account key rejected',
    patterns: [/\binvalid_grant\b/i, /Invalid JWT Signature/i],
    specificity: 0.9,
    explanation:
      'Google refused the OAuth token request for the service account key CAPG uses: the key was deleted or rotated, the account was removed, or the clock is badly skewed.',
    remediation: [
      {
        step: 'List the keys of the service account',
        command: 'gcloud iam service-accounts keys list --iam-account <sa-email>',
      },
      {
        step: 'Create a new key and store it in the CAPG credentials secret',
        command: 'gcloud iam service-accounts keys create <key.json> --iam-account <sa-email>',
      },
      {
        step: 'Check the secret the controller reads',
        command: 'kubectl -n capg-system get secret capg-manager-bootstrap-credentials -o yaml',
      },
    ],
    examples: [
      'oauth2: cannot fetch token: 400 Bad Request\n==> googlecompute: Response: {\n==> googlecompute:   "error" : "invalid_grant"',
      'google.auth.exceptions.RefreshError: (\'invalid_grant: Invalid JWT Signature.\', \'{"error":"invalid_grant","error_description":"Invalid JWT Signature."}\')',
      'ERROR: (gcloud.auth.activate-service-account) There was a problem refreshing your current auth tokens: invalid_grant: Invalid JWT Signature.',
    ],
    sources: [
      'https://github.com/hashicorp/packer/issues/2077',
      'https://github.com/spring-attic/spring-cloud-gcp/issues/2634',
      'https://github.com/google-github-actions/setup-gcloud/issues/76',
    ],
  },
  {
    id: 'gcp-default-credentials-missing',
    source: 'gcp',
    category: 'credentials-invalid',
    title: 'No GCP credentials found',
    patterns: [/could not find default credentials/i],
    specificity: 0.9,
    explanation:
      'The client found neither a credentials file nor workload identity, usually because the credentials secret is missing, empty or not mounted into the controller.',
    remediation: [
      {
        step: 'Check the CAPG credentials secret',
        command: 'kubectl -n capg-system get secret capg-manager-bootstrap-credentials -o yaml',
      },
      {
        step: 'Restart the controller after fixing the secret',
        command: 'kubectl -n capg-system rollout restart deployment capg-controller-manager',
      },
    ],
    examples: [
      'error building GCS client: google: could not find default credentials. See https://cloud.google.com/docs/authentication/external/set-up-adc for more information',
    ],
    sources: ['https://github.com/kubernetes/kops/issues/16230', `${CAPG}/issues/311`],
  },
  {
    id: 'gcp-image-not-found',
    source: 'gcp',
    category: 'image-not-found',
    title: 'GCE image not found',
    patterns: [
      /The resource 'projects\/[^']+\/global\/images\/[^']+' was not found/i,
      /The referenced image resource cannot be found/i,
      /imageFamilyViews\/[^']+' was not found/i,
      /Could not find image or family \S+/i,
    ],
    specificity: 0.95,
    explanation:
      'The image or image family in the GCPMachine does not exist in the project it is looked up in (CAPG images must be built into your project), was deleted, or the family has no image for that zone.',
    remediation: [
      {
        step: 'Check the image',
        command: 'gcloud compute images describe <image> --project <image-project>',
      },
      {
        step: 'List images available to the project',
        command: 'gcloud compute images list --project <project> --filter="name~capi"',
      },
      {
        step: 'Point the machine template at an existing image',
        command: 'kubectl edit gcpmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      "Error loading image 'ubuntu-1404-trusty-v20141212': googleapi: Error 404: The resource 'projects/famous-fiber-814/global/images/ubuntu-1404-trusty-v20141212' was not found, notFound",
      "Invalid value for field 'resource.disks[0].initializeParams.sourceImage': 'https://compute.googleapis.com/compute/v1/projects/google-containers/global/images/ubuntu-1804-bionic-v20210928'. The referenced image resource cannot be found.",
      "HTTPError 404: The resource 'projects/ubuntu-os-cloud/zones/us-central1-f/imageFamilyViews/ubuntu-1804-lts' was not found",
    ],
    sources: [
      'https://github.com/hashicorp/terraform/pull/724',
      'https://github.com/CentaurusInfra/arktos/issues/1205',
      'https://github.com/tigera/docs/pull/782',
    ],
  },
  {
    id: 'gcp-invalid-machine-type',
    source: 'gcp',
    category: 'invalid-machine-spec',
    title: 'Machine type does not exist in the zone',
    patterns: [
      /Invalid value for field 'resource\.machineType'/i,
      /Machine type with name '[^']+' does not exist in zone/i,
      /machine type "[^"]+" does not exist/i,
    ],
    specificity: 0.95,
    explanation:
      'The instanceType of the GCPMachine is not offered in the zone (machine families differ by zone) or is misspelled; retrying will not help.',
    remediation: [
      {
        step: 'List machine types offered in the zone',
        command: 'gcloud compute machine-types list --zones <zone> --filter="name=<machine-type>"',
      },
      {
        step: 'Change instanceType or the failure domain',
        command: 'kubectl edit gcpmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      "Error launching new Compute Instance: googleapi: Error 400: Invalid value for field 'resource.machineType': 'zones/europe-west8-a/machineTypes/f1-micro'. Machine type with name 'f1-micro' does not exist in zone 'europe-west8-a'., invalid",
      "Invalid value for field 'resource.machineType': 'zones/us-east4-a/machineTypes/n2-highcpu-16'. Machine type with name 'n2-highcpu-16' does not exist in zone 'us-east4-a'.",
      'ResponseError: code=400, message=machine type "ns-standard-1" does not exist.',
    ],
    sources: [
      'https://github.com/gruntwork-io/terratest/issues/1132',
      'https://github.com/taskcluster/community-tc-config/pull/75',
      'https://github.com/kubernetes/kubernetes/pull/12985',
    ],
  },
  {
    id: 'gcp-invalid-disk-type',
    source: 'gcp',
    category: 'invalid-machine-spec',
    title: 'Disk type does not exist in the zone',
    patterns: [
      /The referenced diskType resource cannot be found/i,
      /Invalid value for field 'resource\.disks\[\d+\]\.initializeParams\.diskType'/i,
    ],
    specificity: 0.9,
    explanation:
      'The root or additional disk type (pd-standard, pd-ssd, pd-balanced, hyperdisk-…) named in the machine spec is not valid in that zone or for that machine type.',
    remediation: [
      {
        step: 'List disk types offered in the zone',
        command: 'gcloud compute disk-types list --filter="zone:<zone>"',
      },
      {
        step: 'Fix the disk type in the machine template',
        command: 'kubectl edit gcpmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      "googleapi: Error 400: Invalid value for field 'resource.disks[0].initializeParams.diskType': 'zones/us-east1-b/diskTypes/pd-standardasdasd'. The referenced diskType resource cannot be found., invalid",
    ],
    sources: ['https://github.com/openshift/cluster-api-provider-gcp/pull/14'],
  },
  {
    id: 'gcp-rate-limit-exceeded',
    source: 'gcp',
    category: 'api-rate-limited',
    title: 'Compute Engine API rate limit reached',
    patterns: [
      /\brateLimitExceeded\b/i,
      /\bRATE_LIMIT_EXCEEDED\b/i,
      /Quota exceeded for quota (?:metric|group) '[^']+' and limit '[^']+' of service 'compute\.googleapis\.com'/i,
    ],
    specificity: 0.9,
    explanation:
      'Compute Engine limits API requests per project per minute; many clusters or controllers in one project exhaust the read or write budget and calls fail until it refills.',
    remediation: [
      {
        step: 'Find the limit and the callers in the controller log',
        command:
          'kubectl logs -n capg-system deploy/capg-controller-manager manager | grep -i -e rateLimitExceeded -e "Quota exceeded"',
      },
      {
        step: 'Lower controller concurrency, spread clusters over projects, or request a higher API rate quota',
        command: 'kubectl -n capg-system get deployment capg-controller-manager -o yaml',
      },
    ],
    examples: [
      "googleapi: Error 403: Quota exceeded for quota group 'ReadGroup' and limit 'Read requests per user per 100 seconds' of service 'compute.googleapis.com' for consumer 'project_number:123456'., rateLimitExceeded",
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service 'compute.googleapis.com' for consumer 'project_number:1070746702980'.",
    ],
    sources: [
      'https://github.com/hashicorp/terraform-provider-google/issues/8360',
      'https://github.com/scylladb/scylla-cluster-tests/issues/7940',
      'https://cloud.google.com/compute/docs/api-rate-limits',
    ],
  },
  {
    id: 'gcp-load-balancer-reconcile-failed',
    source: 'gcp',
    category: 'load-balancer-failure',
    title: 'CAPG could not build the API server load balancer',
    patterns: [
      /Error creating (?:a |an )?(?:regional )?(?:backend ?service|healthcheck|targettcpproxy|forwarding ?rule|instancegroup)\b/i,
      /\bLoadBalancerReconciliationFailed\b/i,
      /Invalid value for field 'resource\.(?:loadBalancingScheme|backendService)'/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPG builds the control-plane load balancer from instance groups, a health check, a backend service, a target TCP proxy, an address and a forwarding rule; one of them was rejected, so the endpoint does not serve.',
    remediation: [
      {
        step: 'Read the LoadBalancerReady condition',
        command: 'kubectl get gcpcluster -n <ns> <name> -o yaml',
      },
      {
        step: 'Inspect the backend services',
        command: 'gcloud compute backend-services list --project <project> --filter="name~<cluster-name>"',
      },
      {
        step: 'Inspect the forwarding rules',
        command: 'gcloud compute forwarding-rules list --project <project> --filter="name~<cluster-name>"',
      },
    ],
    examples: [
      'Error creating a backendservice',
      'Reconciler error" err="googleapi: Error 400: Invalid value for field \'resource.loadBalancingScheme\': \'EXTERNAL_MANAGED\'. Global load balancing not allowed in TPC., invalid" controller="gcpcluster"',
      "Error creating ForwardingRule: googleapi: Error 400: Invalid value for field 'resource.backendService': 'https://www.googleapis.com/compute/v1/projects/openshift-dev-installer/regions/us-east4/backendServices/pd-6bk9x-api-internal'. Forwarding rule network projects/openshift-dev-installer/global/networks/default must be the same as backend service network projects/openshift-dev-installer/global/networks/byovpc-network., invalid",
    ],
    sources: [
      `${CAPG}/blob/main/cloud/services/compute/loadbalancers/reconcile.go`,
      `${CAPG}/issues/1466`,
      'https://github.com/openshift/installer/pull/2520',
      `${CAPG}/blob/main/api/v1beta1/conditions_consts.go`,
    ],
  },
  {
    id: 'gcp-network-misconfigured',
    source: 'gcp',
    category: 'network-misconfigured',
    title: 'GCP network or subnetwork missing or mismatched',
    patterns: [
      /The referenced subnetwork resource cannot be found/i,
      /The resource 'projects\/[^']+\/regions\/[^']+\/subnetworks\/[^']+' was not found/i,
      /Subnetwork should be specified for custom subnetmode network/i,
      /Subnetwork "[^"]+" is not valid for Network/i,
      /\b(?:NetworkReconciliationFailed|SubnetsReconciliationFailed|FirewallRulesReconciliationFailed)\b/i,
    ],
    specificity: 0.85,
    explanation:
      'The network, subnetwork or firewall setup of the cluster is wrong: a subnetwork does not exist in the region, belongs to another network, or a custom-mode network needs an explicit subnetwork.',
    remediation: [
      {
        step: 'List the subnetworks of the network',
        command: 'gcloud compute networks subnets list --network <network> --project <project>',
      },
      {
        step: 'List the firewall rules of the network',
        command: 'gcloud compute firewall-rules list --filter="network:<network>" --project <project>',
      },
      {
        step: 'Compare with the GCPCluster network spec',
        command: 'kubectl get gcpcluster -n <ns> <name> -o jsonpath="{.spec.network}"',
      },
    ],
    examples: [
      "Error creating instance: googleapi: Error 400: Invalid value for field 'resource.networkInterfaces[0].subnetwork': 'projects/viharisnewtest/regions/us-central1/subnetworks/{{us-central1-10-129-2-64-27}}'. The referenced subnetwork resource cannot be found., invalid",
      "(gcloud.compute.instances.create) HTTPError 404: The resource 'projects/XXXXX/regions/XXXXXX/subnetworks/kubernetes' was not found",
      "Invalid value for field 'resource.networkInterfaces[0]': ''. Subnetwork should be specified for custom subnetmode network",
    ],
    sources: [
      'https://github.com/hashicorp/terraform-provider-google/issues/2140',
      'https://github.com/kelseyhightower/kubernetes-the-hard-way/issues/653',
      'https://github.com/GoogleCloudDataproc/bdutil/issues/108',
      `${CAPG}/blob/main/api/v1beta1/conditions_consts.go`,
    ],
  },
  {
    id: 'gcp-disk-in-use',
    source: 'gcp',
    category: 'storage-failure',
    title: 'Persistent disk already attached elsewhere',
    patterns: [
      /\bresourceInUseByAnotherResource\b/i,
      /\bRESOURCE_IN_USE_BY_ANOTHER_RESOURCE\b/i,
      /The disk resource '[^']+' is already being used by/i,
    ],
    specificity: 0.9,
    explanation:
      'The persistent disk is still attached to another instance (a stale attachment after a node replacement), so it cannot be attached read-write to the new one.',
    remediation: [
      {
        step: 'See which instances use the disk',
        command: "gcloud compute disks describe <disk> --zone <zone> --format='value(users)'",
      },
      {
        step: 'Detach it from the stale instance',
        command: 'gcloud compute instances detach-disk <instance> --disk <disk> --zone <zone>',
      },
    ],
    examples: [
      "Error creating instance: googleapi: Error 400: The disk resource 'projects/xxx/zones/us-east4-b/disks/xxx-production' is already being used by 'projects/xxx/zones/us-east4-b/instances/xxx-production', resourceInUseByAnotherResource",
    ],
    sources: [
      'https://github.com/hashicorp/terraform/issues/23698',
      'https://github.com/kubernetes/kubernetes/issues/19953',
      'https://github.com/google/turbinia/issues/849',
    ],
  },
  {
    id: 'gcp-instance-not-found',
    source: 'gcp',
    category: 'deleted-out-of-band',
    title: 'GCE instance no longer exists',
    patterns: [/The resource 'projects\/[^']+\/zones\/[^']+\/instances\/[^']+' was not found/i],
    specificity: 0.75,
    explanation:
      'The instance behind a GCPMachine or Node was deleted outside Cluster API (console, script, project cleanup); CAPG recreates missing instances by name, so the Node and its data are replaced.',
    remediation: [
      {
        step: 'Confirm the instance is gone',
        command: 'gcloud compute instances describe <instance> --zone <zone> --project <project>',
      },
      {
        step: 'Find who deleted it',
        command:
          'gcloud logging read \'protoPayload.methodName="v1.compute.instances.delete" AND protoPayload.resourceName:"<instance>"\' --project <project>',
      },
    ],
    examples: [
      " - The resource 'projects/zealous-zebra/zones/us-central1-a/instances/update-to-tip-5360-merge-818a593' was not found",
      "googleapi: Error 404: The resource 'projects/elastic-observability/zones/europe-west3-c/instances/8970924285285850010' was not found, notFound",
    ],
    sources: [
      'https://github.com/ZcashFoundation/zebra/issues/5366',
      'https://github.com/elastic/beats/issues/15613',
      `${CAPG}/blob/main/cloud/services/compute/instances/reconcile.go`,
    ],
  },
  {
    id: 'gcp-instance-state-unexpected',
    source: 'gcp',
    category: 'deleted-out-of-band',
    title: 'GCE instance stopped or terminated outside Cluster API',
    patterns: [
      /GCPMachine instance state \w+ is unexpected/i,
      /instance state "?TERMINATED"? is unexpected/i,
    ],
    specificity: 0.85,
    explanation:
      'The instance of a GCPMachine is in a state CAPG does not manage (TERMINATED means stopped in GCE, or SUSPENDED), typically after someone stopped it; CAPG sets failureReason UpdateError.',
    remediation: [
      {
        step: 'Check the instance status',
        command: "gcloud compute instances describe <instance> --zone <zone> --format='value(status)'",
      },
      {
        step: 'Start it again, or delete the Machine so it is replaced',
        command: 'kubectl delete machine -n <ns> <machine>',
      },
    ],
    examples: [
      'GCPMachine instance state TERMINATED is unexpected',
      'errorMessage: EC2 instance state "TERMINATED" is unexpected',
    ],
    sources: [`${CAPG}/blob/main/controllers/gcpmachine_controller.go`, `${CAPG}/issues/243`],
  },
];
