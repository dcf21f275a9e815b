import { createHash } from 'node:crypto';
import { CATEGORY_REMEDIATION } from './category-remediation.ts';
import type { Evidence } from './evidence.ts';
import { causeChain } from './chain.ts';
import type { ResolvedCause } from './resolve-cause.ts';
import { machineSetOf, ownerOf } from './owner.ts';
import { ms } from './symptom.ts';
import { str } from '../capi/access.ts';
import { providerOf } from '../capi/kinds.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { Severity } from '../model/finding.ts';
import type { FleetObject } from '../model/fleet.ts';
import type { AffectedObject, Incident, RemediationStep } from '../model/incident.ts';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 2, warning: 1, info: 0 };
const MAX_PODS = 20;
/** A cause scored this high rests on evidence that names it; below, on wording or restated symptoms. */
const FIRM_SCORE = 0.4;

/** The text of an evidence message with what varies between objects (names, numbers, ids) blanked. */
export function messageSignature(message: string): string {
  return message
    .toLowerCase()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/g, '<name>')
    .replace(/\d+/g, '<n>')
    .slice(0, 160);
}

/** Which incident a resolved cause belongs to: one cause, one incident, across machines, pools and clusters. */
export function groupKey(cause: ResolvedCause, graph: FleetGraph): string {
  const candidate = cause.candidate;
  if (candidate?.known) return `${cause.category}|${candidate.entry.id}`;
  if (candidate)
    return `${cause.category}|${candidate.entry.id}|${messageSignature(candidate.evidence[0]?.message ?? '')}`;
  const owner = ownerOf(graph, cause.symptom.subject) ?? cause.symptom.subject;
  return `${cause.category}|${cause.symptom.type}|${cause.symptom.cluster}|${owner.id}`;
}

/** Whether evidence names this cause firmly enough to speak for others (a health-check loop, say). */
export function isFirm(cause: ResolvedCause): boolean {
  return (cause.candidate?.score ?? 0) >= FIRM_SCORE;
}

/** Builds one incident from the causes that share a key. */
export function buildIncident(key: string, causes: readonly ResolvedCause[], graph: FleetGraph): Incident {
  // The lead speaks for the incident: the most severe symptom, and among those the one whose cause is surest.
  const lead = [...causes].sort(
    (a, b) =>
      SEVERITY_RANK[b.symptom.severity] - SEVERITY_RANK[a.symptom.severity] ||
      Number(isFirm(b)) - Number(isFirm(a)) ||
      (b.candidate?.score ?? 0) - (a.candidate?.score ?? 0) ||
      b.symptom.fallback.confidence - a.symptom.fallback.confidence,
  )[0] as ResolvedCause;
  const candidate = lead.candidate;
  const clusters = [...new Set(causes.map((c) => c.symptom.cluster))].sort();
  const affected = affectedObjects(causes, graph);
  const severity = causes.reduce<Severity>(
    (worst, c) => (SEVERITY_RANK[c.symptom.severity] > SEVERITY_RANK[worst] ? c.symptom.severity : worst),
    'info',
  );
  const evidence = causes.flatMap((c) => c.candidate?.evidence ?? []);
  const times = [...evidence.map((e) => e.at), ...causes.map((c) => c.symptom.since)]
    .filter((t): t is string => !!t && Number.isFinite(ms(t)))
    .sort();
  const provider =
    candidate?.known && !['capi', 'kubeadm', 'cloud-init', 'kubelet'].includes(candidate.entry.source)
      ? candidate.entry.source
      : providerOf(graph.children(lead.symptom.subject.id, 'infrastructure')[0]?.kind ?? '');
  // The title and the confidence speak of the lead first, like the category does.
  const ordered = [lead, ...causes.filter((c) => c !== lead)];
  const { confidence, note } = confidenceOf(ordered);
  return {
    id: `${lead.category}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`,
    severity,
    title: titleOf(ordered, clusters, graph),
    rootCause: {
      category: lead.category,
      summary: summaryOf(lead, causes.length, clusters),
      confidence,
      ...(provider ? { provider } : {}),
      basis: candidate ? (candidate.known ? 'knowledge' : 'wording') : 'symptom',
      confidenceNote: note,
      ...(candidate ? { knowledgeId: candidate.entry.id } : {}),
    },
    affected,
    chain: causeChain(lead, graph),
    remediation: remediationOf(lead, graph),
    firstSeen: times[0],
    lastSeen: times.at(-1),
  };
}

function toAffected(object: FleetObject, cluster: string): AffectedObject {
  return { cluster, plane: object.plane, kind: object.kind, namespace: object.namespace, name: object.name };
}

const KIND_ORDER = ['Machine', 'Node', 'Pod'];

function affectedObjects(causes: readonly ResolvedCause[], graph: FleetGraph): AffectedObject[] {
  const seen = new Map<string, AffectedObject>();
  const owners = new Map<string, AffectedObject>();
  let pods = 0;
  const add = (object: FleetObject, cluster: string, target: Map<string, AffectedObject>): void => {
    if (seen.has(object.id) || owners.has(object.id)) return;
    if (object.kind === 'Pod' && ++pods > MAX_PODS) return;
    target.set(object.id, toAffected(object, cluster));
  };
  for (const { symptom } of causes) {
    add(symptom.subject, symptom.cluster, symptom.subject.kind === 'Cluster' ? owners : seen);
    for (const infra of graph.children(symptom.subject.id, 'infrastructure'))
      add(infra, symptom.cluster, seen);
    for (const object of symptom.related)
      add(
        object,
        symptom.cluster,
        object.kind === 'MachineDeployment' || object.kind.endsWith('ControlPlane') ? owners : seen,
      );
    // The MachineSet says which side of a rollout the machine is on: the new one stuck, or the old one.
    const set = machineSetOf(graph, symptom.subject);
    if (set) add(set, symptom.cluster, owners);
    const owner = ownerOf(graph, symptom.subject);
    if (owner) add(owner, symptom.cluster, owners);
    const cluster = graph.index.lookup(
      'm',
      'Cluster',
      symptom.cluster.split('/')[0] ?? '',
      symptom.cluster.split('/')[1] ?? '',
      'cluster.x-k8s.io',
    );
    if (cluster) add(cluster, symptom.cluster, owners);
  }
  const rank = (a: AffectedObject): number => {
    const i = KIND_ORDER.indexOf(a.kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  const specific = [...seen.values()].sort((a, b) => rank(a) - rank(b));
  return [
    ...specific,
    ...[...owners.values()].sort((a, b) => (a.kind === 'Cluster' ? 1 : 0) - (b.kind === 'Cluster' ? 1 : 0)),
  ];
}

const SYMPTOM_PHRASE: Readonly<Record<string, string>> = {
  'machine-stuck-pending': 'stuck pending',
  'machine-stuck-provisioning': 'stuck provisioning',
  'machine-stuck-provisioned': 'provisioned but never joined',
  'machine-stuck-deleting': 'stuck deleting',
  'machine-node-not-ready': 'Running with a NotReady Node',
  'machine-node-missing': 'Running without a Node',
  'node-under-pressure': 'under node pressure',
  'node-not-ready': 'NotReady',
};

function causeTitle(cause: ResolvedCause): string {
  if (cause.candidate) return cause.candidate.entry.title;
  return cause.category === 'unknown' ? 'no cause named in the evidence' : cause.category.replace(/-/g, ' ');
}

function titleOf(causes: readonly ResolvedCause[], clusters: readonly string[], graph: FleetGraph): string {
  const lead = causes[0] as ResolvedCause;
  const phrase = SYMPTOM_PHRASE[lead.symptom.type];
  const kind = lead.symptom.subject.kind;
  const subjects = new Set(
    causes.filter((c) => c.symptom.subject.kind === kind).map((c) => c.symptom.subject.id),
  );
  if (clusters.length > 1) {
    return `${causeTitle(lead)} in ${clusters.length} clusters: ${subjects.size} ${kind.toLowerCase()}${subjects.size === 1 ? '' : 's'} ${phrase ?? 'affected'} (${clusters.join(', ')})`;
  }
  if (phrase && kind === 'Machine') {
    const owner = ownerOf(graph, lead.symptom.subject);
    const where = owner ? `${lead.symptom.cluster}/${owner.name}` : lead.symptom.cluster;
    const count =
      subjects.size === 1
        ? `Machine ${lead.symptom.subject.name} of ${where}`
        : `${subjects.size} machines of ${where}`;
    return `${count} ${phrase}: ${causeTitle(lead)}`;
  }
  return `${brief(lead.symptom.message).replace(/\.$/, '')}: ${causeTitle(lead)}`;
}

const TITLE_MESSAGE_CHARS = 160;

/** A symptom message fit for a title: one line, at most {@link TITLE_MESSAGE_CHARS} characters. */
function brief(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_MESSAGE_CHARS ? `${line.slice(0, TITLE_MESSAGE_CHARS - 1)}…` : line;
}

function excerpt(evidence: Evidence | undefined): string {
  if (!evidence) return '';
  const text = evidence.message.replace(/\s+/g, ' ').trim();
  return ` ${evidence.object.kind} ${evidence.object.name} says: "${text.length > 220 ? `${text.slice(0, 219)}…` : text}".`;
}

function summaryOf(lead: ResolvedCause, count: number, clusters: readonly string[]): string {
  const scope =
    clusters.length > 1
      ? ` The same cause hits ${count} objects in ${clusters.length} clusters.`
      : count > 1
        ? ` It hits ${count} objects.`
        : '';
  if (!lead.candidate) return `${lead.symptom.message}. ${capitalize(lead.symptom.fallback.why)}.${scope}`;
  const first = lead.candidate.entry.explanation.split(/(?<=\.)\s/)[0] ?? '';
  return `${lead.candidate.entry.title}: ${first}${excerpt(lead.candidate.evidence[0])}${scope}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function confidenceOf(causes: readonly ResolvedCause[]): { confidence: number; note: string } {
  const lead = causes[0] as ResolvedCause;
  const candidate = lead.candidate;
  const notes: string[] = [];
  let value: number;
  if (!candidate) {
    value = lead.symptom.fallback.confidence;
    notes.push(
      lead.symptom.context?.length
        ? 'inferred from timing: what changed just before the symptom'
        : 'no evidence names a cause; inferred from the symptom alone',
    );
  } else {
    value = candidate.known ? 0.55 + 0.4 * candidate.score : 0.35 + 0.35 * candidate.score;
    notes.push(
      candidate.known
        ? `matches the known failure ${candidate.entry.id}`
        : 'inferred from the wording of the evidence; no provider entry matched',
    );
    const signals = new Set(candidate.evidence.map((e) => e.signal));
    if (signals.size > 1) {
      value += 0.05;
      notes.push(`${signals.size} kinds of evidence agree (${[...signals].join(', ')})`);
    }
  }
  if (causes.length > 1) {
    value += 0.03;
    notes.push(`${causes.length} symptoms share the cause`);
  }
  const rival = lead.rival;
  if (rival) {
    value -= 0.15;
    notes.push(`the evidence also reads as ${rival.category} (${rival.entry.id})`);
  }
  return {
    confidence: Math.round(Math.min(0.98, Math.max(0.05, value)) * 100) / 100,
    note: notes.join('; '),
  };
}

function remediationOf(lead: ResolvedCause, graph: FleetGraph): RemediationStep[] {
  const steps = lead.candidate?.entry.remediation.length
    ? lead.candidate.entry.remediation
    : CATEGORY_REMEDIATION[lead.category];
  const subject = lead.symptom.subject;
  const owner = ownerOf(graph, subject);
  const node =
    subject.kind === 'Machine' ? graph.nodeOf(subject.id) : subject.kind === 'Node' ? subject : undefined;
  const infra = graph.children(subject.id, 'infrastructure')[0];
  const [namespace, cluster] = lead.symptom.cluster.split('/');
  const clusterObject = graph.index.lookup(
    'm',
    'Cluster',
    namespace ?? '',
    cluster ?? '',
    'cluster.x-k8s.io',
  );
  const infraCluster = clusterObject ? graph.children(clusterObject.id, 'infrastructure')[0] : undefined;
  const values: Record<string, string | undefined> = {
    namespace,
    ns: namespace,
    cluster,
    'cluster-name': cluster,
    machine: subject.kind === 'Machine' ? subject.name : undefined,
    machinedeployment:
      owner?.kind === 'MachineDeployment'
        ? owner.name
        : subject.kind === 'MachineDeployment'
          ? subject.name
          : undefined,
    'control-plane': owner?.kind.endsWith('ControlPlane')
      ? owner.name
      : subject.kind.endsWith('ControlPlane')
        ? subject.name
        : undefined,
    node: node?.name,
    'infra-cluster-kind': infraCluster?.kind.toLowerCase(),
    location: str(infraCluster?.raw, 'spec.location') ?? str(infraCluster?.raw, 'spec.region'),
    region: str(infraCluster?.raw, 'spec.region') ?? str(infraCluster?.raw, 'spec.location'),
    project: str(infraCluster?.raw, 'spec.project'),
    'infra-machine-template-kind': infra ? `${infra.kind.toLowerCase()}templates` : undefined,
    name: subject.name,
    provider: str(subject.raw, 'spec.providerID'),
  };
  const fill = (text: string): string =>
    text.replace(/<([a-z-]+)>/g, (all, name: string) => values[name] ?? all);
  return steps.map((s) =>
    s.command ? { step: fill(s.step), command: fill(s.command) } : { step: fill(s.step) },
  );
}
