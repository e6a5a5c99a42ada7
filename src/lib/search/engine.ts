// What a search engine does for the data layer (src/lib/data/search.ts). The query is parsed by
// pure code (parse-query.ts) and ranked near matches are scored by pure code (near-match.ts); an
// engine only stores tokens and answers these questions with its own query language. The SQLite
// engine (sqlite-fts5/) is the one in use; a PostgreSQL engine (tsvector over the same tokens)
// would implement the same interface. How each step works is written down in docs/decisions.md.
import type { EntityKind } from "./entities";
import type { NearPlan } from "./near-match";
import type { ParsedQuery, ResolvedQuery } from "./parse-query";

export type SearchKind = "speech" | "note" | "quote";

export interface SearchFilters {
  speaker?: string;
  episode?: string;
  chapter?: number;
  topic?: string;
  kind?: SearchKind;
}

export interface EngineHit {
  /** The engine's own id of the document (stable within one database). */
  docId: number;
  kind: SearchKind;
  episodeSlug: string;
  chapterNumber: number;
  turnId: string;
  quoteId: string | null;
  speakerId: string | null;
  /** The document's text (a turn's or a curated quote's). */
  text: string;
}

export interface Facets {
  speaker: Record<string, number>;
  chapter: Record<string, number>;
  topic: Record<string, number>;
}

export interface EntityHit {
  kind: EntityKind;
  id: string;
  name: string;
  url: string;
  count: number;
  role: string | null;
  /** A chapter's episode title. */
  context: string | null;
  /** How well the query names it (entities.ts: entityKeyScore; 0.5 for words of a title). */
  score: number;
}

export interface SearchEngine {
  /** Looks up what the query needs from the vocabulary: a prefix's words, compounds' halves. */
  resolve(parsed: ParsedQuery): Promise<ResolvedQuery>;
  /**
   * Exact hits, ranked, one page of them, with the total (exact up to the engine's count limit) and,
   * when asked, counts per speaker, chapter and topic, each with every filter but its own.
   */
  search(
    query: ResolvedQuery,
    filters: SearchFilters,
    page: { limit: number; offset: number },
    options: { facets: boolean },
  ): Promise<{ total: number; exact: boolean; hits: EngineHit[]; facets: Facets | null; facetsExact: boolean }>;
  /** Documents that may hold `plan.need` of the plan's tokens (the caller scores them), best levels first. */
  nearCandidates(plan: NearPlan, filters: SearchFilters, options: { limit: number; exclude: readonly number[] }): Promise<EngineHit[]>;
  /** Whether a compact key (entities.ts: compactKey) is the whole name or an alias of some entity. */
  namesEntity(compact: string): Promise<boolean>;
  /** Entities the query names, best first. */
  entities(query: ResolvedQuery, compact: string, limit: number): Promise<EntityHit[]>;
}
