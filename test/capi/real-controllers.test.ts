import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/model/incident.ts';
import type { LiveChange } from '../../src/sources/cluster-connection.ts';
import { createLiveSource, type LiveSource } from '../../src/sources/live-source.ts';
import { kubeJson } from '../../src/testing/kube-http.ts';
import {
  applyManifests,
  conditionOf,
  createClusterAndWait,
  isSettled,
  mergePatch,
  readClusterState,
  waitForClusterState,
  type ClusterState,
} from '../../src/testing/capi-cluster.ts';
import { diagnoseLiveFleet } from '../../src/testing/capi-diagnose.ts';
import { inMemoryWorkloadClients } from '../../src/testing/capi-live-client.ts';
import { devMachineTemplate, inMemoryCluster, machineDeployment } from '../../src/testing/capi-in-memory.ts';
import { startCapiEnvironment, type CapiEnvironment } from '../../src/testing/capi-managers.ts';
import { setInMemoryListener, workloadRequest, workloadTarget } from '../../src/testing/capi-workload.ts';
import { diagnose } from '../../src/analysis/diagnose.ts';
import { buildFleetGraph } from '../../src/graph/fleet-graph.ts';

// A cold build of the four managers takes about 5 minutes on two cores (plus kube-apiserver and etcd if missing).
const SETUP_TIMEOUT = 60 * 60_000;
const STEP_TIMEOUT = 180_000;
const NS = 'fleet';
const NAME = 'real-1';
const MD = `${NAME}-md-0`;
const MD_API = 'cluster.x-k8s.io/v1beta2';

let env: CapiEnvironment;
const logDir = mkdtempSync(join(tmpdir(), 'causeway-capi-logs-'));
const managerLog = join(logDir, 'managers.log');
const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

beforeAll(async () => {
  env = await startCapiEnvironment({
    progress,
    log: (line) => appendFileSync(managerLog, `${line}\n`),
    // Down from 50 s, so that the unreachable-workload case sees RemoteConnectionProbe=False quickly.
    extraArgs: { core: ['--remote-connection-grace-period=20s'] },
  });
  progress(
    `[capi-env] warm bring-up ${(env.timings.totalMs / 1000).toFixed(1)} s ` +
      `(build check ${(env.timings.binariesMs / 1000).toFixed(1)} s, control plane ${(env.timings.controlPlaneMs / 1000).toFixed(1)} s, ` +
      `managers ${(env.timings.managersMs / 1000).toFixed(1)} s, webhooks ${(env.timings.webhooksMs / 1000).toFixed(1)} s); manager logs: ${managerLog}`,
  );
}, SETUP_TIMEOUT);

let failed = false;
afterEach((context) => {
  failed ||= context.task.result?.state === 'fail';
});

afterAll(async () => {
  await env?.stop();
  // The manager logs are kept only when something failed: their path is printed above.
  if (!failed && env) rmSync(logDir, { recursive: true, force: true });
}, 60_000);

function wait(done: (state: ClusterState) => boolean): Promise<ClusterState> {
  return waitForClusterState(env.management, NS, NAME, done, { timeoutMs: STEP_TIMEOUT, log: progress });
}

/** Warning and critical incidents, as `severity title: cause` lines (empty for a healthy fleet). */
function alarming(incidents: readonly Incident[]): string[] {
  return incidents
    .filter((i) => i.severity !== 'info')
    .map((i) => `${i.severity} ${i.title}: ${i.rootCause.summary}`);
}

async function expectHealthyDiagnosis(stage: string): Promise<void> {
  const { diagnosis, bundle, statuses } = await diagnoseLiveFleet(env.management);
  const nodes = bundle.objects.filter((o) => o.plane === 'workload' && o.kind === 'Node');
  progress(
    `[capi ${stage}] diagnose: ${diagnosis.incidents.length} incidents; clusters ${statuses.map((s) => `${s.cluster}=${s.state}`).join(', ')}; ${nodes.length} workload Nodes`,
  );
  expect(alarming(diagnosis.incidents), stage).toEqual([]);
  expect(diagnosis.clusters, stage).toEqual([{ namespace: NS, name: NAME, health: 'healthy' }]);
}

describe('real Cluster API controllers on the in-memory Dev provider', () => {
  it(
    'provisions one control plane machine and a MachineDeployment of three; diagnose finds nothing wrong',
    async () => {
      const start = performance.now();
      const state = await createClusterAndWait(
        env.management,
        inMemoryCluster({ name: NAME, namespace: NS }),
        {
          timeoutMs: STEP_TIMEOUT,
          log: progress,
        },
      );
      progress(`[capi] provisioned in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      expect(state.machines.filter((m) => m.deployment === MD)).toHaveLength(3);
      expect(state.machines.filter((m) => m.deployment === undefined)).toHaveLength(1);
      await expectHealthyDiagnosis('provisioned');
    },
    STEP_TIMEOUT + 60_000,
  );

  it(
    'scales the MachineDeployment to four; the live watch sees the new Machine and then its Node',
    async () => {
      const changes: { at: number; change: LiveChange }[] = [];
      const source: LiveSource = createLiveSource({
        kubeconfig: env.management.kubeconfigPath,
        clientFactory: inMemoryWorkloadClients(env.management.url),
        timing: { probeIntervalMs: 1_000, probeTimeoutMs: 3_000 },
        onChange: (change) => changes.push({ at: performance.now(), change }),
      });
      try {
        await source.start();
        expect(await source.waitForSync(30_000)).toBe(true);
        const before = new Set(
          (await readClusterState(env.management, NS, NAME)).machines.map((m) => m.name),
        );
        await mergePatch(env.management, MD_API, 'MachineDeployment', NS, MD, { spec: { replicas: 4 } });
        const state = await wait((s) => isSettled(s, 5));
        const added = state.machines.find((m) => !before.has(m.name));
        expect(added?.nodeName).toBeDefined();
        // The live view must catch up with the Node the real Machine controller linked.
        const deadline = Date.now() + 30_000;
        const seen = (): { machine?: number; node?: number } => {
          const object = (c: LiveChange) => (c.type === 'object' && !c.initial ? c.object : undefined);
          const machine = changes.find(
            (c) => object(c.change)?.kind === 'Machine' && object(c.change)?.name === added?.name,
          );
          const node = changes.find(
            (c) => object(c.change)?.kind === 'Node' && object(c.change)?.name === added?.nodeName,
          );
          return { ...(machine ? { machine: machine.at } : {}), ...(node ? { node: node.at } : {}) };
        };
        while ((seen().machine === undefined || seen().node === undefined) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
        }
        const { machine, node } = seen();
        expect(machine, 'Machine added through the management watch').toBeDefined();
        expect(node, 'Node added through the workload watch').toBeDefined();
        expect(node!).toBeGreaterThanOrEqual(machine!);
        progress(
          `[capi scale] live: Machine ${added?.name} seen, its Node ${added?.nodeName} ${((node! - machine!) / 1000).toFixed(1)} s later`,
        );
      } finally {
        await source.stop();
      }
      await expectHealthyDiagnosis('scaled to 4');
    },
    STEP_TIMEOUT + 90_000,
  );

  it(
    'rolls the MachineDeployment onto a new DevMachineTemplate; every machine is replaced and healthy',
    async () => {
      const before = new Set(
        (await readClusterState(env.management, NS, NAME)).machines
          .filter((m) => m.deployment === MD)
          .map((m) => m.name),
      );
      await applyManifests(env.management, [devMachineTemplate(NS, `${MD}-v2`)]);
      await mergePatch(env.management, MD_API, 'MachineDeployment', NS, MD, {
        spec: {
          template: {
            spec: {
              infrastructureRef: {
                apiGroup: 'infrastructure.cluster.x-k8s.io',
                kind: 'DevMachineTemplate',
                name: `${MD}-v2`,
              },
            },
          },
        },
      });
      const state = await wait(
        (s) =>
          isSettled(s, 5) && s.machines.filter((m) => m.deployment === MD).every((m) => !before.has(m.name)),
      );
      expect(state.machines.filter((m) => m.deployment === MD)).toHaveLength(4);
      await expectHealthyDiagnosis('rolled out');
    },
    STEP_TIMEOUT + 60_000,
  );

  it(
    'diagnoses a machine whose VM never finishes booting as stuck in Provisioning',
    async () => {
      const slow = `${NAME}-md-slow`;
      // The in-memory backend holds the VM in WaitingForStartupTimeout for startupDuration.
      await applyManifests(env.management, [
        devMachineTemplate(NS, slow, { vm: '2h' }),
        machineDeployment({
          cluster: NAME,
          namespace: NS,
          name: slow,
          replicas: 1,
          version: 'v1.35.0',
          bootstrapTemplate: MD,
          machineTemplate: slow,
        }),
      ]);
      const state = await wait((s) =>
        s.machines.some((m) => m.deployment === slow && m.phase === 'Provisioning'),
      );
      const machine = state.machines.find((m) => m.deployment === slow)!;
      const { bundle, diagnosis } = await diagnoseLiveFleet(env.management);
      // Within Causeway's 20-minute Provisioning budget a booting machine is no incident.
      expect(diagnosis.incidents.filter((i) => i.affected.some((a) => a.name === machine.name))).toEqual([]);
      // The same capture 25 minutes on, as if the VM were still booting.
      const later = diagnose(
        buildFleetGraph({ ...bundle, now: new Date(bundle.now.getTime() + 25 * 60_000) }),
      );
      const incident = later.incidents.find((i) => i.affected.some((a) => a.name === machine.name));
      progress(
        `[capi slow vm] 25 min later: ${incident ? `${incident.severity} ${incident.title}: ${incident.rootCause.summary}` : 'no incident'}`,
      );
      expect(incident?.title).toMatch(/stuck provisioning/i);
      await mergePatch(env.management, MD_API, 'MachineDeployment', NS, slow, { spec: { replicas: 0 } });
    },
    STEP_TIMEOUT,
  );

  it('diagnoses a worker Node deleted behind Cluster API as the Node of a Running Machine gone missing', async () => {
    const state = await readClusterState(env.management, NS, NAME);
    const victim = state.machines.find((m) => m.deployment === MD && m.nodeName !== undefined);
    expect(victim).toBeDefined();
    // The in-memory backend names each Node after its DevMachine and, like a kubelet, registers it again on the next
    // reconcile; pausing that one DevMachine keeps the Node gone, as when a VM was deleted out of band.
    await mergePatch(
      env.management,
      'infrastructure.cluster.x-k8s.io/v1beta2',
      'DevMachine',
      NS,
      victim!.nodeName!,
      {
        metadata: { annotations: { 'cluster.x-k8s.io/paused': '' } },
      },
    );
    const workload = await workloadTarget(env.management, NS, NAME);
    const deleted = await workloadRequest(workload, 'DELETE', `/api/v1/nodes/${victim!.nodeName!}`);
    expect(deleted.status, deleted.body).toBe(200);
    const path = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NS}/machines/${victim!.name}`;
    const reason = await waitForCondition(path, 'NodeHealthy', (c) => c.reason === 'NodeDeleted');
    progress(`[capi node deleted] Machine ${victim!.name} NodeHealthy: ${reason}`);
    const { diagnosis } = await diagnoseLiveFleet(env.management);
    progress(`[capi node deleted] ${alarming(diagnosis.incidents).join(' | ')}`);
    const incident = diagnosis.incidents.find((i) => i.affected.some((a) => a.name === victim!.name));
    expect(incident?.severity).toBe('critical');
    expect(incident?.rootCause.category).toBe('deleted-out-of-band');
  }, 120_000);

  it('diagnoses a stopped workload API server from the real RemoteConnectionProbe condition', async () => {
    await setInMemoryListener(NS, NAME, 'stop');
    try {
      const cluster = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${NS}/clusters/${NAME}`;
      const probe = await waitForCondition(cluster, 'RemoteConnectionProbe', (c) => c.status === 'False');
      progress(`[capi unreachable] RemoteConnectionProbe=False: ${probe}`);
      const { bundle, diagnosis } = await diagnoseLiveFleet(env.management);
      // The live source cannot read the workload cluster, so Causeway says unknown rather than healthy.
      expect(diagnosis.clusters).toEqual([{ namespace: NS, name: NAME, health: 'unknown' }]);
      // The same capture six minutes on, as if the probe kept failing: past the detector's 5-minute grace.
      const later = diagnose(
        buildFleetGraph({ ...bundle, now: new Date(bundle.now.getTime() + 6 * 60_000) }),
        {
          unreachable: new Set([`${NS}/${NAME}`]),
        },
      );
      progress(`[capi unreachable] 6 min later: ${alarming(later.incidents).join(' | ')}`);
      const incident = later.incidents.find((i) => i.rootCause.category === 'workload-cluster-unreachable');
      expect(incident?.severity).toBe('critical');
    } finally {
      await setInMemoryListener(NS, NAME, 'start');
    }
  }, 120_000);
});

async function waitForCondition(
  path: string,
  type: string,
  match: (condition: { status: string; reason?: string; message?: string }) => boolean,
): Promise<string> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const condition = conditionOf(await kubeJson(env.management, 'GET', path), type);
    if (condition && match(condition))
      return `${condition.status} ${condition.reason ?? ''}: ${condition.message ?? ''}`;
    if (Date.now() > deadline)
      throw new Error(`${path}: ${type} never matched: ${JSON.stringify(condition)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
