import type { KnowledgeEntry } from './entry.ts';

const CAPI = 'https://github.com/kubernetes-sigs/cluster-api';
const CAPD_BACKENDS = `${CAPI}/blob/main/test/infrastructure/docker/internal/controllers/backends`;
const CAPD_CONDITIONS = `${CAPI}/blob/main/test/infrastructure/docker/api/v1beta1/condition_consts.go`;

/** Known failures of the Docker provider (CAPD) and the in-memory Dev provider, with the texts they emit. */
export const DOCKER_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'docker-daemon-unreachable',
    source: 'docker',
    category: 'network-misconfigured',
    title: 'CAPD cannot reach the Docker daemon',
    patterns: [
      /Cannot connect to the Docker daemon at \S+/i,
      /failed to create helper for managing the externalMachine/i,
    ],
    specificity: 0.85,
    explanation:
      'CAPD drives Docker through the socket mounted into its pod; the socket is missing (the kind management cluster was created without the /var/run/docker.sock extraMount) or the daemon is stopped, so no container can be listed or created.',
    remediation: [
      { step: 'Check the Docker daemon on the host.', command: 'docker info' },
      {
        step: 'Check that the CAPD pod sees the socket.',
        command: 'kubectl -n capd-system exec deploy/capd-controller-manager -- ls -l /var/run/docker.sock',
      },
      {
        step: 'Recreate the kind management cluster with the docker.sock extraMount from the quick start, or start the daemon.',
      },
    ],
    examples: [
      'failed to create helper for managing the externalMachine: failed to list containers: failed to list nodes. Output: [Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?]',
    ],
    sources: [`${CAPI}/issues/5054`, `${CAPI}/blob/main/docs/book/src/user/quick-start.md`],
  },
  {
    id: 'docker-node-image-missing',
    source: 'docker',
    category: 'image-not-found',
    title: 'kindest/node image for the Kubernetes version does not exist',
    patterns: [
      /kindest\/node:v[\d.]{1,20}\\?"? failed with error: exit status 125/i,
      /manifest for kindest\/node:\S+ not found: manifest unknown/i,
    ],
    specificity: 0.85,
    explanation:
      'CAPD runs each machine from the kindest/node image tagged with the Machine version; kind publishes images only for some patch versions, so docker run fails (exit status 125) when the tag does not exist or cannot be pulled.',
    remediation: [
      { step: 'Check whether the image exists.', command: 'docker pull kindest/node:<version>' },
      {
        step: 'Pick a Kubernetes version that kind publishes an image for, or set spec.customImage on the DockerMachineTemplate to an image you built.',
        command: 'kind build node-image <kubernetes-version>',
      },
    ],
    examples: [
      'failed to create worker DockerMachine: command \\"docker run --detach --tty --privileged --security-opt seccomp=unconfined --tmpfs /tmp --tmpfs /run --volume /var --volume /lib/modules:/lib/modules:ro --hostname kubemark-control-plane-5xwnk --name kubemark-control-plane-5xwnk --label io.x-k8s.kind.cluster=kubemark --label io.x-k8s.kind.role=control-plane --expose 42677 --volume=/var/run/docker.sock:/var/run/docker.sock --publish=127.0.0.1:42677:6443/TCP kindest/node:v1.19.2\\" failed with error: exit status 125, cleaning up so we can re-provision from a clean state',
      'Error response from daemon: manifest for kindest/node:latest not found: manifest unknown: manifest unknown',
    ],
    sources: [
      `${CAPI}/issues/3795`,
      `${CAPI}/issues/5385`,
      'https://github.com/kubernetes-sigs/kind/issues/2683',
    ],
  },
  {
    id: 'docker-container-deleted',
    source: 'docker',
    category: 'deleted-out-of-band',
    title: 'Machine container deleted outside Cluster API',
    patterns: [/Container \S+ does not exist anymore/i, /\bContainerDeleted\b/i],
    specificity: 0.9,
    explanation:
      'The DockerMachine (or DevMachine with the docker backend) was provisioned but its container is gone: it was removed with docker rm, or the host or Docker daemon restarted without it. CAPD marks ContainerProvisioned False with reason ContainerDeleted and does not recreate it.',
    remediation: [
      { step: 'Confirm the container is missing.', command: 'docker ps -a --filter name=<machine-name>' },
      {
        step: 'Delete the Machine so its owner creates a new one (a MachineHealthCheck does this automatically).',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      'Container capi-quickstart-md-0-wdnsn-tx4mj does not exist anymore',
      'reason: ContainerDeleted',
    ],
    sources: [`${CAPD_BACKENDS}/docker/dockermachine_backend.go`, CAPD_CONDITIONS],
  },
  {
    id: 'docker-container-provisioning-failed',
    source: 'docker',
    category: 'bootstrap-failure',
    title: 'CAPD failed to create the machine container',
    patterns: [/\bContainerProvisioningFailed\b/i],
    specificity: 0.5,
    explanation:
      'CAPD could not create or start the container for a machine (port clash, missing mounts, Docker resource limits). These errors are usually transient and retried; a persistent one needs the CAPD logs for the docker command output.',
    remediation: [
      {
        step: 'Read the CAPD logs for the docker command that failed.',
        command: 'kubectl -n capd-system logs deploy/capd-controller-manager',
      },
      { step: 'Check Docker resources and existing containers.', command: 'docker system df' },
    ],
    examples: ['reason: ContainerProvisioningFailed'],
    sources: [CAPD_CONDITIONS, `${CAPD_BACKENDS}/docker/dockermachine_backend.go`],
  },
  {
    id: 'docker-bootstrap-failed',
    source: 'docker',
    category: 'bootstrap-failure',
    title: 'CAPD bootstrap commands failed in the container',
    patterns: [
      /Failed to exec DockerMachine bootstrap/i,
      /failed to check for existence of bootstrap success file at \/run\/cluster-api\/bootstrap-success\.complete/i,
      /\bBootstrapFailed\b/i,
      // systemd as PID 1 of a CAPD machine container when the host's inotify limits are too low.
      /Failed to create control group inotify object: Too many open files/i,
      // CAPD logs each bootstrap command it runs as "capd@docker$ <command>" with the error beside it.
      /"capd@docker\$ [^"]*"[^\n]{0,200}exit status [1-9]/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPD runs the cloud-init commands of the bootstrap data itself inside the container (kubeadm init/join). A command failed or the sentinel file /run/cluster-api/bootstrap-success.complete never appeared, so the machine never becomes a Node; CAPD repeats the bootstrap.',
    remediation: [
      {
        step: 'Read the CAPD logs for the failing command and its output.',
        command: 'kubectl -n capd-system logs deploy/capd-controller-manager',
      },
      {
        step: 'Inspect kubeadm and kubelet inside the container.',
        command: 'docker exec <machine-name> journalctl -u kubelet --no-pager',
      },
      {
        step: 'Check the host limits that commonly break nested kubelets (inotify, file descriptors).',
        command: 'sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances',
      },
    ],
    examples: [
      'Failed to exec DockerMachine bootstrap',
      'failed to check for existence of bootstrap success file at /run/cluster-api/bootstrap-success.complete',
      'Failed to create control group inotify object: Too many open files',
    ],
    sources: [
      `${CAPD_BACKENDS}/docker/dockermachine_backend.go`,
      CAPD_CONDITIONS,
      `${CAPI}/issues/3731`,
      `${CAPI}/blob/main/docs/book/src/user/troubleshooting.md`,
    ],
  },
  {
    id: 'docker-load-balancer-failed',
    source: 'docker',
    category: 'load-balancer-failure',
    title: 'CAPD load balancer container failed',
    patterns: [
      /\bLoadBalancerProvisioningFailed\b/i,
      /load balancer IP cannot be empty/i,
      /container \S+-lb does not have an associated IP address/i,
    ],
    specificity: 0.8,
    explanation:
      'CAPD fronts the control plane with an haproxy container (kindest/haproxy); creating it or writing its configuration failed, so the API server endpoint of the cluster is not served.',
    remediation: [
      { step: 'Check the load balancer container.', command: 'docker ps -a --filter name=<cluster-name>-lb' },
      {
        step: 'Read the DockerCluster conditions.',
        command: 'kubectl describe dockercluster -n <namespace> <cluster-name>',
      },
      { step: 'Check that the haproxy image can be pulled.', command: 'docker pull kindest/haproxy:<tag>' },
    ],
    examples: [
      'reason: LoadBalancerProvisioningFailed',
      '"Reconciler error" err="failed to get ip for the load balancer: load balancer IP cannot be empty: container capi-quickstart-lb does not have an associated IP address" controller="dockercluster"',
    ],
    sources: [CAPD_CONDITIONS, `${CAPD_BACKENDS}/docker/dockercluster_backend.go`, `${CAPI}/issues/7740`],
  },
  {
    id: 'docker-inmemory-provisioning-failed',
    source: 'docker',
    category: 'bootstrap-failure',
    title: 'In-memory Dev provider failed to simulate a machine',
    patterns: [
      /failed to create CloudMachine/i,
      /failed to get etcd (?:Pod|CA)\b/i,
      /InMemoryBackendReconciler can't be called/i,
    ],
    specificity: 0.6,
    explanation:
      'The in-memory backend of the Dev provider fakes VMs, Nodes and control-plane pods in its own in-memory API server. Errors creating those fake objects or reading the cluster CA secrets stop the machine from becoming a Node; they point to a misconfigured DevCluster/DevMachine or a restarted provider that lost its in-memory state.',
    remediation: [
      {
        step: 'Read the provider logs.',
        command: 'kubectl -n capd-system logs deploy/capd-controller-manager',
      },
      {
        step: 'Check that the cluster CA secrets exist.',
        command: 'kubectl get secrets -n <namespace> -l cluster.x-k8s.io/cluster-name=<cluster>',
      },
      {
        step: 'After a provider restart the in-memory state is gone: delete and recreate the in-memory clusters.',
      },
    ],
    examples: ['failed to create CloudMachine', 'failed to get etcd CA'],
    sources: [`${CAPD_BACKENDS}/inmemory/inmemorymachine_backend.go`, `${CAPD_BACKENDS}/inmemory/README.md`],
  },
];
