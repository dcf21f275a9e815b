import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'capture-bundle.sh');
const MGMT = 'https://mgmt.example:6443';
const PROD_EU = 'https://prod-eu.example:6443';
const EDGE_1 = 'https://edge-1.example:6443';
const EDGE_2 = 'https://edge-2.example:6443';
// The exact jsonpath queries of the script: the stand-in answers exact calls only.
const POD_JSONPATH =
  '{range .items[*]}{.metadata.namespace}{"|"}{.metadata.name}{"|"}{.metadata.labels.cluster\\.x-k8s\\.io/provider}{"|"}{range .spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}';
const CLUSTER_JSONPATH = '{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}';

/** What the kubectl stand-in prints and returns for one exact call. */
interface Answer {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly code?: number;
}

/** One kubectl invocation as the stand-in recorded it. */
interface Call {
  readonly argv: string[];
  /** The API server of the kubeconfig used, then the arguments without global flags. */
  readonly key: string;
  readonly kubeconfig: string | null;
  readonly kubeconfigMode: number | null;
  readonly kubeconfigDirMode: number | null;
  readonly context: string | null;
  readonly timeout: string | null;
  readonly unexpected: boolean;
}

interface Run {
  readonly dir: string;
  readonly out: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: Call[];
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** kubectl -o json output: a List, with kubectl's 4-space indentation. */
function kubeList(items: object[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
}

function kubeconfig(name: string, server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(`CA of ${name}`).toString('base64')}`,
    'users:',
    `- name: ${name}-admin`,
    '  user:',
    `    client-certificate-data: ${Buffer.from(`client certificate of ${name}`).toString('base64')}`,
    `    client-key-data: ${clientKey(name)}`,
    'contexts:',
    `- name: ${name}-admin@${name}`,
    `  context: {cluster: ${name}, user: ${name}-admin}`,
    `current-context: ${name}-admin@${name}`,
    '',
  ].join('\n');
}

function clientKey(name: string): string {
  return Buffer.from(`-----BEGIN EC PRIVATE KEY----- private key of ${name}`).toString('base64');
}

const meta = (namespace: string, name: string) => ({
  name,
  namespace,
  uid: `uid-${namespace}-${name}`,
  creationTimestamp: '2026-11-20T08:00:00Z',
});

const MANAGEMENT_LISTS: Record<string, string> = {
  'acmemachines.infrastructure.cluster.x-k8s.io': kubeList([
    {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha1',
      kind: 'AcmeMachine',
      metadata: meta('team-a', 'prod-eu-md-0-abcde'),
      spec: { providerID: 'acme://eu-1/vm-42' },
    },
  ]),
  'awsmachines.infrastructure.cluster.x-k8s.io': kubeList([]),
  'baremetalhosts.metal3.io': kubeList([
    {
      apiVersion: 'metal3.io/v1alpha1',
      kind: 'BareMetalHost',
      metadata: meta('team-b', 'rack1-node3'),
      spec: {
        bmc: { address: 'redfish://10.0.0.3/redfish/v1/Systems/1', credentialsName: 'rack1-node3-bmc' },
      },
      status: { provisioning: { state: 'provisioned' } },
    },
  ]),
  // References a Secret by kind and name: must not trip the leak check.
  'clusterresourcesets.addons.cluster.x-k8s.io': kubeList([
    {
      apiVersion: 'addons.cluster.x-k8s.io/v1beta2',
      kind: 'ClusterResourceSet',
      metadata: meta('team-a', 'cloud-config'),
      spec: {
        clusterSelector: { matchLabels: { cni: 'calico' } },
        resources: [{ kind: 'Secret', name: 'cloud-config' }],
      },
    },
  ]),
  'clusters.cluster.x-k8s.io': kubeList([
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: meta('team-a', 'prod-eu'),
      spec: {
        controlPlaneRef: {
          apiGroup: 'controlplane.cluster.x-k8s.io',
          kind: 'KubeadmControlPlane',
          name: 'prod-eu',
        },
      },
    },
    { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: meta('team-b', 'edge-1'), spec: {} },
    { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: meta('team-b', 'edge-2'), spec: {} },
  ]),
  'extensionconfigs.runtime.cluster.x-k8s.io': kubeList([]),
  'kubeadmconfigs.bootstrap.cluster.x-k8s.io': kubeList([]),
  'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io': kubeList([
    {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      metadata: meta('team-a', 'prod-eu'),
      spec: { replicas: 3, version: 'v1.34.1' },
    },
  ]),
  'machines.cluster.x-k8s.io': kubeList([
    {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Machine',
      metadata: {
        ...meta('team-a', 'prod-eu-md-0-abcde'),
        labels: { 'cluster.x-k8s.io/cluster-name': 'prod-eu' },
      },
      spec: { bootstrap: { dataSecretName: 'prod-eu-md-0-abcde' }, providerID: 'acme://eu-1/vm-42' },
      status: { phase: 'Provisioned' },
    },
  ]),
  'vspheremachines.vmware.infrastructure.cluster.x-k8s.io': kubeList([]),
  // An Event about a Secret names it in involvedObject: must not trip the leak check either.
  events: kubeList([
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('team-a', 'prod-eu-kubeconfig.187a'),
      involvedObject: { apiVersion: 'v1', kind: 'Secret', name: 'prod-eu-kubeconfig', namespace: 'team-a' },
      reason: 'Rotated',
      message: 'kubeconfig rotated',
      lastTimestamp: '2026-11-20T10:00:00Z',
    },
  ]),
};

const API_RESOURCES = [
  'configmaps',
  'events',
  'namespaces',
  'nodes',
  'pods',
  'secrets',
  'deployments.apps',
  'events.events.k8s.io',
  'widgets.example.com',
  ...Object.keys(MANAGEMENT_LISTS).filter((name) => name !== 'events'),
  'ipaddressclaims.ipam.cluster.x-k8s.io',
];

const FORBIDDEN =
  'Error from server (Forbidden): ipaddressclaims.ipam.cluster.x-k8s.io is forbidden: User "capture" cannot list resource "ipaddressclaims" in API group "ipam.cluster.x-k8s.io" at the cluster scope';

const CONTROLLER_PODS = [
  'capi-system|capi-controller-manager-7d9c6b5f4-x2x9q|cluster-api|manager ',
  'capa-system|capa-controller-manager-6b7f9d8c5-k8s2p|infrastructure-aws|manager kube-rbac-proxy ',
  'capz-system|capz-nmi-4xq7d||nmi ',
  'baremetal-operator-system|baremetal-operator-controller-manager-5c6d8|infrastructure-metal3|manager ',
  'monitoring-system|prometheus-0||prometheus ',
  'kube-system|kube-apiserver-mgmt-cp-1||kube-apiserver ',
  'cert-manager|cert-manager-6d8b9c7f5-r4tzw||cert-manager ',
  '',
].join('\n');

const LOGS: Record<string, string> = {
  'capi-system capi-controller-manager-7d9c6b5f4-x2x9q manager':
    '{"level":"error","ts":"2026-11-20T10:12:03Z","msg":"Reconciler error","controller":"machine","namespace":"team-a","name":"prod-eu-md-0-abcde","error":"waiting for providerID"}\n',
  'capa-system capa-controller-manager-6b7f9d8c5-k8s2p manager':
    'E1120 10:12:03.123456 1 controller.go:324] "Reconciler error" err="quota exceeded" controller="awsmachine"\n',
  'capa-system capa-controller-manager-6b7f9d8c5-k8s2p kube-rbac-proxy':
    'I1120 08:00:00.000000 1 main.go:1] started\n',
  'capz-system capz-nmi-4xq7d nmi': 'I1120 08:00:00.000000 1 nmi.go:1] ready\n',
  'baremetal-operator-system baremetal-operator-controller-manager-5c6d8 manager':
    '{"level":"info","ts":"2026-11-20T10:00:00Z","msg":"host provisioned","baremetalhost":"team-b/rack1-node3"}\n',
};

const WORKLOAD_LISTS = (cluster: string) => ({
  nodes: kubeList([
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `${cluster}-md-0-abcde`, annotations: { 'cluster.x-k8s.io/cluster-name': cluster } },
      spec: { providerID: 'acme://eu-1/vm-42' },
    },
  ]),
  pods: kubeList([
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('kube-system', 'coredns-7db6d8ff4d-2x9kq'),
      spec: { containers: [{ name: 'coredns', envFrom: [{ secretRef: { name: 'coredns-token' } }] }] },
    },
  ]),
  events: kubeList([]),
});

/** The answers of a healthy management cluster with three workload clusters, one per outcome. */
function fleetRoutes(): Record<string, Answer> {
  const routes: Record<string, Answer> = {
    [`${MGMT} api-resources --verbs=list -o name`]: { stdout: `${API_RESOURCES.join('\n')}\n` },
    [`${MGMT} get ipaddressclaims.ipam.cluster.x-k8s.io -A -o json`]: { stderr: `${FORBIDDEN}\n`, code: 1 },
    [`${MGMT} get pods -A -o jsonpath=${POD_JSONPATH}`]: { stdout: CONTROLLER_PODS },
    [`${MGMT} get clusters.cluster.x-k8s.io -A -o jsonpath=${CLUSTER_JSONPATH}`]: {
      stdout: 'team-a prod-eu\nteam-b edge-1\nteam-b edge-2\n',
    },
    [`${MGMT} get secret -n team-a prod-eu-kubeconfig -o jsonpath={.data.value}`]: {
      stdout: Buffer.from(kubeconfig('prod-eu', PROD_EU)).toString('base64'),
    },
    [`${MGMT} get secret -n team-b edge-1-kubeconfig -o jsonpath={.data.value}`]: {
      stderr: 'Error from server (NotFound): secrets "edge-1-kubeconfig" not found\n',
      code: 1,
    },
    [`${MGMT} get secret -n team-b edge-2-kubeconfig -o jsonpath={.data.value}`]: {
      stdout: Buffer.from(kubeconfig('edge-2', EDGE_2)).toString('base64'),
    },
    [`${EDGE_2} get nodes -o json`]: {
      stderr: 'Unable to connect to the server: dial tcp 10.20.0.4:6443: i/o timeout\n',
      code: 1,
    },
  };
  for (const [resource, list] of Object.entries(MANAGEMENT_LISTS)) {
    routes[`${MGMT} get ${resource} -A -o json`] = { stdout: list };
  }
  for (const [container, text] of Object.entries(LOGS)) {
    const [ns, pod, name] = container.split(' ');
    routes[`${MGMT} logs --since=6h -n ${ns} ${pod} -c ${name}`] = { stdout: text };
  }
  for (const server of [PROD_EU, EDGE_1]) {
    const lists = WORKLOAD_LISTS(server === PROD_EU ? 'prod-eu' : 'edge-1');
    routes[`${server} get nodes -o json`] = { stdout: lists.nodes };
    routes[`${server} get pods -A -o json`] = { stdout: lists.pods };
    routes[`${server} get events -A -o json`] = { stdout: lists.events };
  }
  return routes;
}

/** A kubectl stand-in: answers exact calls from routes.json, keyed by the kubeconfig's server, and logs them. */
function kubectlStub(dir: string): string {
  return `#!${process.execPath}
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = ${JSON.stringify(dir)};
const argv = process.argv.slice(2);
const rest = [];
let kubeconfig = null, context = null, timeout = null;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--kubeconfig') kubeconfig = argv[++i];
  else if (arg === '--context') context = argv[++i];
  else if (arg.startsWith('--request-timeout=')) timeout = arg.slice('--request-timeout='.length);
  else rest.push(arg);
}
let server = 'no-kubeconfig', kubeconfigMode = null, kubeconfigDirMode = null;
if (kubeconfig !== null) {
  try {
    const match = /server: *(\\S+)/.exec(fs.readFileSync(kubeconfig, 'utf8'));
    server = match ? match[1] : 'no-server';
    kubeconfigMode = fs.statSync(kubeconfig).mode & 0o777;
    kubeconfigDirMode = fs.statSync(path.dirname(kubeconfig)).mode & 0o777;
  } catch (error) {
    server = 'unreadable-kubeconfig';
  }
}
const key = [server, ...rest].join(' ');
const answer = JSON.parse(fs.readFileSync(path.join(dir, 'routes.json'), 'utf8'))[key];
const call = { argv, key, kubeconfig, kubeconfigMode, kubeconfigDirMode, context, timeout, unexpected: !answer };
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(call) + '\\n');
if (!answer) {
  process.stderr.write('error: the kubectl stand-in has no answer for: ' + key + '\\n');
  process.exit(99);
}
if (answer.stdout) process.stdout.write(answer.stdout);
if (answer.stderr) process.stderr.write(answer.stderr);
process.exitCode = answer.code ?? 0;
`;
}

/** A temp dir with the kubectl stand-in, a management kubeconfig and the routes; removed after all tests. */
function setUp(routes: Record<string, Answer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'capture-bundle-test-'));
  tempDirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(join(dir, 'bin', 'kubectl'), kubectlStub(dir));
  chmodSync(join(dir, 'bin', 'kubectl'), 0o755);
  writeFileSync(join(dir, 'mgmt.kubeconfig'), kubeconfig('mgmt-eu-1', MGMT));
  writeFileSync(join(dir, 'routes.json'), JSON.stringify(routes));
  return dir;
}

function runScript(
  dir: string,
  args: string[],
  path = `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
): Run {
  const result = spawnSync(bashPath(), [SCRIPT, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: path, HOME: dir, TMPDIR: join(dir, 'tmp'), LANG: 'C' },
  });
  const callsFile = join(dir, 'calls.jsonl');
  const calls = existsSync(callsFile)
    ? readFileSync(callsFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Call)
    : [];
  return {
    dir,
    out: join(dir, 'out'),
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls,
  };
}

function capture(routes: Record<string, Answer>, extraArgs: string[] = []): Run {
  const dir = setUp(routes);
  const args = ['-o', 'out', '--kubeconfig', join(dir, 'mgmt.kubeconfig'), '--context', 'mgmt-eu-1'];
  return runScript(dir, [...args, ...extraArgs]);
}

function bashPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'bash'))) return join(dir, 'bash');
  }
  return '/bin/bash';
}

/** Every file below dir, as sorted paths relative to it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const read = (run: Run, file: string) => readFileSync(join(run.out, file), 'utf8');
const keys = (run: Run) => run.calls.map((call) => call.key);
const m = (args: string) => `${MGMT} ${args}`;

let fleet: Run;
let fromDir: Run;
beforeAll(() => {
  fleet = capture(fleetRoutes());
  const routes = fleetRoutes();
  const dir = setUp(routes);
  mkdirSync(join(dir, 'kubeconfigs', 'team-a'), { recursive: true });
  writeFileSync(join(dir, 'kubeconfigs', 'team-a', 'prod-eu.kubeconfig'), kubeconfig('prod-eu', PROD_EU));
  writeFileSync(join(dir, 'kubeconfigs', 'team-b-edge-1.kubeconfig'), kubeconfig('edge-1', EDGE_1));
  fromDir = runScript(dir, [
    ...['-o', 'out', '--kubeconfig', join(dir, 'mgmt.kubeconfig'), '--context', 'mgmt-eu-1'],
    ...['--workload-kubeconfig-dir', join(dir, 'kubeconfigs')],
  ]);
});

it('writes the bundle layout of the spec and exits 0 although two workload clusters failed', () => {
  expect(fleet.status).toBe(0);
  expect(filesBelow(fleet.out)).toEqual([
    'bundle.yaml',
    'logs/management/baremetal-operator-system/baremetal-operator-controller-manager-5c6d8/manager.log',
    'logs/management/capa-system/capa-controller-manager-6b7f9d8c5-k8s2p/kube-rbac-proxy.log',
    'logs/management/capa-system/capa-controller-manager-6b7f9d8c5-k8s2p/manager.log',
    'logs/management/capi-system/capi-controller-manager-7d9c6b5f4-x2x9q/manager.log',
    'logs/management/capz-system/capz-nmi-4xq7d/nmi.log',
    'management/acmemachines.infrastructure.cluster.x-k8s.io.json',
    'management/awsmachines.infrastructure.cluster.x-k8s.io.json',
    'management/baremetalhosts.metal3.io.json',
    'management/clusterresourcesets.addons.cluster.x-k8s.io.json',
    'management/clusters.cluster.x-k8s.io.json',
    'management/events.json',
    'management/extensionconfigs.runtime.cluster.x-k8s.io.json',
    'management/kubeadmconfigs.bootstrap.cluster.x-k8s.io.json',
    'management/kubeadmcontrolplanes.controlplane.cluster.x-k8s.io.json',
    'management/machines.cluster.x-k8s.io.json',
    'management/vspheremachines.vmware.infrastructure.cluster.x-k8s.io.json',
    'workload/team-a/prod-eu/events.json',
    'workload/team-a/prod-eu/nodes.json',
    'workload/team-a/prod-eu/pods.json',
    'workload/team-b/edge-1/CAPTURE-ERROR.txt',
    'workload/team-b/edge-2/CAPTURE-ERROR.txt',
  ]);
});

it('writes bundle.yaml with a UTC capturedAt and the context name as management', () => {
  const bundle = parse(read(fleet, 'bundle.yaml')) as Record<string, unknown>;
  expect(Object.keys(bundle)).toEqual(['capturedAt', 'management']);
  expect(bundle.management).toBe('mgmt-eu-1');
  expect(bundle.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(Math.abs(Date.parse(String(bundle.capturedAt)) - Date.now())).toBeLessThan(10 * 60_000);
});

it('writes what kubectl printed, byte for byte, for objects, logs and workload lists', () => {
  for (const [resource, list] of Object.entries(MANAGEMENT_LISTS)) {
    expect(read(fleet, `management/${resource}.json`)).toBe(list);
  }
  expect(read(fleet, 'logs/management/capa-system/capa-controller-manager-6b7f9d8c5-k8s2p/manager.log')).toBe(
    LOGS['capa-system capa-controller-manager-6b7f9d8c5-k8s2p manager'],
  );
  const prodEu = WORKLOAD_LISTS('prod-eu');
  expect(read(fleet, 'workload/team-a/prod-eu/nodes.json')).toBe(prodEu.nodes);
  expect(read(fleet, 'workload/team-a/prod-eu/pods.json')).toBe(prodEu.pods);
  expect(read(fleet, 'workload/team-a/prod-eu/events.json')).toBe(prodEu.events);
});

it('makes exactly the kubectl calls of a capture, in order, all with the management flags', () => {
  expect(fleet.calls.filter((call) => call.unexpected)).toEqual([]);
  const captured = [...Object.keys(MANAGEMENT_LISTS).filter((r) => r !== 'events')];
  captured.splice(6, 0, 'ipaddressclaims.ipam.cluster.x-k8s.io');
  expect(keys(fleet)).toEqual([
    m('api-resources --verbs=list -o name'),
    ...[...captured, 'events'].map((resource) => m(`get ${resource} -A -o json`)),
    m(`get pods -A -o jsonpath=${POD_JSONPATH}`),
    m('logs --since=6h -n capi-system capi-controller-manager-7d9c6b5f4-x2x9q -c manager'),
    m('logs --since=6h -n capa-system capa-controller-manager-6b7f9d8c5-k8s2p -c manager'),
    m('logs --since=6h -n capa-system capa-controller-manager-6b7f9d8c5-k8s2p -c kube-rbac-proxy'),
    m('logs --since=6h -n capz-system capz-nmi-4xq7d -c nmi'),
    m('logs --since=6h -n baremetal-operator-system baremetal-operator-controller-manager-5c6d8 -c manager'),
    m(`get clusters.cluster.x-k8s.io -A -o jsonpath=${CLUSTER_JSONPATH}`),
    m('get secret -n team-a prod-eu-kubeconfig -o jsonpath={.data.value}'),
    `${PROD_EU} get nodes -o json`,
    `${PROD_EU} get pods -A -o json`,
    `${PROD_EU} get events -A -o json`,
    m('get secret -n team-b edge-1-kubeconfig -o jsonpath={.data.value}'),
    m('get secret -n team-b edge-2-kubeconfig -o jsonpath={.data.value}'),
    `${EDGE_2} get nodes -o json`,
  ]);
  const management = fleet.calls.filter((call) => call.key.startsWith(MGMT));
  for (const call of management) {
    expect([call.kubeconfig, call.context, call.timeout]).toEqual([
      join(fleet.dir, 'mgmt.kubeconfig'),
      'mgmt-eu-1',
      '120s',
    ]);
  }
});

it('never lists Secrets, and reads only the <cluster>-kubeconfig Secrets', () => {
  const secretReads = fleet.calls.filter(
    (call) => call.argv.includes('secret') || call.argv.includes('secrets'),
  );
  expect(secretReads.map((call) => call.key)).toEqual([
    m('get secret -n team-a prod-eu-kubeconfig -o jsonpath={.data.value}'),
    m('get secret -n team-b edge-1-kubeconfig -o jsonpath={.data.value}'),
    m('get secret -n team-b edge-2-kubeconfig -o jsonpath={.data.value}'),
  ]);
});

it('reports the failing clusters on stderr and in CAPTURE-ERROR.txt while the other succeeds', () => {
  expect(read(fleet, 'workload/team-b/edge-1/CAPTURE-ERROR.txt')).toBe(
    'kubeconfig: reading Secret team-b/edge-1-kubeconfig: Error from server (NotFound): secrets "edge-1-kubeconfig" not found\n',
  );
  expect(read(fleet, 'workload/team-b/edge-2/CAPTURE-ERROR.txt')).toBe(
    'get nodes: Unable to connect to the server: dial tcp 10.20.0.4:6443: i/o timeout\n' +
      'skipped the rest of this cluster: its API server is unreachable\n',
  );
  expect(fleet.stderr).toContain(
    'warning: workload cluster team-b/edge-1: kubeconfig: reading Secret team-b/edge-1-kubeconfig: Error from server (NotFound)',
  );
  expect(fleet.stderr).toContain(
    'warning: workload cluster team-b/edge-2: get nodes: Unable to connect to the server',
  );
  expect(fleet.stderr).toContain('workload clusters: 1 captured, 2 failed (team-b/edge-1 team-b/edge-2)');
});

it('warns about a resource it cannot list and captures the rest', () => {
  expect(fleet.stderr).toContain(`warning: skipped ipaddressclaims.ipam.cluster.x-k8s.io: ${FORBIDDEN}`);
  expect(fleet.stderr).toContain('management: 11 resource lists captured, 1 skipped');
});

it('shows progress and a summary on stderr, nothing on stdout', () => {
  expect(fleet.stdout).toBe('');
  expect(fleet.stderr).toContain('[1/12] acmemachines.infrastructure.cluster.x-k8s.io ...');
  expect(fleet.stderr).toContain('[12/12] events ...');
  expect(fleet.stderr).toContain('[cluster 3/3] team-b/edge-2 ...');
  expect(fleet.stderr).toContain('Bundle written to out (22 files)');
  expect(fleet.stderr).toContain('logs: 5 controller container logs, 0 failed (--since=6h)');
});

it('writes no Secret object, no Secret data and no kubeconfig text into the bundle', () => {
  const forbidden = [
    Buffer.from(kubeconfig('prod-eu', PROD_EU)).toString('base64'),
    clientKey('prod-eu'),
    clientKey('edge-2'),
    'kind: Config',
    'current-context:',
  ];
  for (const file of filesBelow(fleet.out)) {
    const text = read(fleet, file);
    for (const value of forbidden) expect(text, file).not.toContain(value);
    if (!file.endsWith('.json')) continue;
    const items = (JSON.parse(text) as { items: { kind: string }[] }).items;
    expect(
      items.filter((item) => item.kind === 'Secret'),
      file,
    ).toEqual([]);
  }
});

it('keeps the decoded kubeconfig in a private temp dir outside the bundle and removes it', () => {
  const workload = fleet.calls.filter((call) => !call.key.startsWith(MGMT));
  expect(workload).toHaveLength(4);
  for (const call of workload) {
    expect(call.timeout).toBe('20s');
    expect(call.context).toBeNull();
    expect([call.kubeconfigMode, call.kubeconfigDirMode]).toEqual([0o600, 0o700]);
    expect(call.kubeconfig?.startsWith(join(fleet.dir, 'tmp'))).toBe(true);
    expect(existsSync(call.kubeconfig!)).toBe(false);
  }
  expect(readdirSync(join(fleet.dir, 'tmp'))).toEqual([]);
});

it('uses --workload-kubeconfig-dir files in both layouts and never calls get secret', () => {
  expect(fromDir.status).toBe(0);
  expect(
    fromDir.calls.filter((call) => call.argv.includes('secret') || call.argv.includes('secrets')),
  ).toEqual([]);
  expect(keys(fromDir).filter((key) => !key.startsWith(MGMT))).toEqual([
    `${PROD_EU} get nodes -o json`,
    `${PROD_EU} get pods -A -o json`,
    `${PROD_EU} get events -A -o json`,
    `${EDGE_1} get nodes -o json`,
    `${EDGE_1} get pods -A -o json`,
    `${EDGE_1} get events -A -o json`,
  ]);
  expect(filesBelow(join(fromDir.out, 'workload'))).toEqual([
    'team-a/prod-eu/events.json',
    'team-a/prod-eu/nodes.json',
    'team-a/prod-eu/pods.json',
    'team-b/edge-1/events.json',
    'team-b/edge-1/nodes.json',
    'team-b/edge-1/pods.json',
    'team-b/edge-2/CAPTURE-ERROR.txt',
  ]);
  const kubeconfigs = join(fromDir.dir, 'kubeconfigs');
  expect(readFileSync(join(fromDir.out, 'workload/team-b/edge-2/CAPTURE-ERROR.txt'), 'utf8')).toBe(
    `kubeconfig: no kubeconfig file: neither ${kubeconfigs}/team-b/edge-2.kubeconfig nor ${kubeconfigs}/team-b-edge-2.kubeconfig exists\n`,
  );
  expect(existsSync(join(kubeconfigs, 'team-a', 'prod-eu.kubeconfig'))).toBe(true);
});

it('skips logs and workload clusters with --no-logs --no-workload, into ./bundle-<UTC timestamp>', () => {
  const dir = setUp(fleetRoutes());
  const run = runScript(dir, [
    '--kubeconfig',
    join(dir, 'mgmt.kubeconfig'),
    '--context',
    'mgmt-eu-1',
    '--no-logs',
    '--no-workload',
  ]);
  expect(run.status).toBe(0);
  const bundles = readdirSync(dir).filter((name) => name.startsWith('bundle-'));
  expect(bundles).toHaveLength(1);
  expect(bundles[0]).toMatch(/^bundle-\d{8}T\d{6}Z$/);
  const files = filesBelow(join(dir, bundles[0]!));
  expect(files.filter((file) => !file.startsWith('management/'))).toEqual(['bundle.yaml']);
  expect(
    keys(run).filter((key) => !/^\S+ (api-resources --verbs=list -o name|get \S+ -A -o json)$/.test(key)),
  ).toEqual([]);
  expect(run.stderr).toContain('logs: skipped (--no-logs)');
  expect(run.stderr).toContain('workload clusters: skipped (--no-workload)');
});

it('limits namespaced objects and clusters to --namespace and takes the current context by default', () => {
  const routes: Record<string, Answer> = {
    [m('config current-context')]: { stdout: 'admin@mgmt-eu-1\n' },
    [m('api-resources --verbs=list -o name')]: {
      stdout: 'clusters.cluster.x-k8s.io\nextensionconfigs.runtime.cluster.x-k8s.io\nsecrets\n',
      stderr:
        'error: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request\n',
      code: 1,
    },
    [m('api-resources --verbs=list --namespaced=false -o name')]: {
      stdout: 'extensionconfigs.runtime.cluster.x-k8s.io\nnodes\n',
    },
    [m('get clusters.cluster.x-k8s.io -n team-a -o json')]: { stdout: kubeList([]) },
    [m('get events -n team-a -o json')]: { stdout: kubeList([]) },
    [m('get extensionconfigs.runtime.cluster.x-k8s.io -o json')]: { stdout: kubeList([]) },
    [m(`get clusters.cluster.x-k8s.io -n team-a -o jsonpath=${CLUSTER_JSONPATH}`)]: { stdout: '' },
  };
  const dir = setUp(routes);
  const run = runScript(dir, [
    '-o',
    'out',
    '--kubeconfig',
    join(dir, 'mgmt.kubeconfig'),
    '-n',
    'team-a',
    '--no-logs',
  ]);
  expect(run.calls.filter((call) => call.unexpected)).toEqual([]);
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('warning: resource discovery was incomplete, continuing with what was listed');
  expect(filesBelow(run.out)).toEqual([
    'bundle.yaml',
    'management/extensionconfigs.runtime.cluster.x-k8s.io.json',
    'management/team-a/clusters.cluster.x-k8s.io.json',
    'management/team-a/events.json',
  ]);
  expect((parse(read(run, 'bundle.yaml')) as Record<string, unknown>).management).toBe('admin@mgmt-eu-1');
});

it('removes files holding a Secret object or a kubeconfig credential and exits 3', () => {
  const routes = fleetRoutes();
  const leakedSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('team-a', 'prod-eu-kubeconfig'),
    data: { value: 'c2VjcmV0' },
  };
  routes[m('get awsmachines.infrastructure.cluster.x-k8s.io -A -o json')] = {
    stdout: kubeList([leakedSecret]),
  };
  routes[m('logs --since=6h -n capz-system capz-nmi-4xq7d -c nmi')] = {
    stdout: `debug: using client-key-data ${clientKey('prod-eu')}\n`,
  };
  const run = capture(routes);
  expect(run.status).toBe(3);
  expect(run.stderr).toContain('SECRET DATA FOUND IN THE OUTPUT');
  expect(run.stderr).toContain(
    'out/management/awsmachines.infrastructure.cluster.x-k8s.io.json: a Secret object',
  );
  expect(run.stderr).toContain(
    'out/logs/management/capz-system/capz-nmi-4xq7d/nmi.log: kubeconfig credentials',
  );
  expect(existsSync(join(run.out, 'management/awsmachines.infrastructure.cluster.x-k8s.io.json'))).toBe(
    false,
  );
  expect(existsSync(join(run.out, 'logs/management/capz-system/capz-nmi-4xq7d/nmi.log'))).toBe(false);
  expect(existsSync(join(run.out, 'management/machines.cluster.x-k8s.io.json'))).toBe(true);
});

it('exits 2 with a clear message when the management cluster cannot be reached', () => {
  const refused =
    'The connection to the server mgmt.example:6443 was refused - did you specify the right host or port?';
  const run = capture({ [m('api-resources --verbs=list -o name')]: { stderr: `${refused}\n`, code: 1 } });
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    `Discovering resource types on context 'mgmt-eu-1' ...\ncapture-bundle.sh: error: cannot reach the management cluster (context 'mgmt-eu-1'): ${refused}\n`,
  );
  expect(existsSync(run.out)).toBe(false);
});

it('exits 2 with a clear message when kubectl is missing', () => {
  const dir = setUp({});
  const empty = join(dir, 'empty-path');
  mkdirSync(empty);
  const run = runScript(dir, ['-o', 'out'], empty);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    'capture-bundle.sh: error: kubectl not found on PATH; install kubectl (https://kubernetes.io/docs/tasks/tools/) and retry\n',
  );
  expect(existsSync(run.out)).toBe(false);
});

it('prints --help on stdout, exits 0, explains Secrets and credentials and calls no kubectl', () => {
  const dir = setUp({});
  const run = runScript(dir, ['--help']);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^Usage: capture-bundle\.sh \[-o DIR\]/);
  expect(run.stdout).toContain('What it never captures: Secret objects or Secret data');
  expect(run.stdout).toContain('--workload-kubeconfig-dir DIR');
  expect(run.stdout).toContain('Secret <cluster>-kubeconfig');
  expect(run.stdout).toContain('Examples:');
  expect(run.calls).toEqual([]);
});

it('rejects an unknown argument and a bad --since with exit 1', () => {
  const dir = setUp({});
  expect(runScript(dir, ['--frobnicate']).stderr).toBe(
    "capture-bundle.sh: error: unknown argument '--frobnicate' (see --help)\n",
  );
  const run = runScript(dir, ['--since', 'yesterday']);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("--since 'yesterday' is not a duration");
  expect(run.calls).toEqual([]);
});
