import type { KnowledgeEntry } from './entry.ts';

const KUBEADM_TROUBLESHOOTING =
  'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm/';
const K8S = 'https://github.com/kubernetes/kubernetes';
const KUBEADM = 'https://github.com/kubernetes/kubeadm';

/** Known kubeadm init/join failures on Cluster API machines, with the texts kubeadm prints. */
export const KUBEADM_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'kubeadm-bootstrap-token-invalid',
    source: 'kubeadm',
    category: 'bootstrap-failure',
    title: 'Bootstrap token expired or unknown to the cluster',
    patterns: [
      /could not find a JWS signature in the cluster-info ConfigMap for token ID/i,
      /there is no JWS signed token in the cluster-info ConfigMap/i,
      /secrets "bootstrap-token-[a-z0-9]{6}" not found/i,
      /couldn't validate the identity of the API Server: (?!\[?Get |cluster CA found in cluster-info)/i,
      /token id "\w+" is invalid for this cluster or it has expired/i,
    ],
    specificity: 0.85,
    explanation:
      'kubeadm join discovers the cluster with a bootstrap token; the token in the join configuration has expired or was deleted, so the cluster-info ConfigMap carries no signature for it and discovery never succeeds. With Cluster API this happens when a machine takes longer to boot than the token TTL, or after the management cluster was unreachable and could not refresh the token.',
    remediation: [
      { step: 'List the tokens in the workload cluster.', command: 'kubeadm token list' },
      {
        step: 'For a manual join, create a fresh token and join command.',
        command: 'kubeadm token create --print-join-command',
      },
      {
        step: 'For Cluster API machines, delete the Machine so a new KubeadmConfig with a fresh token is generated.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      '[discovery] Retrying due to error: could not find a JWS signature in the cluster-info ConfigMap for token ID "org6mh"',
      'failed to get bootstrap token secret in order to refresh it: secrets "bootstrap-token-a0o08u" not found',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/cluster-api/issues/12253',
      'https://github.com/kubernetes-sigs/cluster-api/issues/11034',
      `${KUBEADM}/issues/668`,
      KUBEADM_TROUBLESHOOTING,
    ],
  },
  {
    id: 'kubeadm-api-server-unreachable',
    source: 'kubeadm',
    category: 'network-misconfigured',
    title: 'Joining node cannot reach the API server endpoint',
    patterns: [
      /Failed to request cluster[- ]info, will try again: \[?Get "?https?:\/\/[^\s"]{1,300}"?: (?:dial tcp [\d.:[\]a-f]{3,60}: (?:connect: (?:connection refused|no route to host)|i\/o timeout)|context deadline exceeded|net\/http: request canceled)/i,
      /couldn't validate the identity of the API Server: \[?Get "?https?:\/\/[^\s"]{1,300}"?: (?:dial tcp [\d.:[\]a-f]{3,60}: |context deadline exceeded|net\/http: request canceled)/i,
    ],
    specificity: 0.75,
    explanation:
      'kubeadm join cannot open a connection to the control plane endpoint on port 6443: the load balancer has no healthy backend yet, a security group or firewall blocks the port, or there is no route between the node and control plane networks.',
    remediation: [
      { step: 'Test the endpoint from the joining node.', command: 'nc -vz <control-plane-endpoint> 6443' },
      {
        step: 'Check the control plane load balancer and its backends (and the Cluster controlPlaneEndpoint).',
        command: 'kubectl get cluster -n <namespace> <cluster> -o jsonpath={.spec.controlPlaneEndpoint}',
      },
      { step: 'Open port 6443 between node and control plane subnets and fix the routes.' },
    ],
    examples: [
      '[discovery] Failed to request cluster-info, will try again: Get "https://tesseract-control-plane:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": context deadline exceeded',
      'Failed to request cluster-info, will try again: Get "https://172.31.41.122:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
      '[discovery] Failed to request cluster info, will try again: [Get https://10.147.69.63:6443/api/v1/namespaces/kube-public/configmaps/cluster-info: dial tcp 10.147.69.63:6443: connect: no route to host]',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/kind/issues/3397',
      `${K8S}/issues/58876`,
      `${KUBEADM}/issues/789`,
      `${KUBEADM}/issues/941`,
    ],
  },
  {
    id: 'kubeadm-dns-lookup-failed',
    source: 'kubeadm',
    category: 'dns-failure',
    title: 'Node cannot resolve the API server or its own hostname',
    patterns: [
      /dial tcp: lookup \S+ on \S+: (?:no such host|server misbehaving|i\/o timeout)/i,
      /\[WARNING Hostname\]: hostname "[^"]{0,253}":? (?:could not be reached|lookup)/i,
      /WARNING: hostname "[^"]{0,253}" lookup .{0,260}no such host/i,
    ],
    specificity: 0.7,
    explanation:
      'The DNS server configured on the node cannot resolve the control plane endpoint name (or the node hostname), so kubeadm never reaches the API server. Typical causes are a private DNS zone not attached to the node network or a DHCP option set pointing at the wrong resolver.',
    remediation: [
      { step: 'Resolve the endpoint from the node.', command: 'nslookup <control-plane-endpoint>' },
      { step: 'Check which resolvers the node uses.', command: 'resolvectl status' },
      { step: 'Fix the DNS zone or resolver configuration, or use an IP address for controlPlaneEndpoint.' },
    ],
    examples: [
      '[discovery] Failed to request cluster-info, will try again: Get "https://kind-control-plane:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp: lookup kind-control-plane on 192.168.135.2:53: no such host',
      '[WARNING Hostname]: hostname "10-234-42-14": lookup 10-234-42-14 on 192.168.10.2:53: server misbehaving',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/kind/issues/2099',
      'https://github.com/containerd/containerd/issues/8032',
      `${K8S}/issues/49065`,
    ],
  },
  {
    id: 'kubeadm-kubelet-not-healthy',
    source: 'kubeadm',
    category: 'bootstrap-failure',
    title: 'kubeadm timed out waiting for the kubelet',
    patterns: [
      /\[kubelet-check\] The HTTP call equal to 'curl -sSL http:\/\/localhost:10248\/healthz' failed/i,
      /\[kubelet-check\] It seems like the kubelet isn't running or healthy/i,
      /Unfortunately, an error has occurred:\s{1,20}(?:timed out waiting for the condition|context deadline exceeded)/i,
      /error uploading crisocket: timed out waiting for the condition/i,
      /Error writing Crisocket information for the control-plane node/i,
    ],
    specificity: 0.75,
    explanation:
      'kubeadm started the kubelet but it never became healthy, or the node never registered, within the timeout. The kubelet is crash-looping (cgroup driver mismatch with the runtime, swap on, bad flags) or cannot register with the API server; its own logs name the cause.',
    remediation: [
      { step: 'Read the kubelet logs.', command: 'journalctl -u kubelet --no-pager | tail -n 200' },
      { step: 'Check the runtime and the control plane containers.', command: 'crictl ps -a' },
      {
        step: 'Check that the kubelet and the runtime use the same cgroup driver (systemd).',
        command: 'grep -i cgroup /var/lib/kubelet/config.yaml /etc/containerd/config.toml',
      },
    ],
    examples: [
      `[kubelet-check] The HTTP call equal to 'curl -sSL http://localhost:10248/healthz' failed with error: Get "http://localhost:10248/healthz": dial tcp [::1]:10248: connect: connection refused.`,
      'Unfortunately, an error has occurred:\n\ttimed out waiting for the condition',
      'error execution phase kubelet-start: error uploading crisocket: timed out waiting for the condition',
    ],
    sources: [
      `${K8S}/issues/107969`,
      `${KUBEADM}/issues/2646`,
      'https://github.com/raspbernetes/k8s-cluster-installation/issues/112',
      `${K8S}/blob/master/cmd/kubeadm/app/cmd/phases/join/kubelet.go`,
      KUBEADM_TROUBLESHOOTING,
    ],
  },
  {
    id: 'kubeadm-ca-pin-mismatch',
    source: 'kubeadm',
    category: 'certificate-expired',
    title: 'Join configuration pins another cluster CA',
    patterns: [
      /none of the public keys "[^"]*" are pinned/i,
      /failed to parse cluster CA from the cluster-info configmap/i,
    ],
    specificity: 0.9,
    explanation:
      'kubeadm join checks the cluster CA it discovers against the discovery CA hash of its configuration. The hash names another CA (the CA was rotated or replaced, or the Secret holding it was recreated), or the CA in the cluster-info ConfigMap cannot be parsed, so the node refuses to trust the API server and never joins.',
    remediation: [
      {
        step: 'Compare the CA of the workload cluster with the one the bootstrap provider uses.',
        command:
          'kubectl get secret -n <namespace> <cluster>-ca -o jsonpath={.data.tls\\.crt} | base64 -d | openssl x509 -noout -fingerprint -sha256',
      },
      {
        step: 'Check the cluster-info ConfigMap in the workload cluster.',
        command: 'kubectl --kubeconfig <workload> -n kube-public get configmap cluster-info -o yaml',
      },
      {
        step: 'Restore the original CA Secret, or roll the machines so their join configuration is regenerated.',
      },
    ],
    examples: [
      'error execution phase preflight: couldn\'t validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:11bdf3cc08ea132b33e1921b2d74c4bfc516802b4800c89e595ae04b3d1cf3d7" are pinned',
      '[discovery] Failed to connect to API Server "kube.lan:6443": failed to parse cluster CA from the cluster-info configmap: trailing data after first PEM block',
    ],
    sources: [`${KUBEADM}/issues/2513`, `${KUBEADM}/issues/1082`],
  },
  {
    id: 'kubeadm-machine-too-small',
    source: 'kubeadm',
    category: 'invalid-machine-spec',
    title: 'Machine smaller than kubeadm requires',
    patterns: [
      /\[ERROR NumCPU\]: the number of available CPUs \d+ is less than the required \d+/i,
      /\[ERROR Mem\]: the system RAM \(\d+ MB\) is less than the minimum/i,
    ],
    specificity: 0.9,
    explanation:
      'kubeadm preflight refuses a control plane node with fewer than 2 CPUs or less than about 1.7 GB of memory. The instance type, flavor or VM size of the machine template is too small for a control plane.',
    remediation: [
      {
        step: 'Check the size of the machine template of the control plane.',
        command: 'kubectl get kcp -n <namespace> <kcp> -o yaml',
      },
      {
        step: 'Create a machine template with at least 2 vCPUs and 2 GiB of memory and point the KubeadmControlPlane at it.',
      },
    ],
    examples: [
      '[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2',
      '[ERROR Mem]: the system RAM (978 MB) is less than the minimum 1700 MB',
    ],
    sources: [
      `${KUBEADM}/issues/2479`,
      'https://github.com/kubernetes-sigs/cluster-api-provider-ibmcloud/pull/180',
    ],
  },
  {
    id: 'kubeadm-preflight-fatal',
    source: 'kubeadm',
    category: 'bootstrap-failure',
    title: 'kubeadm preflight checks failed',
    patterns: [
      /error execution phase preflight: \[preflight\] Some fatal errors occurred:\s{0,10}\[ERROR (?!KubeletVersion)/i,
      /\[ERROR (?:CRI|Swap|IsPrivilegedUser|SystemVerification|ImagePull|Port-\d{1,5}|FileAvailable-[^\]\s]{1,120}|DirAvailable-[^\]\s]{1,120}|FileContent-[^\]\s]{1,120}|FileExisting-[^\]\s]{1,60})\]/i,
    ],
    specificity: 0.75,
    explanation:
      'kubeadm refused to start because a preflight check failed on the machine: the container runtime is not running or speaks an unsupported CRI version, swap is on, a port or manifest is already in use from an earlier attempt, or a required binary or sysctl is missing. The image or the bootstrap configuration needs fixing.',
    remediation: [
      {
        step: 'Read the full kubeadm output on the machine.',
        command: 'less /var/log/cloud-init-output.log',
      },
      {
        step: 'Check the container runtime answers on its socket.',
        command: 'crictl --runtime-endpoint unix:///run/containerd/containerd.sock info',
      },
      { step: 'Fix the node image (runtime, CRI plugin, swap, sysctls), then replace the Machine.' },
    ],
    examples: [
      'error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR CRI]: container runtime is not running: output: time="2023-02-01T13:51:00-08:00" level=fatal msg="validate service connection: CRI v1 runtime API is not implemented for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
    ],
    sources: [
      'https://github.com/fujitatomoya/ros_k8s/issues/8',
      `${K8S}/issues/131164`,
      'https://github.com/containerd/containerd/issues/8139',
    ],
  },
  {
    id: 'kubeadm-version-skew',
    source: 'kubeadm',
    category: 'version-skew',
    title: 'kubeadm, kubelet and control plane versions out of the supported skew',
    patterns: [
      /this version of kubeadm only supports deploying clusters with the control plane version >=/i,
      /\[ERROR KubeletVersion\]: the kubelet version is higher than the control plane version/i,
      /the kubelet version is higher than the control plane version\. This is not a supported version skew/i,
      // kubeadm join of a node whose kubeadm is a minor ahead of or behind the control plane: the kubelet-config
      // ConfigMap of its own minor does not exist, and bootstrap tokens may read only the existing one.
      /configmaps "kubelet-config-1\.\d+" is forbidden: User "system:bootstrap:/i,
    ],
    specificity: 0.95,
    explanation:
      'The kubeadm or kubelet binaries in the machine image do not match the Kubernetes version requested: kubeadm supports only the current and previous minor control plane version, and the kubelet must not be newer than the control plane. The image was built for another version than Machine spec.version.',
    remediation: [
      { step: 'Check the binaries in the image.', command: 'kubeadm version -o short && kubelet --version' },
      {
        step: 'Use an image built for the requested Kubernetes version, or set the version to match the image.',
      },
      { step: 'Upgrade clusters one minor version at a time.', command: 'kubeadm upgrade plan' },
    ],
    examples: [
      'this version of kubeadm only supports deploying clusters with the control plane version >= 1.11.0. Current version: v1.10.0',
      '[ERROR KubeletVersion]: the kubelet version is higher than the control plane version. This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "1.13.0" Control plane version: "1.12.2"',
      'configmaps "kubelet-config-1.13" is forbidden: User "system:bootstrap:hpgtc2" cannot get resource "configmaps" in API group "" in the namespace "kube-system"',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/792',
      'https://github.com/kubernetes/website/issues/10551',
      'https://github.com/kubernetes-sigs/kubespray/issues/12880',
      'https://github.com/maguowei/gotok8s/issues/8',
      'https://github.com/kairen/kubeadm-ansible/issues/61',
    ],
  },
  {
    id: 'kubeadm-certificate-expired',
    source: 'kubeadm',
    category: 'certificate-expired',
    title: 'Cluster certificates expired',
    patterns: [
      /x509: certificate has expired or is not yet valid/i,
      /failure loading [\w-]{1,60} certificate: the certificate has expired/i,
    ],
    specificity: 0.85,
    explanation:
      'A certificate kubeadm issued (API server, etcd client, front-proxy, admin kubeconfig) is past its one-year validity, or the node clock is wrong. Components reject each other and the control plane stops working or refuses joins.',
    remediation: [
      { step: 'Check the expiry of every kubeadm certificate.', command: 'kubeadm certs check-expiration' },
      {
        step: 'Renew them on each control plane node and restart the static pods.',
        command: 'kubeadm certs renew all',
      },
      { step: 'Check the node clock if certificates look valid.', command: 'timedatectl status' },
    ],
    examples: [
      'Unable to authenticate the request" err="[x509: certificate has expired or is not yet valid: current time 2021-06-03T07:29:14Z is after 2021-05-29T15:48:22Z',
      'failure loading apiserver-etcd-client certificate: the certificate has expired',
    ],
    sources: [
      `${K8S}/issues/102556`,
      `${KUBEADM}/issues/1651`,
      'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/',
    ],
  },
  {
    id: 'kubeadm-etcd-join-failed',
    source: 'kubeadm',
    category: 'etcd-unhealthy',
    title: 'New control plane member failed to join etcd',
    patterns: [
      /etcdserver: (?:can only promote a learner member which is in sync with leader|too many learner members in cluster|rpc not supported for learner|leader changed)/i,
      /error execution phase (?:control-plane-join\/(?:etcd|update-status)|check-etcd)/i,
      /error creating local etcd static pod manifest file/i,
    ],
    specificity: 0.85,
    explanation:
      'kubeadm join --control-plane adds an etcd member and then promotes it; the existing etcd cluster is unhealthy, lost quorum, still has a learner that is not in sync, or has a stale member of a previous machine. The join aborts and the new control plane Machine never becomes ready.',
    remediation: [
      {
        step: 'List the etcd members from a healthy control plane node.',
        command: 'etcdctl member list -w table',
      },
      { step: 'Check endpoint health.', command: 'etcdctl endpoint health --cluster' },
      {
        step: 'Remove stale or unstarted learner members, then let the Machine be replaced.',
        command: 'etcdctl member remove <member-id>',
      },
    ],
    examples: [
      'etcdserver: can only promote a learner member which is in sync with leader',
      'error execution phase control-plane-join/update-status: error uploading configuration: unable to create ConfigMap: rpc error: code = Unavailable desc = etcdserver: leader changed',
      'etcdserver: too many learner members in cluster',
    ],
    sources: [
      `${K8S}/issues/122826`,
      'https://github.com/kubernetes-sigs/cluster-api-provider-azure/issues/435',
      'https://github.com/canonical/k8s-snap/issues/2813',
      'https://github.com/kubernetes-sigs/cluster-api-provider-azure/issues/5687',
    ],
  },
];
