/** vSphere (CAPV) scenarios: vCenter failure texts from public issue reports. */
import { removeNode } from '../../../src/testing/faults.ts';
import { resync } from '../../../src/testing/fleet-builder.ts';
import { oldCond } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import {
  cloudInitFooter,
  cloudInitHeader,
  failJoin,
  failProvisioning,
  infraClusterNotReady,
  lastMachines,
  machineAt,
  MINUTE,
  names,
  nowOf,
  reconcileErrors,
  SECOND,
} from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The vsphere scenarios. */
export const VSPHERE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'vsphere-invalid-login-two-clusters',
    source: 'https://github.com/nsidc/vagrant-vsphere/issues/248',
    description:
      'The password of the vCenter account two VSphereClusters share is rotated: CAPV cannot log in ' +
      '(InvalidLogin), VCenterAvailable turns False and a scale-up machine in each cluster stays Provisioning.',
    capturedAt: CAPTURED,
    seed: 401,
    healthy: ['lab/dev'],
    build(b) {
      const clusters = ['plant-a', 'plant-b'].map((name) =>
        b.addCluster({
          namespace: 'factory',
          name,
          provider: 'vsphere',
          region: 'dc-munich',
          pools: [{ name: 'md-0', replicas: 3 }],
        }),
      );
      b.addCluster({ namespace: 'lab', name: 'dev', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const login = 'InvalidLogin: Cannot complete login due to an incorrect user name or password.';
      return clusters.map((c, k) => {
        const since = now - (47 - 4 * k) * MINUTE;
        const [m] = lastMachines(c, 1);
        if (!m) throw new Error('scenario: no machine');
        failProvisioning(b, m, {
          since: since + 3 * MINUTE,
          message: `failed to create vCenter session: ${login}`,
          condition: { type: 'VMProvisioned', reason: 'VCenterUnreachable' },
          log: { controller: 'vspherevm' },
        });
        reconcileErrors(b, c, {
          object: c.infraCluster,
          controller: 'vspherecluster',
          error: `failed to create vCenter session: ${login}`,
          from: since,
        });
        infraClusterNotReady(c, {
          type: 'VCenterAvailable',
          reason: 'VCenterUnreachable',
          message: login,
          since,
        });
        return {
          cluster: c.key,
          category: 'credentials-invalid' as const,
          targets: [m.name, c.infraCluster.metadata.name],
          together: clusters.map((x) => x.key),
        };
      });
    },
  },
  {
    id: 'vsphere-vm-removed-from-infra',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-vsphere/issues/1754',
    description:
      'A worker VM is deleted from vCenter by hand: the vSphere cloud provider removes its Node and CAPV sets ' +
      'failureReason UpdateError, "Unable to find VM by BIOS UUID ... The vm was removed from infra".',
    capturedAt: CAPTURED,
    seed: 402,
    healthy: ['shop/store'],
    build(b) {
      const c = b.addCluster({
        namespace: 'branch',
        name: 'office-12',
        provider: 'vsphere',
        region: 'dc-office-12',
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'shop', name: 'store', provider: 'aws', region: 'eu-west-1' });
      const now = nowOf(b);
      const m = machineAt(c, 0);
      const since = now - 36 * MINUTE;
      if (m.node) removeNode(c, m.node);
      resync(c);
      const message = `Unable to find VM by BIOS UUID ${m.site.instanceId}. The vm was removed from infra`;
      for (const obj of [m.infraMachine, ...m.extras]) {
        const status = obj.status ?? (obj.status = {});
        status.failureReason = 'UpdateError';
        status.failureMessage = message;
        status.lastUpdated = isoSeconds(since);
      }
      reconcileErrors(b, c, {
        object: m.infraMachine,
        controller: 'vspheremachine',
        error: `failed to reconcile VM: ${message}`,
        from: since + 20 * SECOND,
        everyMinutes: 6,
      });
      return [{ cluster: 'branch/office-12', category: 'deleted-out-of-band', targets: [m.name] }];
    },
  },
  {
    id: 'vsphere-template-leftover-kubelet-conf',
    source: 'https://github.com/labring/sealos/issues/2370',
    description:
      'The VM template was captured from a node that had already joined: kubeadm join on new workers stops at ' +
      'preflight because /etc/kubernetes/kubelet.conf exists. Only the cloud-init output of the VMs says so.',
    capturedAt: CAPTURED,
    seed: 403,
    healthy: ['corp/wiki'],
    build(b) {
      const c = b.addCluster({
        namespace: 'factory',
        name: 'mes',
        provider: 'vsphere',
        region: 'dc-lyon',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'corp', name: 'wiki', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (42 - 5 * i) * MINUTE;
        failJoin(b, m, {
          since,
          lines: [
            ...cloudInitHeader(since + 70 * SECOND),
            '[preflight] Running pre-flight checks',
            'error execution phase preflight: [preflight] Some fatal errors occurred:',
            '\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists',
            '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`',
            'To see the stack trace of this error execute with --v=5 or higher',
            ...cloudInitFooter(since + 95 * SECOND, 'DataSourceVMware'),
          ],
        });
      });
      return [{ cluster: 'factory/mes', category: 'bootstrap-failure', targets: names(stuck) }];
    },
  },
  {
    id: 'vsphere-clone-no-permission',
    source: 'https://github.com/vmware/terraform-provider-vsphere/issues/1761',
    description:
      'A vCenter role change drops a privilege the CAPV account needs to clone into the resource pool: cloning ' +
      'new VMs fails with "ServerFaultCode: NoPermission" on VMProvisioned (reason CloningFailed) and in the capv log.',
    capturedAt: CAPTURED,
    seed: 405,
    healthy: ['shop/pos'],
    build(b) {
      const c = b.addCluster({
        namespace: 'city',
        name: 'traffic',
        provider: 'vsphere',
        region: 'dc-city-hall',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'shop', name: 'pos', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        failProvisioning(b, m, {
          since: now - (40 - 3 * i) * MINUTE,
          message: 'ServerFaultCode: NoPermission',
          condition: { type: 'VMProvisioned', reason: 'CloningFailed', severity: 'Warning' },
          log: { controller: 'vspherevm', error: 'failed to clone VM: ServerFaultCode: NoPermission' },
        });
      });
      return [{ cluster: 'city/traffic', category: 'iam-permission-denied', targets: names(stuck) }];
    },
  },
  {
    id: 'vsphere-datastore-full-on-clone',
    source: 'https://github.com/Terraform-VMWare-Modules/terraform-vsphere-vm/issues/130',
    description:
      'The datastore of a pool is full: cloning new VMs fails with "Insufficient disk space on datastore", on the ' +
      'VSphereVM VMProvisioned condition (reason CloningFailed) and in the capv log.',
    capturedAt: CAPTURED,
    seed: 404,
    healthy: ['lab/qa'],
    build(b) {
      const c = b.addCluster({
        namespace: 'hospital',
        name: 'pacs',
        provider: 'vsphere',
        region: 'dc-zurich',
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'lab', name: 'qa', provider: 'gcp', region: 'europe-west6' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        failProvisioning(b, m, {
          since: now - (26 - 2 * i) * MINUTE,
          message: "Insufficient disk space on datastore 'vsanDatastore-zrh'.",
          condition: { type: 'VMProvisioned', reason: 'CloningFailed', severity: 'Warning' },
          log: {
            controller: 'vspherevm',
            error: "failed to clone VM: Insufficient disk space on datastore 'vsanDatastore-zrh'.",
          },
        });
        // CAPV keeps the VSphereVM's own VMProvisioned condition in step with the machine's.
        for (const vm of m.extras) {
          const at = isoSeconds(now - (26 - 2 * i) * MINUTE + 40 * SECOND);
          const text = "Insufficient disk space on datastore 'vsanDatastore-zrh'.";
          vm.status = {
            ready: false,
            conditions: [
              oldCond('Ready', 'False', at, 'CloningFailed', text, 'Warning'),
              oldCond('VCenterAvailable', 'True', at),
              oldCond('VMProvisioned', 'False', at, 'CloningFailed', text, 'Warning'),
            ],
          };
        }
      });
      return [{ cluster: 'hospital/pacs', category: 'storage-failure', targets: names(stuck) }];
    },
  },
];
