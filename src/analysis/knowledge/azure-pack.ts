import type { KnowledgeEntry } from './entry.ts';

const ARM_ERRORS =
  'https://docs.microsoft.com/en-us/azure/azure-resource-manager/troubleshooting/common-deployment-errors';
const SKU_NOT_AVAILABLE =
  'https://learn.microsoft.com/en-us/azure/azure-resource-manager/resource-manager-sku-not-available-errors';
const CAPZ = 'https://github.com/kubernetes-sigs/cluster-api-provider-azure';

/** Known Azure (ARM, Compute, Network, Entra ID) and CAPZ failures, with the texts the APIs and controllers emit. */
export const AZURE_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'azure-cores-quota-exceeded',
    source: 'azure',
    category: 'cloud-quota-exceeded',
    title: 'Azure vCPU (cores) quota exhausted',
    patterns: [
      /exceeding approved [\w ]{1,60}?Cores quota/i,
      /exceeding quota limits? of (?:Core|[\w ]{1,60}?Cores)/i,
      /\bQuotaExceeded\b/i,
      /quota of cores exceeded/i,
    ],
    specificity: 0.95,
    explanation:
      'Creating the VM would exceed the subscription vCPU quota for the VM family or for total regional cores in that location; the message gives the current limit, usage and the new limit required.',
    remediation: [
      {
        step: 'Show vCPU usage and limits in the location',
        command: 'az vm list-usage --location <location> --output table',
      },
      {
        step: 'Request a higher limit for the VM family',
        command:
          'az quota update --resource-name <vm-family> --scope /subscriptions/<subscription-id>/providers/Microsoft.Compute/locations/<location> --limit-object value=<cores> --resource-type dedicated',
      },
      { step: 'Confirm which machines are blocked', command: 'clusterctl describe cluster <name> -n <ns>' },
    ],
    examples: [
      'Code=OperationNotAllowed Message=Operation could not be completed as it results in exceeding approved standardDSv3Family Cores quota. Additional details - Deployment Model: Resource Manager, Location: centralus, Current Limit: 1000, Current Usage: 1000, Additional Required: 4, (Minimum) New Limit Required: 1004.',
      'Status=409 Code="OperationNotAllowed" Message="Operation results in exceeding quota limits of Core. Maximum allowed: 20, Current in use: 20, Additional requested: 2."',
      'Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: centralus, Current Limit: 10, Current Usage: 8, Additional Required: 4, (Minimum) New Limit Required: 12.',
    ],
    sources: [
      'https://github.com/openshift/release/pull/12840',
      'https://github.com/hashicorp/terraform/issues/10056',
      'https://github.com/nforgeio/neonKUBE/issues/1671',
      'https://docs.microsoft.com/en-us/azure/azure-resource-manager/templates/error-resource-quota',
    ],
  },
  {
    id: 'azure-public-ip-limit-reached',
    source: 'azure',
    category: 'cloud-quota-exceeded',
    title: 'Azure public IP address quota exhausted',
    patterns: [/\bPublicIPCountLimitReached\b/i, /Cannot create more than \d+ public IP addresses/i],
    specificity: 0.95,
    explanation:
      'The subscription has used all public IP addresses allowed in the region, so the API server load balancer, NAT gateway or bastion IP of a cluster cannot be created.',
    remediation: [
      {
        step: 'Show network usage in the location',
        command: 'az network list-usages --location <location> --output table',
      },
      {
        step: 'Delete unassociated public IPs or request a higher limit',
        command:
          'az network public-ip list --query "[?ipConfiguration==null].{name:name,rg:resourceGroup}" --output table',
      },
    ],
    examples: [
      'Code=PublicIPCountLimitReached Message=Cannot create more than 50 public IP addresses for this subscription in this region.',
    ],
    sources: ['https://github.com/openshift/release/pull/12840', ARM_ERRORS],
  },
  {
    id: 'azure-allocation-failed',
    source: 'azure',
    category: 'capacity-unavailable',
    title: 'Azure has no capacity for the VM size',
    patterns: [
      /\b(?:Zonal)?AllocationFailed\b/i,
      /\bOverconstrained(?:Zonal)?AllocationRequest\b/i,
      /Allocation failed\. We do not have sufficient capacity/i,
    ],
    specificity: 0.95,
    explanation:
      'The region or zone has no free capacity for the requested VM size (or for the combination of zone, size and spot priority); the quota is fine, capacity is not.',
    remediation: [
      {
        step: 'Check which zones offer the size',
        command: 'az vm list-skus --location <location> --size <vm-size> --all --output table',
      },
      {
        step: 'Retry later, use another zone (failure domain) or another VM size',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'failed to reconcile AzureMachine: failed to create virtual machine: failed to create VM test-mc-20262-control-plane-khwrh in resource group test-mc-20262-resource-group: Code="AllocationFailed" Message="Allocation failed. We do not have sufficient capacity for the requested VM size in this region. Read more about improving likelihood of allocation success at http://aka.ms/allocation-guidance"',
      'Error: Code="ZonalAllocationFailed" Message="Allocation failed. We do not have sufficient capacity for the requested VM size in this zone. Read more about improving likelihood of allocation success at http://aka.ms/allocation-guidance"',
      'Code="OverconstrainedZonalAllocationRequest" Message="Allocation failed. VM(s) with the following constraints cannot be allocated, because the condition is too restrictive.',
    ],
    sources: [
      'https://github.com/vmware-tanzu/community-edition/issues/3963',
      'https://github.com/openshift/release/pull/5182',
      `${CAPZ}/issues/2571`,
      'https://docs.microsoft.com/en-us/troubleshoot/azure/virtual-machines/allocation-failure',
    ],
  },
  {
    id: 'azure-sku-capacity-restricted',
    source: 'azure',
    category: 'capacity-unavailable',
    title: 'VM size under capacity restriction in the location',
    patterns: [/failed for Capacity Restrictions/i],
    specificity: 0.9,
    explanation:
      'SkuNotAvailable caused by a capacity restriction: the size exists in the location, but Azure is not allocating it there right now.',
    remediation: [
      {
        step: 'Check restrictions for the size',
        command: 'az vm list-skus --location <location> --size <vm-size> --all --output table',
      },
      {
        step: 'Use another size, zone or location',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      "SkuNotAvailable: The requested VM size for resource 'Following SKUs have failed for Capacity Restrictions: Standard_B2s' is currently not available in location 'eastus'. Please try another size or deploy to a different location or different zone. See https://aka.ms/azureskunotavailable for details.",
      "Message: The requested VM size for resource 'Following SKUs have failed for Capacity Restrictions: Standard_D4ads_v5' is currently not available in location 'eastus'.",
    ],
    sources: [
      'https://github.com/Azure-Samples/azuresandbox/issues/70',
      'https://github.com/Azure/azure-cli/issues/32628',
      SKU_NOT_AVAILABLE,
    ],
  },
  {
    id: 'azure-vm-size-not-available',
    source: 'azure',
    category: 'invalid-machine-spec',
    title: 'VM size not offered in the location',
    patterns: [
      /requested (?:VM )?size for resource '\/subscriptions\/[^']*' is currently not available in location/i,
      /resource sku with name '[^']+' and category '\w+' not found in location/i,
      /\bNotAvailableForSubscription\b/i,
    ],
    specificity: 0.85,
    explanation:
      'The VM size in the AzureMachine is not offered to this subscription in the location or zone; CAPZ treats an unknown SKU as a terminal error, so the machine will not recover without a spec change.',
    remediation: [
      {
        step: 'List sizes and restrictions for the location',
        command: 'az vm list-skus --location <location> --size <vm-size> --all --output table',
      },
      {
        step: 'Change vmSize in the machine template',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      "New-AzVM: The requested size for resource '/subscriptions/48fef844-ed73-440d-b10b-dfca326cf9eb/resourceGroups/vmtiko/providers/Microsoft.Compute/virtualMachines/vmtiko' is currently not available in location 'West Europe' zones '' for subscription '48fef844-ed73-440d-b10b-dfca326cf9eb'. Please try another size or deploy to a different location or zones. See https://aka.ms/azureskunotavailable for details.",
      "resource sku with name 'Standard_D2s_v3' and category 'virtualMachines' not found in location 'eastus'",
    ],
    sources: [
      'https://github.com/azuredevcollege/trainingdays/pull/84',
      `${CAPZ}/blob/main/azure/services/resourceskus/cache.go`,
      `${CAPZ}/pull/1931`,
      SKU_NOT_AVAILABLE,
    ],
  },
  {
    id: 'azure-invalid-parameter',
    source: 'azure',
    category: 'invalid-machine-spec',
    title: 'Azure rejected a VM or scale set parameter',
    patterns: [
      /The value of parameter (?!imageReference)[\w.]+ is invalid/i,
      // CAPZ's own validation before it calls Azure: spec.securityProfile.encryptionAtHost on a size without it.
      /encryption at host is not supported for VM type \S+/i,
      /The selected VM size '[^']+' cannot boot Hypervisor Generation/i,
    ],
    specificity: 0.8,
    explanation:
      'Compute refused a property of the VM or scale set (size, extension version, disk setting); the parameter named in the message has to be fixed in the template.',
    remediation: [
      {
        step: 'Read the failing condition on the machine',
        command: 'kubectl get azuremachine -n <ns> <name> -o yaml',
      },
      {
        step: 'Fix the named property in the template',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'The value of parameter vmSize is invalid.',
      '"message": "The value of parameter typeHandlerVersion is invalid.", "target": "typeHandlerVersion"',
      'failed to create virtual machine: reconcile error occurred that cannot be recovered. Object will not be requeued. The actual error is: encryption at host is not supported for VM type Standard_E4_v3',
    ],
    sources: [
      'https://github.com/Azure/azure-cli/issues/1313',
      `${CAPZ}/issues/4022`,
      `${CAPZ}/pull/1032`,
      ARM_ERRORS,
    ],
  },
  {
    id: 'azure-vm-size-below-minimum',
    source: 'azure',
    category: 'invalid-machine-spec',
    title: 'VM size too small or lacks a required capability',
    patterns: [
      /vm size should be bigger or equal to at least 2 vCPUs/i,
      /vm memory should be bigger or equal to at least 2Gi/i,
      /does not support ephemeral os\. select a different vm size/i,
    ],
    specificity: 0.95,
    explanation:
      'CAPZ validates the SKU before creating the VM: a Kubernetes node needs at least 2 vCPUs and 2 GiB, and ephemeral OS disks need a size that supports them; this is a terminal error.',
    remediation: [
      {
        step: 'Check the capabilities of the size',
        command: 'az vm list-skus --location <location> --size <vm-size> --output json',
      },
      {
        step: 'Pick a larger size in the machine template',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'vm size should be bigger or equal to at least 2 vCPUs',
      'vm memory should be bigger or equal to at least 2Gi',
    ],
    sources: [`${CAPZ}/blob/main/azure/services/virtualmachines/virtualmachines.go`],
  },
  {
    id: 'azure-subnet-full',
    source: 'azure',
    category: 'ip-exhaustion',
    title: 'Azure subnet has no free IP addresses',
    patterns: [/\bSubnetIsFull\b/i, /does not have enough capacity for \d+ IP address/i],
    specificity: 0.95,
    explanation:
      'The subnet of the network interface has no free private IP address left (Azure reserves five per subnet), so the NIC and the VM cannot be created.',
    remediation: [
      {
        step: 'Check the subnet prefix and its usage',
        command:
          'az network vnet subnet show -g <resource-group> --vnet-name <vnet> -n <subnet> --query addressPrefix',
      },
      {
        step: 'Widen the subnet or move the machines to another subnet',
        command:
          'az network vnet subnet update -g <resource-group> --vnet-name <vnet> -n <subnet> --address-prefixes <cidr>',
      },
    ],
    examples: [
      '"code": "SubnetIsFull", "message": "Subnet Subnet1 with address prefix 10.0.0.0/24 does not have enough capacity for 1 IP addresses."',
      'SubnetIsFull: Subnet /subscriptions/<sub-id>/resourceGroups/<RG>/providers/Microsoft.Network/virtualNetworks/<VNetwork>/subnets/one with address prefix 10.0.0.0/20 does not have enough capacity for 1 IP addresses',
    ],
    sources: [
      'https://github.com/MicrosoftDocs/azure-docs/issues/88211',
      'https://github.com/Azure/karpenter-provider-azure/issues/734',
    ],
  },
  {
    id: 'azure-authorization-failed',
    source: 'azure',
    category: 'iam-permission-denied',
    title: 'CAPZ identity lacks an Azure RBAC permission',
    patterns: [
      /\bAuthorizationFailed\b/i,
      /does not have authorization to perform action '[^']+' over scope/i,
    ],
    specificity: 0.95,
    explanation:
      'The service principal or managed identity used by CAPZ has no role assignment allowing the action on that scope; CAPZ may only log it while the control plane shows ScalingUp.',
    remediation: [
      {
        step: 'List the role assignments of the identity',
        command: 'az role assignment list --assignee <client-id> --all --output table',
      },
      {
        step: 'Grant a role that includes the action on the resource group',
        command:
          'az role assignment create --assignee <client-id> --role Contributor --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>',
      },
      {
        step: 'Read the controller log for the denied action',
        command: 'kubectl logs -n capz-system deploy/capz-controller-manager manager',
      },
    ],
    examples: [
      "failed to create inbound NAT rule capi-quickstart-control-plane-xvcjp: network.InboundNatRulesClient#CreateOrUpdate: Failure sending request: StatusCode=403 -- Original Error: Code=\"AuthorizationFailed\" Message=\"The client 'f33caa02-a6e5-4a48-94a6-23586998fde7' with object id 'f33caa02-a6e5-4a48-94a6-23586998fde7' does not have authorization to perform action 'Microsoft.Network/loadBalancers/inboundNatRules/write' over scope",
      "Status=403 Code=\"AuthorizationFailed\" Message=\"The client 'b2152e70-6de6-4d27-802c-c62ef49bc6d3' with object id 'b2152e70-6de6-4d27-802c-c62ef49bc6d3' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope '/subscriptions/87ed685e-3efa-4b49-8149-48093de439ff/resourceGroups/m00650-0001-dev-je-rg/providers/Microsoft.Compute/virtualMachines/2f52412e-a5e6-4536-b018-f21432c08365' or the scope is invalid.",
    ],
    sources: [`${CAPZ}/issues/1482`, 'https://github.com/pivotal-cf/terraforming-azure/pull/71', ARM_ERRORS],
  },
  {
    id: 'azure-linked-authorization-failed',
    source: 'azure',
    category: 'iam-permission-denied',
    title: 'Azure identity lacks permission on a linked resource',
    patterns: [/\bLinkedAuthorizationFailed\b/i, /is not authorized to access linked subscription/i],
    specificity: 0.95,
    explanation:
      'The identity may write the VM or scale set but not a resource it references in another scope (a subnet, user-assigned identity or gallery image in another resource group, subscription or tenant).',
    remediation: [
      {
        step: 'Grant the action named in the message on the linked scope',
        command: 'az role assignment create --assignee <client-id> --role <role> --scope <linked-scope>',
      },
      {
        step: 'Check the role assignments of the identity',
        command: 'az role assignment list --assignee <client-id> --all --output table',
      },
    ],
    examples: [
      "Code=\"LinkedAuthorizationFailed\" Message=\"The client 'xxxx-xxxx-xxxx-xxxx' with object id 'xxx-xxx-xxx-xxx' has permission to perform action 'Microsoft.Compute/virtualMachineScaleSets/write' on scope '/subscriptions/xxxx-xxxx-xxxx-xxxx/resourceGroups/MC_elephant_elephant_eastus/providers/Microsoft.Compute/virtualMachineScaleSets/aks-agentpool-88148177-vmss'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s)",
      '"code": "LinkedAuthorizationFailed", "message": "The client has permission to perform action \'Microsoft.Network/virtualNetworks/subnets/join/action\' on scope \'/subscriptions/<SUBID>/resourcegroups/<RGNAME>/providers/Microsoft.Compute/virtualMachineScaleSets/ss-compute\', however the current tenant \'<TENANTID>\' is not authorized to access linked subscription \'<SUBID>\'."',
    ],
    sources: [
      'https://github.com/Azure/aad-pod-identity/issues/613',
      'https://github.com/Azure/OpenShift/issues/41',
    ],
  },
  {
    id: 'azure-client-secret-invalid',
    source: 'azure',
    category: 'credentials-invalid',
    title: 'Service principal secret wrong or expired',
    patterns: [
      /\bAADSTS7000215\b/i,
      /\bAADSTS7000222\b/i,
      /Invalid client secret (?:is )?provided/i,
      /provided client secret keys are expired/i,
    ],
    specificity: 0.95,
    explanation:
      'Entra ID rejected the client secret of the AzureClusterIdentity service principal: it is the secret ID instead of the value, mistyped, or expired, so every ARM call fails with 401.',
    remediation: [
      {
        step: 'Check which secret the identity references',
        command: 'kubectl get azureclusteridentity -n <ns> <name> -o yaml',
      },
      { step: 'Create a new client secret', command: 'az ad app credential reset --id <client-id> --append' },
      {
        step: 'Store the secret value in the referenced Secret',
        command:
          'kubectl -n <ns> create secret generic <secret-name> --from-literal=clientSecret=<secret-value> --dry-run=client -o yaml | kubectl apply -f -',
      },
    ],
    examples: [
      'adal: Refresh request failed. Status Code = \'401\'. Response body: {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app \'4994bf43-12d2-4704-bcb1-8ea0095687a5\'.',
      '{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired. Visit the Azure Portal to create new keys for your app, or consider using certificate credentials for added security',
    ],
    sources: [`${CAPZ}/issues/2785`, 'https://github.com/Azure/aad-pod-identity/issues/1075'],
  },
  {
    id: 'azure-workload-identity-rejected',
    source: 'azure',
    category: 'credentials-invalid',
    title: 'Workload identity token rejected by Entra ID',
    patterns: [
      /\bAADSTS70021\b/i,
      /No matching federated identity record found/i,
      /\bAADSTS700024\b/i,
      /Client assertion is not within its valid time range/i,
    ],
    specificity: 0.95,
    explanation:
      'The service account token presented by CAPZ (workload identity) does not match a federated credential (issuer, subject or audience differ) or has expired before being exchanged.',
    remediation: [
      {
        step: 'Compare the federated credentials with the issuer and service account in the error',
        command:
          'az identity federated-credential list --identity-name <identity> --resource-group <resource-group>',
      },
      {
        step: 'Check the service account annotations used by CAPZ',
        command: 'kubectl get sa -n capz-system -o yaml',
      },
    ],
    examples: [
      '"error":"invalid_request","error_description":"AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: \'https://oidc.prod-aks.azure.com/XXXXXX/\'. Assertion Subject: \'system:serviceaccount:default:workload-identity-sa\'. Assertion Audience: \'api://AzureADTokenExchange\'.',
      '{"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-06-04T11:40:28.3451933Z, assertion valid from 2024-06-04T09:20:46.0000000Z, expiry time of assertion 2024-06-04T10:20:46.0000000Z.',
    ],
    sources: [
      'https://github.com/Azure/azure-workload-identity/issues/340',
      'https://github.com/risingwavelabs/risingwave/issues/17123',
      'https://github.com/Azure/azure-workload-identity/issues/693',
    ],
  },
  {
    id: 'azure-image-not-found',
    source: 'azure',
    category: 'image-not-found',
    title: 'Azure VM image not found',
    patterns: [
      /\b(?:PlatformImageNotFound|GalleryImageNotFound|ImageNotFound)\b/i,
      /The platform image '[^']+' is not available/i,
      /images referenced from the deployment template (?:are|were) not found/i,
      /The value of parameter imageReference[\w.]* is invalid/i,
      /no VM image found for publisher/i,
      // A Marketplace image whose terms the subscription has not accepted cannot be used.
      /Legal terms have not been accepted for this item/i,
      /\bMarketplacePurchaseEligibilityFailed\b/i,
    ],
    specificity: 0.9,
    explanation:
      'The marketplace, community gallery or shared gallery image the AzureMachine refers to does not exist for that Kubernetes version or is not replicated to the location; CAPZ default images are published only for some versions.',
    remediation: [
      {
        step: 'List the reference images published for CAPZ',
        command: 'az vm image list --publisher cncf-upstream --offer capi --all --output table',
      },
      {
        step: 'Check the exact image',
        command: 'az vm image show --urn <publisher>:<offer>:<sku>:<version>',
      },
      {
        step: 'Set an available image or Kubernetes version',
        command: 'kubectl edit azuremachinetemplate -n <ns> <name>',
      },
    ],
    examples: [
      'Code="PlatformImageNotFound" Message="The platform image \'cncf-upstream:capi:k8s-1dot22dot0-ubuntu-1804:latest\' is not available. Verify that all fields in the storage profile are correct. For more details about storage profile information, please refer to https://aka.ms/storageprofile" Target="imageReference"',
      'failed to init machine scope cache: failed to get default image: no VM image found for publisher "cncf-upstream" offer "capi" sku "ubuntu-2204-gen1" with Kubernetes version "v1.31.4"',
      '"code": "InvalidParameter", "target": "imageReference", "message": "The following list of images referenced from the deployment template are not found: Publisher: SUSE, Offer: SLES, Sku: 15, Version: latest.',
    ],
    sources: [
      `${CAPZ}/issues/1614`,
      `${CAPZ}/issues/5348`,
      'https://github.com/Azure/azure-cli/issues/19069',
    ],
  },
  {
    id: 'azure-api-throttled',
    source: 'azure',
    category: 'api-rate-limited',
    title: 'Azure Resource Manager throttling (429)',
    patterns: [
      /\bTooManyRequests\b/i,
      /too many requests have been received for this subscription/i,
      /Requests to the server are being throttled/i,
      /RESPONSE 429/i,
      /exceeded the backend storage limit\. Please try again after/i,
    ],
    specificity: 0.95,
    explanation:
      'Azure limits reads and writes per subscription and region; many clusters or controllers in one subscription (CAPZ, cloud-provider-azure, autoscalers) exceed them and calls fail until the window passes.',
    remediation: [
      {
        step: 'Find throttled calls in the controller log',
        command:
          'kubectl logs -n capz-system deploy/capz-controller-manager manager | grep -i -e 429 -e throttl',
      },
      {
        step: 'Reduce concurrency or spread clusters across subscriptions, then let the controllers back off',
        command: 'kubectl -n capz-system get deployment capz-controller-manager -o yaml',
      },
    ],
    examples: [
      'Status=429 Code="OperationNotAllowed" Message="The server rejected the request because too many requests have been received for this subscription."',
      'Requests to the server are being throttled. Please retry after 1235 seconds.',
    ],
    sources: [
      'https://github.com/hashicorp/terraform-provider-azurerm/issues/19146',
      'https://github.com/Azure/aks-engine/issues/2295',
      `${CAPZ}/issues/2645`,
    ],
  },
  {
    id: 'azure-bootstrap-extension-failed',
    source: 'azure',
    category: 'bootstrap-failure',
    title: 'CAPZ bootstrap extension reports a failed bootstrap',
    patterns: [
      /failure when processing extension '?CAPZ\.(?:Linux|Windows)\.Bootstrapping/i,
      /extension state failed\. This likely means the Kubernetes node bootstrapping process failed/i,
    ],
    specificity: 0.85,
    explanation:
      'CAPZ installs a VM extension (CAPZ.Linux.Bootstrapping or CAPZ.Windows.Bootstrapping) that waits for cloud-init and kubeadm to finish on the VM; it reported failure, so kubeadm init or join failed or timed out on the machine. The boot diagnostics log of the VM says why.',
    remediation: [
      {
        step: 'Read the boot diagnostics (serial console) of the VM for the cloud-init and kubeadm output.',
        command: 'az vm boot-diagnostics get-boot-log -g <resource-group> -n <vm-name>',
      },
      {
        step: 'Read the AzureMachine conditions.',
        command: 'kubectl describe azuremachine -n <namespace> <name>',
      },
    ],
    examples: [
      "VM has reported a failure when processing extension 'CAPZ.Linux.Bootstrapping' (publisher 'Microsoft.Azure.ContainerUpstream' and type 'CAPZ.Linux.Bootstrapping'). Error message: 'Enable failed: failed to execute command: command terminated with exit status=1",
      'failed to reconcile AzureMachine service vmextensions: extension state failed. This likely means the Kubernetes node bootstrapping process failed or timed out. Check VM boot diagnostics logs to learn more',
    ],
    sources: [`${CAPZ}/issues/5367`, `${CAPZ}/issues/5657`],
  },
  {
    id: 'azure-load-balancer-reconcile-failed',
    source: 'azure',
    category: 'load-balancer-failure',
    title: 'CAPZ could not reconcile the API server load balancer',
    patterns: [/\b(?:loadbalancers|inboundnatrules) failed to create or update\b/i],
    specificity: 0.75,
    explanation:
      'CAPZ failed to create or update the cluster load balancer or the inbound NAT rules of control-plane machines (condition LoadBalancersReady or InboundNATRulesReady, reason Failed); the text after "err:" is the Azure cause.',
    remediation: [
      {
        step: 'Read the load balancer conditions of the cluster',
        command: 'kubectl get azurecluster -n <ns> <name> -o yaml',
      },
      {
        step: 'Inspect the load balancer in Azure',
        command: 'az network lb show -g <resource-group> -n <lb-name>',
      },
    ],
    examples: [
      'inboundnatrules failed to create or update. err: failed to get existing NAT rules: could not list inbound NAT rules for load balancer capi-quickstart-public-lb: network.InboundNatRulesClient#List: Failure sending request: StatusCode=0 -- Original Error: context deadline exceeded',
    ],
    sources: [
      `${CAPZ}/issues/2492`,
      `${CAPZ}/blob/main/azure/services/loadbalancers/loadbalancers.go`,
      `${CAPZ}/blob/main/azure/scope/cluster.go`,
    ],
  },
  {
    id: 'azure-network-resource-not-found',
    source: 'azure',
    category: 'network-misconfigured',
    title: 'Virtual network, subnet or NSG not found',
    patterns: [
      /nsg "[^"]+" not found/i,
      /The Resource 'Microsoft\.Network\/(?:virtualNetworks|networkSecurityGroups)[^']*' under resource group '[^']+' was not found/i,
      /\bInvalidResourceReference\b/i,
    ],
    specificity: 0.8,
    explanation:
      'A virtual network, subnet or network security group in the cluster spec is missing or was looked up in the wrong resource group (common with bring-your-own networks in another resource group).',
    remediation: [
      {
        step: 'Check the network spec of the cluster',
        command: 'kubectl get azurecluster -n <ns> <name> -o jsonpath="{.spec.networkSpec}"',
      },
      {
        step: 'Check the vnet in its resource group',
        command: 'az network vnet show -g <vnet-resource-group> -n <vnet>',
      },
      { step: 'Check the NSG', command: 'az network nsg show -g <resource-group> -n <nsg>' },
    ],
    examples: [
      'Error syncing load balancer: failed to ensure load balancer: nsg "control-plane-nsg" not found',
      'Status=404 Code="ResourceNotFound" Message="The Resource \'Microsoft.Network/virtualNetworks/cldazcsnet001-vnet05\' under resource group \'cldazkubermatictest-rg\' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/cloud-provider-azure/issues/281',
      'https://github.com/kubermatic/kubermatic/issues/7130',
      `${CAPZ}/issues/4244`,
    ],
  },
  {
    id: 'azure-vm-deleted-out-of-band',
    source: 'azure',
    category: 'deleted-out-of-band',
    title: 'Azure VM deleted outside Cluster API',
    patterns: [
      /VM with provider id "[^"]+" has been deleted/i,
      /The Resource 'Microsoft\.Compute\/virtualMachines\/[^']+' under resource group '[^']+' was not found/i,
      /"Unexpected VM deletion"/i,
    ],
    specificity: 0.85,
    explanation:
      'The VM of an AzureMachine that already had a provider ID no longer exists; CAPZ marks it deleted instead of recreating it, so the Machine must be replaced.',
    remediation: [
      { step: 'Confirm the VM is gone', command: 'az vm show -g <resource-group> -n <vm-name>' },
      {
        step: 'Find who deleted it',
        command:
          'az monitor activity-log list --resource-group <resource-group> --offset 7d --query "[?operationName.value==\'Microsoft.Compute/virtualMachines/delete\']"',
      },
      {
        step: 'Delete the Machine so its owner creates a new one',
        command: 'kubectl delete machine -n <ns> <machine>',
      },
    ],
    examples: [
      "The Resource 'Microsoft.Compute/virtualMachines/vm1' under resource group 'FY' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      '"code": "ResourceNotFound", "message": "The Resource \'Microsoft.Compute/virtualMachines/VM-Public\' under resource group \'Generic-Company-RG\' was not found.',
      'controllers/AzureMachine "msg"="Unexpected VM deletion" "AzureCluster"="explorer" "azureMachine"="explorer-md-0-wwvc4"',
    ],
    sources: [
      `${CAPZ}/blob/main/azure/errors.go`,
      `${CAPZ}/pull/1039`,
      'https://github.com/Azure/azure-cli/issues/15064',
      'https://github.com/Azure/azure-powershell/issues/15117',
    ],
  },
  {
    id: 'azure-data-disk-limit-reached',
    source: 'azure',
    category: 'storage-failure',
    title: 'VM size cannot take more data disks',
    patterns: [
      /maximum number of data disks allowed to be attached to a VM(?: of this size)? is \d+/i,
      /\bMaximumDataDisksExceeded\b/i,
    ],
    specificity: 0.9,
    explanation:
      'Each VM size allows a fixed number of data disks; the node already has that many attached, so further volume attachments fail.',
    remediation: [
      {
        step: 'Check the disk limit of the size',
        command: 'az vm list-sizes --location <location> --query "[?name==\'<vm-size>\'].maxDataDiskCount"',
      },
      {
        step: 'Use a larger size or spread volumes across nodes',
        command: 'kubectl get volumeattachments -o wide',
      },
    ],
    examples: [
      'HTTPStatusCode: 409, RawError: OperationNotAllowed, The maximum number of data disks allowed to be attached to a VM of this size is 8',
      '"code": "OperationNotAllowed", "message": "The maximum number of data disks allowed to be attached to a VM of this size is 16.", "target": "dataDisks"',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/azuredisk-csi-driver/pull/2883',
      'https://github.com/kubernetes-sigs/azuredisk-csi-driver/issues/879',
    ],
  },
  {
    id: 'azure-disk-attach-conflict',
    source: 'azure',
    category: 'storage-failure',
    title: 'Azure disk still detaching from another VM',
    patterns: [/\bAttachDiskWhileBeingDetached\b/i, /because the disk is currently being detached/i],
    specificity: 0.9,
    explanation:
      'The managed disk is still being detached from its previous VM, so attaching it elsewhere fails until the detach finishes or is forced.',
    remediation: [
      {
        step: 'See which VM still holds the disk',
        command: 'az disk show -g <resource-group> -n <disk> --query managedBy',
      },
      {
        step: 'Detach it from the old VM if the detach is stuck',
        command: 'az vm disk detach -g <resource-group> --vm-name <vm-name> -n <disk>',
      },
    ],
    examples: [
      "Code=\"AttachDiskWhileBeingDetached\" Message=\"Cannot attach data disk 'b1380f4b-691d-45e5-ae65-3f1b20e0fed0' to VM 'k8s-cust-20422154-vmss_11' because the disk is currently being detached",
    ],
    sources: ['https://github.com/kubernetes/kubernetes/issues/78657'],
  },
  {
    id: 'azure-managed-disk-not-found',
    source: 'azure',
    category: 'storage-failure',
    title: 'Azure managed disk not found on attach',
    patterns: [
      /\bDisk [\w-]+ is not found\b/i,
      /The Resource 'Microsoft\.Compute\/disks\/[^']+' under resource group '[^']+' was not found/i,
    ],
    specificity: 0.8,
    explanation:
      'A volume refers to a managed disk that no longer exists (deleted, or in another resource group), so the attach fails and the pod stays pending.',
    remediation: [
      { step: 'Check the disk', command: 'az disk show -g <resource-group> -n <disk>' },
      {
        step: 'Find the PersistentVolume that points at it',
        command: 'kubectl get pv -o wide | grep <disk>',
      },
    ],
    examples: [
      '"code": "NotFound", "message": "Disk k8s-agentpool-10150444-0_OsDisk_1_63e5e95418c044e499e4edb7b749ef2x is not found.",',
    ],
    sources: ['https://github.com/kubernetes/kubernetes/pull/88444'],
  },
];
