/** Status of the provider side of a machine (infra machine, KubeadmConfig, VSphereVM, BareMetalHost). */
import { managementMeta } from './capi-objects.ts';
import type { ClusterContext, MachineHandle } from './fleet-types.ts';
import type { Condition, ConditionStatus, Fields, OldCondition, RawObject } from './raw.ts';
import { child, cond, oldCond, ownerRef, specOf, str } from './raw.ts';
import { isoSeconds, timeOf } from './time.ts';

/** What the provider reports about a machine's infrastructure. */
export interface InfraState {
  /** True once the instance exists and `spec.providerID` is set. */
  readonly provisioned: boolean;
  /** When the state began. */
  readonly since: number;
  /** Reason of the failing condition, e.g. `InstanceProvisionFailed`. */
  readonly reason?: string;
  readonly message?: string;
  /** The provider condition that fails; defaults to the provider's first machine condition. */
  readonly conditionType?: string;
  readonly severity?: 'Error' | 'Warning' | 'Info';
}

/** The infra machine's Ready condition as Cluster API mirrors it into the Machine. */
export interface InfraReady {
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
  readonly at: string;
  readonly severity: OldCondition['severity'];
}

/** Writes the infra machine's spec.providerID and status (and its VSphereVM/BareMetalHost) for `state`. */
export function renderInfraMachine(h: MachineHandle, state: InfraState): void {
  const p = h.cluster.ctx.profile;
  const infra = h.infraMachine;
  const spec = specOf(infra);
  const at = isoSeconds(state.since);
  for (const key of Object.keys(p.machineSpec(h.site))) delete spec[key];
  if (state.provisioned) Object.assign(spec, p.machineSpec(h.site));
  const failing = state.conditionType ?? p.machineConditions[0] ?? 'Ready';
  const reason = state.reason ?? 'Provisioning';
  const message = state.message ?? '';
  if (p.contract === 'v1beta1') {
    const severity = state.severity ?? (state.reason ? 'Error' : 'Info');
    const conditions: OldCondition[] = state.provisioned
      ? [oldCond('Ready', 'True', at), ...p.machineConditions.map((t) => oldCond(t, 'True', at))]
      : [
          oldCond('Ready', 'False', at, reason, message, severity),
          ...(failing === 'Ready' ? [] : [oldCond(failing, 'False', at, reason, message, severity)]),
        ];
    infra.status = state.provisioned
      ? { ready: true, addresses: p.addresses(h.site), ...p.machineStatus(h.site), conditions }
      : { ready: false, conditions };
  } else {
    const conditions: Condition[] = state.provisioned
      ? [cond('Ready', 'True', 'Ready', at), ...p.machineConditions.map((t) => cond(t, 'True', t, at))]
      : [
          cond('Ready', 'False', reason, at, message),
          ...(failing === 'Ready' ? [] : [cond(failing, 'False', reason, at, message)]),
        ];
    infra.status = state.provisioned
      ? { initialization: { provisioned: true }, addresses: p.addresses(h.site), conditions }
      : { initialization: { provisioned: false }, conditions };
  }
  for (const extra of h.extras) renderExtra(h, extra, state);
}

/** Reads the infra machine's readiness the way the Machine controller does (both provider contracts). */
export function infraReady(h: MachineHandle): InfraReady {
  const p = h.cluster.ctx.profile;
  const status = h.infraMachine.status ?? {};
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []) as (
    Condition | OldCondition
  )[];
  const ready = conditions.find((c) => c.type === 'Ready');
  const provisioned =
    p.contract === 'v1beta1'
      ? status.ready === true
      : (status.initialization as Fields | undefined)?.provisioned === true;
  const at = ready?.lastTransitionTime ?? str(h.infraMachine.metadata.creationTimestamp) ?? '';
  if (provisioned) return { status: 'True', reason: 'Ready', message: '', at, severity: undefined };
  const fallback =
    p.contract === 'v1beta1'
      ? `${p.machineKind} status.ready is false`
      : `${p.machineKind} status.initialization.provisioned is false`;
  return {
    status: ready?.status === 'Unknown' ? 'Unknown' : 'False',
    reason: ready?.reason || 'NotReady',
    message: ready?.message || fallback,
    at,
    severity: (ready && 'severity' in ready ? ready.severity : undefined) ?? 'Info',
  };
}

/** Writes the KubeadmConfig status: data secret created (ready) or still waiting. */
export function renderBootstrap(h: MachineHandle, ready: boolean, since: number): void {
  const version = h.cluster.version;
  const at = isoSeconds(since);
  const waiting = 'Waiting for Cluster control plane to be initialized';
  const fresh: Condition[] = ready
    ? [
        cond('Ready', 'True', 'Ready', at),
        cond('DataSecretAvailable', 'True', 'Available', at),
        cond('CertificatesAvailable', 'True', 'Available', at),
      ]
    : [
        cond('Ready', 'False', 'NotReady', at, `* DataSecretAvailable: ${waiting}`),
        cond('DataSecretAvailable', 'False', 'NotAvailable', at, waiting),
        cond('CertificatesAvailable', 'True', 'Available', at),
      ];
  const old: OldCondition[] = ready
    ? [
        oldCond('Ready', 'True', at),
        oldCond('CertificatesAvailable', 'True', at),
        oldCond('DataSecretAvailable', 'True', at),
      ]
    : [
        oldCond('Ready', 'False', at, 'WaitingForControlPlaneAvailable', '', 'Info'),
        oldCond('CertificatesAvailable', 'True', at),
        oldCond('DataSecretAvailable', 'False', at, 'WaitingForControlPlaneAvailable', '', 'Info'),
      ];
  const secret = ready ? { dataSecretName: h.name } : {};
  h.bootstrap.status =
    version === 'v1beta2'
      ? {
          ...secret,
          initialization: { dataSecretCreated: ready },
          observedGeneration: 1,
          conditions: fresh,
          deprecated: { v1beta1: { conditions: old } },
        }
      : { ...secret, ready, observedGeneration: 1, conditions: old, v1beta2: { conditions: fresh } };
}

/** True when the KubeadmConfig reports its data secret. */
export function bootstrapReady(h: MachineHandle): { ready: boolean; at: string } {
  const status = h.bootstrap.status ?? {};
  const ready = typeof status.dataSecretName === 'string';
  const conditions = (
    h.cluster.version === 'v1beta2' ? status.conditions : (status.v1beta2 as Fields | undefined)?.conditions
  ) as Condition[] | undefined;
  const at =
    conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ??
    str(h.bootstrap.metadata.creationTimestamp) ??
    '';
  return { ready, at };
}

/** The provider objects below an infra machine: a VSphereVM (CAPV) or a BareMetalHost (Metal3). */
export function buildMachineExtras(
  ctx: ClusterContext,
  h: { infraMachine: RawObject; site: MachineHandle['site'] },
  createdMs: number,
): RawObject[] {
  const p = ctx.profile;
  if (p.provider === 'vsphere') {
    const templateSpec = structuredClone(h.infraMachine.spec ?? {});
    delete templateSpec.providerID;
    return [
      {
        apiVersion: p.apiVersion,
        kind: 'VSphereVM',
        metadata: managementMeta(ctx, h.infraMachine.metadata.name, createdMs + 2000, {
          labels: { ...h.infraMachine.metadata.labels },
          ownerReferences: [ownerRef(h.infraMachine)],
          finalizers: ['vspherevm.infrastructure.cluster.x-k8s.io'],
        }),
        spec: { ...templateSpec, biosUUID: h.site.instanceId },
        status: {},
      },
    ];
  }
  if (p.provider === 'metal3' && h.site.host) {
    const mac = Array.from({ length: 6 }, (_, i) => (i === 0 ? '00' : ctx.rng.hex(2))).join(':');
    return [
      {
        apiVersion: 'metal3.io/v1alpha1',
        kind: 'BareMetalHost',
        metadata: {
          ...managementMeta(ctx, h.site.host, ctx.createdAtMs - 30 * 86_400_000, {
            finalizers: ['baremetalhost.metal3.io'],
          }),
        },
        spec: {
          online: true,
          bootMACAddress: mac,
          bmc: {
            address: `redfish-virtualmedia://10.10.${ctx.rng.int(0, 9)}.${ctx.rng.int(2, 250)}/redfish/v1/Systems/1`,
            credentialsName: `${h.site.host}-bmc-secret`,
          },
          consumerRef: {
            apiVersion: p.apiVersion,
            kind: p.machineKind,
            name: h.infraMachine.metadata.name,
            namespace: ctx.namespace,
          },
        },
        status: {},
      },
    ];
  }
  return [];
}

function renderExtra(h: MachineHandle, extra: RawObject, state: InfraState): void {
  const at = isoSeconds(state.since);
  if (extra.kind === 'VSphereVM') {
    extra.status = state.provisioned
      ? {
          ready: true,
          vmRef: `vm-${timeOf(extra.metadata.creationTimestamp) % 100000}`,
          addresses: [h.site.ip],
          cloneMode: 'linkedClone',
          conditions: [
            oldCond('Ready', 'True', at),
            oldCond('VCenterAvailable', 'True', at),
            oldCond('VMProvisioned', 'True', at),
          ],
        }
      : {
          ready: false,
          conditions: [
            oldCond(
              'Ready',
              'False',
              at,
              state.reason ?? 'Cloning',
              state.message ?? '',
              state.reason ? 'Error' : 'Info',
            ),
            oldCond('VCenterAvailable', 'True', at),
            oldCond(
              'VMProvisioned',
              'False',
              at,
              state.reason ?? 'Cloning',
              state.message ?? '',
              state.reason ? 'Error' : 'Info',
            ),
          ],
        };
    return;
  }
  if (extra.kind === 'BareMetalHost') {
    const provisioning = child(extra.status ?? (extra.status = {}), 'provisioning');
    provisioning.state = state.provisioned ? 'provisioned' : 'provisioning';
    provisioning.ID = provisioning.ID ?? h.cluster.ctx.rng.uuid();
    provisioning.image = structuredClone((h.infraMachine.spec ?? {}).image ?? {});
    Object.assign(extra.status, {
      operationalStatus: state.provisioned || !state.reason ? 'OK' : 'error',
      poweredOn: state.provisioned,
      errorType: state.provisioned || !state.reason ? '' : 'provisioning error',
      errorMessage: state.provisioned ? '' : (state.message ?? ''),
      lastUpdated: at,
    });
  }
}
