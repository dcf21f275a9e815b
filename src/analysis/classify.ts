import type { Evidence } from './evidence.ts';
import { GENERIC_RULES } from './generic-rules.ts';
import type { KnowledgeEntry } from './knowledge/entry.ts';
import type { RootCauseCategory } from '../model/incident.ts';

/** A cause the evidence points at, with the evidence that says so. */
export interface CauseCandidate {
  readonly category: RootCauseCategory;
  readonly entry: KnowledgeEntry;
  readonly score: number;
  /** The strongest evidence for it first. */
  readonly evidence: readonly Evidence[];
  /** Whether a provider or layer entry matched, rather than only the generic wording rules. */
  readonly known: boolean;
}

/** Categories that describe a stage failing, which a more specific cause in the same text explains. */
const WRAPPERS: ReadonlySet<RootCauseCategory> = new Set(['bootstrap-failure', 'unknown']);

function isGeneric(entry: KnowledgeEntry): boolean {
  return entry.id.startsWith('generic-');
}

/** Matches one text against the knowledge entries, then the generic rules; the best entry per category. */
export function matchText(text: string, entries: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  const matched = new Map<RootCauseCategory, KnowledgeEntry>();
  const consider = (entry: KnowledgeEntry): void => {
    if (!entry.patterns.some((p) => p.test(text))) return;
    const previous = matched.get(entry.category);
    if (!previous || entry.specificity > previous.specificity) matched.set(entry.category, entry);
  };
  for (const entry of entries) consider(entry);
  for (const rule of GENERIC_RULES) if (!matched.has(rule.category)) consider(rule);
  let found = [...matched.values()];
  // "error execution phase preflight: ... no route to host" is a network problem that broke bootstrap: a stage failing
  // gives way to a cause another entry names, or one the wording names more surely than the stage entry does.
  const wrapper = found.find((e) => WRAPPERS.has(e.category));
  const deeper = found.filter(
    (e) => !WRAPPERS.has(e.category) && (!isGeneric(e) || e.specificity >= (wrapper?.specificity ?? 0)),
  );
  if (wrapper && deeper.length > 0) found = found.filter((e) => !WRAPPERS.has(e.category));
  return found.sort((a, b) => b.specificity - a.specificity || Number(isGeneric(a)) - Number(isGeneric(b)));
}

/** Ranks the causes a set of evidence points at: each evidence votes for what its text matches. */
export function rankCauses(
  evidence: readonly Evidence[],
  entries: readonly KnowledgeEntry[],
): CauseCandidate[] {
  const byKey = new Map<string, { entry: KnowledgeEntry; score: number; evidence: Evidence[] }>();
  for (const item of evidence) {
    const matches = matchText(item.message, entries);
    matches.forEach((entry, rank) => {
      // A second category matched by the same text counts for less than the first.
      const score = entry.specificity * item.weight * (rank === 0 ? 1 : 0.5);
      const key = entry.id;
      const slot = byKey.get(key);
      if (slot) {
        slot.score = Math.max(slot.score, score) + 0.05 * Math.min(slot.score, score);
        slot.evidence.push(item);
      } else byKey.set(key, { entry, score, evidence: [item] });
    });
  }
  return [...byKey.values()]
    .map(({ entry, score, evidence: found }) => ({
      category: entry.category,
      entry,
      score: Math.min(score, 1),
      evidence: found.sort((a, b) => b.weight - a.weight || signalRank(a) - signalRank(b)),
      known: !isGeneric(entry),
    }))
    .sort(
      (a, b) =>
        b.score - a.score || Number(b.known) - Number(a.known) || a.entry.id.localeCompare(b.entry.id),
    );
}

function signalRank(evidence: Evidence): number {
  return ['condition', 'event', 'log', 'phase', 'metric', 'relation', 'absence'].indexOf(evidence.signal);
}
