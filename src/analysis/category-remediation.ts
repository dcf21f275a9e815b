import type { RemediationStep, RootCauseCategory } from '../model/incident.ts';

/** First steps for each category when no knowledge entry gives its own: what to check, with the command. */
export const CATEGORY_REMEDIATION: Readonly<Record<RootCauseCategory, readonly RemediationStep[]>> = {
  'cloud-quota-exceeded': [
    {
      step: 'Find which quota is reached in the provider error, then request an increase or free capacity in that account, project or subscription',
    },
    {
      step: 'Until the quota grows, scale the affected pool down to what fits',
      command: 'kubectl scale machinedeployment <machinedeployment> -n <namespace> --replicas=<n>',
    },
  ],
  'capacity-unavailable': [
    {
      step: 'Try another instance size or failure domain that has capacity, through a new machine template',
      command: 'kubectl get <infra-machine-template-kind> -n <namespace>',
    },
    { step: 'Or wait and let the controller retry; capacity shortages are usually temporary' },
  ],
  'ip-exhaustion': [
    {
      step: 'Free addresses or grow the subnet or IP pool the machines draw from',
      command: 'kubectl get ipaddressclaims,ipaddresses -n <namespace>',
    },
  ],
  'iam-permission-denied': [
    {
      step: 'Grant the controller identity the permission the error names (policy, role assignment or IAM binding), then let it retry',
    },
    {
      step: 'Check which identity the provider controller uses',
      command: 'kubectl get deployment -A -l cluster.x-k8s.io/provider -o wide',
    },
  ],
  'credentials-invalid': [
    {
      step: 'Rotate or fix the credentials the provider controller uses (the identity Secret or workload identity binding), then restart the controller',
    },
  ],
  'image-not-found': [
    {
      step: 'Point the machine template at an image that exists and the account can use; templates are immutable, so create a new template and update the reference',
      command: 'kubectl get <infra-machine-template-kind> -n <namespace> -o yaml',
    },
  ],
  'invalid-machine-spec': [
    {
      step: 'Fix the rejected parameter (instance type, size, flavor, disk) in a new machine template and repoint the MachineDeployment or control plane at it',
    },
  ],
  'network-misconfigured': [
    {
      step: 'Check the security groups, firewall rules, routes and proxy between the machines and the control-plane endpoint',
      command: 'kubectl get cluster <cluster> -n <namespace> -o jsonpath={.spec.controlPlaneEndpoint}',
    },
  ],
  'load-balancer-failure': [
    {
      step: 'Look at the load balancer in the provider console and at the infrastructure cluster conditions',
      command: 'kubectl describe <infra-cluster-kind> <cluster> -n <namespace>',
    },
  ],
  'dns-failure': [
    {
      step: 'Check the DNS servers the machines use (DHCP options, resolv.conf) and that the names in the error resolve from inside the network',
    },
  ],
  'certificate-expired': [
    {
      step: 'Find which certificate expired and rotate it; for kubeadm control planes, roll the machines',
      command: 'clusterctl alpha rollout restart kubeadmcontrolplane/<control-plane> -n <namespace>',
    },
  ],
  'bootstrap-failure': [
    {
      step: 'Read the machine boot log (cloud-init-output.log) for the failing step',
      command: 'ssh <node> sudo cat /var/log/cloud-init-output.log',
    },
    {
      step: 'Check the bootstrap config of the machine',
      command: 'kubectl describe kubeadmconfig <machine> -n <namespace>',
    },
  ],
  'version-skew': [
    {
      step: 'Bring the versions within the supported skew (upgrade the control plane first, then the workers)',
      command: 'clusterctl describe cluster <cluster> -n <namespace>',
    },
  ],
  'etcd-unhealthy': [
    {
      step: 'Check the etcd members and alarms on a control-plane node',
      command:
        'kubectl -n kube-system exec etcd-<node> -- etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key endpoint status --cluster -w table',
    },
  ],
  'api-rate-limited': [
    {
      step: "Lower the controllers' request rate (concurrency flags, sync period) or raise the provider limit; many clusters in one account share it",
    },
  ],
  'webhook-failure': [
    {
      step: 'Check that the webhook service has ready endpoints and a valid certificate',
      command: 'kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations',
    },
  ],
  'deleted-out-of-band': [
    {
      step: 'Let Cluster API replace the Machine whose instance is gone',
      command: 'kubectl delete machine <machine> -n <namespace>',
    },
  ],
  'storage-failure': [
    {
      step: 'Check the volume or datastore in the provider and the attach and detach events',
      command: 'kubectl get events -A --field-selector reason=FailedAttachVolume',
    },
  ],
  'drain-blocked': [
    {
      step: 'Find the pods that cannot be evicted (PodDisruptionBudgets, volumes) and resolve them, or set a nodeDrainTimeout on the Machine template',
      command: 'kubectl get pdb -A',
    },
  ],
  'node-unhealthy': [
    {
      step: 'Read the kubelet and container runtime state on the node',
      command: 'kubectl describe node <node>',
    },
    {
      step: 'If the node does not recover, let the MachineHealthCheck replace it or delete its Machine',
      command: 'kubectl delete machine <machine> -n <namespace>',
    },
  ],
  'workload-regression': [
    {
      step: 'Pause the rollout that came before the regression',
      command: 'clusterctl alpha rollout pause machinedeployment/<machinedeployment> -n <namespace>',
    },
    { step: 'Compare the applications on new and old nodes (versions, kernel, runtime) before resuming' },
  ],
  'remediation-storm': [
    {
      step: 'Stop the loop: cap remediation (MachineHealthCheck unhealthyLessThanOrEqualTo, MachineDeployment remediation.maxInFlight) and fix what makes new machines fail',
    },
  ],
  'workload-cluster-unreachable': [
    {
      step: 'Check the control-plane endpoint from the management cluster, and that the workload kubeconfig Secret is current',
      command: 'kubectl get secret <cluster>-kubeconfig -n <namespace>',
    },
  ],
  unknown: [
    {
      step: 'Inspect the objects in the chain',
      command: 'clusterctl describe cluster <cluster> -n <namespace> --show-conditions all',
    },
  ],
};
