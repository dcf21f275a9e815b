/** Derives a Machine's spec.providerID, phase, nodeRef and conditions from its infra machine, bootstrap and Node. */
import { HEALTH_CHECK } from './machine-objects.ts';
import type { MachineHandle } from './fleet-types.ts';
import { bootstrapReady, infraReady } from './infra-status.ts';
import type { Condition, ConditionStatus, Fields, OldCondition, RawObject } from './raw.ts';
import { bullet, child, cond, oldCond, specOf, str } from './raw.ts';
import { isoSeconds, SECOND, timeOf } from './time.ts';

/** Condition types KCP adds to its machines (as readiness gates). */
export const CONTROL_PLANE_MACHINE_CONDITIONS = [
  'APIServerPodHealthy',
  'ControllerManagerPodHealthy',
  'SchedulerPodHealthy',
  'EtcdPodHealthy',
  'EtcdMemberHealthy',
] as const;

interface NodeCondition {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The conditions of a Node, by type. */
export function nodeConditions(node: RawObject): NodeCondition[] {
  const list = (node.status ?? {}).conditions;
  return Array.isArray(list) ? (list as NodeCondition[]) : [];
}

function earliest(times: readonly string[]): string {
  return times.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a));
}

function latest(...times: string[]): string {
  return times.reduce((a, b) => (timeOf(b) > timeOf(a) ? b : a));
}

/** CAPI's summarizeNodeConditions: Ready plus the three pressure conditions. */
function summarizeNode(node: RawObject): {
  status: ConditionStatus;
  reason: string;
  message: string;
  at: string;
} {
  const all = nodeConditions(node);
  const lines: string[] = [];
  const messages = new Set<string>();
  let bad = 0;
  let unknown = 0;
  let at = all.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const c = all.find((x) => x.type === type);
    const healthy = type === 'Ready' ? 'True' : 'False';
    if (!c || c.status === healthy) continue;
    const m = c.message || `Condition is ${c.status}`;
    messages.add(m);
    lines.push(`* Node.${type}: ${m}`);
    if (c.status === 'Unknown') unknown++;
    else bad++;
    at = latest(at, c.lastTransitionTime ?? at);
  }
  const message =
    lines.length > 1 && messages.size === 1
      ? `* Node.AllConditions: ${[...messages][0] ?? ''}`
      : lines.join('\n');
  if (bad > 0) return { status: 'False', reason: 'NodeNotHealthy', message, at };
  if (unknown > 0) return { status: 'Unknown', reason: 'NodeHealthyUnknown', message, at };
  return { status: 'True', reason: 'NodeHealthy', message: '', at };
}

/** Re-derives the Machine from the objects it mirrors, as the Machine, KCP and MHC controllers would. */
export function syncMachine(h: MachineHandle): void {
  const ctx = h.cluster.ctx;
  const now = ctx.fleet.capturedAtMs;
  const created = str(h.machine.metadata.creationTimestamp) ?? isoSeconds(now);
  const boot = bootstrapReady(h);
  const infra = infraReady(h);
  const providerID = infra.status === 'True' ? str(specOf(h.infraMachine).providerID) : undefined;
  const linked = providerID
    ? h.cluster.nodes.find((n) => (n.spec ?? {}).providerID === providerID)
    : undefined;
  if (linked) h.nodeRef = linked.metadata.name;
  if (!providerID) h.nodeRef = undefined;

  const spec = specOf(h.machine);
  if (providerID) spec.providerID = providerID;
  else delete spec.providerID;
  const bootstrap = child(spec, 'bootstrap');
  if (boot.ready) bootstrap.dataSecretName = h.name;
  else delete bootstrap.dataSecretName;

  const phase = !boot.ready
    ? 'Pending'
    : !providerID
      ? 'Provisioning'
      : h.nodeRef
        ? 'Running'
        : 'Provisioned';
  const linkedAt = linked ? isoSeconds(timeOf(linked.metadata.creationTimestamp) + 20 * SECOND) : undefined;
  const phaseSince = {
    Pending: created,
    Provisioning: boot.at,
    Provisioned: infra.at,
    Running: linkedAt ?? infra.at,
  }[phase];

  // NodeReady and NodeHealthy (machine_controller_status.go setNodeHealthyAndReadyConditions).
  let nodeReady: Condition;
  let nodeHealthy: Condition;
  if (linked) {
    const ready = nodeConditions(linked).find((c) => c.type === 'Ready');
    const status = ready?.status ?? 'Unknown';
    const reason = { True: 'NodeReady', False: 'NodeNotReady', Unknown: 'NodeReadyUnknown' }[status];
    const message = status !== 'True' && ready?.message ? `* Node.Ready: ${ready.message}` : '';
    nodeReady = cond('NodeReady', status, reason, ready?.lastTransitionTime ?? phaseSince, message);
    const summary = summarizeNode(linked);
    nodeHealthy = cond(
      'NodeHealthy',
      summary.status,
      summary.reason,
      summary.at || phaseSince,
      summary.message,
    );
  } else {
    const [status, reason, message]: [ConditionStatus, string, string] = h.nodeRef
      ? ['False', 'NodeDeleted', `Node ${h.nodeRef} has been deleted while the Machine still exists`]
      : providerID
        ? ['Unknown', 'InspectionFailed', `Waiting for a Node with spec.providerID ${providerID} to exist`]
        : ['Unknown', 'InspectionFailed', `Waiting for ${h.infraMachine.kind} to report spec.providerID`];
    nodeReady = cond('NodeReady', status, reason, phaseSince, message);
    nodeHealthy = cond('NodeHealthy', status, reason, phaseSince, message);
  }

  const conditions: Condition[] = [
    cond('BootstrapConfigReady', boot.ready ? 'True' : 'False', boot.ready ? 'Ready' : 'NotReady', boot.at),
    cond('InfrastructureReady', infra.status, infra.reason, infra.at, infra.message),
    nodeHealthy,
  ];
  const old: OldCondition[] = [
    boot.ready
      ? oldCond('BootstrapReady', 'True', boot.at)
      : oldCond('BootstrapReady', 'False', boot.at, 'WaitingForDataSecret', '', 'Info'),
    infra.status === 'True'
      ? oldCond('InfrastructureReady', 'True', infra.at)
      : oldCond('InfrastructureReady', 'False', infra.at, infra.reason, infra.message, infra.severity),
    oldNodeHealthy(h, linked, providerID, nodeHealthy),
  ];

  if (h.role === 'control-plane') addControlPlaneConditions(conditions, old, linked, nodeReady);
  // OwnerRemediated is reported next to HealthCheckSucceeded but is not part of the Ready summary.
  const remediation = h.pool
    ? addHealthCheck(h, conditions, old, { linked, created, infraAt: infra.at, now })
    : [];

  // Ready summarises everything above: False entries first, then Unknown (CAPI's merge priority).
  const failing = [
    ...conditions.filter((c) => c.status === 'False'),
    ...conditions.filter((c) => c.status === 'Unknown'),
  ];
  const readyStatus: ConditionStatus =
    failing.length === 0 ? 'True' : failing[0]?.status === 'False' ? 'False' : 'Unknown';
  // lastTransitionTime moves only when the status flips: when all are True, the last one to turn True;
  // otherwise the first condition that took on the summary's status.
  const readyAt =
    failing.length === 0
      ? latest(created, ...conditions.map((c) => c.lastTransitionTime))
      : latest(
          created,
          earliest(failing.filter((c) => c.status === readyStatus).map((c) => c.lastTransitionTime)),
        );
  // Available is False from the moment Ready left True, whatever the later reasons.
  const availableAt =
    failing.length === 0 ? readyAt : latest(created, earliest(failing.map((c) => c.lastTransitionTime)));
  const ready = cond(
    'Ready',
    readyStatus,
    { True: 'Ready', False: 'NotReady', Unknown: 'ReadyUnknown' }[readyStatus],
    readyAt,
    summaryMessage(failing),
  );
  const others = [
    cond(
      'Available',
      readyStatus === 'True' ? 'True' : 'False',
      readyStatus === 'True' ? 'Available' : 'NotReady',
      availableAt,
    ),
    ready,
    cond('UpToDate', 'True', 'UpToDate', created),
    nodeReady,
    cond('Updating', 'False', 'NotUpdating', created),
    cond('Deleting', 'False', 'NotDeleting', created),
    cond('Paused', 'False', 'NotPaused', created),
  ];
  const firstOld = old.find((c) => c.status !== 'True');
  const oldReady = firstOld
    ? oldCond('Ready', firstOld.status, readyAt, firstOld.reason, firstOld.message, firstOld.severity)
    : oldCond('Ready', 'True', readyAt);

  writeMachineStatus(h, {
    phase,
    phaseSince,
    linked,
    providerID,
    bootReady: boot.ready,
    conditions: [...others.slice(0, 3), ...conditions, ...remediation, ...others.slice(3)],
    old: [oldReady, ...old],
  });
}

function summaryMessage(failing: readonly Condition[]): string {
  const lines: string[] = [];
  const cp = failing.filter((c) =>
    ['APIServerPodHealthy', 'ControllerManagerPodHealthy', 'SchedulerPodHealthy', 'EtcdPodHealthy'].includes(
      c.type,
    ),
  );
  const grouped = cp.length > 1 && new Set(cp.map((c) => c.message)).size === 1;
  for (const c of failing) {
    if (grouped && cp.includes(c)) {
      if (c === cp[0]) lines.push(bullet('Control plane components', c.message));
      continue;
    }
    lines.push(c.message ? bullet(c.type, c.message) : `* ${c.type}: Condition is ${c.status}`);
  }
  return lines.join('\n');
}

function oldNodeHealthy(
  h: MachineHandle,
  linked: RawObject | undefined,
  providerID: string | undefined,
  fresh: Condition,
): OldCondition {
  const at = fresh.lastTransitionTime;
  if (linked) {
    if (fresh.status === 'True') return oldCond('NodeHealthy', 'True', at);
    const details = nodeConditions(linked)
      .filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status !== 'False'))
      .map((c) => `Node condition ${c.type} is ${c.status}`);
    return oldCond('NodeHealthy', 'False', at, 'NodeConditionsFailed', `${details.join('. ')}.`, 'Warning');
  }
  if (h.nodeRef) return oldCond('NodeHealthy', 'False', at, 'NodeNotFound', '', 'Error');
  if (providerID) return oldCond('NodeHealthy', 'False', at, 'NodeProvisioning', '', 'Info');
  return oldCond('NodeHealthy', 'False', at, 'WaitingForNodeRef', '', 'Info');
}

function addControlPlaneConditions(
  conditions: Condition[],
  old: OldCondition[],
  linked: RawObject | undefined,
  nodeReady: Condition,
): void {
  const at = nodeReady.lastTransitionTime;
  const healthy = linked !== undefined && nodeReady.status === 'True';
  const message = linked ? 'Node is unreachable' : 'Waiting for the Node to exist';
  for (const type of CONTROL_PLANE_MACHINE_CONDITIONS) {
    const member = type === 'EtcdMemberHealthy';
    conditions.push(
      healthy
        ? cond(type, 'True', member ? 'Healthy' : 'Running', at)
        : cond(type, 'Unknown', linked ? 'ConnectionDown' : 'InspectionFailed', at, message),
    );
    old.push(
      healthy
        ? oldCond(type, 'True', at)
        : oldCond(
            type,
            'Unknown',
            at,
            member ? 'EtcdMemberInspectionFailed' : 'PodInspectionFailed',
            message,
            'Info',
          ),
    );
  }
}

function addHealthCheck(
  h: MachineHandle,
  conditions: Condition[],
  old: OldCondition[],
  at: { linked: RawObject | undefined; created: string; infraAt: string; now: number },
): Condition[] {
  let verdict: { reason: string; message: string; since: number } | undefined;
  const ready = at.linked ? nodeConditions(at.linked).find((c) => c.type === 'Ready') : undefined;
  if (at.linked) {
    const since = timeOf(ready?.lastTransitionTime) + HEALTH_CHECK.unhealthySeconds * SECOND;
    if (ready && ready.status !== 'True' && since < at.now) {
      const message = `Condition Ready on Node is reporting status ${ready.status} for more than ${HEALTH_CHECK.unhealthySeconds / 60}m0s`;
      verdict = { reason: 'UnhealthyNode', message, since };
    }
  } else if (h.nodeRef) {
    verdict = { reason: 'NodeDeleted', message: `Node ${h.nodeRef} has been deleted`, since: at.now };
  } else {
    const since = Math.max(timeOf(at.created), timeOf(at.infraAt)) + HEALTH_CHECK.nodeStartupSeconds * SECOND;
    if (since < at.now) {
      const message = `Node failed to report startup in ${HEALTH_CHECK.nodeStartupSeconds / 60}m0s`;
      verdict = { reason: 'NodeStartupTimeout', message, since };
    }
  }
  if (!verdict) {
    const since = ready?.lastTransitionTime ?? at.created;
    conditions.push(cond('HealthCheckSucceeded', 'True', 'HealthCheckSucceeded', since));
    old.push(oldCond('HealthCheckSucceeded', 'True', since));
    return [];
  }
  const since = isoSeconds(verdict.since);
  conditions.push(cond('HealthCheckSucceeded', 'False', verdict.reason, since, verdict.message));
  old.push(oldCond('HealthCheckSucceeded', 'False', since, verdict.reason, verdict.message, 'Warning'));
  old.push(oldCond('OwnerRemediated', 'False', since, 'WaitingForRemediation', '', 'Warning'));
  return [cond('OwnerRemediated', 'False', 'WaitingForRemediation', since, 'Waiting for remediation')];
}

function writeMachineStatus(
  h: MachineHandle,
  s: {
    phase: string;
    phaseSince: string;
    linked: RawObject | undefined;
    providerID: string | undefined;
    bootReady: boolean;
    conditions: Condition[];
    old: OldCondition[];
  },
): void {
  const previous = h.machine.status ?? {};
  const nodeInfo = s.linked ? structuredClone((s.linked.status ?? {}).nodeInfo) : previous.nodeInfo;
  const common: Fields = { observedGeneration: 1, phase: s.phase, lastUpdated: s.phaseSince };
  if (s.providerID) common.addresses = h.cluster.ctx.profile.addresses(h.site);
  if (nodeInfo !== undefined) common.nodeInfo = nodeInfo;
  if (h.role === 'control-plane' && s.phase === 'Running') {
    common.certificatesExpiryDate =
      h.machine.metadata.annotations?.['machine.cluster.x-k8s.io/certificates-expiry'];
  }
  if (h.cluster.version === 'v1beta2') {
    h.machine.status = {
      ...common,
      initialization: {
        infrastructureProvisioned: s.providerID !== undefined,
        bootstrapDataSecretCreated: s.bootReady,
      },
      ...(h.nodeRef ? { nodeRef: { name: h.nodeRef } } : {}),
      ...(h.site.zone && h.cluster.ctx.site.zones.length > 1 ? { failureDomain: h.site.zone } : {}),
      conditions: s.conditions,
      deprecated: { v1beta1: { conditions: s.old } },
    };
    return;
  }
  const previousUid = (previous.nodeRef as Fields | undefined)?.uid;
  h.machine.status = {
    ...common,
    bootstrapReady: s.bootReady,
    infrastructureReady: s.providerID !== undefined,
    ...(h.nodeRef
      ? {
          nodeRef: {
            apiVersion: 'v1',
            kind: 'Node',
            name: h.nodeRef,
            uid: s.linked?.metadata.uid ?? previousUid,
          },
        }
      : {}),
    conditions: s.old,
    v1beta2: { conditions: s.conditions },
  };
}
