import { isWrapper, rankCauses, type CauseCandidate } from './classify.ts';
import { allEvidence, type Evidence } from './evidence.ts';
import type { KnowledgeEntry } from './knowledge/entry.ts';
import { entriesFor } from './knowledge/index.ts';
import { ms, type DetectorContext, type Symptom } from './symptom.ts';
import { providerOf } from '../capi/kinds.ts';
import type { RootCauseCategory } from '../model/incident.ts';

/** Below this score the evidence is too thin and the symptom's own fallback is the cause. */
const MIN_SCORE = 0.25;
/** Evidence this long before a symptom began can still be its cause. */
const LEAD_MS = 30 * 60_000;

/** The cause found for one symptom, with what it rests on. */
export interface ResolvedCause {
  readonly symptom: Symptom;
  readonly category: RootCauseCategory;
  /** The knowledge entry that matched, undefined when the symptom's fallback stands. */
  readonly candidate: CauseCandidate | undefined;
  /** The best other category the evidence also matched, when it is close. */
  readonly rival: CauseCandidate | undefined;
  readonly evidence: readonly Evidence[];
}

/** Reads the evidence around a symptom and picks the cause it names, or the symptom's fallback. */
export function resolveCause(
  symptom: Symptom,
  context: DetectorContext,
  entries: readonly KnowledgeEntry[],
): ResolvedCause {
  const since = ms(symptom.since);
  const start = Number.isFinite(since)
    ? Math.min(since - LEAD_MS, context.now - 3600_000)
    : context.now - 6 * 3600_000;
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  for (const root of symptom.roots) {
    for (const item of allEvidence(context.graph, root, start)) {
      const key = `${item.object.id}|${item.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(item);
    }
  }
  const ranked = rankCauses(evidence, entriesFor(entries, clusterProvider(context, symptom.cluster)));
  const top = ranked[0];
  if (!top || top.score < MIN_SCORE) {
    return { symptom, category: symptom.fallback.category, candidate: undefined, rival: undefined, evidence };
  }
  // A failed kubeadm phase in one boot-log line and "lookup ... on ...:53" in the next: the deeper cause explains
  // the stage that failed, so it wins when it is named nearly as surely.
  const deeper = isWrapper(top.category)
    ? ranked.find((c) => !isWrapper(c.category) && c.score >= (c.known ? 0.5 : 0.6) * top.score)
    : undefined;
  const best = deeper ?? top;
  const rival = ranked.find((c) => c.category !== best.category && c.score >= 0.75 * best.score);
  return { symptom, category: best.category, candidate: best, rival, evidence };
}

/** The infrastructure provider of a cluster, from its infrastructure cluster's kind. */
function clusterProvider(context: DetectorContext, cluster: string): string | undefined {
  const [namespace = '', name = ''] = cluster.split('/');
  const object = context.graph.index.lookup('m', 'Cluster', namespace, name, 'cluster.x-k8s.io');
  const infra = object ? context.graph.children(object.id, 'infrastructure')[0] : undefined;
  return infra ? providerOf(infra.kind) : undefined;
}
