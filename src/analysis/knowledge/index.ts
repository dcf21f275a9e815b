import type { KnowledgeEntry } from './entry.ts';

/** Every knowledge entry Causeway knows, provider packs first. */
export const ALL_ENTRIES: readonly KnowledgeEntry[] = [];
