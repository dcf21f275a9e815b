import type { KnowledgeEntry } from './entry.ts';

const EC2_ERRORS = 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html';
const CAPA = 'https://github.com/kubernetes-sigs/cluster-api-provider-aws';
const CAPA_MACHINE_CONTROLLER = `${CAPA}/blob/main/controllers/awsmachine_controller.go`;
const CAPA_CONDITIONS = `${CAPA}/blob/main/api/v1beta2/conditions_consts.go`;

/** Known AWS (EC2, ELB, IAM, STS) and CAPA failures, with the texts the APIs and controllers emit. */
export const AWS_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'aws-vcpu-limit-exceeded',
    source: 'aws',
    category: 'cloud-quota-exceeded',
    title: 'EC2 vCPU quota exhausted',
    patterns: [/\bVcpuLimitExceeded\b/i, /requested more vCPU capacity than your current vCPU limit/i],
    specificity: 0.95,
    explanation:
      'The account has reached its On-Demand vCPU quota for the instance family in this region, so RunInstances is refused and the AWSMachine stays in provisioning.',
    remediation: [
      {
        step: 'Check the running On-Demand vCPU quota for the region',
        command:
          'aws service-quotas get-service-quota --service-code ec2 --quota-code L-1216C47A --region <region>',
      },
      {
        step: 'Request a higher vCPU quota',
        command:
          'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value <vcpus> --region <region>',
      },
      {
        step: 'Confirm the failure on the machine',
        command: 'kubectl get awsmachine -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      'failed to create AWSMachine instance: failed to run instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
      'Error: Error launching source instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 1 allows for the instance bucket that the specified instance type belongs to.',
    ],
    sources: [
      'https://github.com/kubernetes/test-infra/issues/24631',
      'https://github.com/openshift/installer/issues/2736',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-instance-limit-exceeded',
    source: 'aws',
    category: 'cloud-quota-exceeded',
    title: 'EC2 instance count quota exhausted',
    patterns: [
      /\bInstanceLimitExceeded\b/i,
      /Your quota allows for \d+ more running instance/i,
      /requested more instances \(\d+\) than your current instance limit/i,
    ],
    specificity: 0.95,
    explanation:
      'The account has reached the number of running instances it may have for this instance type or region; new machines cannot be launched until the limit is raised or instances are freed.',
    remediation: [
      {
        step: 'List the EC2 quotas that apply to the region',
        command: 'aws service-quotas list-service-quotas --service-code ec2 --region <region> --output table',
      },
      {
        step: 'Request an increase for the limiting quota',
        command:
          'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code <quota-code> --desired-value <value> --region <region>',
      },
    ],
    examples: [
      'Error launching source instance: InstanceLimitExceeded: Your quota allows for 0 more running instance(s). You requested at least 1',
      'You have requested more instances (6) than your current instance limit of 5 allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit. Launching EC2 instance failed.',
    ],
    sources: [
      'https://github.com/hashicorp/terraform/issues/1891',
      'https://github.com/convox/rack/issues/2539',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-elastic-ip-limit-exceeded',
    source: 'aws',
    category: 'cloud-quota-exceeded',
    title: 'Elastic IP address quota exhausted',
    patterns: [/\bAddressLimitExceeded\b/i, /maximum number of addresses has been reached/i],
    specificity: 0.95,
    explanation:
      'CAPA allocates one Elastic IP per NAT gateway (one per availability zone) for a managed VPC; the account has no Elastic IPs left in the region, so network reconciliation of the AWSCluster fails.',
    remediation: [
      {
        step: 'Find Elastic IPs that are allocated but not associated',
        command: "aws ec2 describe-addresses --region <region> --query 'Addresses[?AssociationId==null]'",
      },
      {
        step: 'Release unused addresses or request a higher Elastic IP quota',
        command:
          'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-0263D0A3 --desired-value <value> --region <region>',
      },
      {
        step: 'Check the network conditions of the cluster',
        command: 'kubectl get awscluster -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      'failed to create one or more IP addresses for NAT gateways: failed to allocate Elastic IP: AddressLimitExceeded: The maximum number of addresses has been reached.',
      'failed to reconcile network for AWSCluster test-oqg61k/test-infra-ikoy5l: failed to create one or more IP addresses for NAT gateways: failed to allocate Elastic IP: AddressLimitExceeded: The maximum number of addresses has been reached.',
    ],
    sources: ['https://github.com/kubernetes/k8s.io/issues/5390', `${CAPA}/pull/1808`, EC2_ERRORS],
  },
  {
    id: 'aws-network-quota-exceeded',
    source: 'aws',
    category: 'cloud-quota-exceeded',
    title: 'VPC, NAT gateway or load balancer quota exhausted',
    patterns: [
      /\bVpcLimitExceeded\b/i,
      /maximum number of VPCs has been reached/i,
      /\bNatGatewayLimitExceeded\b/i,
      /\bTooManyLoadBalancers\b/i,
    ],
    specificity: 0.9,
    explanation:
      'A regional networking quota (VPCs, NAT gateways per zone or load balancers) is used up, so the managed network or the API server load balancer of a new cluster cannot be created.',
    remediation: [
      {
        step: 'Find the networking quota that is exhausted',
        command: 'aws service-quotas list-service-quotas --service-code vpc --region <region> --output table',
      },
      {
        step: 'Request an increase, or delete VPCs and load balancers left over by deleted clusters',
        command:
          'aws service-quotas request-service-quota-increase --service-code <vpc|elasticloadbalancing> --quota-code <quota-code> --desired-value <value> --region <region>',
      },
    ],
    examples: [
      'error creating VPC: VpcLimitExceeded: The maximum number of VPCs has been reached.',
      'Error syncing load balancer: failed to ensure load balancer: TooManyLoadBalancers: Exceeded quota of account 809251082950',
    ],
    sources: [
      'https://github.com/kubernetes/k8s.io/issues/1921',
      'https://github.com/kserve/kserve/issues/2179',
      'https://github.com/eksctl-io/eksctl/issues/560',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-ebs-storage-limit-exceeded',
    source: 'aws',
    category: 'cloud-quota-exceeded',
    title: 'EBS storage quota exhausted',
    patterns: [/\bVolumeLimitExceeded\b/i, /exceeded your maximum \w+ storage limit/i],
    specificity: 0.95,
    explanation:
      'The account has reached its EBS storage quota for the volume type in this region, so root or data volumes for new instances cannot be created.',
    remediation: [
      {
        step: 'List the EBS quotas for the region',
        command: 'aws service-quotas list-service-quotas --service-code ebs --region <region> --output table',
      },
      {
        step: 'Delete unattached volumes or request a larger quota',
        command: 'aws ec2 describe-volumes --filters Name=status,Values=available --region <region>',
      },
    ],
    examples: [
      'could not create volume in EC2: VolumeLimitExceeded: You have exceeded your maximum io2 storage limit of 20 TiB in this region. Please contact AWS Support to request an Elastic Block Store service limit increase',
    ],
    sources: ['https://github.com/ipni/storetheindex/issues/444', EC2_ERRORS],
  },
  {
    id: 'aws-insufficient-instance-capacity',
    source: 'aws',
    category: 'capacity-unavailable',
    title: 'No EC2 capacity for the instance type in the zone',
    patterns: [
      /\bInsufficientInstanceCapacity\b/i,
      /do not have sufficient [\w.]+ capacity in the Availability Zone/i,
    ],
    specificity: 0.95,
    explanation:
      'AWS has no spare capacity for the requested instance type in that availability zone right now; the quota is not the problem, and the error names zones that still have capacity.',
    remediation: [
      {
        step: 'See which zones offer the instance type',
        command:
          'aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=<instance-type> --region <region>',
      },
      {
        step: 'Move the machines to another failure domain or instance type, or retry later',
        command: 'kubectl get awsmachinetemplate -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      'Error: creating EC2 Instance: InsufficientInstanceCapacity: We currently do not have sufficient m6i.xlarge capacity in the Availability Zone you requested (us-east-2a). Our system will be working on provisioning additional capacity. You can currently get m6i.xlarge capacity by not specifying an Availability Zone in your request or choosing us-east-2b, us-east-2c.',
      'An error occurred (InsufficientInstanceCapacity) when calling the RunInstances operation (reached max retries: 4): We currently do not have sufficient m5.8xlarge capacity in the Availability Zone you requested (us-west-1a).',
    ],
    sources: [
      'https://github.com/red-hat-storage/ocs-ci/issues/9263',
      'https://github.com/skyplane-project/skyplane/issues/299',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-subnet-addresses-exhausted',
    source: 'aws',
    category: 'ip-exhaustion',
    title: 'Subnet has no free IP addresses',
    patterns: [
      /\bInsufficientFreeAddressesInSubnet\b/i,
      /not enough free addresses in subnet/i,
      /Not enough IP space available in subnet/i,
      /aren't sufficient free Ipv4 addresses/i,
    ],
    specificity: 0.9,
    explanation:
      'The subnet chosen for the instance, network interface or load balancer has no free IPv4 addresses left, so the resource cannot get an address.',
    remediation: [
      {
        step: 'Check the free addresses of the subnet',
        command:
          "aws ec2 describe-subnets --subnet-ids <subnet-id> --query 'Subnets[].[SubnetId,CidrBlock,AvailableIpAddressCount]'",
      },
      {
        step: 'Free addresses, add a larger subnet or point the machines at another subnet',
        command: 'kubectl get awscluster -n <ns> <name> -o jsonpath="{.spec.network.subnets}"',
      },
    ],
    examples: [
      "Error: Error requesting spot instances: InsufficientFreeAddressesInSubnet: There are not enough free addresses in subnet 'subnet-04a176042c3118735' to satisfy the requested number of instances.",
      'An error occurred (InvalidSubnet) when calling the CreateLoadBalancer operation: Not enough IP space available in subnet-0727661cc80bce49f. ELB requires at least 8 free IP addresses in each subnet.',
      "Failed to CreateNetworkInterface InvalidParameterValue: There aren't sufficient free Ipv4 addresses or prefixes",
    ],
    sources: [
      'https://github.com/osbuild/osbuild-composer/issues/1575',
      'https://github.com/cityofaustin/atd-data-tech/issues/10472',
      'https://github.com/aws/amazon-vpc-cni-k8s/issues/3105',
    ],
  },
  {
    id: 'aws-unauthorized-operation',
    source: 'aws',
    category: 'iam-permission-denied',
    title: 'CAPA IAM identity lacks an EC2 permission',
    patterns: [/\bUnauthorizedOperation\b/i, /You are not authorized to perform this operation/i],
    specificity: 0.95,
    explanation:
      'The credentials CAPA uses are valid but their IAM policy does not allow the EC2 call (for example ec2:RunInstances, iam:PassRole or a VPC action); the encoded message, when present, names the missing action.',
    remediation: [
      {
        step: 'Decode the authorization failure message to see the denied action',
        command:
          'aws sts decode-authorization-message --encoded-message <encoded-message> --query DecodedMessage --output text',
      },
      {
        step: 'Recreate or update the CAPA IAM policies',
        command: 'clusterawsadm bootstrap iam create-cloudformation-stack --config <bootstrap-config.yaml>',
      },
    ],
    examples: [
      'failed to reconcile network for cluster "test1": failed to create new vpc: failed to set vpc attributes: UnauthorizedOperation: You are not authorized to perform this operation.',
      'Failed to create new managed VPC: failed to create vpc: UnauthorizedOperation: You are not authorized to perform this operation.',
      'failed create instance at aws, due to UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: b-xSys3hzcCdcOA2xxxxxxZ0bFiL9ZY',
    ],
    sources: [
      `${CAPA}/issues/815`,
      `${CAPA}/issues/1041`,
      'https://github.com/kubermatic/docs/pull/1035',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-access-denied',
    source: 'aws',
    category: 'iam-permission-denied',
    title: 'IAM principal not authorized for an AWS action',
    patterns: [/\bAccessDenied(?:Exception)?\b/i, /is not authorized to perform: [\w-]+:\w+/i],
    specificity: 0.9,
    explanation:
      'An IAM user or assumed role used by CAPA (or a role it tries to assume) is denied an action such as elasticloadbalancing:*, cloudformation:* or sts:AssumeRole.',
    remediation: [
      {
        step: 'Check which identity the controller runs as',
        command: 'aws sts get-caller-identity',
      },
      {
        step: 'Simulate the denied action against the principal',
        command:
          'aws iam simulate-principal-policy --policy-source-arn <principal-arn> --action-names <service:Action>',
      },
      {
        step: 'Grant the action, or fix the trust policy of the role named in AWSClusterRoleIdentity',
        command: 'kubectl get awsclusterroleidentity <name> -o yaml',
      },
    ],
    examples: [
      'An error occurred (AccessDenied) when calling the DescribeStackResources operation: User: arn:aws:iam::401498752540:user/bootstrapper.cluster-api-provider-aws.sigs.k8s.io is not authorized to perform: cloudformation:DescribeStackResources on resource: arn:aws:cloudformation:us-east-1:401498752540:stack/cluster-api-provider-aws-sigs-k8s-io/103a4ce0-b63c-11e9-843e-1297d6a5b478',
      'unable to reconcile load balancers: AccessDenied: User: arn:aws:iam::285398391915:user/bootstrapper.cluster-api-provider-aws.sigs.k8s.io is not authorized to perform: elasticloadbalancing:DescribeLoadBalancerAttributes',
      'api error AccessDenied: User: arn:aws:sts::710019948333:assumed-role/RH-Managed-OpenShift-Installer/OCM is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::660250927410:role/poc-infra-Installer-Role',
    ],
    sources: [
      `${CAPA}/issues/954`,
      `${CAPA}/issues/546`,
      'https://github.com/terraform-redhat/terraform-provider-rhcs/issues/41',
    ],
  },
  {
    id: 'aws-auth-failure',
    source: 'aws',
    category: 'credentials-invalid',
    title: 'AWS credentials rejected',
    patterns: [
      /\bAuthFailure\b(?!: Not authorized for images)/i,
      /AWS was not able to validate the provided access credentials/i,
    ],
    specificity: 0.95,
    explanation:
      'EC2 could not validate the access key CAPA presents: it is wrong, deleted or belongs to another partition; CAPA only logs this, so the cluster sits without events.',
    remediation: [
      {
        step: 'Check the credentials the controller holds',
        command: 'kubectl -n capa-system get secret capa-manager-bootstrap-credentials -o yaml',
      },
      {
        step: 'Write fresh credentials and restart the controller',
        command: 'clusterawsadm controller update-credentials --namespace capa-system',
      },
      {
        step: 'Restart the controller',
        command: 'clusterawsadm controller rollout-controller --namespace capa-system',
      },
    ],
    examples: [
      'failed to reconcile network for cluster "ajw-badcreds": failed to describe VPCs: failed to query ec2 for VPCs: AuthFailure: AWS was not able to validate the provided access credentials',
      'Error validationg connection to AWS: AuthFailure: AWS was not able to validate the provided access credentials',
    ],
    sources: [`${CAPA}/issues/1041`, 'https://github.com/elotl/kip/issues/169', EC2_ERRORS],
  },
  {
    id: 'aws-invalid-access-key',
    source: 'aws',
    category: 'credentials-invalid',
    title: 'AWS access key invalid or secret mismatched',
    patterns: [
      /\bInvalidClientTokenId\b/i,
      /security token included in the request is invalid/i,
      /\bSignatureDoesNotMatch\b/i,
      /request signature we calculated does not match/i,
    ],
    specificity: 0.95,
    explanation:
      'The access key ID does not exist (deleted or rotated) or the secret key does not match it, so every signed request fails.',
    remediation: [
      {
        step: 'Verify the key pair outside the cluster',
        command: 'aws sts get-caller-identity --profile <profile>',
      },
      {
        step: 'Encode the correct profile and update the controller credentials',
        command:
          'export AWS_B64ENCODED_CREDENTIALS=$(clusterawsadm bootstrap credentials encode-as-profile) && clusterawsadm controller update-credentials --namespace capa-system',
      },
    ],
    examples: [
      'InvalidClientTokenId: The security token included in the request is invalid.',
      'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ],
    sources: [
      'https://github.com/aws/aws-sdk-go/issues/3888',
      'https://github.com/aws/aws-sdk-js/issues/508',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-expired-token',
    source: 'aws',
    category: 'credentials-invalid',
    title: 'AWS session token expired',
    patterns: [/\bExpiredToken(?:Exception)?\b/i, /security token included in the request is expired/i],
    specificity: 0.95,
    explanation:
      'The controller uses temporary credentials (a session token) that have expired; static secrets with a session token stop working when the session ends.',
    remediation: [
      {
        step: 'Prefer long-lived controller credentials or AWSClusterRoleIdentity over pasted session tokens',
        command: 'kubectl get awsclusterroleidentity,awsclusterstaticidentity -A',
      },
      {
        step: 'Refresh the credentials and restart the controller',
        command:
          'clusterawsadm controller update-credentials --namespace capa-system && clusterawsadm controller rollout-controller --namespace capa-system',
      },
    ],
    examples: [
      'Error: Error updating cluster: ExpiredToken: The security token included in the request is expired',
      'operation error RDS: DescribeDBClusters, https response error StatusCode: 403, RequestID: 3b127269-64fc-4557-8246-4bc9443298f4, api error ExpiredToken: The security token included in the request is expired',
    ],
    sources: [
      'https://github.com/kubernetes-retired/kube-aws/issues/1606',
      'https://github.com/aws-controllers-k8s/community/issues/2435',
    ],
  },
  {
    id: 'aws-credentials-unavailable',
    source: 'aws',
    category: 'credentials-invalid',
    title: 'No AWS credentials available to CAPA',
    patterns: [
      /\bNoCredentialProviders\b/i,
      /no valid providers in chain/i,
      /\bPrincipalCredentialRetrievalFailed\b/i,
    ],
    specificity: 0.9,
    explanation:
      'CAPA found no credentials in its secret, environment or identity chain, or could not retrieve credentials for the AWSCluster identity (for example a role it cannot assume).',
    remediation: [
      {
        step: 'Check the controller credentials secret exists and is not zeroed',
        command: 'kubectl -n capa-system get secret capa-manager-bootstrap-credentials -o yaml',
      },
      {
        step: 'Check the identity referenced by the AWSCluster',
        command: 'kubectl get awscluster -n <ns> <name> -o jsonpath="{.spec.identityRef}"',
      },
    ],
    examples: [
      'failed to query ec2 for VPCs: NoCredentialProviders: no valid providers in chain',
      'PrincipalCredentialRetrievalFailed',
    ],
    sources: [`${CAPA}/issues/663`, CAPA_CONDITIONS],
  },
  {
    id: 'aws-ami-id-invalid',
    source: 'aws',
    category: 'image-not-found',
    title: 'AMI does not exist in the region or is malformed',
    patterns: [
      /\bInvalidAMIID\.(?:NotFound|Malformed|Unavailable)\b/i,
      /The image id '\[?ami-[0-9a-f]+\]?' does not exist/i,
      // A private AMI not shared with the account answers AuthFailure, not NotFound.
      /AuthFailure: Not authorized for images/i,
    ],
    specificity: 0.95,
    explanation:
      'The AMI in spec.ami.id does not exist in this region (AMIs are regional), was deregistered, is not shared with the account, or the ID is not a valid ami-… string.',
    remediation: [
      {
        step: 'Check the AMI in the target region',
        command: 'aws ec2 describe-images --image-ids <ami-id> --region <region>',
      },
      {
        step: 'List published CAPA AMIs for the Kubernetes version and update the machine template',
        command: 'clusterawsadm ami list --kubernetes-version <version> --region <region>',
      },
    ],
    examples: [
      "Error launching source instance: InvalidAMIID.NotFound: The image id '[ami-0c55b159cbfafe1f0]' does not exist",
      'Error: InvalidAMIID.Malformed: Invalid id: "{var.ami_id}" (expecting "ami-...")',
    ],
    sources: [
      'https://github.com/brikis98/terraform-up-and-running-code/issues/41',
      'https://github.com/hashicorp/terraform/issues/22172',
      EC2_ERRORS,
    ],
  },
  {
    id: 'aws-ami-lookup-failed',
    source: 'aws',
    category: 'image-not-found',
    title: 'CAPA found no AMI for the Kubernetes version',
    patterns: [/failed to find ami/i, /found no AMIs with the name/i],
    specificity: 0.9,
    explanation:
      'No spec.ami.id is set, so CAPA looks up a published image by name, OS and Kubernetes version, and no image matches in this region (no AMI was built for that version, or a custom lookup format/org is wrong).',
    remediation: [
      {
        step: 'List the AMIs CAPA publishes for the version',
        command: 'clusterawsadm ami list --kubernetes-version <version> --region <region>',
      },
      {
        step: 'Set an explicit AMI or fix imageLookupFormat/imageLookupOrg in the machine template',
        command: 'kubectl edit awsmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'failed to create AWSMachine instance: failed to find ami: found no AMIs with the name: "capa-ami-ubuntu-18.04-?1.29.2-*"',
      'failed to create or get machine: found no AMIs with the name: "capa-ami-ubuntu-18.04-1.13.4-??-??????????"',
    ],
    sources: [`${CAPA}/issues/4984`, `${CAPA}/pull/5118`, `${CAPA}/issues/737`],
  },
  {
    id: 'aws-instance-type-unsupported-in-zone',
    source: 'aws',
    category: 'invalid-machine-spec',
    title: 'Instance type not offered in the availability zone',
    patterns: [
      /instance type \([\w.]+\) is not supported in your requested Availability Zone/i,
      /\(Unsupported\) when calling the RunInstances operation/i,
      /requested configuration is currently not supported/i,
    ],
    specificity: 0.9,
    explanation:
      'The instance type is not sold in the availability zone of the subnet (or not in the region at all); retrying will not help, the zone or the type has to change.',
    remediation: [
      {
        step: 'List the zones that offer the instance type',
        command:
          'aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=<instance-type> --region <region>',
      },
      {
        step: 'Change instanceType or restrict the failure domains used by the MachineDeployment',
        command: 'kubectl edit awsmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'Error: Error launching source instance: Unsupported: Your requested instance type (a1.medium) is not supported in your requested Availability Zone (us-east-1b). Please retry your request by not specifying an Availability Zone or choosing us-east-1a, us-east-1c, us-east-1d.',
      'An error occurred (Unsupported) when calling the RunInstances operation: Your requested instance type (i4i.large) is not supported in your requested Availability Zone (us-east-1a).',
    ],
    sources: [
      'https://github.com/longhorn/longhorn-tests/pull/1130',
      'https://github.com/fedora-copr/copr/issues/2840',
      'https://github.com/hashicorp/terraform-provider-aws/issues/9113',
    ],
  },
  {
    id: 'aws-invalid-parameter-value',
    source: 'aws',
    category: 'invalid-machine-spec',
    title: 'EC2 rejected a parameter of the machine or cluster spec',
    patterns: [
      /\bInvalidParameterValue\b(?!: There aren't sufficient free)/i,
      /\bInvalidParameterCombination\b/i,
    ],
    specificity: 0.75,
    explanation:
      'EC2 refused a value CAPA sent (an empty instance type, a security group name, a block device or network setting); the message after the code names the field.',
    remediation: [
      {
        step: 'Read the full message on the machine condition',
        command: 'kubectl get awsmachine -n <ns> <name> -o yaml',
      },
      {
        step: 'Fix the field in the template the machine was cloned from',
        command: 'kubectl edit awsmachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'failed to create AWSMachine instance: failed to run instance: InvalidParameterValue:',
      'failed to create security group "bastion" in vpc "vpc-0db5779f71b3ed663": InvalidParameterValue: Value (sg-cluster-bastion) for parameter GroupName is invalid. Group names may not be in the format sg-.',
    ],
    sources: [`${CAPA}/issues/2686`, `${CAPA}/issues/1725`, EC2_ERRORS],
  },
  {
    id: 'aws-key-pair-not-found',
    source: 'aws',
    category: 'invalid-machine-spec',
    title: 'SSH key pair does not exist in the region',
    patterns: [/\bInvalidKeyPair\.NotFound\b/i, /The key pair '[^']+' does not exist/i],
    specificity: 0.95,
    explanation:
      'The sshKeyName of the AWSMachine names a key pair that does not exist in the target region (key pairs are regional).',
    remediation: [
      {
        step: 'Check the key pair in the region',
        command: 'aws ec2 describe-key-pairs --key-names <key-name> --region <region>',
      },
      {
        step: 'Import the key into the region or fix sshKeyName',
        command:
          'aws ec2 import-key-pair --key-name <key-name> --public-key-material fileb://<key.pub> --region <region>',
      },
    ],
    examples: [
      "Error: Error launching source instance: InvalidKeyPair.NotFound: The key pair 'learn-vault-key' does not exist",
      "An error occurred (InvalidKeyPair.NotFound) when calling the RunInstances operation: The key pair 'aws-key-fast-ai' does not exist",
    ],
    sources: [
      'https://github.com/hashicorp/vault-guides/issues/260',
      'https://github.com/fastai/courses/issues/54',
    ],
  },
  {
    id: 'aws-request-limit-exceeded',
    source: 'aws',
    category: 'api-rate-limited',
    title: 'AWS API requests throttled',
    patterns: [
      /\bRequestLimitExceeded\b/i,
      /Request limit exceeded/i,
      /\bThrottling(?:Exception)?: Rate exceeded/i,
    ],
    specificity: 0.95,
    explanation:
      'EC2 and ELB throttle API calls per account and region; many clusters or controllers sharing one account (CAPA, cloud controller managers, autoscalers) exceed the request rate and calls fail until they back off.',
    remediation: [
      {
        step: 'Find which callers generate the throttled requests',
        command:
          'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=<ApiCall> --region <region>',
      },
      {
        step: 'Lower controller concurrency or spread clusters over accounts',
        command: 'kubectl -n capa-system get deployment capa-controller-manager -o yaml',
      },
    ],
    examples: [
      'error creating AWS route (10.244.3.0/24): RequestLimitExceeded: Request limit exceeded.',
      'Failed to create load balancer for service default/my-nginx: error creating AWS loadbalancer listeners: Throttling: Rate exceeded',
      'Request limit exceeded. Account xxxxxxxxxxxx has been throttled on ec2:RunInstances because it exceeded its request rate limit.',
    ],
    sources: [
      'https://github.com/kubernetes/kubernetes/issues/11979',
      'https://github.com/kubernetes/kubernetes/issues/22906',
      'https://github.com/CloudSnorkel/cdk-github-runners/issues/946',
      `${CAPA}/issues/1275`,
    ],
  },
  {
    id: 'aws-load-balancer-not-found',
    source: 'aws',
    category: 'load-balancer-failure',
    title: 'Control-plane ELB not found',
    patterns: [
      /\bLoadBalancerNotFound\b/i,
      /no classic load balancer found/i,
      /There is no ACTIVE Load Balancer named/i,
    ],
    specificity: 0.9,
    explanation:
      'The API server load balancer CAPA expects (<cluster>-apiserver) does not exist or is not active, so machines cannot get the control-plane endpoint; it may not have been created yet or was deleted outside CAPA.',
    remediation: [
      {
        step: 'Look up the load balancer',
        command:
          'aws elb describe-load-balancers --load-balancer-names <cluster-name>-apiserver --region <region>',
      },
      {
        step: 'Check the LoadBalancerReady condition of the AWSCluster',
        command: 'kubectl get awscluster -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      'failed to retrieve controlplane url during machine creation: no classic load balancer found with name: "test1-apiserver": LoadBalancerNotFound: There is no ACTIVE Load Balancer named \'test1-apiserver\'',
    ],
    sources: [`${CAPA}/issues/470`, `${CAPA}/pull/395`],
  },
  {
    id: 'aws-load-balancer-reconcile-failed',
    source: 'aws',
    category: 'load-balancer-failure',
    title: 'CAPA could not create or attach the control-plane load balancer',
    patterns: [
      /failed to create classic load balancer/i,
      /\bELBAttachFailed\b/i,
      /\bELBDetachFailed\b/i,
      /\bLoadBalancerFailed\b/i,
      /failed to register instance with APIServer ELB/i,
      /failed to reconcile LB attachment/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPA failed to create the API server load balancer or to register a control-plane instance with it (reasons LoadBalancerFailed, ELBAttachFailed); the control-plane endpoint is unusable until it succeeds.',
    remediation: [
      {
        step: 'Read the LoadBalancerReady condition and events',
        command: 'kubectl describe awscluster -n <ns> <name>',
      },
      {
        step: 'Check the machine ELBAttached condition',
        command: 'kubectl get awsmachine -n <ns> <name> -o yaml',
      },
      { step: 'See the whole cluster tree', command: 'clusterctl describe cluster <name> -n <ns>' },
    ],
    examples: [
      'Error reconciling cluster object test1; unable to reconcile load balancers: failed to create classic load balancer: &{test1-apiserver  Internet-facing [subnet-XXXXXX] [sg-XXXXXX]',
      'ELBAttachFailed',
      'failed to reconcile LB attachment: failed to register instance with APIServer ELB "ihs-test-apiserver": instance is in availability zone "us-west-2b", no public subnets attached to the ELB in the same zone',
    ],
    sources: [`${CAPA}/issues/422`, `${CAPA}/issues/5002`, `${CAPA}/issues/2767`, CAPA_CONDITIONS],
  },
  {
    id: 'aws-security-group-not-found',
    source: 'aws',
    category: 'network-misconfigured',
    title: 'Security group missing or in another VPC',
    patterns: [/\bInvalidGroup\.NotFound\b/i, /The security group '[^']+' does not exist/i],
    specificity: 0.9,
    explanation:
      'A security group referenced by the cluster or machine does not exist, was deleted outside CAPA, or belongs to a different VPC than the subnet.',
    remediation: [
      {
        step: 'Check the security group and its VPC',
        command: 'aws ec2 describe-security-groups --group-ids <sg-id> --region <region>',
      },
      {
        step: 'Compare with the groups CAPA recorded for the cluster',
        command: 'kubectl get awscluster -n <ns> <name> -o jsonpath="{.status.networkStatus.securityGroups}"',
      },
    ],
    examples: [
      "InvalidSecurityGroup: The security group 'sg-005646f2913a5dbe4' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound; Request ID: 19afdaba-4d40-42cd-bdbf-1d7e691dfe6c; Proxy: null)",
      "InvalidGroup.NotFound: The security group 'sg-866d52ee' does not exist",
    ],
    sources: [
      'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2371',
      'https://github.com/jtriley/StarCluster/pull/190',
      `${CAPA}/issues/3943`,
    ],
  },
  {
    id: 'aws-subnet-or-vpc-not-found',
    source: 'aws',
    category: 'network-misconfigured',
    title: 'Subnet or VPC not found',
    patterns: [
      /\bInvalidSubnetID\.NotFound\b/i,
      /\bInvalidVpcID\.NotFound\b/i,
      /no subnets available in availability zone/i,
    ],
    specificity: 0.9,
    explanation:
      'A subnet or VPC ID in the spec (bring-your-own network) does not exist in the region or account, or no subnet exists in the zone a machine asks for.',
    remediation: [
      {
        step: 'Check the subnet',
        command: 'aws ec2 describe-subnets --subnet-ids <subnet-id> --region <region>',
      },
      { step: 'Check the VPC', command: 'aws ec2 describe-vpcs --vpc-ids <vpc-id> --region <region>' },
      {
        step: 'Compare with the AWSCluster network spec',
        command: 'kubectl get awscluster -n <ns> <name> -o yaml',
      },
    ],
    examples: [
      "api error InvalidSubnetID.NotFound: The subnet ID 'subnet-018ee4ce6ac310793' does not exist",
      "failed to reconcile managed LoadBalancer securityGroup: InvalidVpcID.NotFound: The vpc ID 'vpc-xxxxxxxxxxx' does not exist",
    ],
    sources: [
      'https://github.com/kubernetes/ingress-nginx/issues/12471',
      'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/1188',
      `${CAPA}/pull/1445`,
    ],
  },
  {
    id: 'aws-ebs-volume-not-found',
    source: 'aws',
    category: 'storage-failure',
    title: 'EBS volume not found on attach',
    patterns: [/\bInvalidVolume\.NotFound\b/i, /The volume 'vol-[0-9a-f]+' does not exist/i],
    specificity: 0.9,
    explanation:
      'A volume the CSI driver or controller tries to attach no longer exists (deleted, or in another zone or account), so the attachment and the pod using it stay blocked.',
    remediation: [
      {
        step: 'Check the volume',
        command: 'aws ec2 describe-volumes --volume-ids <volume-id> --region <region>',
      },
      {
        step: 'Find the PersistentVolume that points at it',
        command: 'kubectl get pv -o wide | grep <volume-id>',
      },
    ],
    examples: [
      'AttachVolume.Attach failed for volume "pvc-e3d18bb4-98a7-474a-a636-68e933b6a572" : rpc error: code = Internal desc = Could not get volume with ID "vol-0610bdf1017a8d7a8": InvalidVolume.NotFound: The volume \'vol-0610bdf1017a8d7a8\' does not exist.',
    ],
    sources: ['https://github.com/kubernetes-sigs/aws-ebs-csi-driver/issues/1343', EC2_ERRORS],
  },
  {
    id: 'aws-ebs-volume-in-use',
    source: 'aws',
    category: 'storage-failure',
    title: 'EBS volume still attached to another instance',
    patterns: [
      /\bVolumeInUse\b: vol-[0-9a-f]+ is already attached to an instance/i,
      /Error attaching EBS volume/i,
    ],
    specificity: 0.85,
    explanation:
      'An EBS volume attaches to one instance at a time. It is still attached to the old instance (a node that was replaced, drained too fast or terminated without a clean detach), so the attachment to the new node fails and the pods that need it stay ContainerCreating.',
    remediation: [
      {
        step: 'See which instance holds the volume.',
        command: 'aws ec2 describe-volumes --volume-ids <volume-id> --query "Volumes[].Attachments"',
      },
      {
        step: 'Find the VolumeAttachment that still points at the old node.',
        command: 'kubectl get volumeattachments',
      },
      {
        step: 'Once the old instance no longer uses it, detach the volume.',
        command: 'aws ec2 detach-volume --volume-id <volume-id>',
      },
    ],
    examples: [
      'Failed to attach volume "grafana" on node "ip-10-128-16-121.eu-central-1.compute.internal" with: Error attaching EBS volume: VolumeInUse: vol-0dacaeb7988eaecb8 is already attached to an instance',
    ],
    sources: ['https://github.com/kubernetes/kubernetes/issues/29324', EC2_ERRORS],
  },
  {
    id: 'aws-instance-terminated-out-of-band',
    source: 'aws',
    category: 'deleted-out-of-band',
    title: 'EC2 instance terminated outside Cluster API',
    patterns: [
      /EC2 instance state "?(?:terminated|shutting-down)"? is unexpected/i,
      /Unexpected EC2 instance termination/i,
      /\bInstanceUnexpectedTermination\b/i,
      /\bInstanceTerminated\b/i,
    ],
    specificity: 0.9,
    explanation:
      'The instance behind a running AWSMachine was terminated by someone or something other than CAPA (console, script, spot reclaim); CAPA marks the AWSMachine failed and the Machine needs replacing.',
    remediation: [
      {
        step: 'See why the instance stopped',
        command:
          "aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].StateReason'",
      },
      {
        step: 'Find who terminated it',
        command:
          'aws cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue=<instance-id> --region <region>',
      },
      {
        step: 'Delete the Machine so its owner creates a new one',
        command: 'kubectl delete machine -n <ns> <machine>',
      },
    ],
    examples: ['EC2 instance state "terminated" is unexpected', 'Unexpected EC2 instance termination'],
    sources: [CAPA_MACHINE_CONTROLLER, `${CAPA}/issues/1239`],
  },
];
