import type { KnowledgeEntry } from './entry.ts';

const CAPI = 'https://github.com/kubernetes-sigs/cluster-api';
const MS_PREFLIGHT = `${CAPI}/blob/main/internal/controllers/machineset/machineset_preflight.go`;
const KCP_CONDITIONS = `${CAPI}/blob/main/controlplane/kubeadm/internal/workload_cluster_conditions.go`;
const KCP_SCALE = `${CAPI}/blob/main/controlplane/kubeadm/internal/controllers/scale.go`;
const KCP_REMEDIATION = `${CAPI}/blob/main/controlplane/kubeadm/internal/controllers/remediation.go`;
const MHC_CONTROLLER = `${CAPI}/blob/main/internal/controllers/machinehealthcheck/machinehealthcheck_controller.go`;
const MACHINE_CONTROLLER = `${CAPI}/blob/main/internal/controllers/machine/machine_controller.go`;
const MACHINE_DELETION_DOCS = `${CAPI}/blob/main/docs/book/src/tasks/automated-machine-management/machine_deletions.md`;

/** Known Cluster API core and KubeadmControlPlane failures, with the condition and log texts they emit. */
export const CAPI_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'capi-preflight-kubernetes-version-skew',
    source: 'capi',
    category: 'version-skew',
    title: 'MachineSet version ahead of the control plane',
    patterns: [
      /"KubernetesVersionSkew" preflight failed/i,
      /do not conform to the kubernetes version skew policy/i,
    ],
    specificity: 0.95,
    explanation:
      'The MachineSet preflight checks refuse to create Machines whose Kubernetes version is newer than the control plane (or too far behind it), because kubelets must not be newer than the API server. Usually the MachineDeployment was upgraded before the control plane finished its upgrade.',
    remediation: [
      { step: 'Compare the versions.', command: 'kubectl get kcp,machinedeployments -n <namespace> -o wide' },
      {
        step: 'Upgrade the control plane first, or set the MachineDeployment back to the control plane version.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      {
        step: 'Only if you know it is safe, skip the check with the annotation machineset.cluster.x-k8s.io/skip-preflight-checks: KubernetesVersionSkew on the MachineSet.',
      },
    ],
    examples: [
      'MachineSet version (1.30.2) and ControlPlane version (1.28.9) do not conform to the kubernetes version skew policy as MachineSet version is higher than ControlPlane version ("KubernetesVersionSkew" preflight failed)',
    ],
    sources: [
      MS_PREFLIGHT,
      `${CAPI}/blob/main/docs/book/src/tasks/experimental-features/machineset-preflight-checks.md`,
    ],
  },
  {
    id: 'capi-kcp-version-skipped-minor',
    source: 'capi',
    category: 'version-skew',
    title: 'Control plane upgrade skips a minor version',
    patterns: [/spec\.version: Forbidden: cannot update Kubernetes version from v?[\d.]+ to v?[\d.]+/i],
    specificity: 0.95,
    explanation:
      'The KubeadmControlPlane webhook rejects a version change that skips a minor version (kubeadm upgrades one minor at a time), so the upgrade never starts; with a ClusterClass the topology controller retries the patch and reports TopologyReconciled False.',
    remediation: [
      {
        step: 'Compare the current and the requested version.',
        command: 'kubectl get kcp -n <namespace> -o wide',
      },
      {
        step: 'Upgrade one minor version at a time: set spec.version (or the Cluster spec.topology.version) to the next minor, wait for the rollout, then continue.',
        command: 'clusterctl describe cluster <cluster> -n <namespace>',
      },
    ],
    examples: [
      'admission webhook "validation.kubeadmcontrolplane.controlplane.cluster.x-k8s.io" denied the request: KubeadmControlPlane.controlplane.cluster.x-k8s.io "docker-cluster-6w52x" is invalid: spec.version: Forbidden: cannot update Kubernetes version from v1.21.2 to v1.23.0',
    ],
    sources: [
      `${CAPI}/issues/5853`,
      `${CAPI}/blob/main/controlplane/kubeadm/internal/webhooks/kubeadm_control_plane.go`,
    ],
  },
  {
    id: 'capi-node-deleted',
    source: 'capi',
    category: 'deleted-out-of-band',
    title: 'Node of a Machine deleted from the workload cluster',
    patterns: [/error retrieving node \S+ for machine \S+: Node \\?"[^"\\]+\\?" not found/i],
    specificity: 0.6,
    explanation:
      'The Machine records a Node that the workload cluster no longer has: the Node object or the instance behind it was removed outside Cluster API (kubectl delete node, a cloud controller that saw the instance vanish). The Machine stays without a Node until a MachineHealthCheck or a person replaces it.',
    remediation: [
      {
        step: 'Check whether the instance still exists and the Node is gone.',
        command: 'kubectl --kubeconfig <workload> get nodes',
      },
      {
        step: 'Delete the Machine so its MachineSet creates a replacement (or let a MachineHealthCheck do it).',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      '"Unable to retrieve Node status" err="error retrieving node capi-quickstart-md-0-r7gw2 for machine default/capi-quickstart-md-0-c65cfd7db-vsrtw: Node \\"capi-quickstart-md-0-r7gw2\\" not found" controller="machineset"',
    ],
    sources: [`${CAPI}/issues/7112`, MACHINE_CONTROLLER],
  },
  {
    id: 'capi-preflight-kubeadm-version-skew',
    source: 'capi',
    category: 'version-skew',
    title: 'kubeadm version of new Machines differs from the control plane',
    patterns: [/"KubeadmVersionSkew" preflight failed/i, /do not conform to kubeadm version skew policy/i],
    specificity: 0.95,
    explanation:
      'kubeadm can only join a node whose minor version equals the control plane minor version, so the MachineSet preflight check blocks Machines that use a KubeadmConfig and a different minor version.',
    remediation: [
      { step: 'Compare the versions.', command: 'kubectl get kcp,machinedeployments -n <namespace> -o wide' },
      {
        step: 'Finish the control plane upgrade, then upgrade the MachineDeployments one minor version at a time.',
      },
    ],
    examples: [
      'MachineSet version (1.30.2) and ControlPlane version (1.29.5) do not conform to kubeadm version skew policy as kubeadm only supports joining with the same major+minor version as the control plane ("KubeadmVersionSkew" preflight failed)',
    ],
    sources: [MS_PREFLIGHT],
  },
  {
    id: 'capi-preflight-control-plane-upgrading',
    source: 'capi',
    category: 'unknown',
    title: 'MachineSet waits for the control plane upgrade (transient)',
    patterns: [/"ControlPlaneIsStable" preflight failed/i],
    specificity: 0.3,
    explanation:
      'The MachineSet holds off creating Machines while the control plane is provisioning or upgrading. This is expected during upgrades and clears by itself; it only matters if the control plane upgrade itself is stuck.',
    remediation: [
      {
        step: 'Check the progress of the control plane rollout.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      {
        step: 'If the control plane upgrade is stuck, diagnose the KubeadmControlPlane first.',
        command: 'kubectl describe kcp -n <namespace> <kcp>',
      },
    ],
    examples: [
      'ControlPlane default/capi-quickstart-control-plane is upgrading ("ControlPlaneIsStable" preflight failed)',
    ],
    sources: [MS_PREFLIGHT],
  },
  {
    id: 'capi-kcp-preflight-etcd',
    source: 'capi',
    category: 'etcd-unhealthy',
    title: 'KubeadmControlPlane blocked by unhealthy etcd members',
    patterns: [
      /Waiting for control plane to pass preflight checks to continue reconciliation: \[.{0,400}?EtcdMemberHealthy/i,
    ],
    specificity: 0.8,
    explanation:
      'KCP does not scale or roll out while any control plane Machine reports its etcd member unhealthy or unknown, to avoid losing etcd quorum. The listed Machine names the member that fails.',
    remediation: [
      {
        step: 'Read the control plane Machine conditions.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      {
        step: 'List the etcd members from a healthy control plane node.',
        command:
          'kubectl -n kube-system exec etcd-<node> -- etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key member list -w table',
      },
      {
        step: 'Remove members of Machines that no longer exist, or remediate the unhealthy Machine so KCP can continue.',
      },
    ],
    examples: [
      'Waiting for control plane to pass preflight checks to continue reconciliation: [Machine capi-quickstart-control-plane-xp2cl reports EtcdMemberHealthy condition is unknown (Failed to connect to etcd: context deadline exceeded)]',
    ],
    sources: [KCP_SCALE, KCP_CONDITIONS],
  },
  {
    id: 'capi-kcp-machine-without-node',
    source: 'capi',
    category: 'bootstrap-failure',
    title: 'Machine has no Node',
    patterns: [
      /does not have a corresponding Node yet \(Machine\.status\.nodeRef not set\)/i,
      /Waiting for a Node with spec\.providerID \S+ to exist/i,
    ],
    // It restates the symptom (no Node joined), so it scores below what counts as a cause: the symptom's own
    // fallback, a health-check loop or any evidence that says why speaks instead.
    specificity: 0.2,
    explanation:
      'The infrastructure exists but no Node with the matching providerID registered in the workload cluster: kubeadm init/join failed, the kubelet cannot reach the API server, or the cloud provider did not set the providerID. The bootstrap logs on the machine show which.',
    remediation: [
      { step: 'Check the bootstrap output on the machine.', command: 'cloud-init status --long' },
      {
        step: 'Read the kubelet logs on the machine.',
        command: 'journalctl -u kubelet --no-pager | tail -n 200',
      },
      {
        step: 'Compare the providerIDs of Nodes and Machines.',
        command:
          'kubectl get machines -n <namespace> -o custom-columns=NAME:.metadata.name,PROVIDERID:.spec.providerID,NODE:.status.nodeRef.name',
      },
    ],
    examples: [
      'Machine capi-quickstart-control-plane-xp2cl does not have a corresponding Node yet (Machine.status.nodeRef not set)',
      'Waiting for a Node with spec.providerID aws:///us-east-1a/i-0b1c2d3e4f5a6b7c8 to exist',
    ],
    sources: [KCP_CONDITIONS, MACHINE_CONTROLLER],
  },
  {
    id: 'capi-etcd-nospace-alarm',
    source: 'capi',
    category: 'etcd-unhealthy',
    title: 'etcd database space exceeded (NOSPACE alarm)',
    patterns: [
      /\breports alarms: \[?NOSPACE\b/i,
      /etcdserver: mvcc: database space exceeded/i,
      /\balarm:NOSPACE\b/i,
    ],
    specificity: 0.95,
    explanation:
      'An etcd member reached its backend quota and raised the NOSPACE alarm; etcd then accepts only reads and deletes, so the workload API server fails writes and KCP marks EtcdClusterHealthy False.',
    remediation: [
      { step: 'List the alarms.', command: 'etcdctl alarm list' },
      { step: 'Compact and defragment every member.', command: 'etcdctl defrag --cluster' },
      {
        step: 'Disarm the alarm once space is free, and raise quota-backend-bytes if the data set grew legitimately.',
        command: 'etcdctl alarm disarm',
      },
    ],
    examples: ['Etcd member reports alarms: NOSPACE', 'etcdserver: mvcc: database space exceeded'],
    sources: [KCP_CONDITIONS, 'https://etcd.io/docs/v3.5/op-guide/maintenance/'],
  },
  {
    id: 'capi-etcd-member-unhealthy',
    source: 'capi',
    category: 'etcd-unhealthy',
    title: 'etcd member unhealthy or not part of the cluster',
    patterns: [
      /the etcd member hosted on Machine \S+ .{0,40}is not included/i,
      /Following machines are reporting etcd member errors/i,
      /etcd member has cluster ID \d+, but all previously seen etcd members have cluster ID/i,
      /\bFailed to connect to etcd: /i,
      // KCP's older health check: fewer healthy etcd Pods than members in the member list.
      /there are \d+ healthy etcd pods, but \d+ etcd members/i,
    ],
    specificity: 0.8,
    explanation:
      'KCP checks every control plane Machine for a healthy etcd member that belongs to the same cluster. A member is unreachable, missing from the member list, or part of another etcd cluster (a leftover from a failed join), so EtcdClusterHealthy is False.',
    remediation: [
      {
        step: 'Read the EtcdMemberHealthy condition of each control plane Machine.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      {
        step: 'List the members and their health.',
        command: 'etcdctl member list -w table && etcdctl endpoint health --cluster',
      },
      {
        step: 'Remove stale members and let KCP or the MachineHealthCheck replace the broken Machine.',
        command: 'etcdctl member remove <member-id>',
      },
    ],
    examples: [
      'Following machines are reporting etcd member errors: capi-quickstart-control-plane-xp2cl',
      'Failed to connect to etcd: context deadline exceeded',
      'failed to pass etcd health check: there are 2 healthy etcd pods, but 3 etcd members',
    ],
    sources: [KCP_CONDITIONS, `${CAPI}/issues/3860`],
  },
  {
    id: 'capi-workload-cluster-unreachable',
    source: 'capi',
    category: 'workload-cluster-unreachable',
    title: 'Management cluster cannot reach the workload API server',
    patterns: [
      /Remote connection probe failed/i,
      /connection to the workload cluster is down/i,
      /error creating client (?:and cache )?for remote cluster/i,
      /failed to create remote cluster client/i,
      /\bcluster is not reachable: /i,
      /\bKubernetes cluster unreachable: /i,
      // A management controller's request to the workload API server that never got an answer.
      /Failed to update KubeadmControlPlane Status[^\n]{0,300}https:\/\/[^\s"]+[^\n]{0,300}(Client\.Timeout exceeded|request canceled|i\/o timeout|connection refused|no route to host)/i,
    ],
    specificity: 0.85,
    explanation:
      'The Cluster API controllers lost their connection to the workload API server (load balancer down, control plane down, network path or credentials broken). Node-related conditions go Unknown and nothing in the workload cluster can be managed until the connection is back.',
    remediation: [
      {
        step: 'Read the RemoteConnectionProbe condition of the Cluster.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      {
        step: 'Test the API server with the cluster kubeconfig.',
        command:
          'clusterctl get kubeconfig <cluster> > /tmp/<cluster>.kubeconfig && kubectl --kubeconfig /tmp/<cluster>.kubeconfig get --raw /readyz',
      },
      {
        step: 'Check the control plane load balancer and the control plane Machines.',
        command: 'kubectl get machines -n <namespace> -l cluster.x-k8s.io/control-plane',
      },
    ],
    examples: [
      'Remote connection probe failed, probe last succeeded at 2024-10-09T16:13:59Z',
      'error getting client: connection to the workload cluster is down',
      'failed to create remote cluster client: failed to create cluster accessor: error creating client for remote cluster "default/capi-quickstart": error getting rest mapping: failed to get API group resources: unable to retrieve the complete list of server APIs: cluster.x-k8s.io/v1beta1: client rate limiter Wait returned an error: context deadline exceeded - error from a previous attempt: EOF',
    ],
    sources: [
      `${CAPI}/blob/main/internal/controllers/cluster/cluster_controller_status.go`,
      `${CAPI}/blob/main/controllers/clustercache/cluster_cache.go`,
      `${CAPI}/pull/8801`,
    ],
  },
  {
    id: 'capi-admission-webhook-unavailable',
    source: 'capi',
    category: 'webhook-failure',
    title: 'Admission webhook of a provider not reachable',
    patterns: [
      /failed calling webhook "[^"]{1,200}": (?:failed to call webhook: )?Post "?https:\/\/[^\s"]{1,300}"?: (?:dial tcp \S+: connect: connection refused|context deadline exceeded|no endpoints available for service|EOF)/i,
    ],
    specificity: 0.85,
    explanation:
      'The API server could not call the validating or mutating webhook of a Cluster API or provider controller: its pod is not running or not ready yet, the webhook Service has no endpoints, or the network policy blocks the API server. Creates and updates of those objects are rejected.',
    remediation: [
      {
        step: 'Check the provider controller pods.',
        command: 'kubectl get pods -A -l cluster.x-k8s.io/provider',
      },
      {
        step: 'Check the webhook Service endpoints.',
        command: 'kubectl get endpoints -n <provider-namespace> <webhook-service>',
      },
      { step: 'Wait for the controllers to be ready after clusterctl init/upgrade, then retry the apply.' },
    ],
    examples: [
      'Error from server (InternalError): error when creating "capi-quickstart.yaml": Internal error occurred: failed calling webhook "default.cluster.cluster.x-k8s.io": Post "https://capi-webhook-service.capi-system.svc:443/mutate-cluster-x-k8s-io-v1beta1-cluster?timeout=10s": no endpoints available for service "capi-webhook-service"',
      'Internal error occurred: failed calling webhook "vbaremetalhost.kb.io": Post "https://capm3-baremetal-operator-webhook-service.capm3-system.svc:443/validate-metal3-io-v1alpha1-baremetalhost?timeout=10s": dial tcp 10.103.185.239:443: connect: connection refused',
    ],
    sources: [
      `${CAPI}/issues/6115`,
      `${CAPI}/issues/6229`,
      'https://github.com/kubernetes/kubernetes/issues/103108',
    ],
  },
  {
    id: 'capi-conversion-webhook-failed',
    source: 'capi',
    category: 'webhook-failure',
    title: 'CRD conversion webhook failed',
    patterns: [
      /conversion webhook for \S+ Kind=\w+ failed: (?:the server could not find the requested resource|Post "?https:\/\/[^\s"]{1,300}"?: (?:dial tcp \S+: connect: connection refused|context deadline exceeded|no endpoints available for service|EOF))/i,
    ],
    specificity: 0.85,
    explanation:
      'Reading or writing a Cluster API object in a version other than the storage version needs the conversion webhook of its provider; the webhook is down, not registered for that version, or its CRD points at the wrong Service. Listing or upgrading those objects fails, typically after a partial clusterctl upgrade.',
    remediation: [
      {
        step: 'Check the conversion settings of the CRD.',
        command: 'kubectl get crd <crd-name> -o jsonpath={.spec.conversion}',
      },
      {
        step: 'Check the provider controller that serves the webhook.',
        command: 'kubectl get pods -A -l cluster.x-k8s.io/provider',
      },
      {
        step: 'Finish or repeat the provider upgrade so CRDs and controllers match.',
        command: 'clusterctl upgrade plan',
      },
    ],
    examples: [
      'conversion webhook for cluster.x-k8s.io/v1alpha4, Kind=Cluster failed: the server could not find the requested resource',
      'conversion webhook for kpack.io/v1alpha1, Kind=Builder failed: Post "https://kpack-webhook.kpack.svc:443/convert?timeout=30s": dial tcp 10.110.216.122:443: connect: connection refused',
    ],
    sources: [
      `${CAPI}/issues/3958`,
      `${CAPI}/issues/4401`,
      'https://github.com/cloudfoundry/cf-for-k8s/issues/698',
    ],
  },
  {
    id: 'capi-webhook-certificate-expired',
    source: 'capi',
    category: 'certificate-expired',
    title: 'Webhook serving certificate expired or untrusted',
    patterns: [
      /(?:failed calling webhook|conversion webhook for) .{0,400}?x509: certificate has expired or is not yet valid/i,
    ],
    specificity: 0.9,
    explanation:
      'The API server rejects the TLS certificate of a webhook: cert-manager did not renew it, or the caBundle injected into the webhook configuration or CRD no longer matches. Every call to that webhook fails.',
    remediation: [
      {
        step: 'Check the webhook certificates managed by cert-manager.',
        command: 'kubectl get certificates -A',
      },
      { step: 'Check cert-manager and its cainjector.', command: 'kubectl -n cert-manager get pods' },
      {
        step: 'Renew the certificate and restart the controller that serves it.',
        command: 'cmctl renew -n <provider-namespace> <certificate>',
      },
    ],
    examples: [
      'conversion webhook for gateway.kyma-project.io/v1beta1, Kind=APIRule failed: Post "https://api-gateway-webhook-service.kyma-system.svc:9443/convert?timeout=30s": x509: certificate has expired or is not yet valid',
    ],
    sources: [
      'https://github.com/kyma-project/api-gateway/pull/1075',
      'https://github.com/hashicorp/consul-k8s/issues/857',
    ],
  },
  {
    id: 'capi-mhc-max-unhealthy',
    source: 'capi',
    category: 'remediation-storm',
    title: 'MachineHealthCheck short-circuited: too many unhealthy machines',
    patterns: [
      /Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy/i,
      /\bTooManyUnhealthy\b/i,
      /\bRemediationRestricted\b/i,
    ],
    specificity: 0.9,
    explanation:
      'More Machines are unhealthy than maxUnhealthy allows, so the MachineHealthCheck stops remediating to avoid replacing the whole pool for a shared cause (network partition, bad image, API server down). Fix the shared cause; remediation resumes on its own.',
    remediation: [
      {
        step: 'See which Machines are unhealthy and why.',
        command: 'kubectl get machines -n <namespace> -o wide',
      },
      { step: 'Read the MachineHealthCheck status.', command: 'kubectl get mhc -A' },
      { step: 'Fix the common cause first; raise maxUnhealthy only if replacing the machines is safe.' },
    ],
    examples: [
      'Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: 3, unhealthy: 2, maxUnhealthy: 40%)',
    ],
    sources: [
      MHC_CONTROLLER,
      `${CAPI}/issues/4472`,
      `${CAPI}/blob/main/docs/book/src/tasks/automated-machine-management/healthchecking.md`,
    ],
  },
  {
    id: 'capi-kcp-remediation-retry-blocked',
    source: 'capi',
    category: 'remediation-storm',
    title: 'KubeadmControlPlane remediation keeps failing',
    patterns: [
      /can't remediate this machine because the operation already failed in the latest/i,
      /needs remediation, but the operation already failed in the latest/i,
      /can't remediate this machine because the operation already failed \d+ times \(MaxRetry\)/i,
      // KCP's other guards against a remediation that would make things worse.
      /KCP can't remediate (?:this Machine because this could result in etcd|if current replicas are less or equal to 1)/i,
      /needs remediation, but there is no healthy machine to forward etcd leadership to/i,
    ],
    specificity: 0.9,
    explanation:
      'KCP remediated a control plane Machine and the replacement failed too within retryPeriod, so it refuses to remediate again to avoid a loop of replacements. The replacement fails for the same underlying reason, which must be fixed first.',
    remediation: [
      {
        step: 'Read the remediation annotations and conditions of the control plane Machines.',
        command: 'clusterctl describe cluster <cluster> --show-conditions all',
      },
      { step: 'Find why the replacement Machine failed (bootstrap, infrastructure, etcd join) and fix it.' },
      {
        step: 'Tune spec.remediationStrategy (maxRetry, retryPeriod) on the KubeadmControlPlane if needed.',
        command: 'kubectl edit kcp -n <namespace> <kcp>',
      },
    ],
    examples: [
      "KubeadmControlPlane can't remediate this machine because the operation already failed in the latest 1h0m0s (RetryPeriodSeconds)",
      'A control plane machine needs remediation, but the operation already failed in the latest 1h0m0s. Skipping remediation',
      "KCP can't remediate this machine because the operation already failed 3 times (MaxRetry)",
    ],
    sources: [KCP_REMEDIATION, `${CAPI}/blob/main/docs/proposals/20191017-kubeadm-based-control-plane.md`],
  },
  {
    id: 'capi-drain-blocked-by-pdb',
    source: 'capi',
    category: 'drain-blocked',
    title: 'Node drain blocked by a PodDisruptionBudget or stuck pods',
    patterns: [
      /Cannot evict pod as it would violate the pod's disruption budget/i,
      // The eviction API answers 429 while a PodDisruptionBudget allows no disruption.
      /\/pods\/[^\s/]+\/eviction\b[^\n]{0,20}\b429\b/i,
      /\bFailedDrainNode\b/i,
      /\bDrain not completed yet\b/i,
      /terminating: global timeout reached: \d+/i,
    ],
    specificity: 0.85,
    explanation:
      'Before deleting a Machine, Cluster API drains its Node; pods cannot be evicted because a PodDisruptionBudget allows no disruption (often a single replica or all replicas already unavailable) or pods do not terminate. The Machine stays Deleting and rollouts stall.',
    remediation: [
      { step: 'Find the PodDisruptionBudgets with no allowed disruptions.', command: 'kubectl get pdb -A' },
      {
        step: 'Read the drain status on the Machine.',
        command: 'kubectl describe machine -n <namespace> <machine>',
      },
      {
        step: 'Scale the workload up or relax the PDB; or set spec.nodeDrainTimeout on the Machine template to bound the wait.',
      },
    ],
    examples: [
      "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget nginx needs 10 healthy pods and has 10 currently",
      'error when waiting for pod "coredns-6955765f44-lwlhv" terminating: global timeout reached: 20s',
    ],
    sources: [`${CAPI}/issues/13508`, `${CAPI}/issues/2998`, `${CAPI}/issues/6929`, MACHINE_DELETION_DOCS],
  },
  {
    id: 'capi-volume-detach-blocked',
    source: 'capi',
    category: 'drain-blocked',
    title: 'Machine deletion waits for volumes to detach',
    patterns: [/Waiting for Node volumes to be detached/i, /\bFailedWaitForVolumeDetach\b/i],
    specificity: 0.8,
    explanation:
      'After the drain, Cluster API waits until no VolumeAttachment references the Node before deleting the infrastructure; a CSI driver that cannot detach (or a stale VolumeAttachment) keeps the Machine Deleting.',
    remediation: [
      { step: 'List the VolumeAttachments of the Node.', command: 'kubectl get volumeattachments -o wide' },
      {
        step: 'Check the CSI controller logs for detach errors.',
        command: 'kubectl -n kube-system logs deploy/<csi-controller> -c csi-attacher',
      },
      {
        step: 'Fix the CSI driver, or set spec.nodeVolumeDetachTimeout on the Machine template to bound the wait.',
      },
    ],
    examples: ['Waiting for Node volumes to be detached (started at 2024-10-09T16:13:59Z)'],
    sources: [MACHINE_CONTROLLER, MACHINE_DELETION_DOCS],
  },
  {
    id: 'capi-kubeconfig-certificate-expired',
    source: 'capi',
    category: 'certificate-expired',
    title: 'Workload cluster certificates expired',
    patterns: [/Unable to connect to the server: x509: certificate has expired or is not yet valid/i],
    specificity: 0.85,
    explanation:
      'The client certificate in the cluster kubeconfig, or the API server serving certificate, expired. Control plane certificates last one year and KCP only renews them when machines roll out (or with rolloutBefore.certificatesExpiryDays).',
    remediation: [
      {
        step: 'Check certificate expiry on a control plane node.',
        command: 'kubeadm certs check-expiration',
      },
      {
        step: 'Roll the control plane to get fresh certificates.',
        command: 'clusterctl alpha rollout restart kubeadmcontrolplane/<kcp> -n <namespace>',
      },
      {
        step: 'Set spec.rolloutBefore.certificatesExpiryDays on the KubeadmControlPlane so KCP renews them in time.',
      },
    ],
    examples: ['Unable to connect to the server: x509: certificate has expired or is not yet valid'],
    sources: [
      'https://github.com/kubernetes-sigs/kind/issues/3425',
      'https://github.com/cookeem/kubeadm-ha/issues/44',
      `${CAPI}/issues/3113`,
      `${CAPI}/blob/main/docs/book/src/tasks/certs/auto-rotate-certificates-in-kcp.md`,
    ],
  },
  {
    id: 'capi-workload-credentials-rejected',
    source: 'capi',
    category: 'credentials-invalid',
    title: 'The workload API server rejects the management credentials',
    patterns: [/\bthe server has asked for the client to provide credentials\b/i],
    specificity: 0.85,
    explanation:
      "The controllers reach the workload cluster's API server and it answers 401: the client certificate in the <cluster>-kubeconfig Secret expired (KCP renews it only while it owns the Secret), or the credentials there belong to another cluster or were revoked. The cluster looks unreachable although the network is fine.",
    remediation: [
      {
        step: 'Check the expiry of the client certificate in the kubeconfig Secret.',
        command:
          "kubectl get secret -n <namespace> <cluster>-kubeconfig -o jsonpath={.data.value} | base64 -d | grep client-certificate-data | awk '{print $2}' | base64 -d | openssl x509 -noout -enddate",
      },
      {
        step: 'Check that the Secret is owned by the KubeadmControlPlane, so that KCP rotates it.',
        command:
          'kubectl get secret -n <namespace> <cluster>-kubeconfig -o jsonpath={.metadata.ownerReferences}',
      },
      {
        step: 'Delete the Secret so KCP generates a new kubeconfig from the cluster CA.',
        command: 'kubectl delete secret -n <namespace> <cluster>-kubeconfig',
      },
    ],
    examples: [
      "couldn't get current server API group list: the server has asked for the client to provide credentials",
    ],
    sources: [
      'https://github.com/k3s-io/k3s/issues/12220',
      'https://github.com/siderolabs/cluster-api-control-plane-provider-talos/issues/126',
      'https://github.com/projectsveltos/addon-controller/issues/1942',
    ],
  },
];
