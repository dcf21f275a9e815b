import type { KnowledgeEntry } from './knowledge/entry.ts';

/**
 * The fallback for evidence that matches no provider entry: the wording of causes, whoever emits them. A new
 * provider's "quota exceeded" still reads as a quota problem. Lower specificity than any provider entry.
 */
export const GENERIC_RULES: readonly KnowledgeEntry[] = [
  rule('generic-quota', 'cloud-quota-exceeded', 'a cloud quota or limit is reached', 0.55, [
    /\bquota\b[^.\n]{0,80}\b(exceed|exhaust|reached|insufficient|limit)/i,
    /\b(exceed(s|ed|ing)?|over)\b[^.\n]{0,60}\bquota/i,
    /\blimit ?exceeded\b|\blimit (has been |was )?reached\b|LimitExceeded|LimitReached\b/i,
    /\b[A-Z]\w+CountExceeded\b|\bmax [\w ]{1,30} count exceeded\b/i,
    // Account, domain or project limits as smaller clouds word them (CloudStack, DigitalOcean, ...).
    /\bmaximum amount of resources\b[^\n]{0,160}\bexceeded\b|\bwill exceed (your|the) [\w ]{1,30}limit\b/i,
    /\b(account|domain|project|tenant) (resource )?limit\b[^\n]{0,60}\b(exceeded|reached)\b|\bin (domain|account|project) can't fulfil\b/i,
    /\bcannot (create|allocate|launch) more than \d+\b|\bmaximum (number|count) of\b[^.\n]{0,60}\b(reached|exceeded)\b/i,
  ]),
  rule('generic-capacity', 'capacity-unavailable', 'the provider has no capacity', 0.5, [
    /\binsufficient (instance )?capacity\b|\bout of capacity\b|\bno (valid|available|free) (bare ?metal )?hosts?\b/i,
    /\bcapacity (is )?(not available|unavailable)\b|\bnot enough (capacity|resources)\b|\bresources? (are |is )?exhausted\b/i,
    /\bexhausted all hosts\b|\bno (suitable|eligible) hosts?\b/i,
    /\bdoes not have enough resources available\b/i,
    /\bout of host capacity\b|\bresource_unavailable\b|\bcannot reserve \d+\w* of (memory|cpu)\b|\b0B? available memory left\b/i,
  ]),
  rule('generic-ip-exhaustion', 'ip-exhaustion', 'no free IP address', 0.55, [
    /\bno (free|more|available|unallocated) (ip )?(v4 |v6 )?addresses?\b/i,
    /\b(ip )?address(es)?( pool| space| range)? (is |are |has been )?(exhausted|full|depleted)\b/i,
    /\bsubnet (is )?full\b|\b(ip|address) pool[^.\n]{0,40}\b(exhausted|full|no free)/i,
    /\bexhausted (ip|address) pools?\b|\b(ip|address) allocation[^.\n]{0,40}\bfailed\b/i,
    // CNI host-local IPAM when the node's pod CIDR is used up.
    /\bno IP addresses available in range set\b/i,
    /\b(not enough|insufficient) free (ip )?addresses\b|\bdoes not have (enough )?available (private )?IP space\b/i,
    /\bIPs available \d+ in subnet\b/i,
    // CNI and load-balancer IPAM: AWS VPC CNI, MetalLB.
    /\bfailed to assign an IP address to container\b|\bFailed to allocate IP for [^\n]{0,120}\bno available IPs\b/i,
    /\bDHCP pool\b[^\n]{0,40}\bexhausted\b|\bcannot allocate (ip )?address\b/i,
  ]),
  rule('generic-permission', 'iam-permission-denied', 'the controller lacks a permission', 0.5, [
    /\bnot authori[sz]ed to\b|\bpermission denied\b|\baccess ?denied\b|\binsufficient permissions?\b/i,
    /\bdoes not have (the )?(required )?permission|(?<!\w: )\bforbidden\b(?![^\n]{0,80}system:anonymous)[^\n]{0,80}\bcannot\b|\bauthorization ?failed\b/i,
    /\b(required|missing) '?[\w.:/-]+'? permission\b|\berror 403\b|\b403 forbidden\b/i,
    // vCenter: "no System.Read privilege on: DistributedVirtualPortgroup:...".
    /\bno [\w.]+ privilege on\b/i,
    /\bis not permitted to use\b/i,
  ]),
  rule('generic-credentials', 'credentials-invalid', 'credentials are invalid or expired', 0.5, [
    /\binvalid (credentials?|client secret|client id|api key|token)\b|\bauthentication (failed|failure)\b/i,
    /\b(token|credentials?|password) (has |have )?expired\b|\bunauthenticated\b|\b401 unauthorized\b|\bincorrect (user ?name|password)\b/i,
    /\bfailed to (retrieve|refresh|get|obtain) (the )?(credentials|token|access token)\b|\bInvalidIdentityToken\b|\bNoCredentialProviders\b/i,
    // Azure AD sign-in errors carry an AADSTS code; an unknown tenant, client or secret all read as credentials.
    /\bAADSTS\d{4,6}\b|\bno (valid )?(EC2 instance role|credential providers?|credentials) found\b/i,
    /\bconnection is unauthorized\b/i,
    /\b(returned|got|received) unauthori[sz]ed\b|\bverify the credentials\b/i,
    // client-go's words for a 401: the server was reached and refused the credentials.
    /\bthe server has asked for the client to provide credentials\b/i,
  ]),
  rule('generic-certificate', 'certificate-expired', 'a certificate is expired or not trusted', 0.6, [
    /x509: certificate (has expired|is not yet valid|signed by unknown authority|is valid for)/i,
    /\bcertificate (has )?expired\b|\bexpired certificate\b/i,
    /\btls: bad certificate\b|\bcertificate verify failed\b|\bCERTIFICATE_VERIFY_FAILED\b/i,
  ]),
  rule('generic-image', 'image-not-found', 'the machine image is missing', 0.5, [
    /\b(image|ami|template|os image)\b[^\n]{0,80}\b(not found|does not exist|could not be found|cannot be found|no longer available)/i,
    /\b(failed to find|unable to find|could not find|cannot find|no matching) [^\n]{0,30}\b(image|ami|template)\b/i,
    /\bno (image|template|ami)s? (was |were )?found\b/i,
  ]),
  rule('generic-dns', 'dns-failure', 'name resolution fails', 0.55, [
    /\bno such host\b|\btemporary failure in name resolution\b|\bcould not resolve (host|hostname)?\b|\bNXDOMAIN\b|\bserver misbehaving\b/i,
    // Go's resolver: "lookup registry.k8s.io on 10.0.0.2:53: read udp ...: i/o timeout".
    /\blookup [\w.-]+ on [\w.:[\]]+:53\b/i,
    /\bdial tcp: lookup [\w.-]+: (i\/o timeout|no such host|server misbehaving)/i,
    // Python's httplib2 when the name does not resolve.
    /\bUnable to find the server at [\w.-]+/i,
    // CoreDNS forwarding to itself.
    /\bplugin\/loop: Loop [^\n]{0,80}detected\b/i,
  ]),
  rule('generic-network', 'network-misconfigured', 'an endpoint is unreachable over the network', 0.45, [
    /\bno route to host\b|\bnetwork is unreachable\b/i,
    // A refused or timed-out connection to another host; to localhost it means a local daemon is down, not the network.
    /\bdial tcp (?!127\.|\[::1\]|localhost)[^\s]+: connect: connection (refused|timed out)/i,
    /\bdial tcp (?!127\.|\[::1\]|localhost)[^\n]{0,80}i\/o timeout/i,
    /\b(?!127\.)(\d{1,3}\.){3}\d{1,3}:\d+[^\n]{0,40}\bconnection (refused|timed out)\b/i,
  ]),
  rule('generic-network-config', 'network-misconfigured', 'the cloud network is misconfigured', 0.5, [
    /\bfailed to (create|reconcile) (the )?(network(?! interface)|subnets?|routes?|route table|vpc|nat gateway)\b/i,
    /\bno nat gateways? available\b|\bno route to the default internet gateway\b/i,
    /\bbelong to different networks\b|\boutside the IP address range of virtual network\b|\bNetcfg\w+\b/i,
    /\bis not reachable from subnet\b|\bfailed to set bridge addr\b/i,
    /\b(failed to|unable to) (find|retrieve|get) (the )?(network|subnet)\b|\bno networks? could be found\b|\bnetwork '[^']+' not found\b/i,
    /\bcannot overlap\b|\boverlaps? with (an )?(existing )?(subnet|network|cidr|range)\b/i,
  ]),
  rule('generic-load-balancer', 'load-balancer-failure', 'the control-plane load balancer failed', 0.5, [
    /\b(load ?balancer|elb|nlb|floating ip)\b[^\n]{0,80}\b(fail(ed|ure)?|error|not found|cannot be (created|associated))/i,
    /\b(failed|unable) to (create|reconcile|apply [\w ]{1,30} to|register [\w ]{1,30} with) (the )?(api ?server )?(load ?balancer|elb|nlb)\b/i,
    /\bload ?balancer\b[^\n]{0,60}\bnot (in )?(an? )?(active|ready|available|running)\b/i,
  ]),
  rule('generic-etcd', 'etcd-unhealthy', 'etcd is unhealthy', 0.55, [
    /\betcd[^\n]{0,60}\b(unhealthy|not healthy|alarm|NOSPACE|quorum|database space exceeded|leader changed)\b/i,
    /\bmvcc: database space exceeded\b/i,
    /\betcdserver: (no leader|request timed out|leader changed|too many requests|server stopped)\b/i,
    /\bfailed to publish local member to cluster\b|\betcd cluster is unavailable or misconfigured\b/i,
    // etcd's client (2379) and peer (2380) ports refusing or not answering.
    /\bdial tcp [^\s]+:(2379|2380): connect: (connection refused|no route to host|connection timed out)/i,
    /\bEtcdMemberHealthy condition is (unknown|false)\b|\bcould not establish a connection to any etcd node\b|\[-\]etcd failed\b/i,
  ]),
  rule('generic-rate-limit', 'api-rate-limited', 'requests are throttled', 0.55, [
    /\brate ?limit(ed|ing| exceeded)?\b|\bthrottl(ed|ing)\b|\btoo many requests\b|\bRequestLimitExceeded\b/i,
  ]),
  rule('generic-webhook', 'webhook-failure', 'an admission or conversion webhook fails', 0.6, [
    /\bfailed calling webhook\b|\bconversion webhook for\b[^\n]{0,80}\bfailed\b|\bwebhook\b[^\n]{0,60}\b(connection refused|timeout|no endpoints)/i,
  ]),
  rule('generic-disk-full', 'storage-failure', 'a disk is full', 0.6, [
    /\bno space left on device\b|\bdisk (is )?full\b/i,
  ]),
  rule('generic-storage', 'storage-failure', 'a volume or disk cannot be provisioned or attached', 0.45, [
    /\b(volume|disk|datastore)\b[^\n]{0,80}\b(attach(ment)? fail|failed to (attach|detach|create|provision)|not enough space|out of space|full)\b/i,
    /\bAttachVolume\.Attach failed\b|\bMultiAttachError\b|\bFailedAttachVolume\b/i,
    /\bvolume\b[^\n]{0,80}\b(unexpected state '?error|in error state|went into error)/i,
    /\b(error|failed|cannot|unable to) (attaching|attach|detaching|detach)( the)? (volume|disk)\b|\bdisk (attach|detach) failed\b|\bZoneMismatch\b/i,
    /\bMountVolume\.\w+ failed\b|\bdisk: \S+ not attached to node\b/i,
    /\bno such logical volume\b|\bno compatible datastores?\b|\bDataVolume\b[^\n]{0,80}\bPhase: Failed\b/i,
  ]),
  rule('generic-version-skew', 'version-skew', 'a version combination is not allowed', 0.55, [
    /\bversion skew\b|\bVersionSkew\b|\bunsupported (kubernetes )?version\b|\bversion [^\n]{0,40}is not supported\b/i,
    // A flag or config written for another version of the binary.
    /\bunrecognized feature gate\b/i,
    // A flag the binary no longer (or not yet) has, or a clusterctl and management cluster of different API versions.
    /\bunknown flag: --[\w-]+|\b(only compatible with|could be used only with) "?v1(alpha|beta)\d/i,
    // An API version the installed CRDs no longer serve, and upgrades that skip a minor version.
    /\bno matches for kind \\?"[^"\\]+\\?" in version\b|\bnon-sequential\b|\bskip(ping)? (a )?minor version\b/i,
  ]),
  rule(
    'generic-deleted',
    'deleted-out-of-band',
    'the underlying resource was deleted outside Cluster API',
    0.4,
    [
      /\b(instance|vm|virtual machine|server|host)\b[^\n]{0,60}\b(was |has been )?(terminated|deleted) (outside|externally|out of band)/i,
      /\b(instance|virtual machine|vm|server)\b[^\n]{0,40}\b(not found|no longer exists|does not exist)\b/i,
      /\bbecause it does not exist in the cloud provider\b/i,
      /\b(server|instance|vm|machine|droplet|device)\b[^\n]{0,60}\bno longer (available|exists|present)\b/i,
      /\bNode \S+ has been deleted\b/i,
    ],
  ),
  rule('generic-invalid-spec', 'invalid-machine-spec', 'the provider rejects a machine parameter', 0.45, [
    /\binvalid (value|parameter|instance ?type|flavor|size|machine ?type)\b|\bInvalidParameter\w*\b|\bunsupported (instance|machine) type\b/i,
    /\bMissingParameter\b/i,
    /\binvalid_input\b|\bunsupported location\b|\bshould be a value between\b|\b\w+NotSupport(ed)?\w*\b/i,
  ]),
  rule('generic-drain', 'drain-blocked', 'a node drain cannot finish', 0.5, [
    /\bcannot evict pod\b|\bviolate the pod's disruption budget\b|\bdrain(ing)? (node )?[^\n]{0,40}\b(failed|timed out|blocked)\b/i,
    /\b(failed|unable) to drain node\b|\bcannot delete Pods (declare no controller|with local storage|not managed by)/i,
  ]),
  rule('generic-bootstrap', 'bootstrap-failure', 'machine bootstrap fails', 0.35, [
    /\berror execution phase\b|\bcloud-init\b[^\n]{0,80}\b(error|fail)|\bkubeadm (join|init)\b[^\n]{0,60}\bfail/i,
    // The kubelet started before kubeadm wrote its configuration: init or join never got that far.
    /\/var\/lib\/kubelet\/config\.yaml: no such file or directory/i,
    /\bno datasource found\b|\bcgroup driver: "?\w+"? is different from\b/i,
  ]),
  rule('generic-node', 'node-unhealthy', 'the node itself is unhealthy', 0.45, [
    /\bContainer runtime (sanity check failed|is down|not ready)\b|\bPLEG is not healthy\b/i,
    /\bCondition Ready on node is reporting status (Unknown|False) for more than\b/i,
    /\bKubelet stopped posting node status\b|\bcontainer runtime network not ready\b/i,
    /\bNodeNotReady\b/,
  ]),
  // Applications failing in a workload cluster: crash loops, failing probes, binaries that cannot start.
  rule('generic-workload', 'workload-regression', 'applications are failing', 0.5, [
    /\bCrashLoopBackOff\b|\bBack-off restarting failed container\b/i,
    /\b(Liveness|Readiness|Startup) probe failed\b|\bexec user process caused\b|\bexec format error\b/i,
  ]),
];

function rule(
  id: string,
  category: KnowledgeEntry['category'],
  title: string,
  specificity: number,
  patterns: RegExp[],
): KnowledgeEntry {
  return {
    id,
    source: 'capi',
    category,
    title,
    patterns,
    specificity,
    explanation: `The evidence reads as ${title}; no provider-specific entry matched it, so this is inferred from the wording.`,
    remediation: [],
    examples: [],
    sources: [],
  };
}
