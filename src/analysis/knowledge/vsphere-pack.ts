import type { KnowledgeEntry } from './entry.ts';

const CAPV = 'https://github.com/kubernetes-sigs/cluster-api-provider-vsphere';
const IN_CLUSTER_IPAM = 'https://github.com/kubernetes-sigs/cluster-api-ipam-provider-in-cluster';

/** Known vSphere failures (CAPV, vCenter, vSphere CPI and IPAM) and the texts they emit. */
export const VSPHERE_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'vsphere-ipam-pool-exhausted',
    source: 'vsphere',
    category: 'ip-exhaustion',
    title: 'In-cluster IPAM pool has no free address',
    patterns: [/failed to find free address: no address available/i, /\bPoolExhausted\b/i],
    specificity: 0.95,
    explanation:
      'The in-cluster IPAM provider could not allocate an IPAddress for an IPAddressClaim because every address of the referenced InClusterIPPool or GlobalInClusterIPPool is in use. CAPV does not clone or power on the VM until every claim of its network devices is bound, so the Machine stays Provisioning.',
    remediation: [
      {
        step: 'Check how many addresses the pool has left.',
        command: 'kubectl get inclusterippools,globalinclusterippools -A -o wide',
      },
      { step: 'List claims that have no address yet.', command: 'kubectl get ipaddressclaims -A' },
      {
        step: 'Add addresses to the pool (spec.addresses) or delete claims left behind by deleted clusters.',
        command: 'kubectl edit inclusterippool -n <namespace> <pool>',
      },
    ],
    examples: ['failed to create or patch address: failed to find free address: no address available'],
    sources: [
      `${IN_CLUSTER_IPAM}/blob/main/internal/poolutil/pool.go`,
      `${IN_CLUSTER_IPAM}/blob/main/pkg/ipamutil/reconciler.go`,
      `${IN_CLUSTER_IPAM}/issues/179`,
      'https://github.com/kubernetes-sigs/cluster-api/pull/10660',
    ],
  },
  {
    id: 'vsphere-ipam-claim-unbound',
    source: 'vsphere',
    category: 'ip-exhaustion',
    title: 'VSphereVM waiting for IPAddressClaims to be bound',
    patterns: [/waiting for IP address claims to be bound/i, /\bWaitingForIPAddress\b/i],
    specificity: 0.6,
    explanation:
      'A device of the VSphereVM takes addresses from a pool (addressesFromPools) and at least one IPAddressClaim has no IPAddress yet. The usual cause is an exhausted pool; a missing or paused IPAM provider gives the same signal.',
    remediation: [
      {
        step: 'Find the unbound claims of the VM.',
        command: 'kubectl get ipaddressclaims -n <namespace> -o wide',
      },
      {
        step: 'Read the claim status and the IPAM provider logs.',
        command: 'kubectl describe ipaddressclaim -n <namespace> <claim>',
      },
      {
        step: 'Free or add addresses in the referenced pool.',
        command: 'kubectl get inclusterippools -A -o wide',
      },
    ],
    examples: ['Waiting for ip address claims to be bound', 'reason: WaitingForIPAddress'],
    sources: [
      `${CAPV}/blob/main/pkg/services/govmomi/ipam/status.go`,
      `${CAPV}/blob/main/pkg/services/govmomi/service.go`,
      `${CAPV}/pull/1721`,
    ],
  },
  {
    id: 'vsphere-dhcp-address-missing',
    source: 'vsphere',
    category: 'ip-exhaustion',
    title: 'VSphereVM never reports an IP address from DHCP',
    patterns: [/\bWaitingForIPAllocation\b/i],
    specificity: 0.45,
    explanation:
      'The VM is powered on with dhcp4 or dhcp6 but VMware Tools never reported an address, so the VSphereVM stays not ready with reason WaitingForIPAllocation. An exhausted DHCP scope is the common cause; a port group without DHCP service or a guest without VMware Tools looks the same.',
    remediation: [
      { step: 'Check the IP address the guest reports.', command: 'govc vm.ip -wait 10s <vm-name>' },
      {
        step: 'Check free leases in the DHCP scope that serves the port group, and extend the scope if it is full.',
      },
      {
        step: 'Read the VSphereVM conditions.',
        command: 'kubectl describe vspherevm -n <namespace> <vspherevm>',
      },
    ],
    examples: ['reason: WaitingForIPAllocation'],
    sources: [
      `${CAPV}/blob/main/controllers/vspherevm_controller.go`,
      `${CAPV}/pull/1115`,
      `${CAPV}/issues/985`,
    ],
  },
  {
    id: 'vsphere-template-not-found',
    source: 'vsphere',
    category: 'image-not-found',
    title: 'vSphere VM template not found',
    patterns: [/unable to find templ?ate by name "[^"]+"/i, /vm '[^']+' not found/i],
    specificity: 0.95,
    explanation:
      'CAPV clones every VM from spec.template, and the template name or inventory path does not exist in the datacenter (OVA never imported, renamed, or in another folder). The VSphereVM condition VMProvisioned is False with reason CloningFailed.',
    remediation: [
      { step: 'Look the template up by name.', command: "govc find / -type m -name '<template>'" },
      {
        step: 'Import the node OVA as a template if it is missing.',
        command: 'govc import.ova -name <template> <ova-file-or-url>',
      },
      {
        step: 'Point the VSphereMachineTemplate at the full inventory path of the template, for example /<datacenter>/vm/<folder>/<template>.',
      },
    ],
    examples: [
      `unable to find template by name "ubuntu-2004-kube-v1.26.2-doesnotexist": vm 'ubuntu-2004-kube-v1.26.2-doesnotexist' not found`,
      `Failed to create machine "capv-mgmt-example-controlplane-1": unable to find tempate by name "ubuntu-18.04-kube-1.15.0": vm 'ubuntu-18.04-kube-1.15.0' not found`,
    ],
    sources: [`${CAPV}/issues/1614`, `${CAPV}/issues/473`, `${CAPV}/issues/1086`],
  },
  {
    id: 'vsphere-datastore-out-of-space',
    source: 'vsphere',
    category: 'storage-failure',
    title: 'vSphere datastore out of space',
    patterns: [/Insufficient disk space on datastore/i, /\bNoDiskSpace\b/i],
    specificity: 0.9,
    explanation:
      'vCenter refused the clone because the target datastore (or the datastore the disk is placed on) has less free space than the VM disks need. Thick-provisioned disks and full clones need the whole disk size up front.',
    remediation: [
      { step: 'Check free space on the datastore.', command: 'govc datastore.info <datastore>' },
      {
        step: 'Free space, choose another datastore or storage policy in the VSphereMachineTemplate, or use linked clones / thin disks.',
      },
    ],
    examples: [
      "Error: Insufficient disk space on datastore 'PACKER'.",
      "The operation failed due to Insufficient disk space on datastore 'local'.",
    ],
    sources: [
      'https://github.com/Terraform-VMWare-Modules/terraform-vsphere-vm/issues/130',
      'https://github.com/ansible-collections/vmware.vmware_rest/pull/299',
    ],
  },
  {
    id: 'vsphere-cluster-capacity',
    source: 'vsphere',
    category: 'capacity-unavailable',
    title: 'vSphere cluster or resource pool out of capacity',
    patterns: [
      /Insufficient resources to satisfy configured failover level for vSphere HA/i,
      /\bInsufficientResourcesFault\b/i,
      /available (?:CPU|Memory) resources in the parent resource pool are insufficient/i,
    ],
    specificity: 0.85,
    explanation:
      'vSphere HA admission control or the resource pool reservation refuses to power on the VM: the cluster would no longer have the CPU and memory it keeps aside for host failures. CAPV keeps retrying the power-on task and the Machine stays Provisioning.',
    remediation: [
      { step: 'Check cluster CPU and memory usage.', command: 'govc cluster.usage <cluster>' },
      {
        step: 'Check the resource pool reservation and limits.',
        command: 'govc pool.info <resource-pool-path>',
      },
      { step: 'Add hosts, lower VM reservations or sizes, or relax the HA admission control policy.' },
    ],
    examples: ['Insufficient resources to satisfy configured failover level for vSphere HA.'],
    sources: [
      'https://qiita.com/akgo/items/6f47917c1470a2d5a9bc',
      'https://docs.vmware.com/jp/VMware-vSphere/6.5/com.vmware.vsphere.troubleshooting.doc/GUID-A7C83499-FA81-4893-8376-A4B91AC81FA7.html',
      `${CAPV}/issues/1920`,
    ],
  },
  {
    id: 'vsphere-login-failed',
    source: 'vsphere',
    category: 'credentials-invalid',
    title: 'vCenter rejected the user name or password',
    patterns: [
      /Cannot complete login due to an incorrect user name or password/i,
      /\bInvalidLogin\b/i,
      // The session CAPV or the CSI driver holds was logged out or expired.
      /\bwith err: NotAuthenticated\b|\bvim\.fault\.NotAuthenticated\b/i,
    ],
    specificity: 0.95,
    explanation:
      'vCenter refused the credentials used by CAPV, the vSphere CPI or the CSI driver: the password was changed or expired, the account is locked, or the user name lacks its domain suffix (user@vsphere.local).',
    remediation: [
      {
        step: 'Test the credentials against vCenter.',
        command: "govc about -u '<user>:<password>@<vcenter>' -k",
      },
      {
        step: 'Update the secret that holds them (CAPV identity secret or cloud-provider-vsphere-credentials in the workload cluster).',
        command: 'kubectl -n kube-system edit secret cloud-provider-vsphere-credentials',
      },
      {
        step: 'Restart the CPI so that it logs in again.',
        command: 'kubectl -n kube-system rollout restart ds/vsphere-cloud-controller-manager',
      },
    ],
    examples: [
      'E0310 19:57:27.682582       1 connection.go:63] Failed to create govmomi client. err: ServerFaultCode: Cannot complete login due to an incorrect user name or password.',
      'failed to init controller. Error: ServerFaultCode: Cannot complete login due to an incorrect user name or password.',
    ],
    sources: [
      `${CAPV}/issues/1473`,
      'https://github.com/aws/eks-anywhere/issues/1197',
      'https://github.com/rancher/os/issues/2840',
    ],
  },
  {
    id: 'vsphere-permission-denied',
    source: 'vsphere',
    category: 'iam-permission-denied',
    title: 'vCenter user lacks a privilege',
    patterns: [/Permission to perform this operation was denied/i, /\bNoPermission\b/i],
    specificity: 0.9,
    explanation:
      'The vCenter account authenticates but its role misses a privilege the operation needs (clone, power on, tag, session checks), or the role is not propagated to the folder, resource pool or datastore used by the VM.',
    remediation: [
      {
        step: 'List the permissions on the object the operation failed on.',
        command: 'govc permissions.ls <inventory-path>',
      },
      {
        step: 'Compare the role with the privileges CAPV documents and add the missing ones.',
        command: 'govc role.ls <role>',
      },
    ],
    examples: [
      '"msg"="error checking if session is active" "error"="ServerFaultCode: Permission to perform this operation was denied." "datacenter"="" "server"="our-vcenter"',
      'Error calling vm.vm.Clone task: ServerFaultCode: Permission to perform this operation was denied.',
    ],
    sources: [`${CAPV}/issues/1503`, 'https://github.com/vmware/packer-plugin-vsphere/issues/225'],
  },
  {
    id: 'vsphere-cpi-provider-id-missing',
    source: 'vsphere',
    category: 'bootstrap-failure',
    title: 'vSphere CPI never set the Node providerID',
    patterns: [
      /Failed to parse ProviderID.{0,40}providerID is empty/i,
      /cannot assign NodeRef to Machine .{0,200}no matching Node/i,
    ],
    specificity: 0.6,
    explanation:
      'The VM runs and the Node registered, but the vSphere cloud-controller-manager in the workload cluster did not initialize it, so Node.spec.providerID stays empty and CAPI cannot match the Node to the Machine; the Machine stays Provisioned. The CPI logs name the reason, usually a failed vCenter login or no route to vCenter.',
    remediation: [
      {
        step: 'Compare the providerIDs of the Nodes.',
        command: 'kubectl get nodes -o custom-columns=NAME:.metadata.name,PROVIDERID:.spec.providerID',
      },
      {
        step: 'Read the CPI logs in the workload cluster.',
        command: 'kubectl -n kube-system logs ds/vsphere-cloud-controller-manager',
      },
      {
        step: 'Fix the CPI credentials, thumbprint or network path to vCenter, then let it initialize the Node.',
      },
    ],
    examples: [
      'E0218 03:41:53.126751       1 machine_controller_noderef.go:152] controllers/Machine "msg"="Failed to parse ProviderID" "error"="providerID is empty" "providerID"={} "node"="ts-kubeflow-sac-prod-md1-6ffd74bd5b-khxzr"',
      'controllers/Machine "msg"="Reconciliation for Machine asked to requeue" "error"="cannot assign NodeRef to Machine \\"vsphere-quickstart-hp9w2\\" in namespace \\"default\\", no matching Node: requeue in 10s"',
    ],
    sources: [
      `${CAPV}/issues/1107`,
      `${CAPV}/issues/828`,
      `${CAPV}/issues/1473`,
      'https://github.com/aws/eks-anywhere/issues/5502',
    ],
  },
  {
    id: 'vsphere-vcenter-unreachable',
    source: 'vsphere',
    category: 'network-misconfigured',
    title: 'vCenter API unreachable',
    patterns: [
      /Post "?https:\/\/[^\s"]+\/sdk"?: (?:dial tcp [^\s]+: (?:i\/o timeout|connect: (?:connection refused|no route to host))|EOF|context deadline exceeded)/i,
      /\bVCenterUnreachable\b/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPV (or the CPI or CSI driver in the workload cluster) cannot open a session to the vCenter SDK endpoint: a firewall, proxy, route or wrong server address blocks port 443. CAPV reports VCenterAvailable=False with reason VCenterUnreachable and provisions nothing.',
    remediation: [
      {
        step: 'Read the VSphereCluster conditions.',
        command: 'kubectl describe vspherecluster -n <namespace> <vspherecluster>',
      },
      {
        step: 'Test the SDK endpoint from the controller network.',
        command:
          'kubectl -n capv-system exec deploy/capv-controller-manager -- curl -k -sS -m 10 https://<vcenter>/sdk',
      },
      {
        step: 'Open port 443 from the management cluster (and from workload nodes for the CPI) to vCenter, or fix the server address.',
      },
    ],
    examples: [
      `cluster creation failed, reason:'VCenterUnreachable', message:'Post "https://my_vcenter_url/sdk": dial tcp xxx.xxx.xxx.xxx:443: i/o timeout'`,
      'E0404 00:49:35.768259       1 connection.go:63] Failed to create govmomi client. err: Post "https://10.23.0.11:443/sdk": dial tcp 10.23.0.11:443: i/o timeout',
      'failed to create vSphere session: Post https://192.168.1.202/sdk: EOF',
    ],
    sources: [
      'https://github.com/vmware-tanzu/community-edition/issues/5176',
      'https://github.com/aws/eks-anywhere/issues/5502',
      'https://github.com/vmware-tanzu/community-edition/issues/458',
      `${CAPV}/blob/main/controllers/vspherecluster_reconciler.go`,
    ],
  },
  {
    id: 'vsphere-vcenter-certificate-untrusted',
    source: 'vsphere',
    category: 'certificate-expired',
    title: 'vCenter certificate not trusted or thumbprint mismatch',
    patterns: [/x509: certificate signed by unknown authority/i, /thumbprint does not match/i],
    specificity: 0.75,
    explanation:
      'The client does not trust the vCenter certificate: it is signed by a CA the controller does not know, or the certificate was replaced and no longer matches the configured SHA-1 thumbprint. Every session to vCenter fails until the thumbprint or CA is updated.',
    remediation: [
      {
        step: 'Read the current vCenter thumbprint.',
        command: 'govc about.cert -k -u <vcenter> -thumbprint',
      },
      {
        step: 'Update spec.thumbprint on the VSphereCluster (and the CPI/CSI configuration) or add the vCenter CA to the trust store.',
        command: 'kubectl edit vspherecluster -n <namespace> <vspherecluster>',
      },
    ],
    examples: [
      'failed to init controller. Error: Post https://e4vmw0vic06.datalinklabs.local:443/sdk: x509: certificate signed by unknown authority',
      'Reconciler error failed to create vcenter session: failed to create client.... thumbprint does not match',
    ],
    sources: [`${CAPV}/issues/1162`, `${CAPV}/pull/1904`, `${CAPV}/issues/2805`],
  },
  {
    id: 'vsphere-vm-deleted-out-of-band',
    source: 'vsphere',
    category: 'deleted-out-of-band',
    title: 'vSphere VM deleted outside Cluster API',
    patterns: [
      /vm with (?:bios|instance) uuid \S+ not found/i,
      /\bNotFoundByBIOSUUID\b/i,
      /Unable to find VM by BIOS UUID/i,
      /\bhas already been deleted or has not been completely created\b/i,
    ],
    specificity: 0.85,
    explanation:
      'CAPV looks the VM up by the BIOS UUID recorded on the VSphereVM and vCenter no longer has it: it was deleted or unregistered in vCenter. The error can also be transient while a datastore is disconnected.',
    remediation: [
      { step: 'Confirm the VM is gone.', command: 'govc vm.info -vm.uuid <bios-uuid>' },
      {
        step: 'If it was deleted, delete the Machine so its owner creates a replacement.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      'vm with bios uuid 42163c5e-8d36-2e9a-1a56-5b7b3a3a9f1c not found',
      'reason: NotFoundByBIOSUUID',
      'Failure Message:         Unable to find VM by BIOS UUID 420c97cc-c09c-4684-45c1-ba607dac0b5a. The vm was removed from infra',
    ],
    sources: [
      `${CAPV}/blob/main/pkg/services/govmomi/errors.go`,
      `${CAPV}/blob/main/pkg/services/govmomi/service.go`,
      `${CAPV}/issues/1396`,
    ],
  },
  {
    id: 'vsphere-vm-spec-rejected',
    source: 'vsphere',
    category: 'invalid-machine-spec',
    title: 'vCenter rejects the VM size or disk of the machine template',
    patterns: [
      /\bNotEnoughCpus\b/i,
      /requires \d+ CPUs to operate, but the host hardware only provides \d+/i,
      /Invalid operation for device '\d+'/i,
      /No host is compatible with the virtual machine/i,
      /A specified parameter was not correct: spec\.\S+/i,
      /resource pool '[^']*' not found/i,
      /can't resize template disk down/i,
    ],
    specificity: 0.85,
    explanation:
      'vCenter refused the clone or reconfigure of the VM for a parameter of the VSphereMachineTemplate: more vCPUs than any host of the cluster has (NotEnoughCpus), or a disk (diskGiB) smaller than the template disk, which vCenter reports as an invalid operation on the disk device.',
    remediation: [
      {
        step: 'Compare the template with the machine template.',
        command:
          'govc vm.info -r <template> && kubectl get vspheremachinetemplate -n <namespace> <name> -o yaml',
      },
      {
        step: 'Create a new VSphereMachineTemplate with numCPUs the hosts have and diskGiB at least the template disk, and point the MachineDeployment or KubeadmControlPlane at it.',
      },
    ],
    examples: [
      "msg = 'Virtual machine requires 8 CPUs to operate, but the host hardware only provides 4.'",
      'pyVmomi.VmomiSupport.NotEnoughCpus: (vim.fault.NotEnoughCpus)',
      "Invalid operation for device '0'.",
    ],
    sources: [`${CAPV}/issues/1030`, 'https://github.com/vmware/ansible-vsphere-gos-validation/issues/12'],
  },
];
