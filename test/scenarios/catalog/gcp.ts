/** GCP (CAPG) scenarios: Compute Engine failure texts from public issue reports. */
import type { Scenario } from '../scenario.ts';
import { failProvisioning, lastMachines, MINUTE, names, nowOf } from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The gcp scenarios. */
export const GCP_SCENARIOS: readonly Scenario[] = [
  {
    id: 'gcp-ssd-total-gb-quota',
    source: 'https://github.com/openshift/installer/issues/2292',
    description:
      'New workers with large pd-ssd boot disks exceed the regional SSD_TOTAL_GB quota: instance insert fails, ' +
      'the GCPMachines stay Provisioning with the quota text in InstanceReady and the capg log.',
    capturedAt: CAPTURED,
    seed: 301,
    healthy: ['web/frontend'],
    build(b) {
      const c = b.addCluster({
        namespace: 'analytics',
        name: 'warehouse',
        provider: 'gcp',
        region: 'us-central1',
        pools: [{ name: 'md-0', replicas: 5 }],
      });
      b.addCluster({ namespace: 'web', name: 'frontend', provider: 'azure', region: 'westeurope' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const message =
          "failed to create instance: Error waiting for instance to create: Quota 'SSD_TOTAL_GB' exceeded.  Limit: 500.0 in region us-central1.";
        failProvisioning(b, m, {
          since: now - (39 - 4 * i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
          log: {},
        });
      });
      return [{ cluster: 'analytics/warehouse', category: 'cloud-quota-exceeded', targets: names(stuck) }];
    },
  },
  {
    id: 'gcp-zone-stockout',
    source: 'https://github.com/tranquilitybase-io/tb-gcp/issues/589',
    description:
      'A zone runs out of the requested machine type: instance creation fails with GCE_STOCKOUT. The error ' +
      'shows on the GCPMachines, in events and in the capg log.',
    capturedAt: CAPTURED,
    seed: 302,
    healthy: ['ops/ci'],
    build(b) {
      const c = b.addCluster({
        namespace: 'research',
        name: 'sim',
        provider: 'gcp',
        region: 'europe-west3',
        pools: [{ name: 'md-0', replicas: 5, instanceType: 'c2-standard-30' }],
      });
      b.addCluster({ namespace: 'ops', name: 'ci', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const stuck = lastMachines(c, 3);
      stuck.forEach((m, i) => {
        const message =
          `[GCE_STOCKOUT]: Instance '${m.name}' creation failed: The zone 'projects/shared-ec-hx5302x7/zones/europe-west3-c' ` +
          'does not have enough resources available to fulfill the request.  Try a different zone, or try again later.';
        failProvisioning(b, m, {
          since: now - (31 - 2 * i) * MINUTE,
          message,
          condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
          event: { reason: 'FailedCreate', component: 'gcpmachine-controller' },
          log: {},
        });
      });
      return [{ cluster: 'research/sim', category: 'capacity-unavailable', targets: names(stuck) }];
    },
  },
  {
    id: 'gcp-insufficient-permission-two-clusters',
    source: 'https://github.com/kubernetes-sigs/cluster-api/issues/372',
    description:
      'The service account CAPG uses for a project loses compute permissions: scale-ups in two clusters of the ' +
      'project fail with "Error 403: Insufficient Permission, insufficientPermissions".',
    capturedAt: CAPTURED,
    seed: 303,
    healthy: ['shop/cart'],
    build(b) {
      const clusters = ['ingest', 'serving'].map((name) =>
        b.addCluster({
          namespace: 'data',
          name,
          provider: 'gcp',
          region: 'us-east1',
          pools: [{ name: 'md-0', replicas: 4 }],
        }),
      );
      b.addCluster({ namespace: 'shop', name: 'cart', provider: 'vsphere', region: 'dc-fra' });
      const now = nowOf(b);
      return clusters.map((c, k) => {
        const stuck = lastMachines(c, 1);
        stuck.forEach((m) => {
          failProvisioning(b, m, {
            since: now - (35 - 6 * k) * MINUTE,
            message:
              'failed to create instance: googleapi: Error 403: Insufficient Permission, insufficientPermissions',
            condition: { type: 'InstanceReady', reason: 'InstanceProvisionFailed' },
            log: {},
          });
        });
        return {
          cluster: c.key,
          category: 'iam-permission-denied' as const,
          targets: names(stuck),
          together: clusters.map((x) => x.key),
        };
      });
    },
  },
];
