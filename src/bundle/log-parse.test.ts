import { expect, it } from 'vitest';
import type { LogEntry, LogOrigin } from '../model/fleet.ts';
import { parseLogText } from './log-parse.ts';

const CAPA: LogOrigin = {
  type: 'management-pod',
  namespace: 'capa-system',
  pod: 'capa-controller-manager-7f9c8b6d5-x2k4p',
  container: 'manager',
};
const CAPA_FILE = 'logs/management/capa-system/capa-controller-manager-7f9c8b6d5-x2k4p/manager.log';
const BOOT: LogOrigin = {
  type: 'machine-boot',
  namespace: 'shop',
  machine: 'prod-eu-md-0-5qnp4-7vwct',
  file: 'cloud-init-output.log',
};
const BOOT_FILE = 'logs/machines/shop/prod-eu-md-0-5qnp4-7vwct/cloud-init-output.log';
const NOW = new Date('2026-11-20T10:30:00Z');

function parseOne(line: string, now = NOW): LogEntry {
  const entries = parseLogText(line, CAPA, CAPA_FILE, now);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

function levelsOf(lines: readonly string[], origin = BOOT): string[] {
  return parseLogText(lines.join('\n'), origin, BOOT_FILE, NOW).map((entry) => entry.level);
}

it('parses a controller-runtime Reconciler error line into a whole entry', () => {
  const line =
    '{"level": "error", "ts": "2026-11-20T10:05:00Z", "msg": "Reconciler error", "controller": "awsmachine", "controllerGroup": "infrastructure.cluster.x-k8s.io", "controllerKind": "AWSMachine", "AWSMachine": {"name": "prod-eu-md-0-knhvh-tk626", "namespace": "shop"}, "namespace": "shop", "name": "prod-eu-md-0-knhvh-tk626", "reconcileID": "9d6fe16b-14f0-b3af-c240-029ce85b23fe", "error": "failed to create AWSMachine instance: failed to run instance: InvalidAMIID.NotFound: The image id \'[ami-0a1b2c3d4e5f67890]\' does not exist\\n\\tstatus code: 400"}';
  expect(parseLogText(line, CAPA, CAPA_FILE, NOW)).toEqual([
    {
      origin: CAPA,
      source: { file: CAPA_FILE, line: 1 },
      ts: '2026-11-20T10:05:00.000Z',
      level: 'error',
      format: 'json',
      message: 'Reconciler error',
      error:
        "failed to create AWSMachine instance: failed to run instance: InvalidAMIID.NotFound: The image id '[ami-0a1b2c3d4e5f67890]' does not exist\n\tstatus code: 400",
      controller: 'awsmachine',
      objects: [{ kind: 'AWSMachine', namespace: 'shop', name: 'prod-eu-md-0-knhvh-tk626' }],
    },
  ]);
});

it('normalises ISO and numeric (unix seconds) JSON timestamps to ISO strings in UTC', () => {
  const ts = (raw: string): string | undefined =>
    parseOne(`{"level":"info","ts":${raw},"msg":"Starting workers"}`).ts;
  expect(ts('"2026-11-20T10:12:03Z"')).toBe('2026-11-20T10:12:03.000Z');
  expect(ts('"2026-11-20T10:12:03.123456789Z"')).toBe('2026-11-20T10:12:03.123Z');
  expect(ts('"2026-11-20T11:12:03.500+0100"')).toBe('2026-11-20T10:12:03.500Z');
  expect(ts('"2026-11-20T11:12:03+01:00"')).toBe('2026-11-20T10:12:03.000Z');
  expect(ts('1795167123.456')).toBe('2026-11-20T09:32:03.456Z');
  expect(ts('1795167000')).toBe('2026-11-20T09:30:00.000Z');
  expect(ts('1.795167e9')).toBe('2026-11-20T09:30:00.000Z');
  expect(ts('1795167123456')).toBe('2026-11-20T09:32:03.456Z');
  expect(ts('"yesterday"')).toBe(undefined);
  expect(parseOne('{"level":"info","msg":"no time"}').ts).toBe(undefined);
});

it('maps zap level names and numeric verbosity to log levels', () => {
  const level = (raw: string): string => parseOne(`{"level":${raw},"ts":1795167000,"msg":"m"}`).level;
  expect(level('"debug"')).toBe('debug');
  expect(level('"info"')).toBe('info');
  expect(level('"warn"')).toBe('warning');
  expect(level('"warning"')).toBe('warning');
  expect(level('"error"')).toBe('error');
  expect(level('"dpanic"')).toBe('error');
  expect(level('"panic"')).toBe('fatal');
  expect(level('"fatal"')).toBe('fatal');
  expect(level('"INFO"')).toBe('info');
  expect(level('-2')).toBe('debug');
  expect(level('"Level(-4)"')).toBe('debug');
  expect(level('0')).toBe('info');
  expect(level('"chatty"')).toBe('unknown');
});

it('infers the level of Kubernetes JSON lines that carry v or err instead of level', () => {
  expect(parseOne('{"ts":1795167000.5,"caller":"c.go:1","msg":"Starting","v":0}').level).toBe('info');
  expect(parseOne('{"ts":1795167000.5,"caller":"c.go:1","msg":"Synced","v":4}').level).toBe('debug');
  expect(parseOne('{"ts":1795167000.5,"caller":"c.go:1","msg":"Failed","err":"boom"}')).toMatchObject({
    level: 'error',
    error: 'boom',
  });
  expect(parseOne('{"msg":"bare"}').level).toBe('unknown');
});

it('collects the controller object and kind-keyed objects from JSON lines without duplicates', () => {
  const line =
    '{"level":"info","ts":"2026-11-20T10:00:00Z","msg":"Waiting for infrastructure provider to create machine infrastructure and set Spec.ProviderID","controller":"machine","controllerGroup":"cluster.x-k8s.io","controllerKind":"Machine","Machine":{"name":"prod-eu-md-0-knhvh-tk626","namespace":"shop"},"namespace":"shop","name":"prod-eu-md-0-knhvh-tk626","reconcileID":"3d9c8005-790f-ee23-2355-9578f8405aad","MachineSet":{"name":"prod-eu-md-0-knhvh","namespace":"shop"},"MachineDeployment":{"name":"prod-eu-md-0","namespace":"shop"},"Cluster":{"name":"prod-eu","namespace":"shop"},"AWSMachine":{"name":"prod-eu-md-0-knhvh-tk626","namespace":"shop"},"Node":{"name":"ip-10-20-1-17.eu-west-1.compute.internal"},"URL":"https://example.invalid/x","Request":{"path":"/x"}}';
  expect(parseOne(line).objects).toEqual([
    { kind: 'Machine', namespace: 'shop', name: 'prod-eu-md-0-knhvh-tk626' },
    { kind: 'MachineSet', namespace: 'shop', name: 'prod-eu-md-0-knhvh' },
    { kind: 'MachineDeployment', namespace: 'shop', name: 'prod-eu-md-0' },
    { kind: 'Cluster', namespace: 'shop', name: 'prod-eu' },
    { kind: 'AWSMachine', namespace: 'shop', name: 'prod-eu-md-0-knhvh-tk626' },
    { kind: 'Node', namespace: '', name: 'ip-10-20-1-17.eu-west-1.compute.internal' },
  ]);
});

it('keeps a namespace/name without controllerKind as an object of unknown kind', () => {
  expect(
    parseOne('{"level":"info","msg":"Reconciling","namespace":"shop","name":"prod-eu"}').objects,
  ).toEqual([{ kind: undefined, namespace: 'shop', name: 'prod-eu' }]);
  expect(
    parseOne(
      '{"level":"info","msg":"m","namespace":"shop","name":"prod-eu","Cluster":{"name":"prod-eu","namespace":"shop"}}',
    ).objects,
  ).toEqual([{ kind: 'Cluster', namespace: 'shop', name: 'prod-eu' }]);
});

it('reads the error from err when error is absent and ignores non-string errors', () => {
  expect(parseOne('{"level":"error","msg":"m","err":"dial tcp 10.0.0.10:6443: i/o timeout"}').error).toBe(
    'dial tcp 10.0.0.10:6443: i/o timeout',
  );
  expect(parseOne('{"level":"error","msg":"m","error":{"code":403}}').error).toBe(undefined);
});

it('turns a line that starts with { but is not valid JSON into a text entry', () => {
  const line = '{"level":"info","ts":"2026-11-20T10:00:00Z","msg":"Reconciling","controller":"clus';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: undefined,
    level: 'unknown',
    format: 'text',
    message: line,
    error: undefined,
    controller: undefined,
    objects: [],
  });
});

it('parses a klog Reconciler error line from a provider controller into a whole entry', () => {
  const line =
    'E1120 10:12:03.123456       1 controller.go:324] "Reconciler error" err="failed to create AWSMachine instance: failed to run instance: InvalidAMIID.NotFound: The image id \'[ami-0a1b2c3d4e5f67890]\' does not exist\\n\\tstatus code: 400, request id: 5d0b7c1e-8a0f-4c55-9f3e-2b1d6c7a8e90" controller="awsmachine" controllerGroup="infrastructure.cluster.x-k8s.io" controllerKind="AWSMachine" AWSMachine="team-a/prod-md-0-x7k2p" namespace="team-a" name="prod-md-0-x7k2p" reconcileID="0d8abfc0-2143-ae32-f0b5-2444ac3e02d7"';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T10:12:03.123Z',
    level: 'error',
    format: 'klog',
    message: 'Reconciler error',
    error:
      "failed to create AWSMachine instance: failed to run instance: InvalidAMIID.NotFound: The image id '[ami-0a1b2c3d4e5f67890]' does not exist\n\tstatus code: 400, request id: 5d0b7c1e-8a0f-4c55-9f3e-2b1d6c7a8e90",
    controller: 'awsmachine',
    objects: [{ kind: 'AWSMachine', namespace: 'team-a', name: 'prod-md-0-x7k2p' }],
  });
});

it('decodes escaped quotes and backslashes inside klog values', () => {
  const line =
    'E1120 10:05:00.197975       1 controller.go:324] "Reconciler error" err="failed to reconcile AzureMachine: failed to create virtual machine: PUT https://management.azure.com/subscriptions/0000/resourceGroups/shop-prod-us/providers/Microsoft.Compute/virtualMachines/prod-us-md-0-lm2fw\\n--------------------------------------------------------------------------------\\nRESPONSE 409: 409 Conflict\\nERROR CODE: OperationNotAllowed\\n{\\"error\\": {\\"code\\": \\"OperationNotAllowed\\", \\"message\\": \\"Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota.\\"}} path C:\\\\temp" controller="azuremachine" controllerGroup="infrastructure.cluster.x-k8s.io" controllerKind="AzureMachine" AzureMachine="shop/prod-us-md-0-lm2fw-9rjqs" namespace="shop" name="prod-us-md-0-lm2fw-9rjqs" reconcileID="4d6d4f77-2425-4410-5b4c-66921af226ce"';
  const entry = parseOne(line);
  expect(entry.error).toBe(
    'failed to reconcile AzureMachine: failed to create virtual machine: PUT https://management.azure.com/subscriptions/0000/resourceGroups/shop-prod-us/providers/Microsoft.Compute/virtualMachines/prod-us-md-0-lm2fw\n' +
      '-'.repeat(80) +
      '\nRESPONSE 409: 409 Conflict\nERROR CODE: OperationNotAllowed\n{"error": {"code": "OperationNotAllowed", "message": "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota."}} path C:\\temp',
  );
  expect(entry.controller).toBe('azuremachine');
  expect(entry.objects).toEqual([
    { kind: 'AzureMachine', namespace: 'shop', name: 'prod-us-md-0-lm2fw-9rjqs' },
  ]);
});

it('decodes escapes in the klog message and keeps bare values', () => {
  const entry = parseOne(
    'I1120 10:00:00.000001       1 machine_controller_noderef.go:90] "Infrastructure provider reporting spec.providerID, matching \\"Node\\" \\u0026 waiting" retries=3 Node="ip-10-20-1-17.eu-west-1.compute.internal"',
  );
  expect(entry.message).toBe('Infrastructure provider reporting spec.providerID, matching "Node" & waiting');
  expect(entry.ts).toBe('2026-11-20T10:00:00.000Z');
  expect(entry.objects).toEqual([
    { kind: 'Node', namespace: '', name: 'ip-10-20-1-17.eu-west-1.compute.internal' },
  ]);
});

it('collects logr objects such as Machine and Cluster from klog lines without duplicates', () => {
  const line =
    'I1120 10:01:00.229651       1 machine_controller.go:437] "Waiting for infrastructure provider to create machine infrastructure and set Spec.ProviderID" controller="machine" controllerGroup="cluster.x-k8s.io" controllerKind="Machine" Machine="team-a/prod-md-0-x7k2p-5qnp4" namespace="team-a" name="prod-md-0-x7k2p-5qnp4" reconcileID="6afa0cc0-ff12-7f29-861d-87502b0aa0cd" MachineSet="team-a/prod-md-0-x7k2p" MachineDeployment="team-a/prod-md-0" Cluster="team-a/prod" AWSMachine="team-a/prod-md-0-x7k2p-5qnp4" Machine="team-a/prod-md-0-x7k2p-5qnp4" URL="https://10.0.0.10:6443/api" Ready=true';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T10:01:00.229Z',
    level: 'info',
    format: 'klog',
    message: 'Waiting for infrastructure provider to create machine infrastructure and set Spec.ProviderID',
    error: undefined,
    controller: 'machine',
    objects: [
      { kind: 'Machine', namespace: 'team-a', name: 'prod-md-0-x7k2p-5qnp4' },
      { kind: 'MachineSet', namespace: 'team-a', name: 'prod-md-0-x7k2p' },
      { kind: 'MachineDeployment', namespace: 'team-a', name: 'prod-md-0' },
      { kind: 'Cluster', namespace: 'team-a', name: 'prod' },
      { kind: 'AWSMachine', namespace: 'team-a', name: 'prod-md-0-x7k2p-5qnp4' },
    ],
  });
});

it('maps klog header letters to levels', () => {
  const lines = [
    'I1120 10:00:00.000000       1 main.go:1] "Starting manager"',
    'W1120 10:00:00.000000       1 main.go:1] "Deprecated flag"',
    'E1120 10:00:00.000000       1 main.go:1] "Problem running manager"',
    'F1120 10:00:00.000000       1 main.go:1] "Unable to start manager"',
  ];
  expect(levelsOf(lines, CAPA)).toEqual(['info', 'warning', 'error', 'fatal']);
});

it('keeps the rest of an unstructured klog line as its message', () => {
  const line =
    'W1120 10:02:11.000100       1 reflector.go:539] k8s.io/client-go@v0.29.3/tools/cache/reflector.go:229: failed to list *v1.Secret: secrets is forbidden: User "system:serviceaccount:capa-system:capa-controller-manager" cannot list resource "secrets" in API group "" at the cluster scope';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T10:02:11.000Z',
    level: 'warning',
    format: 'klog',
    message: line.slice(line.indexOf('] ') + 2),
    error: undefined,
    controller: undefined,
    objects: [],
  });
});

it('reads old klogr lines with quoted keys and a logger name', () => {
  const line =
    'E1120 01:58:11.309315       1 azuremachine_controller.go:290] controllers/AzureMachine "msg"="failed to reconcile AzureMachine" "error"="failed to create virtual machine: encryption at host is not supported for VM type \\"Standard_E4_v3\\"" "AzureCluster"="cl-i" "azureMachine"="cl-i-md-0-lc944" "cluster"="cl-i" "namespace"="default" "name"="cl-i-md-0-lc944"';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T01:58:11.309Z',
    level: 'error',
    format: 'klog',
    message: 'failed to reconcile AzureMachine',
    error:
      'failed to create virtual machine: encryption at host is not supported for VM type "Standard_E4_v3"',
    controller: undefined,
    objects: [
      { kind: 'AzureCluster', namespace: '', name: 'cl-i' },
      { kind: undefined, namespace: 'default', name: 'cl-i-md-0-lc944' },
    ],
  });
});

it('puts a Dec 31 klog line read on Jan 1 in the previous year', () => {
  const line = 'I1231 23:59:58.500000       1 controller.go:117] "Reconciling" controller="cluster"';
  expect(parseOne(line, new Date('2027-01-01T00:00:05Z')).ts).toBe('2026-12-31T23:59:58.500Z');
});

it('keeps the current year for klog lines up to one day after now', () => {
  const line = 'I0102 00:00:00.000000       1 controller.go:117] "Reconciling" controller="cluster"';
  expect(parseOne(line, new Date('2027-01-01T12:00:00Z')).ts).toBe('2027-01-02T00:00:00.000Z');
  expect(parseOne(line, new Date('2026-12-31T12:00:00Z')).ts).toBe('2026-01-02T00:00:00.000Z');
});

it('strips a CRI prefix and parses the JSON payload, keeping its own time', () => {
  const line =
    '2026-11-20T10:12:03.987654321Z stderr F {"level":"error","ts":"2026-11-20T10:12:03.900Z","msg":"Reconciler error","controller":"gcpmachine","controllerKind":"GCPMachine","GCPMachine":{"name":"etl-md-0-wwkld-pjgqw","namespace":"data"},"namespace":"data","name":"etl-md-0-wwkld-pjgqw","error":"googleapi: Error 403: Required \'compute.instances.create\' permission"}';
  expect(parseOne(line)).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T10:12:03.900Z',
    level: 'error',
    format: 'json',
    message: 'Reconciler error',
    error: "googleapi: Error 403: Required 'compute.instances.create' permission",
    controller: 'gcpmachine',
    objects: [{ kind: 'GCPMachine', namespace: 'data', name: 'etl-md-0-wwkld-pjgqw' }],
  });
});

it('takes the CRI time when the payload has none', () => {
  const entry = parseOne(
    '2026-11-20T10:12:03.987654321Z stdout F {"level":"info","msg":"Starting workers","worker count":10}',
  );
  expect(entry).toMatchObject({
    ts: '2026-11-20T10:12:03.987Z',
    level: 'info',
    format: 'json',
    message: 'Starting workers',
  });
});

it('uses the CRI year for a klog payload and strips the prefix of text payloads', () => {
  const klog = parseOne(
    '2025-12-31T23:59:59.950000000Z stderr F I1231 23:59:59.900000       1 leaderelection.go:260] successfully acquired lease capi-system/controller-leader-election-capi',
  );
  expect(klog).toMatchObject({
    ts: '2025-12-31T23:59:59.900Z',
    format: 'klog',
    level: 'info',
    message: 'successfully acquired lease capi-system/controller-leader-election-capi',
  });
  expect(parseOne('2026-11-20T10:02:11.5Z stdout P 10.244.1.7 - - "GET /healthz HTTP/1.1" 200 2')).toEqual({
    origin: CAPA,
    source: { file: CAPA_FILE, line: 1 },
    ts: '2026-11-20T10:02:11.500Z',
    level: 'unknown',
    format: 'text',
    message: '10.244.1.7 - - "GET /healthz HTTP/1.1" 200 2',
    error: undefined,
    controller: undefined,
    objects: [],
  });
});

it('sets the time of text lines that start with an RFC 3339 timestamp and keeps the whole line', () => {
  const lines = [
    "2026-11-20T10:02:11Z Cloud-init v. 23.4.4 running 'modules:final'",
    '[2026-11-20 10:02:11] error execution phase preflight: couldn\'t validate the identity of the API Server: Get "https://10.0.0.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 10.0.0.10:6443: connect: no route to host',
    "[   12.345678] cloud-init[1012]: Cloud-init v. 23.4.4 running 'init' at Fri, 20 Nov 2026 10:01:59 +0000.",
    '2026-11-20 10:02:13,045 - util.py[WARNING]: Failed running /var/lib/cloud/scripts/per-boot/kubeadm-join.sh [1]',
  ];
  const entries = parseLogText(lines.join('\n'), BOOT, BOOT_FILE, NOW);
  expect(entries.map(({ ts, level, message }) => ({ ts, level, message }))).toEqual([
    { ts: '2026-11-20T10:02:11.000Z', level: 'unknown', message: lines[0] },
    { ts: '2026-11-20T10:02:11.000Z', level: 'error', message: lines[1] },
    { ts: undefined, level: 'unknown', message: lines[2] },
    { ts: '2026-11-20T10:02:13.045Z', level: 'error', message: lines[3] },
  ]);
  expect(entries[1]).toEqual({
    origin: BOOT,
    source: { file: BOOT_FILE, line: 2 },
    ts: '2026-11-20T10:02:11.000Z',
    level: 'error',
    format: 'text',
    message: lines[1],
    error: undefined,
    controller: undefined,
    objects: [],
  });
});

it('marks boot log lines with failure markers as errors and warn as warnings', () => {
  const lines = [
    '[preflight] Running pre-flight checks',
    '[discovery] Failed to request cluster-info, will try again: Get "https://10.20.0.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 10.20.0.10:6443: connect: no route to host',
    '[kubelet-check] Initial timeout of 40s passed.',
    'timed out waiting for the condition',
    'Unable to connect to the server: dial tcp 10.0.0.10:6443: connect: connection refused',
    'E: Cannot find a valid baseurl for repo',
    'panic: runtime error: invalid memory address or nil pointer dereference',
    'FATAL: kubeadm join failed',
    'W: Possible missing firmware /lib/firmware/ast_dp501_fw.bin for module ast; warn only',
    'Cloud-init v. 23.4.4 finished at Fri, 20 Nov 2026 10:03:02 +0000. Datasource DataSourceEc2Local.  Up 64.21 seconds',
  ];
  expect(levelsOf(lines)).toEqual([
    'unknown',
    'error',
    'unknown',
    'error',
    'error',
    'error',
    'error',
    'error',
    'warning',
    'unknown',
  ]);
});

it('does not treat reports of no errors as failures', () => {
  const lines = [
    'Validation finished with no errors',
    'yum check: 0 errors, 0 warnings',
    'ansible: ok=12 changed=3 unreachable=0 failed=0 skipped=1',
    'checks completed, errors: 0',
    'completed without error',
    'terror and mirrors',
    'run finished: 10 errors',
  ];
  expect(levelsOf(lines)).toEqual([
    'unknown',
    'unknown',
    'unknown',
    'unknown',
    'unknown',
    'unknown',
    'error',
  ]);
});

it('numbers lines from 1, skips blank lines and strips trailing carriage returns', () => {
  const text = '[preflight] Running pre-flight checks\r\n\r\n   \n[preflight] Pulling images\r\n';
  expect(parseLogText(text, BOOT, BOOT_FILE, NOW)).toEqual([
    {
      origin: BOOT,
      source: { file: BOOT_FILE, line: 1 },
      ts: undefined,
      level: 'unknown',
      format: 'text',
      message: '[preflight] Running pre-flight checks',
      error: undefined,
      controller: undefined,
      objects: [],
    },
    {
      origin: BOOT,
      source: { file: BOOT_FILE, line: 4 },
      ts: undefined,
      level: 'unknown',
      format: 'text',
      message: '[preflight] Pulling images',
      error: undefined,
      controller: undefined,
      objects: [],
    },
  ]);
});

it('returns no entries for an empty file', () => {
  expect(parseLogText('', CAPA, CAPA_FILE, NOW)).toEqual([]);
  expect(parseLogText('\n\n', CAPA, CAPA_FILE, NOW)).toEqual([]);
});
