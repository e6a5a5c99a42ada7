// Server-only search: parses the query (pure, src/lib/search/parse-query.ts), asks the engine
// (src/lib/search/engine.ts; SQLite FTS5 here) for exact hits, facets, near-match candidates and
// entities, and builds the DTOs: snippets with highlights on the original text, near matches
// scored by pure code (near-match.ts) after the exact ones.
import "server-only";
import { databaseKind, dataVersion, getDb, postgresPoolOf } from "../db";
import { compactKey } from "../search/entities";
import type { EntityKind } from "../search/entities";
import type { EngineHit, Facets, SearchEngine, SearchFilters } from "../search/engine";
import { highlightRanges, makeSnippet, type Range } from "../search/highlight";
import { compareNear, MAX_NEAR_HITS, NEAR_THRESHOLD, nearPlan, scoreNear, type NearScore } from "../search/near-match";
import { parseQuery, withoutPrefix } from "../search/parse-query";
import type { SearchKind, SearchRequest } from "../search/search-params";
import { PostgresTsvectorEngine } from "../search/postgres-tsvector/engine";
import { SqliteFts5Engine } from "../search/sqlite-fts5/engine";
import { turnPermalink } from "../urls";

export { COUNT_LIMIT, FACET_WINDOW } from "../search/sqlite-fts5/engine";

/** Entities shown before the hits. */
export const MAX_ENTITIES = 5;
/** Documents scored for near matches (found by the engine, most complete groups of tokens first). */
export const NEAR_CANDIDATES = 60;

export interface SearchHitDTO {
  turnId: string;
  episode: string;
  chapter: number;
  speakerId: string | null;
  kind: SearchKind;
  quoteId: string | null;
  snippet: string;
  highlights: Range[];
  url: string;
  /** "exact": the query as written (up to folding); "near": most of its words close together. */
  match: "exact" | "near";
}

export interface SearchEntityDTO {
  kind: EntityKind;
  id: string;
  name: string;
  url: string;
  /** Turns (a person's spoken turns, a topic's tagged turns, an episode's or chapter's turns); a show's episodes. */
  count: number;
  /** A person's commonest role. */
  role: string | null;
  /** A chapter's episode title. */
  context: string | null;
}

export interface SearchResultDTO {
  query: string;
  /** Exact matches (near matches are not counted). */
  total: number;
  /** False when total counts only the first COUNT_LIMIT matches (a very broad query). */
  exact: boolean;
  /** False when facets count only the first FACET_WINDOW matches. */
  facetsExact: boolean;
  /** Exact hits of this page, then (first page, fewer than NEAR_THRESHOLD exact hits) near ones. */
  hits: SearchHitDTO[];
  facets: Facets;
  /** People, topics, shows, episodes and chapters the query names, best first. */
  entities: SearchEntityDTO[];
}

/**
 * Results are cached per database client and data version (db.ts dataVersion(): it changes with
 * every ingest, full or incremental, SQLite or PostgreSQL), so a cached result is never stale, and
 * app servers sharing one PostgreSQL each see an ingest on their next search. Bounded LRU of
 * SEARCH_CACHE_ENTRIES results (default 500; 0 turns the cache off, as bench:load does to compare).
 */
const CACHE_ENTRIES = cacheEntries(process.env.SEARCH_CACHE_ENTRIES);

function cacheEntries(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 500;
  const entries = Number(setting);
  if (!Number.isInteger(entries) || entries < 0) throw new Error(`SEARCH_CACHE_ENTRIES must be a whole number ≥ 0, not "${setting}"`);
  return entries;
}
const resultCaches = new WeakMap<object, { version: string; results: Map<string, SearchResultDTO> }>();
const engines = new WeakMap<object, SearchEngine>();

export interface SearchOptions {
  /** Facet counts (default true; the as-you-type suggestions leave them out). */
  facets?: boolean;
  /** Near matches after fewer than NEAR_THRESHOLD exact hits (default true). */
  near?: boolean;
  /** Entities the query names (default true). */
  entities?: boolean;
  cache?: boolean;
}

export async function searchTurns(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResultDTO> {
  const db = await getDb();
  let engine = engines.get(db);
  if (!engine) {
    engine = databaseKind(db) === "postgres" ? new PostgresTsvectorEngine(postgresPoolOf(db)) : new SqliteFts5Engine(db);
    engines.set(db, engine);
  }
  if (options.cache === false || CACHE_ENTRIES === 0) return runSearch(engine, request, options);
  const version = await dataVersion(db);
  let entry = resultCaches.get(db);
  if (!entry || entry.version !== version) resultCaches.set(db, (entry = { version, results: new Map() }));
  const cache = entry.results;
  const key = JSON.stringify([
    request.q,
    request.speaker,
    request.episode,
    request.chapter,
    request.topic,
    request.kind,
    request.limit,
    request.offset,
    options.facets !== false,
    options.near !== false,
    options.entities !== false,
  ]);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached); // most recently used last
    return cached;
  }
  const result = await runSearch(engine, request, options);
  cache.set(key, result);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return result;
}

const hitDTO = (hit: EngineHit, snippet: { text: string; highlights: Range[] }, match: "exact" | "near"): SearchHitDTO => ({
  turnId: hit.turnId,
  episode: hit.episodeSlug,
  chapter: hit.chapterNumber,
  speakerId: hit.speakerId,
  kind: hit.kind,
  quoteId: hit.quoteId,
  snippet: snippet.text,
  highlights: snippet.highlights,
  url: turnPermalink(hit.episodeSlug, hit.turnId),
  match,
});

async function runSearch(engine: SearchEngine, request: SearchRequest, options: SearchOptions): Promise<SearchResultDTO> {
  const empty: SearchResultDTO = {
    query: request.q,
    total: 0,
    exact: true,
    facetsExact: true,
    hits: [],
    facets: { speaker: {}, chapter: {}, topic: {} },
    entities: [],
  };
  const compact = compactKey(request.q);
  let parsed = parseQuery(request.q);
  if (!parsed.searchable) return empty;
  // A query that is the whole name of an entity (`yiwen li`) has no prefix (parse-query.ts: withoutPrefix).
  if (parsed.prefixWord !== null && (await engine.namesEntity(compact))) parsed = withoutPrefix(parsed);
  const query = await engine.resolve(parsed);
  const filters: SearchFilters = {
    speaker: request.speaker,
    episode: request.episode,
    chapter: request.chapter,
    topic: request.topic,
    kind: request.kind,
  };
  // The engine is synchronous SQLite underneath: one after the other.
  const exact = await engine.search(query, filters, { limit: request.limit, offset: request.offset }, { facets: options.facets !== false });
  const entities = options.entities === false || request.offset > 0 ? [] : await engine.entities(query, compact, MAX_ENTITIES);
  const hits = exact.hits.map((hit) => hitDTO(hit, makeSnippet(hit.text, highlightRanges(hit.text, query)), "exact"));

  // Near matches: on the first page, after fewer than a handful of exact hits, filling the page.
  const room = Math.min(MAX_NEAR_HITS, request.limit - hits.length);
  const plan = nearPlan(parsed);
  if (options.near !== false && request.offset === 0 && exact.total < NEAR_THRESHOLD && room > 0 && plan) {
    // Every exact hit stays out of the near ones (a small page may not show them all).
    const allExact =
      exact.total > exact.hits.length
        ? (await engine.search(query, filters, { limit: NEAR_THRESHOLD, offset: 0 }, { facets: false })).hits
        : exact.hits;
    const candidates = await engine.nearCandidates(plan, filters, { limit: NEAR_CANDIDATES, exclude: allExact.map((h) => h.docId) });
    const scored = candidates
      .map((hit, order) => ({ hit, order, score: scoreNear(hit.text, plan) }))
      .filter((c): c is { hit: EngineHit; order: number; score: NearScore } => c.score !== null)
      .sort((a, b) => compareNear(a.score, b.score) || a.order - b.order)
      .slice(0, room);
    for (const { hit, score } of scored) hits.push(hitDTO(hit, makeSnippet(hit.text, score.highlights), "near"));
  }

  return {
    query: request.q,
    total: exact.total,
    exact: exact.exact,
    facetsExact: exact.facetsExact,
    hits,
    facets: exact.facets ?? empty.facets,
    entities: entities.map(({ kind, id, name, url, count, role, context }) => ({ kind, id, name, url, count, role, context })),
  };
}
