import type { KnowledgeEntry } from './entry.ts';

const CAPM3 = 'https://github.com/metal3-io/cluster-api-provider-metal3';
const BMO = 'https://github.com/metal3-io/baremetal-operator';

/** Known Metal3 failures (CAPM3, baremetal-operator, Ironic and the BMCs) and the texts they emit. */
export const METAL3_PACK: readonly KnowledgeEntry[] = [
  {
    id: 'metal3-no-available-host',
    source: 'metal3',
    category: 'capacity-unavailable',
    title: 'No available BareMetalHost for the Metal3Machine',
    patterns: [/No available host found/i, /Failed to get a BaremetalHost for the Metal3Machine/i],
    specificity: 0.85,
    explanation:
      'CAPM3 found no BareMetalHost in state available that matches the hostSelector of the Metal3Machine and is not already consumed, so the Machine stays Provisioning. Hosts may all be in use, still inspecting, in error, or labelled differently from the selector.',
    remediation: [
      { step: 'List hosts, their state and consumer.', command: 'kubectl get bmh -A' },
      {
        step: 'Compare the host labels with the Metal3MachineTemplate hostSelector.',
        command: 'kubectl get bmh -n <namespace> --show-labels',
      },
      {
        step: 'Register more hosts, fix hosts in error, or relax the hostSelector.',
        command: 'kubectl describe bmh -n <namespace> <host>',
      },
    ],
    examples: [
      'No available host found. Requeuing.',
      'infrastructure.cluster.x-k8s.io/v1beta1, Kind=Metal3Machine with name "roaming-1-pool-default-4s9d7-4fd6g": Failed to get a BaremetalHost for the Metal3Machine',
    ],
    sources: [`${CAPM3}/blob/main/baremetal/metal3machine_manager.go`, `${CAPM3}/issues/2055`],
  },
  {
    id: 'metal3-bmc-unreachable',
    source: 'metal3',
    category: 'network-misconfigured',
    title: 'Ironic cannot reach the BMC',
    patterns: [
      /Failed to get power state for node \S+ Error: (?:IPMI call failed|Redfish connection failed)/i,
      // ipmitool giving up: "Command '['ipmitool', ... 'power', 'status']' timed out after 60 seconds".
      /Failed to get power state for node \S+ Error: Command '\['ipmitool'[^\n]{0,300}timed out/i,
      /Redfish connection failed for node \S+ Unable to connect to(?![^\n]{0,600}CERTIFICATE_VERIFY_FAILED)/i,
    ],
    specificity: 0.75,
    explanation:
      'Ironic could not talk to the BMC of the host while registering it (IPMI over UDP 623 or Redfish over HTTPS), so the BareMetalHost goes to registration error. The BMC address or port is wrong or blocked from the Ironic pod network; wrong IPMI credentials also end in "IPMI call failed".',
    remediation: [
      {
        step: 'Read the host error.',
        command: 'kubectl get bmh -n <namespace> <host> -o jsonpath={.status.errorMessage}',
      },
      {
        step: 'Test IPMI from the Ironic host network.',
        command: 'ipmitool -I lanplus -H <bmc-address> -U <user> -P <password> power status',
      },
      {
        step: 'Test Redfish from the Ironic host network.',
        command: 'curl -k -u <user>:<password> https://<bmc-address>/redfish/v1/Systems',
      },
      { step: 'Fix spec.bmc.address or the route/firewall between the Ironic pod and the BMC network.' },
    ],
    examples: [
      'Failed to get power state for node be2287c0-0834-486d-b43c-5f1fe4aef4f7. Error: IPMI call failed: power status.',
      "Failed to get power state for node dbe16c32-05b4-4143-b20e-17dc162c96da. Error: Redfish connection failed for node dbe16c32-05b4-4143-b20e-17dc162c96da: Unable to connect to https://proxmoxbmc.lan:61020/redfish/v1/. Error: HTTPSConnectionPool(host='proxmoxbmc.lan', port=61020): Max retries exceeded with url: /redfish/v1/ (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7fcf973a86d0>: Failed to establish a new connection: [Errno 111] ECONNREFUSED'))",
    ],
    sources: [
      'https://github.com/metal3-io/metal3-dev-env/issues/161',
      'https://github.com/metal3-io/metal3-dev-env/issues/1298',
      'https://github.com/agnon/proxmoxbmc/issues/8',
      'https://github.com/openstack/ironic/blob/master/ironic/common/exception.py',
      'https://github.com/operate-first/support/issues/1027',
    ],
  },
  {
    id: 'metal3-registration-error',
    source: 'metal3',
    category: 'network-misconfigured',
    title: 'BareMetalHost in registration error',
    patterns: [/\bRegistrationError\b/i, /\bregistration error\b/i],
    specificity: 0.5,
    explanation:
      'baremetal-operator could not register the host with Ironic or validate its management access: the BMC is unreachable, its credentials or address scheme are wrong, or the driver lacks a feature. The error message on the host says which.',
    remediation: [
      { step: 'Read the host status and events.', command: 'kubectl describe bmh -n <namespace> <host>' },
      {
        step: 'Read the operator logs for the host.',
        command: 'kubectl -n baremetal-operator-system logs deploy/baremetal-operator-controller-manager',
      },
      {
        step: 'Fix the BMC address, credentials secret or network; the operator retries registration by itself.',
      },
    ],
    examples: [
      'Normal  RegistrationError  2m51s  metal3-baremetal-controller  Failed to get power state for node 7fc12e46-784b-4cb1-a965-f3d28a00d437. Error: The attribute Boot is missing from the resource /redfish/v1/Managers/1',
      'node-0   error    registration error               ipmi://192.168.111.1:6230                      true',
    ],
    sources: [`${BMO}/issues/896`, 'https://github.com/metal3-io/metal3-dev-env/issues/161'],
  },
  {
    id: 'metal3-bmc-credentials',
    source: 'metal3',
    category: 'credentials-invalid',
    title: 'BMC credentials missing or rejected',
    patterns: [
      /Missing BMC connection details?:? '?(?:Credentials|username|password)/i,
      /the service denied access/i,
      /\bBase\.1\.\d+\.AccessDenied\b/i,
      // sushy's error for a Redfish call the BMC refused: "... HTTP GET https://.../redfish/v1/Systems/... returned code 401."
      /Redfish exception occurred[^\n]{0,300}returned code 401\b/i,
    ],
    specificity: 0.85,
    explanation:
      'The secret named by BareMetalHost spec.bmc.credentialsName is missing or lacks username/password, or the BMC rejected them. The host cannot be registered or power-managed until the secret holds valid credentials.',
    remediation: [
      {
        step: 'Check the secret the host points to.',
        command: 'kubectl get secret -n <namespace> <credentials-secret> -o jsonpath={.data}',
      },
      {
        step: 'Test the credentials against the BMC.',
        command: 'curl -k -u <user>:<password> https://<bmc-address>/redfish/v1/Systems',
      },
      {
        step: 'Recreate the secret with the right username and password.',
        command:
          'kubectl create secret generic -n <namespace> <credentials-secret> --from-literal=username=<user> --from-literal=password=<password> --dry-run=client -o yaml | kubectl apply -f -',
      },
    ],
    examples: [
      'Missing BMC connection details: Credentials',
      'While attempting to establish a connection to /redfish/v1/Systems/1, the service denied access.',
      'Failed to get power state for node 67ac51af-a6b3. Error: Redfish exception occurred. Error: HTTP GET https://192.168.111.1:8000/redfish/v1/Systems/... returned code 401.',
    ],
    sources: [
      'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
      `${BMO}/blob/main/pkg/hardwareutils/bmc/credentials.go`,
      'https://github.com/lenovo/python-redfish-lenovo/issues/308',
    ],
  },
  {
    id: 'metal3-ironic-auth-failed',
    source: 'metal3',
    category: 'credentials-invalid',
    title: 'baremetal-operator cannot authenticate to Ironic',
    patterns: [
      /unable to start inspection: HttpException: 401/i,
      /HttpException: 401: Client Error for url: https?:\/\/\S+:(?:6385|5050)\//i,
    ],
    specificity: 0.85,
    explanation:
      'Ironic or ironic-inspector answered 401 to baremetal-operator: the basic-auth credentials mounted into the operator do not match the ones Ironic was deployed with (often after regenerating the Ironic secrets). Every host stalls in inspection or registration.',
    remediation: [
      {
        step: 'Compare the Ironic credentials secret used by the operator with the one used by Ironic.',
        command: 'kubectl -n baremetal-operator-system get secrets',
      },
      {
        step: 'Restart the operator after fixing the secret.',
        command:
          'kubectl -n baremetal-operator-system rollout restart deploy/baremetal-operator-controller-manager',
      },
    ],
    examples: [
      'Failed to inspect hardware. Reason: unable to start inspection: HttpException: 401: Client Error for url: https://70.171.117.203:5050/v1/introspection/cb2ea234-b432-4f91-9b9a-cf0dcfe42e5a?manage_boot=False',
    ],
    sources: [`${BMO}/issues/1274`, `${CAPM3}/issues/989`],
  },
  {
    id: 'metal3-image-download-failed',
    source: 'metal3',
    category: 'image-not-found',
    title: 'Host image cannot be downloaded or verified',
    patterns: [
      /Validation of image href \S+ failed, reason: Got HTTP code 404/i,
      /Error downloading image: Download of image \S+ failed/i,
      /Checksum file does not contain name/i,
      /Image failed to verify against checksum/i,
    ],
    specificity: 0.9,
    explanation:
      'Ironic could not fetch the OS image (or its checksum) named in the Metal3MachineTemplate image.url/checksum: the URL returns 404, the image server is down, or the checksum file does not list the image. The host fails provisioning.',
    remediation: [
      { step: 'Check the image and checksum URLs from the Ironic host.', command: 'curl -I <image-url>' },
      {
        step: 'Read the host error.',
        command: 'kubectl get bmh -n <namespace> <host> -o jsonpath={.status.errorMessage}',
      },
      {
        step: 'Publish the image on the image server or fix image.url and image.checksum in a new Metal3MachineTemplate.',
      },
    ],
    examples: [
      'host validation error: Validation of image href http://172.22.0.1/images/CentOS-7-x86_64-GenericCloud-1907.qcow2 failed, reason: Got HTTP code 404 instead of 200 in response to HEAD request.',
      'Deploy step deploy.write_image failed on node df880558-09da. Image failed to verify against checksum. location: CENTOS_9_NODE_IMAGE.img; image ID: /dev/sda; image checksum: abcd1234; verification checksum: ...',
    ],
    sources: [
      'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
      'https://github.com/metal3-io/cluster-api-provider-baremetal/issues/222',
      'https://github.com/openshift-metal3/dev-scripts/issues/1245',
    ],
  },
  {
    id: 'metal3-provisioning-error',
    source: 'metal3',
    category: 'bootstrap-failure',
    title: 'BareMetalHost provisioning failed',
    patterns: [/\bProvisioningError\b/i, /\bprovisioning error\b/i, /Image provisioning failed/i],
    specificity: 0.55,
    explanation:
      'Ironic failed to write the image to the host disk or to boot it (deploy ramdisk error, wrong root device hint, disk errors, boot mode mismatch). The host goes to provisioning error and CAPM3 cannot finish the Machine.',
    remediation: [
      { step: 'Read the host error and events.', command: 'kubectl describe bmh -n <namespace> <host>' },
      {
        step: 'Read the Ironic conductor logs for the node.',
        command: 'kubectl -n <ironic-namespace> logs <ironic-pod> --all-containers',
      },
      { step: 'Fix rootDeviceHints, boot mode or the image; deprovision and let CAPM3 retry.' },
    ],
    examples: ['ProvisioningError :blkid returns with Exit code:2'],
    sources: [
      'https://github.com/metal3-io/ironic-image/issues/296',
      'https://github.com/openshift/baremetal-operator/pull/500',
    ],
  },
  {
    id: 'metal3-inspection-failed',
    source: 'metal3',
    category: 'network-misconfigured',
    title: 'Hardware inspection timed out',
    patterns: [/timeout reached while inspecting the node/i, /Introspection timeout/i],
    specificity: 0.7,
    explanation:
      'The host booted for inspection but the inspection ramdisk never reported back to Ironic: the host did not PXE/virtual-media boot, or the ramdisk cannot reach the Ironic API over the provisioning network (DHCP, routing, firewall).',
    remediation: [
      { step: 'Watch the host console through the BMC to see where boot stops.' },
      {
        step: 'Check DHCP and the provisioning network between the host and Ironic.',
        command: 'kubectl -n <ironic-namespace> logs <ironic-pod> --all-containers',
      },
      {
        step: 'Fix the network and re-trigger inspection.',
        command: 'kubectl annotate bmh -n <namespace> <host> inspect.metal3.io=',
      },
    ],
    examples: [
      'timeout reached while inspecting the node',
      '"msg":"inspection failed","host":"worker-5","error":"Introspection timeout"',
    ],
    sources: [`${BMO}/issues/1706`, `${BMO}/issues/391`, `${BMO}/issues/1472`],
  },
  {
    id: 'metal3-set-provider-id-failed',
    source: 'metal3',
    category: 'bootstrap-failure',
    title: 'CAPM3 cannot set the providerID on the Node',
    patterns: [
      /\bSettingProviderIDOnNodeFailed\b/i,
      /could not find node with label.{0,20}metal3\.io\/uuid=/i,
    ],
    specificity: 0.85,
    explanation:
      'CAPM3 sets Node spec.providerID by finding the Node labelled metal3.io/uuid=<host uid> in the workload cluster. The label was never set (kubelet did not get the node-labels from the KubeadmConfig, or cloud-init did not fill in the uuid) or the workload API server is unreachable, so the Machine never gets a nodeRef.',
    remediation: [
      {
        step: 'Check the labels of the Nodes in the workload cluster.',
        command: 'kubectl --kubeconfig <workload-kubeconfig> get nodes -L metal3.io/uuid',
      },
      {
        step: 'Check that the KubeadmConfig passes node-labels: metal3.io/uuid={{ ds.meta_data.uuid }} to the kubelet.',
      },
      {
        step: 'Read the Metal3Machine conditions.',
        command: 'kubectl describe metal3machine -n <namespace> <name>',
      },
    ],
    examples: ['Reason: SettingProviderIDOnNodeFailed @ /hp-mbmff'],
    sources: [
      `${CAPM3}/issues/1480`,
      `${CAPM3}/issues/1162`,
      'https://github.com/openshift/cluster-capi-operator/pull/175',
    ],
  },
  {
    id: 'metal3-host-missing',
    source: 'metal3',
    category: 'deleted-out-of-band',
    title: 'BareMetalHost of the machine is gone',
    patterns: [/host not found for machine/i, /"Annotated host not found"/i],
    specificity: 0.6,
    explanation:
      'CAPM3 found no BareMetalHost consumed by the Metal3Machine: the host was deleted or moved without CAPM3, so the Machine has no host behind it. A Metal3Machine whose association was interrupted can show the same error, so check the host list before deleting anything.',
    remediation: [
      { step: 'List the hosts and their consumers.', command: 'kubectl get bmh -A' },
      {
        step: 'Recreate the BareMetalHost or delete the Machine so its owner provisions another host.',
        command: 'kubectl delete machine -n <namespace> <machine>',
      },
    ],
    examples: [
      'failed to update BaremetalHost: host not found for machine dpu-cluster-9vh7m',
      'I0815 06:08:54.687380   1 metal3machine_manager.go:788] "Annotated host not found" logger="controllers.Metal3Machine.Metal3Machine-controller" metal3-machine="metal3/test1-zxzn7-qvl6n" host="metal3/node-0"',
    ],
    sources: [
      `${CAPM3}/issues/682`,
      'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
    ],
  },
  {
    id: 'metal3-boot-mode-unsupported',
    source: 'metal3',
    category: 'invalid-machine-spec',
    title: 'The BMC refuses the boot mode the host asks for',
    patterns: [/Setting boot mode to \w+ failed/i],
    specificity: 0.85,
    explanation:
      'Ironic asked the BMC to switch the host to the boot mode of BareMetalHost spec.bootMode (UEFI, UEFISecureBoot or legacy) and the BMC refused: the hardware or its firmware settings do not support that mode, so inspection or provisioning stops.',
    remediation: [
      {
        step: 'Read the host error.',
        command: 'kubectl get bmh -n <namespace> <host> -o jsonpath={.status.errorMessage}',
      },
      {
        step: 'Set a boot mode the hardware supports, or enable it in the firmware.',
        command: 'kubectl patch bmh -n <namespace> <host> --type merge -p \'{"spec":{"bootMode":"UEFI"}}\'',
      },
    ],
    examples: [
      'Failed to inspect hardware. Reason: unable to start inspection: Redfish exception occurred. Error: Setting boot mode to bios failed for node ceec28f5-cedb. Error: HTTP PATCH https://192.168.111.1:8000/redfish/v1/Systems/... returned code 500.',
    ],
    sources: ['https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md'],
  },
  {
    id: 'metal3-host-spec-rejected',
    source: 'metal3',
    category: 'invalid-machine-spec',
    title: 'Ironic rejects the BareMetalHost BMC or NIC settings',
    patterns: [
      /No conductor service registered which supports driver/i,
      /\bDuplicateNodeOnLookup\b/i,
      /failed to parse BMC address/i,
    ],
    specificity: 0.9,
    explanation:
      'Ironic refused to enroll the host for a setting of its BareMetalHost: the BMC address scheme names a driver (ipmi, redfish, idrac, ilo) that no Ironic conductor has enabled, or the bootMACAddress belongs to a node Ironic already knows, so two hosts claim the same NIC.',
    remediation: [
      {
        step: 'Read the host error and its BMC address and boot MAC.',
        command:
          'kubectl get bmh -n <namespace> <host> -o jsonpath="{.spec.bmc.address} {.spec.bootMACAddress} {.status.errorMessage}"',
      },
      {
        step: 'Use a BMC address scheme the Ironic image enables, or enable its driver; give each host its own bootMACAddress.',
        command: 'kubectl get bmh -A -o custom-columns=NAME:.metadata.name,MAC:.spec.bootMACAddress',
      },
    ],
    examples: [
      'Reason: No conductor service registered which supports driver ibmc for conductor group',
      'DuplicateNodeOnLookup: Multiple nodes with port addresses [52:54:00:6e:3a:01, 52:54:00:6e:3a:02] were found',
    ],
    sources: [
      `${BMO}/issues/529`,
      'https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md',
    ],
  },
  {
    id: 'metal3-bmc-certificate-untrusted',
    source: 'metal3',
    category: 'certificate-expired',
    title: 'Ironic does not trust the BMC certificate',
    patterns: [/Redfish[^\n]{0,600}CERTIFICATE_VERIFY_FAILED/i],
    specificity: 0.85,
    explanation:
      'Ironic reaches the BMC over HTTPS and rejects its certificate (self-signed or from a CA Ironic does not know), so the host cannot be registered or power-managed.',
    remediation: [
      {
        step: 'Check the certificate the BMC presents.',
        command: 'openssl s_client -connect <bmc-address>:443 -showcerts </dev/null',
      },
      {
        step: 'Give Ironic the BMC CA, or set spec.bmc.disableCertificateVerification: true on the BareMetalHost for a lab.',
        command: 'kubectl edit bmh -n <namespace> <host>',
      },
    ],
    examples: [
      "Redfish connection failed for node 8161c778-967d-4bf5-b9c4-8e66b27698e0: Unable to connect to https://<IP>/redfish/v1/. Error: HTTPSConnectionPool(host='<IP>', port=443): Max retries exceeded with url: /redfish/v1/ (Caused by SSLError(SSLError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:897)'),))",
    ],
    sources: [`${BMO}/issues/415`],
  },
  {
    id: 'metal3-root-device-not-found',
    source: 'metal3',
    category: 'storage-failure',
    title: 'No disk matches the root device hints',
    patterns: [/No suitable device was found for deployment using these hints/i],
    specificity: 0.9,
    explanation:
      'Ironic writes the image to the disk that BareMetalHost spec.rootDeviceHints select, and no disk of the host matches them (wrong device name, size, serial or WWN, or the disk is missing or failed), so provisioning fails.',
    remediation: [
      {
        step: 'List the disks inspection found on the host.',
        command: 'kubectl get hardwaredata -n <namespace> <host> -o jsonpath={.spec.hardware.storage}',
      },
      {
        step: 'Fix spec.rootDeviceHints to name a disk the host has.',
        command: 'kubectl edit bmh -n <namespace> <host>',
      },
    ],
    examples: [
      "Deploy step deploy.write_image failed on node d25ce8de-914e-4146-a0c0-58825274572d. No suitable device was found for deployment using these hints {'name': 's== /dev/vdb'}",
    ],
    sources: ['https://github.com/metal3-io/metal3-docs/blob/main/docs/user-guide/src/troubleshooting.md'],
  },
];
