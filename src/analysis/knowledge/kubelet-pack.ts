import type { KnowledgeEntry } from './entry.ts';

const K8S = 'https://github.com/kubernetes/kubernetes';
const NODE_PRESSURE_EVICTION =
  'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/';

/** Known kubelet and node failures behind NotReady Nodes and unhealthy Machines, with the texts they emit. */
export const KUBELET_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'kubelet-pleg-not-healthy',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'PLEG not healthy: container runtime not answering',
    patterns: [/PLEG is not healthy: pleg was last seen active/i],
    specificity: 0.9,
    explanation:
      'The kubelet pod lifecycle event generator could not relist containers within three minutes, so the Node goes NotReady. The container runtime is hung or overloaded (too many containers, disk I/O stalls, a stuck shim).',
    remediation: [
      {
        step: 'Read the kubelet logs around the first PLEG message.',
        command: 'journalctl -u kubelet --no-pager | grep -i pleg | head',
      },
      { step: 'Check the runtime answers.', command: 'crictl ps' },
      {
        step: 'Restart the runtime and kubelet, or let the MachineHealthCheck replace the Machine.',
        command: 'systemctl restart containerd kubelet',
      },
    ],
    examples: [
      'kubelet.go:1778] skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 3m5.30015447s ago; threshold is 3m0s]',
      '"Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 2h33m12.704970756s ago; threshold is 3m0s"',
    ],
    sources: [
      `${K8S}/issues/61117`,
      'https://github.com/aws-samples/eks-workshop-v2/issues/447',
      `${K8S}/issues/45419`,
    ],
  },
  {
    id: 'kubelet-cni-not-ready',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'CNI plugin not initialized',
    patterns: [
      /NetworkReady=false reason:NetworkPluginNotReady/i,
      /cni plugin not initialized/i,
      /network plugin is not ready: cni config uninitialized/i,
    ],
    specificity: 0.85,
    explanation:
      'The container runtime reports no working pod network because no CNI configuration is installed in /etc/cni/net.d or the CNI pods cannot start on this node. On new Cluster API clusters this usually means the CNI was never installed (ClusterResourceSet, Helm addon) or its image cannot be pulled.',
    remediation: [
      { step: 'Check the CNI configuration on the node.', command: 'ls /etc/cni/net.d' },
      {
        step: 'Check the CNI pods in the workload cluster.',
        command: 'kubectl --kubeconfig <workload-kubeconfig> get pods -n kube-system -o wide',
      },
      {
        step: 'Install the CNI (or fix its ClusterResourceSet/addon), then the Node becomes Ready by itself.',
        command: 'kubectl get clusterresourcesets,clusterresourcesetbindings -A',
      },
    ],
    examples: [
      '"Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
      'KubeletNotReady runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
    ],
    sources: [
      'https://github.com/fujitatomoya/ros_k8s/issues/22',
      'https://github.com/kind-ci/examples/issues/33',
      `${K8S}/issues/71692`,
    ],
  },
  {
    id: 'kubelet-stopped-posting-status',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'Kubelet stopped posting node status',
    patterns: [/Kubelet stopped posting node status/i, /\bNodeStatusUnknown\b/i],
    specificity: 0.7,
    explanation:
      'The node lifecycle controller has not received a heartbeat from the kubelet within the grace period, so every condition is Unknown. The machine is down, the kubelet crashed, or the node lost its network path to the API server.',
    remediation: [
      {
        step: 'Check whether the machine is running in the infrastructure provider.',
        command: 'kubectl get machines -A -o wide',
      },
      {
        step: 'On the machine, check the kubelet.',
        command: 'systemctl status kubelet && journalctl -u kubelet --no-pager | tail -n 100',
      },
      {
        step: 'Let the MachineHealthCheck remediate the Machine if the node does not come back.',
        command: 'kubectl get mhc -A',
      },
    ],
    examples: ['Reason: NodeStatusUnknown, message: Kubelet stopped posting node status.'],
    sources: [`${K8S}/issues/21485`, `${K8S}/issues/34314`, `${K8S}/issues/94020`],
  },
  {
    id: 'kubelet-container-runtime-down',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'Container runtime is down',
    patterns: [/container runtime is down/i, /failed to run Kubelet: validate service connection/i],
    specificity: 0.8,
    explanation:
      'The kubelet cannot talk to the container runtime over CRI: containerd is stopped or crash-looping, its CRI plugin is disabled, or the runtime does not implement the CRI version the kubelet needs. No pods can run and the Node goes NotReady.',
    remediation: [
      { step: 'Check the runtime service.', command: 'systemctl status containerd' },
      { step: 'Check that the CRI plugin answers.', command: 'crictl info' },
      {
        step: 'Make sure the CRI plugin is not in disabled_plugins of /etc/containerd/config.toml, then restart containerd and kubelet.',
        command: 'systemctl restart containerd kubelet',
      },
    ],
    examples: [
      'kubelet.go:1794] skipping pod synchronization - [container runtime is down]',
      'skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 2562047h47m16.854775807s ago; threshold is 3m0s]',
    ],
    sources: [
      'https://github.com/kubernetes/website/issues/8030',
      `${K8S}/issues/65843`,
      `${K8S}/issues/29012`,
      'https://github.com/kubernetes/website/issues/38385',
    ],
  },
  {
    id: 'kubelet-disk-pressure',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'Node under disk pressure',
    patterns: [
      /The node was low on resource: (?:ephemeral-storage|nodefs|imagefs)/i,
      /The node had condition: \[DiskPressure\]/i,
      /\bKubeletHasDiskPressure\b/i,
    ],
    specificity: 0.85,
    explanation:
      'The node filesystem or image filesystem crossed the kubelet eviction threshold: the Node gets the DiskPressure condition and taint, and pods are evicted. Container logs, unused images or a small root disk in the machine template are the usual causes.',
    remediation: [
      {
        step: 'Check free space on the kubelet and runtime filesystems.',
        command: 'df -h /var/lib/kubelet /var/lib/containerd',
      },
      { step: 'Remove unused images.', command: 'crictl rmi --prune' },
      { step: 'Give the machine template a larger root disk and roll the machines.' },
    ],
    examples: [
      'The node was low on resource: ephemeral-storage. Container calico-node was using 92Ki, which exceeds its request of 0.',
      'The node had condition: [DiskPressure].',
    ],
    sources: [
      `${K8S}/issues/91600`,
      `${K8S}/issues/57442`,
      'https://github.com/operate-first/apps/issues/1352',
      'https://github.com/akash-network/support/issues/138',
      NODE_PRESSURE_EVICTION,
    ],
  },
  {
    id: 'kubelet-memory-pressure-oom',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'Node out of memory',
    patterns: [
      /The node was low on resource: memory/i,
      /\bSystemOOM\b/i,
      /System OOM encountered/i,
      /\bKubeletHasInsufficientMemory\b/i,
    ],
    specificity: 0.8,
    explanation:
      'The node ran out of memory: the kernel OOM killer fired (SystemOOM) or the kubelet evicted pods under MemoryPressure. Pods without memory limits, too little system-reserved memory, or an undersized instance type are typical causes.',
    remediation: [
      { step: 'Check the node conditions and events.', command: 'kubectl describe node <node>' },
      { step: 'Find the biggest memory consumers.', command: 'kubectl top pods -A --sort-by=memory' },
      {
        step: 'Set memory requests/limits, reserve memory for the system (kubeletExtraArgs system-reserved), or use a larger machine type.',
      },
    ],
    examples: [
      'Warning  SystemOOM                17m                   kubelet, node1  System OOM encountered',
    ],
    sources: [`${K8S}/pull/78174`, 'https://github.com/k3s-io/k3s/issues/838', NODE_PRESSURE_EVICTION],
  },
  {
    id: 'kubelet-eviction-threshold-met',
    source: 'kubelet',
    category: 'node-unhealthy',
    title: 'Kubelet evicting pods to reclaim resources',
    patterns: [/\bEvictionThresholdMet\b/i, /Attempting to reclaim \S+/i],
    specificity: 0.65,
    explanation:
      'A kubelet eviction threshold was crossed and the kubelet is reclaiming memory, disk or PIDs by deleting images and evicting pods. Repeated evictions point to undersized nodes or workloads without requests.',
    remediation: [
      { step: 'See which signal triggered the eviction.', command: 'kubectl describe node <node>' },
      { step: 'List evicted pods.', command: 'kubectl get pods -A --field-selector=status.phase=Failed' },
      {
        step: 'Resize the machines or tune requests and eviction thresholds in the KubeadmConfig kubelet settings.',
      },
    ],
    examples: ['EvictionThresholdMet  4m32s  kubelet, minikube  Attempting to reclaim ephemeral-storage'],
    sources: ['https://github.com/bsycorp/kind/issues/15', NODE_PRESSURE_EVICTION],
  },
  {
    id: 'kubelet-client-certificate-expired',
    source: 'kubelet',
    category: 'certificate-expired',
    title: 'Kubelet client certificate expired',
    patterns: [
      /part of the existing bootstrap client certificate in \S+ is expired/i,
      /The currently active client certificate has expired/i,
    ],
    specificity: 0.9,
    explanation:
      'The kubelet client certificate expired without being rotated (rotation disabled, CSRs not approved, or the node was off for longer than the certificate lifetime), so the kubelet can no longer authenticate and the Node goes NotReady.',
    remediation: [
      {
        step: 'Check the kubelet certificate dates.',
        command: 'openssl x509 -noout -dates -in /var/lib/kubelet/pki/kubelet-client-current.pem',
      },
      {
        step: 'Approve pending kubelet CSRs.',
        command: 'kubectl get csr && kubectl certificate approve <csr-name>',
      },
      {
        step: 'For Cluster API machines, replace the Machine rather than repairing it in place.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      'part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired: 2026-05-25 08:18:10 +0000 UTC',
      'The currently active client certificate has expired and the server is responsive, exiting.',
    ],
    sources: [
      `${K8S}/blob/master/pkg/kubelet/certificate/transport.go`,
      `${K8S}/blob/master/pkg/kubelet/certificate/bootstrap/bootstrap.go`,
      `${K8S}/issues/65991`,
      `${K8S}/issues/107489`,
    ],
  },
  {
    id: 'kubelet-node-registration-denied',
    source: 'kubelet',
    category: 'bootstrap-failure',
    title: 'Kubelet not allowed to register the node',
    patterns: [
      /Unable to register node with API server.{0,80}(?:is forbidden|Unauthorized)/i,
      /cannot create certificate signing request: Unauthorized/i,
    ],
    specificity: 0.75,
    explanation:
      'The kubelet reached the API server but is not authenticated as a node: the TLS bootstrap token was rejected or expired, or the kubelet fell back to anonymous credentials. The Node object is never created and the Machine never gets a nodeRef.',
    remediation: [
      {
        step: 'Read the kubelet logs for the bootstrap step.',
        command: 'journalctl -u kubelet --no-pager | grep -iE "bootstrap|certificate|register"',
      },
      {
        step: 'Check bootstrap tokens and pending CSRs in the workload cluster.',
        command: 'kubeadm token list && kubectl get csr',
      },
      {
        step: 'Replace the Machine so it gets a fresh bootstrap token.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      '"Unable to register node with API server" err="nodes is forbidden: User \\"system:anonymous\\" cannot create resource \\"nodes\\""',
    ],
    sources: ['https://github.com/kubermatic/operating-system-manager/issues/202'],
  },
];
