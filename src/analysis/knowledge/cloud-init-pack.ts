import type { KnowledgeEntry } from './entry.ts';

const CLOUD_INIT = 'https://github.com/canonical/cloud-init';
const FAILURE_STATES = 'https://cloudinit.readthedocs.io/en/latest/explanation/failure_states.html';

/** Known cloud-init failures on Cluster API machines, with the texts cloud-init and apt log. */
export const CLOUD_INIT_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'cloud-init-scripts-user-failed',
    source: 'cloud-init',
    category: 'bootstrap-failure',
    title: 'Bootstrap commands (runcmd) failed',
    patterns: [
      /Failed to run module scripts[-_]user/i,
      /Failed running \/var\/lib\/cloud\/instance\/scripts\/\S+ \[\d+\]/i,
      /cc_scripts_user\.py\[WARNING\]: Failed to run module/i,
    ],
    specificity: 0.8,
    explanation:
      'The commands of the bootstrap data (for Cluster API, runcmd wraps kubeadm init or join) exited non-zero, so the node never joined. cloud-init-output.log shows the output of the failing command, usually a kubeadm error.',
    remediation: [
      { step: 'Check the overall status and errors.', command: 'cloud-init status --long' },
      { step: 'Read the output of the bootstrap commands.', command: 'less /var/log/cloud-init-output.log' },
      { step: 'Fix the cause reported by kubeadm (network, token, preflight), then replace the Machine.' },
    ],
    examples: [
      'cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)',
      'util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/runcmd [1]',
    ],
    sources: [
      'https://github.com/kubernetes-sigs/cluster-api/issues/11427',
      'https://github.com/kubernetes-sigs/cluster-api-provider-azure/issues/435',
      'https://github.com/aws-samples/big-blue-button-on-aws-cn/issues/6',
    ],
  },
  {
    id: 'cloud-init-status-error',
    source: 'cloud-init',
    category: 'bootstrap-failure',
    title: 'cloud-init finished with errors',
    patterns: [/^status: error$/im, /"?extended_status"?: "?error\b/i],
    specificity: 0.55,
    explanation:
      'cloud-init reports an unrecoverable error for this boot (exit code 1): a stage or module failed, so bootstrap may be incomplete. The errors list of the status output names the module.',
    remediation: [
      { step: 'Read the errors and recoverable errors.', command: 'cloud-init status --long' },
      {
        step: 'Read the full log of the failing stage.',
        command: 'grep -E "WARNING|ERROR|Traceback" /var/log/cloud-init.log',
      },
    ],
    examples: ['status: error\nextended_status: error - done\nboot_status_code: enabled-by-generator'],
    sources: [
      `${CLOUD_INIT}/issues/5808`,
      `${CLOUD_INIT}/issues/5903`,
      `${CLOUD_INIT}/pull/4500`,
      FAILURE_STATES,
    ],
  },
  {
    id: 'cloud-init-invalid-user-data',
    source: 'cloud-init',
    category: 'bootstrap-failure',
    title: 'User data is not valid cloud-config',
    patterns: [
      /Failed loading yaml blob/i,
      /Failed at merging in cloud config part from/i,
      /Invalid cloud-config provided/i,
      /Unrecognized user-data header/i,
    ],
    specificity: 0.85,
    explanation:
      'cloud-init could not parse the user data: broken YAML (often from templating in KubeadmConfig files or preKubeadmCommands), a missing #cloud-config header, or keys the schema rejects. Parts of the bootstrap are silently skipped and the node does not join.',
    remediation: [
      { step: 'Validate the user data on the machine.', command: 'sudo cloud-init schema --system' },
      {
        step: 'Render the bootstrap secret and check its YAML.',
        command:
          'kubectl get secret -n <namespace> <machine-bootstrap-secret> -o jsonpath={.data.value} | base64 -d',
      },
      { step: 'Fix the KubeadmConfigTemplate (files, commands, indentation) and roll the machines.' },
    ],
    examples: [
      'util.py[WARNING]: Failed loading yaml blob',
      "Invalid cloud-config provided: Please run 'sudo cloud-init schema --system' to see the schema errors.",
    ],
    sources: [
      `${CLOUD_INIT}/issues/3011`,
      'https://github.com/osism/testbed/issues/1663',
      `${CLOUD_INIT}/issues/6114`,
    ],
  },
  {
    id: 'cloud-init-metadata-unreachable',
    source: 'cloud-init',
    category: 'network-misconfigured',
    title: 'Metadata service unreachable from the instance',
    patterns: [
      /Calling 'http:\/\/(?:169\.254\.169\.254|\[fd00:ec2::254\])\/\S+' failed \[\d+\/\d+s\]/i,
      /Giving up on md from \[.{0,300}\] after \d+ seconds/i,
      /No active metadata service found/i,
    ],
    specificity: 0.8,
    explanation:
      'cloud-init could not reach the link-local metadata service, so it gets no user data and no instance identity: the node boots without bootstrap. The instance network is not up yet, a route or firewall blocks 169.254.169.254, or the datasource is wrong for the platform.',
    remediation: [
      {
        step: 'Query the metadata service from the instance.',
        command: 'curl -sS -m 5 http://169.254.169.254/latest/meta-data/',
      },
      { step: 'Check the routes and addresses of the instance.', command: 'ip route && ip addr' },
      { step: 'Fix the subnet routing or the datasource list in the image, then replace the Machine.' },
    ],
    examples: [
      "url_helper.py[WARNING]: Calling 'http://169.254.169.254/2009-04-04/meta-data/instance-id' failed [94/120s]: request error [('Connection aborted.', error(113, 'No route to host'))]",
      "DataSourceEc2.py[CRITICAL]: Giving up on md from ['http://169.254.169.254/2009-04-04/meta-data/instance-id'] after 123 seconds",
    ],
    sources: [
      `${CLOUD_INIT}/issues/3025`,
      `${CLOUD_INIT}/issues/6247`,
      'https://github.com/fedora-copr/copr/issues/3534',
    ],
  },
  {
    id: 'cloud-init-dns-resolution-failed',
    source: 'cloud-init',
    category: 'dns-failure',
    title: 'Guest cannot resolve names during bootstrap',
    patterns: [
      /Temporary failure resolving '[^']+'/i,
      /Could not resolve host: \S+/i,
      /: Name or service not known/i,
      /Temporary failure in name resolution/i,
    ],
    specificity: 0.75,
    explanation:
      'The instance has network but no working DNS: package mirrors, image registries and the control plane endpoint cannot be resolved, so package installs, image pulls and kubeadm join fail during bootstrap. The resolver from DHCP is wrong or unreachable.',
    remediation: [
      { step: 'Check which resolvers the guest uses.', command: 'resolvectl status' },
      { step: 'Resolve a name from the guest.', command: 'nslookup archive.ubuntu.com' },
      {
        step: 'Fix the DHCP options or DNS servers of the subnet (or set them in the network config), then replace the Machine.',
      },
    ],
    examples: [
      "W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/focal/InRelease  Temporary failure resolving 'archive.ubuntu.com'",
      'curl: (6) Could not resolve host: raw.githubusercontent.com',
      'ping: www.google.com: Name or service not known',
    ],
    sources: [
      'https://github.com/alan-turing-institute/data-safe-haven/issues/1274',
      'https://github.com/NetApp/ez-rancher/pull/103',
      'https://github.com/kubernetes-sigs/cluster-api-provider-kubevirt/issues/76',
    ],
  },
  {
    id: 'cloud-init-package-fetch-failed',
    source: 'cloud-init',
    category: 'network-misconfigured',
    title: 'Package installs failed: mirror or proxy unreachable',
    patterns: [
      /Failed to fetch \S+\s+(?:Unable to connect to|Could not connect to|Cannot initiate the connection to|Connection failed|Connection timed out|\d{3}\s+[A-Z])/i,
      /Failed to install packages: \[/i,
    ],
    specificity: 0.6,
    explanation:
      'apt (or yum) in the bootstrap could not download packages: the mirror is unreachable from the subnet (no NAT or egress, firewall, missing proxy settings) or answered with an error. Bootstrap steps that need those packages fail.',
    remediation: [
      {
        step: 'Read the apt errors in the bootstrap output.',
        command: 'grep -E "Failed to fetch|Err:" /var/log/cloud-init-output.log',
      },
      {
        step: 'Test egress to the mirror from the guest.',
        command: 'curl -sSI -m 10 http://archive.ubuntu.com/ubuntu/',
      },
      {
        step: 'Give the subnet egress (NAT gateway, proxy) and set the proxy for apt/containerd in the bootstrap, or bake packages into the image.',
      },
    ],
    examples: [
      'E: Failed to fetch http://azure.archive.ubuntu.com/ubuntu/pool/main/f/freetype/libfreetype6_2.11.1%2bdfsg-1ubuntu0.2_amd64.deb  Unable to connect to azure.archive.ubuntu.com:http: [IP: 52.252.75.106 80]',
      "util.py[WARNING]: Failed to install packages: ['language-pack-en', 'docker.io', 'nginx', 'tmux', 'vim', 'jq', 'awscli', 'skopeo']",
      'W: Failed to fetch http://us-east-2.ec2.archive.ubuntu.com/ubuntu/dists/jammy/InRelease  503  Service Unavailable [IP: 52.15.102.108 80]',
    ],
    sources: [
      'https://github.com/actions/runner-images/issues/7603',
      'https://github.com/tetratelabs/tetrate-service-bridge-sandbox/pull/196',
      'https://github.com/spurin/diveintoansible-lab/issues/62',
    ],
  },
];
