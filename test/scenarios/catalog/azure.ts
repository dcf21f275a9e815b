/** Azure (CAPZ) scenarios: ARM and Entra ID failure texts from public issue reports. */
import { cond, oldCond } from '../../../src/testing/raw.ts';
import { isoSeconds } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import {
  failProvisioning,
  infraClusterNotReady,
  lastMachines,
  MINUTE,
  names,
  nowOf,
  reconcileErrors,
  SECOND,
  setCoreConditions,
} from './inject.ts';
import { stuckMachine } from '../../../src/testing/fleet-builder.ts';

const CAPTURED = '2026-11-20T10:30:00Z';
const SUBSCRIPTION = '6c268694-47ab-43ab-b306-3c5514bc4112';

/** The azure scenarios. */
export const AZURE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'azure-spot-low-priority-cores-quota',
    source: 'https://github.com/scylladb/scylla-cluster-tests/issues/4994',
    description:
      'A spot pool scales up past the LowPriorityCores quota of the subscription: ARM answers OperationNotAllowed, ' +
      'the AzureMachines stay Provisioning with the quota text in VMRunning and in the capz log.',
    capturedAt: CAPTURED,
    seed: 201,
    healthy: ['shop/api'],
    build(b) {
      const c = b.addCluster({
        namespace: 'batch',
        name: 'render',
        provider: 'azure',
        region: 'eastus',
        pools: [
          { name: 'md-0', replicas: 2 },
          { name: 'spot', replicas: 5, instanceType: 'Standard_D8s_v5' },
        ],
      });
      b.addCluster({ namespace: 'shop', name: 'api', provider: 'aws', region: 'us-east-1' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2, 'spot');
      stuck.forEach((m, i) => {
        const message =
          `failed to reconcile AzureMachine: failed to create or update resource batch/${m.name} (service: virtualmachine): ` +
          'Code="OperationNotAllowed" Message="Operation could not be completed as it results in exceeding approved LowPriorityCores quota. ' +
          'Additional details - Deployment Model: Resource Manager, Location: eastus, Current Limit: 100, Current Usage: 100, Additional Required: 8, ' +
          '(Minimum) New Limit Required: 108. Submit a request for Quota increase at https://aka.ms/ProdportalCRP/#blade/Microsoft_Azure_Capacity/UsageAndQuota.ReactView ' +
          'by specifying parameters listed in the ‘Details’ section for deployment to succeed. Please read more about quota limits at https://docs.microsoft.com/en-us/azure/azure-portal/supportability/low-priority-quota"';
        failProvisioning(b, m, {
          since: now - (33 - 3 * i) * MINUTE,
          message,
          condition: { type: 'VMRunning', reason: 'Failed' },
          log: {},
        });
      });
      return [{ cluster: 'batch/render', category: 'cloud-quota-exceeded', targets: names(stuck) }];
    },
  },
  {
    id: 'azure-sku-not-available-log-only',
    source: 'https://github.com/Azure/acs-engine/issues/3060',
    description:
      'The VM size of a new pool is restricted in the region: ARM answers SkuNotAvailable. As CAPZ issue #4964 ' +
      'reports, nothing shows on the AzureMachine; the text is only in the capz controller log.',
    capturedAt: CAPTURED,
    seed: 202,
    healthy: ['corp/intranet'],
    build(b) {
      const c = b.addCluster({
        namespace: 'media',
        name: 'transcode',
        provider: 'azure',
        region: 'northeurope',
        pools: [
          { name: 'md-0', replicas: 3 },
          { name: 'gpu', replicas: 2, instanceType: 'Standard_NC4as_T4_v3' },
        ],
      });
      b.addCluster({ namespace: 'corp', name: 'intranet', provider: 'vsphere', region: 'dc-ams' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2, 'gpu');
      stuck.forEach((m, i) => {
        const vm = `/subscriptions/${SUBSCRIPTION}/resourceGroups/transcode/providers/Microsoft.Compute/virtualMachines/${m.name}`;
        const message =
          `failed to reconcile AzureMachine: failed to create or update resource media/${m.name} (service: virtualmachine): ` +
          `The requested size for resource '${vm}' is currently not available in location 'northeurope' zones '' for subscription '${SUBSCRIPTION}'. ` +
          'Please try another size or deploy to a different location or zones. See https://aka.ms/azureskunotavailable for details. (Code: SkuNotAvailable)';
        failProvisioning(b, m, { since: now - (48 - i) * MINUTE, message, log: {} });
      });
      return [
        {
          cluster: 'media/transcode',
          category: 'capacity-unavailable',
          accept: ['invalid-machine-spec'],
          targets: names(stuck),
        },
      ];
    },
  },
  {
    id: 'azure-client-secret-expired-two-clusters',
    source: 'https://github.com/dotnet/sign/issues/849',
    description:
      'The client secret of the service principal behind a shared AzureClusterIdentity expires: two AzureClusters ' +
      'fail to reconcile with AADSTS7000222, and each cluster has a scale-up machine stuck Provisioning.',
    capturedAt: CAPTURED,
    seed: 203,
    healthy: ['ops/monitoring'],
    build(b) {
      const clusters = ['prod-we', 'prod-ne'].map((name, i) =>
        b.addCluster({
          namespace: 'retail',
          name,
          provider: 'azure',
          region: i === 0 ? 'westeurope' : 'northeurope',
          pools: [{ name: 'md-0', replicas: 4 }],
        }),
      );
      b.addCluster({ namespace: 'ops', name: 'monitoring', provider: 'gcp', region: 'europe-west1' });
      const now = nowOf(b);
      const expected = clusters.map((c, k) => {
        const since = now - (58 - 5 * k) * MINUTE;
        const aad = (trace: string): string =>
          'ClientSecretCredential authentication failed: A configuration issue is preventing authentication - check the error message from the server for details. ' +
          "You can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client for details.  Original exception: AADSTS7000222: The provided client secret keys for app 'ccc25fb8-d83b-4225-b4b7-5f31bfb007be' are expired. " +
          'Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds. ' +
          `Trace ID: ${trace} Correlation ID: b1f881fe-810c-4731-a772-fa920ee90430 Timestamp: 2026-11-20 09:3${k}:42Z`;
        const [m] = lastMachines(c, 1);
        if (!m) throw new Error('scenario: no machine');
        failProvisioning(b, m, {
          since: since + 6 * MINUTE,
          message: `failed to reconcile AzureMachine: failed to get VM: ${aad('de577a4f-a611-44e8-94e6-5ca7955a3800')}`,
          condition: { type: 'VMRunning', reason: 'Failed' },
          log: {},
        });
        reconcileErrors(b, c, {
          object: c.infraCluster,
          controller: 'azurecluster',
          error: `failed to reconcile cluster services: failed to reconcile resource group: ${aad('edfae631-9bd6-4f45-b52d-1468cd43cd00')}`,
          from: since,
        });
        infraClusterNotReady(c, {
          type: 'ResourceGroupReady',
          reason: 'Failed',
          message: `failed to get resource group ${c.name}: ${aad('edfae631-9bd6-4f45-b52d-1468cd43cd00')}`,
          since,
        });
        return {
          cluster: c.key,
          category: 'credentials-invalid' as const,
          targets: [m.name, c.infraCluster.metadata.name],
          together: clusters.map((x) => x.key),
        };
      });
      return expected;
    },
  },
  {
    id: 'azure-network-api-throttled',
    source: 'https://github.com/openshift/hypershift/issues/9050',
    description:
      'Too many calls to Microsoft.Network in the subscription: creating the NICs of new machines gets 429 ' +
      'RetryableErrorDueToTooManyCalls. CAPZ requeues transient errors: only Warning events on the AzureMachines ' +
      'show the text (the capz log has it at info level).',
    capturedAt: CAPTURED,
    seed: 204,
    healthy: ['shop/edge'],
    build(b) {
      const c = b.addCluster({
        namespace: 'games',
        name: 'lobby',
        provider: 'azure',
        region: 'westus2',
        pools: [{ name: 'md-0', replicas: 6 }],
      });
      b.addCluster({ namespace: 'shop', name: 'edge', provider: 'openstack', region: 'RegionOne' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const nic = `/subscriptions/${SUBSCRIPTION}/resourceGroups/lobby/providers/Microsoft.Network/networkInterfaces/${m.name}-nic`;
        const message =
          `failed to create or update resource games/${m.name}-nic (service: interfaces): PUT https://management.azure.com${nic}\n` +
          '--------------------------------------------------------------------------------\n' +
          'RESPONSE 429: Too Many Requests\nERROR CODE: RetryableErrorDueToTooManyCalls\n' +
          '--------------------------------------------------------------------------------\n' +
          `Subscription ${SUBSCRIPTION} was used to perform too many calls within last 5 minutes. The number of calls exceeds Microsoft.Network throttling limit.`;
        const since = now - (29 - 2 * i) * MINUTE;
        failProvisioning(b, m, {
          since,
          message: `failed to reconcile AzureMachine: ${message}`,
          event: { reason: 'ReconcileError', component: 'azuremachine-reconciler' },
        });
        // CAPZ requeues transient (429) errors without returning them: the log has them only at info level.
        for (let t = since + MINUTE; t < now - MINUTE; t += 6 * MINUTE) {
          b.addReconcileLog('azure', {
            ts: t,
            msg: 'requeuing due to transient failure',
            object: m.infraMachine,
            controller: 'azuremachine',
            cluster: c.name,
            fields: { error: message },
          });
        }
      });
      return [{ cluster: 'games/lobby', category: 'api-rate-limited', targets: names(stuck) }];
    },
  },
  {
    id: 'azure-bootstrap-extension-failed',
    source: 'https://github.com/kubernetes-sigs/cluster-api-provider-azure/issues/5367',
    description:
      'The VMs of two new workers run but the CAPZ.Linux.Bootstrapping extension reports failure: the AzureMachines ' +
      'carry BootstrapSucceeded False with the extension error, and no Node joins.',
    capturedAt: CAPTURED,
    seed: 205,
    healthy: ['retail/pos'],
    build(b) {
      const c = b.addCluster({
        namespace: 'secure',
        name: 'confidential',
        provider: 'azure',
        region: 'eastus2',
        pools: [{ name: 'md-0', replicas: 4, instanceType: 'Standard_DC4as_v5' }],
      });
      b.addCluster({ namespace: 'retail', name: 'pos', provider: 'metal3', region: 'store-rack-1' });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const since = now - (41 - 3 * i) * MINUTE;
        stuckMachine(m, { phase: 'Provisioned', since });
        const at = isoSeconds(since + 6 * MINUTE);
        const message =
          "VM has reported a failure when processing extension 'CAPZ.Linux.Bootstrapping' (publisher 'Microsoft.Azure.ContainerUpstream' and type 'CAPZ.Linux.Bootstrapping'). " +
          "Error message: 'Enable failed: failed to execute command: command terminated with exit status=1\n[stdout]\n\n[stderr]\n'. " +
          'More information on troubleshooting is available at https://aka.ms/vmextensionlinuxtroubleshoot. ';
        const status = m.infraMachine.status ?? {};
        status.conditions = [
          oldCond('Ready', 'False', at, 'BootstrapFailed', message, 'Error'),
          oldCond('BootstrapSucceeded', 'False', at, 'BootstrapFailed', message, 'Error'),
          oldCond('VMRunning', 'True', isoSeconds(since + 2 * MINUTE)),
        ];
        status.vmState = 'Succeeded';
        setCoreConditions(c, m.machine, [
          cond('InfrastructureReady', 'False', 'BootstrapFailed', at, message),
        ]);
        b.addEvent(c, 'management', {
          regarding: m.infraMachine,
          type: 'Warning',
          reason: 'BootstrapFailed',
          message: `VMExtensionProvisioningError: ${message.trim()}`,
          first: since + 6 * MINUTE,
          last: since + 6 * MINUTE + 30 * SECOND,
          count: 1,
          component: 'azuremachine-reconciler',
        });
      });
      return [{ cluster: 'secure/confidential', category: 'bootstrap-failure', targets: names(stuck) }];
    },
  },
];
