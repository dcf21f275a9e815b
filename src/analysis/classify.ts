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
const WRAPPERS: ReadonlySet<RootCauseCategory> = new Set([
  'bootstrap-failure',
  'workload-cluster-unreachable',
  'unknown',
]);

/** Whether a category names a stage or a loss of contact rather than a cause: a deeper cause found beside it wins. */
export function isWrapper(category: RootCauseCategory): boolean {
  return WRAPPERS.has(category);
}

function isGeneric(entry: KnowledgeEntry): boolean {
  return entry.id.startsWith('generic-');
}

/** Matches one text against the knowledge entries, then the generic rules; the best entry per category. */
export function matchText(text: string, entries: readonly KnowledgeEntry[]): KnowledgeEntry[] {
  const matched = new Map<RootCauseCategory, { entry: KnowledgeEntry; at: number }>();
  const consider = (entry: KnowledgeEntry): void => {
    const at = matchIndex(entry, text);
    if (at < 0) return;
    const previous = matched.get(entry.category);
    if (!previous || entry.specificity > previous.entry.specificity)
      matched.set(entry.category, { entry, at });
  };
  for (const entry of entries) consider(entry);
  for (const rule of GENERIC_RULES) if (!matched.has(rule.category)) consider(rule);
  let found = [...matched.values()];
  // "error execution phase preflight: ... dial tcp: lookup registry.k8s.io on [::1]:53: ..." is a DNS problem that broke
  // bootstrap. A stage failing gives way to a cause that another entry names, that the wording names at least as
  // surely, or that sits further into the error chain (Go wraps errors left to right, the innermost last).
  const wrapper = found.find((m) => WRAPPERS.has(m.entry.category));
  if (wrapper) {
    const deeper = found.filter(
      (m) =>
        !WRAPPERS.has(m.entry.category) &&
        (!isGeneric(m.entry) || m.entry.specificity >= wrapper.entry.specificity || m.at > wrapper.at),
    );
    if (deeper.length > 0) found = found.filter((m) => !WRAPPERS.has(m.entry.category));
  }
  return found
    .map((m) => m.entry)
    .sort((a, b) => b.specificity - a.specificity || Number(isGeneric(a)) - Number(isGeneric(b)));
}

/** Where in the text an entry first matches, or -1. */
function matchIndex(entry: KnowledgeEntry, text: string): number {
  let first = -1;
  for (const pattern of entry.patterns) {
    const found = pattern.exec(text);
    if (found && (first < 0 || found.index < first)) first = found.index;
  }
  return first;
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
