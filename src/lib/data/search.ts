// Server-only search: FTS5 candidates by the application's tokenizer (src/lib/search), filters as
// FTS5 tokens, facet counts in SQL, BM25 ranking with boosts, highlights on the original text.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "../db";
import { highlightRanges, makeSnippet, type Range } from "../search/highlight";
import { MAX_PREFIX_EXPANSION, parseQuery, type ParsedQuery } from "../search/parse-query";
import { filterToken } from "../search/search-index";
import type { SearchKind, SearchRequest } from "../search/search-params";
import { turnPermalink } from "../urls";

/**
 * A query that matches more documents than this is "broad" (的, 一个, 模型 …). BM25 cannot rank
 * it cheaply: FTS5 computes a term's IDF by reading every document that holds it (1,000,000 for
 * 的), and the IDF of so common a term says nothing anyway. A broad query is therefore ranked
 * top-k over a bounded window: its first BROAD_MATCHES matches in library order, quotes and
 * chapter-title matches first, then by position. Its cost no longer grows with the library.
 */
export const BROAD_MATCHES = 2_000;
/** More chapter titles than this matching a query (as for 的) boost nothing. */
export const MAX_BOOSTED_CHAPTERS = 200;

/**
 * Counting and faceting every match of a broad query costs time in proportion to the library.
 * Totals and facet counts are exact up to COUNT_LIMIT matches (pagination stops at offset
 * 10,000 anyway); beyond that the result says `exact: false` and counts the first COUNT_LIMIT
 * matches in library order.
 */
export const COUNT_LIMIT = 10_000;

/** Ranking boosts, multiplied into BM25 (which is negative: larger magnitude = better). */
export const QUOTE_BOOST = 1.5;
export const CHAPTER_TITLE_BOOST = 1.3;

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
}

export interface SearchResultDTO {
  query: string;
  total: number;
  /** False when total counts only the first COUNT_LIMIT matches (a very broad query). */
  exact: boolean;
  /** False when facets count only the first COUNT_LIMIT matches. */
  facetsExact: boolean;
  hits: SearchHitDTO[];
  facets: { speaker: Record<string, number>; chapter: Record<string, number>; topic: Record<string, number> };
}

type Dimension = "speaker" | "chapter" | "topic";

/**
 * The query's MATCH expression with its filters: each filter is one token of the `filters`
 * column (see search-index.ts), so FTS5 intersects it with the query's postings instead of
 * looking up every candidate's row. `without` leaves one dimension out (for its facet counts).
 */
function matchWithFilters(match: string, request: SearchRequest, without?: Dimension): string {
  const tokens: string[] = [];
  if (request.episode) tokens.push(filterToken("episode", request.episode));
  if (request.kind) tokens.push(filterToken("kind", request.kind));
  if (request.speaker && without !== "speaker") tokens.push(filterToken("speaker", request.speaker));
  if (request.chapter !== undefined && without !== "chapter") tokens.push(filterToken("chapter", request.chapter));
  if (request.topic && without !== "topic") tokens.push(filterToken("topic", request.topic));
  return tokens.length ? `(${match}) AND ${tokens.map((t) => `filters:"${t}"`).join(" AND ")}` : match;
}

const toCounts = (rows: Array<{ key: string | number | bigint | null; n: bigint | number }>) =>
  Object.fromEntries(rows.filter((r) => r.key !== null).map((r) => [String(r.key), Number(r.n)]));

/**
 * Results are cached per database file: the database is read-only between ingests, and a new
 * ingest is a new file (and a new client), so a cached result can never be stale. Bounded LRU of
 * SEARCH_CACHE_ENTRIES results (default 500; 0 turns the cache off, as bench:load does to compare).
 */
const CACHE_ENTRIES = cacheEntries(process.env.SEARCH_CACHE_ENTRIES);

function cacheEntries(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 500;
  const entries = Number(setting);
  if (!Number.isInteger(entries) || entries < 0) throw new Error(`SEARCH_CACHE_ENTRIES must be a whole number ≥ 0, not "${setting}"`);
  return entries;
}
const resultCaches = new WeakMap<object, Map<string, SearchResultDTO>>();

export async function searchTurns(request: SearchRequest, options: { facets?: boolean; cache?: boolean } = {}): Promise<SearchResultDTO> {
  const db = await getDb();
  if (options.cache === false || CACHE_ENTRIES === 0) return runSearch(db, request, options);
  let cache = resultCaches.get(db);
  if (!cache) resultCaches.set(db, (cache = new Map()));
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
  ]);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached); // most recently used last
    return cached;
  }
  const result = await runSearch(db, request, options);
  cache.set(key, result);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return result;
}

async function runSearch(
  db: Awaited<ReturnType<typeof getDb>>,
  request: SearchRequest,
  options: { facets?: boolean },
): Promise<SearchResultDTO> {
  const parsed = await parseWithPrefixExpansion(db, request.q);
  const empty: SearchResultDTO = {
    query: request.q,
    total: 0,
    exact: true,
    facetsExact: true,
    hits: [],
    facets: { speaker: {}, chapter: {}, topic: {} },
  };
  if (!parsed.match) return empty;
  const from = Prisma.sql`FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid`;
  const filtered = matchWithFilters(parsed.match, request);
  const where = Prisma.sql`WHERE search_fts MATCH ${filtered}`;

  // Chapters whose title matches boost their turns, unless so many match that it means nothing.
  const boostedChapters = await db.$queryRaw<Array<{ key: string }>>`
    SELECT episodeSlug || ':' || chapterNumber AS key FROM search_chapter_fts WHERE search_chapter_fts MATCH ${parsed.anyTerm}
    LIMIT ${MAX_BOOSTED_CHAPTERS + 1}`;
  const chapterKeys = JSON.stringify(boostedChapters.length > MAX_BOOSTED_CHAPTERS ? [] : boostedChapters.map((c) => c.key));

  // Is the query broad? Count its matches, but never more than BROAD_MATCHES + 1 of them (FTS5
  // does not store how many documents hold a token: asking costs as much as reading them all).
  // Broadness is a property of the query's words, whatever the filters.
  const [probe] = await db.$queryRaw<Array<{ n: bigint }>>`
    SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${parsed.match} LIMIT ${BROAD_MATCHES + 1})`;
  const broad = Number(probe?.n ?? 0) > BROAD_MATCHES;

  const boost = Prisma.sql`(CASE d.kind WHEN 'quote' THEN ${QUOTE_BOOST} ELSE 1.0 END)
    * (CASE WHEN (d.episodeSlug || ':' || d.chapterNumber) IN (SELECT value FROM json_each(${chapterKeys})) THEN ${CHAPTER_TITLE_BOOST} ELSE 1.0 END)`;
  type HitRow = {
    kind: SearchKind;
    episodeSlug: string;
    chapterNumber: number;
    turnId: string;
    quoteId: string | null;
    speakerId: string | null;
    turnPk: number;
  };
  const hitsQuery = broad
    ? db.$queryRaw<HitRow[]>`
        SELECT kind, episodeSlug, chapterNumber, turnId, quoteId, speakerId, turnPk FROM (
          SELECT d.kind, d.episodeSlug, d.chapterNumber, d.turnId, d.quoteId, d.speakerId, d.turnPk, d.episodeRank, d.position, d.rowid AS docId,
            ${boost} AS score
          ${from} ${where}
          LIMIT ${BROAD_MATCHES}
        ) ORDER BY score DESC, episodeRank, position, docId
        LIMIT ${request.limit} OFFSET ${request.offset}`
    : // BM25 over the query's words alone: with a filter token in the MATCH, FTS5 would compute
      // that token's IDF too, by reading its whole posting list (a fifth of a library for a
      // speaker). At most BROAD_MATCHES documents are scored; the filters then keep their share.
      db.$queryRaw<HitRow[]>`
        SELECT d.kind, d.episodeSlug, d.chapterNumber, d.turnId, d.quoteId, d.speakerId, d.turnPk,
          bm25(search_fts) * ${boost} AS score
        ${from} WHERE search_fts MATCH ${parsed.match}${
          filtered === parsed.match
            ? Prisma.empty
            : Prisma.sql` AND d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${filtered})`
        }
        ORDER BY score, d.episodeRank, d.position, d.rowid
        LIMIT ${request.limit} OFFSET ${request.offset}`;
  const countQuery = broad
    ? db.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts ${where} LIMIT ${COUNT_LIMIT + 1})`
    : db.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM search_fts ${where}`;
  const [hits, [count]] = await Promise.all([hitsQuery, countQuery]);
  const counted = Number(count?.n ?? 0);
  const exact = counted <= COUNT_LIMIT;

  const facets =
    options.facets === false
      ? empty.facets
      : await searchFacets(db, from, parsed.match, request, counted > COUNT_LIMIT ? COUNT_LIMIT : null);

  const turnTexts = await db.turn.findMany({ where: { id: { in: hits.map((h) => Number(h.turnPk)) } }, select: { id: true, text: true } });
  const quoteIds = hits.flatMap((h) => (h.quoteId ? [h.quoteId] : []));
  const quoteTexts = quoteIds.length ? await db.quote.findMany({ where: { id: { in: quoteIds } }, select: { id: true, text: true } }) : [];
  const textOf = new Map<string, string>([
    ...turnTexts.map((t) => [`t${t.id}`, t.text] as const),
    ...quoteTexts.map((q) => [`q${q.id}`, q.text] as const),
  ]);

  return {
    query: request.q,
    total: exact ? counted : COUNT_LIMIT,
    exact,
    facetsExact: counted <= COUNT_LIMIT,
    facets,
    hits: hits.map((hit) => {
      const text = textOf.get(hit.quoteId ? `q${hit.quoteId}` : `t${Number(hit.turnPk)}`) ?? "";
      const snippet = makeSnippet(text, highlightRanges(text, parsed.terms));
      return {
        turnId: hit.turnId,
        episode: hit.episodeSlug,
        chapter: Number(hit.chapterNumber),
        speakerId: hit.speakerId,
        kind: hit.kind,
        quoteId: hit.quoteId,
        snippet: snippet.text,
        highlights: snippet.highlights,
        url: turnPermalink(hit.episodeSlug, hit.turnId),
      };
    }),
  };
}

/**
 * Parses the query; when its last word matches as a prefix, looks up the indexed words it is a
 * prefix of (search_word, a B-tree range) so the MATCH names them instead of using `*`.
 */
async function parseWithPrefixExpansion(db: Awaited<ReturnType<typeof getDb>>, q: string): Promise<ParsedQuery> {
  const parsed = parseQuery(q);
  if (!parsed.prefixWord) return parsed;
  const words = await db.$queryRaw<Array<{ term: string }>>`
    SELECT term FROM search_word WHERE term >= ${parsed.prefixWord} AND term < ${parsed.prefixWord + "\u{10FFFF}"}
    ORDER BY term LIMIT ${MAX_PREFIX_EXPANSION + 1}`;
  return parseQuery(q, { prefixExpansion: words.map((w) => w.term) });
}

/**
 * Facet counts: each dimension counted with every filter except its own. With a `window`, only
 * the first `window` matches (library order) of each are counted: the query is too broad to count.
 */
async function searchFacets(
  db: Awaited<ReturnType<typeof getDb>>,
  from: Prisma.Sql,
  match: string,
  request: SearchRequest,
  window: number | null,
): Promise<SearchResultDTO["facets"]> {
  const limit = window === null ? Prisma.empty : Prisma.sql` LIMIT ${window}`;
  const matched = (without: Dimension) =>
    Prisma.sql`(SELECT d.rowid AS docId, d.kind, d.speakerId, d.chapterNumber, d.turnPk, d.quoteId ${from}
      WHERE search_fts MATCH ${matchWithFilters(match, request, without)}${limit})`;
  const [speaker, chapter, topic] = await Promise.all([
    db.$queryRaw<
      Array<{ key: string | null; n: bigint }>
    >`SELECT speakerId AS key, COUNT(*) AS n FROM ${matched("speaker")} GROUP BY speakerId`,
    db.$queryRaw<
      Array<{ key: number; n: bigint }>
    >`SELECT chapterNumber AS key, COUNT(*) AS n FROM ${matched("chapter")} GROUP BY chapterNumber`,
    db.$queryRaw<Array<{ key: string; n: bigint }>>`
      SELECT key, SUM(n) AS n FROM (
        SELECT tt.topicId AS key, COUNT(*) AS n FROM ${matched("topic")} m JOIN TurnTopic tt ON tt.turnPk = m.turnPk
          WHERE m.kind != 'quote' GROUP BY tt.topicId
        UNION ALL
        SELECT qt.topicId AS key, COUNT(*) AS n FROM ${matched("topic")} m JOIN QuoteTopic qt ON qt.quoteId = m.quoteId
          WHERE m.kind = 'quote' GROUP BY qt.topicId
      ) GROUP BY key`,
  ]);
  return { speaker: toCounts(speaker), chapter: toCounts(chapter), topic: toCounts(topic) };
}
