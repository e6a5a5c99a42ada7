// The SQLite FTS5 search engine: a resolved query becomes an FTS5 MATCH expression (fts5-match.ts)
// over the tables search-index.ts builds; filters are FTS5 tokens; facet counts, near-match
// candidates and entity lookups are SQL over the same index. Queries go through the app's one
// Prisma client.
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { entityKeyScore, KIND_ORDER, type EntityKind } from "../entities";
import type { EngineHit, EntityHit, Facets, SearchEngine, SearchFilters, SearchKind } from "../engine";
import { nearLevels, type NearPlan, type NearToken } from "../near-match";
import {
  compoundHalves,
  MAX_PREFIX_EXPANSION,
  resolveQuery,
  splitsFromVocabulary,
  type ParsedQuery,
  type ResolvedQuery,
} from "../parse-query";
import { cjkExpression, fts5Match, quote } from "./fts5-match";
import { filterToken } from "./search-index";

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

type Dimension = "speaker" | "chapter" | "topic";

/**
 * The query's MATCH expression with its filters: each filter is one token of the `filters`
 * column (see search-index.ts), so FTS5 intersects it with the query's postings instead of
 * looking up every candidate's row. `without` leaves one dimension out (for its facet counts).
 */
function matchWithFilters(match: string, filters: SearchFilters, without?: Dimension): string {
  const tokens: string[] = [];
  if (filters.episode) tokens.push(filterToken("episode", filters.episode));
  if (filters.kind) tokens.push(filterToken("kind", filters.kind));
  if (filters.speaker && without !== "speaker") tokens.push(filterToken("speaker", filters.speaker));
  if (filters.chapter !== undefined && without !== "chapter") tokens.push(filterToken("chapter", filters.chapter));
  if (filters.topic && without !== "topic") tokens.push(filterToken("topic", filters.topic));
  return tokens.length ? `(${match}) AND ${tokens.map((t) => `filters:"${t}"`).join(" AND ")}` : match;
}

const toCounts = (rows: Array<{ key: string | number | bigint | null; n: bigint | number }>) =>
  Object.fromEntries(rows.filter((r) => r.key !== null).map((r) => [String(r.key), Number(r.n)]));

type DocRow = {
  docId: number | bigint;
  kind: SearchKind;
  episodeSlug: string;
  chapterNumber: number | bigint;
  turnId: string;
  quoteId: string | null;
  speakerId: string | null;
  turnPk: number | bigint;
};

const FROM = Prisma.sql`FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid`;
const DOC_COLUMNS = Prisma.sql`d.rowid AS docId, d.kind, d.episodeSlug, d.chapterNumber, d.turnId, d.quoteId, d.speakerId, d.turnPk`;

const tokenExpression = (token: NearToken) => (token.kind === "word" ? `words:${quote([token.text])}` : cjkExpression(token.text));

export class SqliteFts5Engine implements SearchEngine {
  constructor(private readonly db: PrismaClient) {}

  async resolve(parsed: ParsedQuery): Promise<ResolvedQuery> {
    const [prefixStems, splits] = await Promise.all([this.prefixStems(parsed.prefixWord), this.splits(parsed.compounds)]);
    return resolveQuery(parsed, { prefixStems, splits });
  }

  /**
   * The stems of the indexed words a prefix starts (search_word, a B-tree range), so the MATCH
   * names them instead of using `*`: FTS5 reads an OR lazily, a `*` query merges every word's postings.
   */
  private async prefixStems(prefix: string | null): Promise<string[] | null | undefined> {
    if (!prefix) return undefined;
    const words = await this.db.$queryRaw<Array<{ stem: string }>>`
      SELECT stem FROM search_word WHERE term >= ${prefix} AND term < ${prefix + "\u{10FFFF}"}
      ORDER BY term LIMIT ${MAX_PREFIX_EXPANSION + 1}`;
    return words.length > MAX_PREFIX_EXPANSION ? null : [...new Set(words.map((w) => w.stem))];
  }

  /** Compound words split into two indexed words (incontext -> in context). */
  private async splits(compounds: readonly string[]) {
    const splits = new Map<string, ReturnType<typeof splitsFromVocabulary>>();
    const halves = [...new Set(compounds.flatMap(compoundHalves))];
    if (halves.length === 0) return splits;
    const found = await this.db.$queryRaw<Array<{ term: string }>>`
      SELECT term FROM search_word WHERE term IN (SELECT value FROM json_each(${JSON.stringify(halves)}))`;
    const known = new Set(found.map((f) => f.term));
    for (const word of compounds) {
      const pieces = splitsFromVocabulary(word, (s) => known.has(s));
      if (pieces.length > 0) splits.set(word, pieces);
    }
    return splits;
  }

  async exact(query: ResolvedQuery, filters: SearchFilters, page: { limit: number; offset: number }) {
    const { match, anyTerm } = fts5Match(query);
    if (!match) return { total: 0, exact: true, hits: [] };
    const filtered = matchWithFilters(match, filters);
    const where = Prisma.sql`WHERE search_fts MATCH ${filtered}`;

    // Chapters whose title matches boost their turns, unless so many match that it means nothing.
    const boostedChapters = await this.db.$queryRaw<Array<{ key: string }>>`
      SELECT episodeSlug || ':' || chapterNumber AS key FROM search_chapter_fts WHERE search_chapter_fts MATCH ${anyTerm}
      LIMIT ${MAX_BOOSTED_CHAPTERS + 1}`;
    const chapterKeys = JSON.stringify(boostedChapters.length > MAX_BOOSTED_CHAPTERS ? [] : boostedChapters.map((c) => c.key));

    // Is the query broad? Count its matches, but never more than BROAD_MATCHES + 1 of them (FTS5
    // does not store how many documents hold a token: asking costs as much as reading them all).
    // Broadness is a property of the query's words, whatever the filters.
    const [probe] = await this.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${match} LIMIT ${BROAD_MATCHES + 1})`;
    const broad = Number(probe?.n ?? 0) > BROAD_MATCHES;

    const boost = Prisma.sql`(CASE d.kind WHEN 'quote' THEN ${QUOTE_BOOST} ELSE 1.0 END)
      * (CASE WHEN (d.episodeSlug || ':' || d.chapterNumber) IN (SELECT value FROM json_each(${chapterKeys})) THEN ${CHAPTER_TITLE_BOOST} ELSE 1.0 END)`;
    const hitsQuery = broad
      ? this.db.$queryRaw<DocRow[]>`
          SELECT docId, kind, episodeSlug, chapterNumber, turnId, quoteId, speakerId, turnPk FROM (
            SELECT ${DOC_COLUMNS}, d.episodeRank, d.position, ${boost} AS score
            ${FROM} ${where}
            LIMIT ${BROAD_MATCHES}
          ) ORDER BY score DESC, episodeRank, position, docId
          LIMIT ${page.limit} OFFSET ${page.offset}`
      : // BM25 over the query's words alone: with a filter token in the MATCH, FTS5 would compute
        // that token's IDF too, by reading its whole posting list (a fifth of a library for a
        // speaker). At most BROAD_MATCHES documents are scored; the filters then keep their share.
        this.db.$queryRaw<DocRow[]>`
          SELECT ${DOC_COLUMNS}, bm25(search_fts) * ${boost} AS score
          ${FROM} WHERE search_fts MATCH ${match}${
            filtered === match
              ? Prisma.empty
              : Prisma.sql` AND d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${filtered})`
          }
          ORDER BY score, d.episodeRank, d.position, d.rowid
          LIMIT ${page.limit} OFFSET ${page.offset}`;
    const countQuery = broad
      ? this.db.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts ${where} LIMIT ${COUNT_LIMIT + 1})`
      : this.db.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM search_fts ${where}`;
    const [rows, [count]] = await Promise.all([hitsQuery, countQuery]);
    const counted = Number(count?.n ?? 0);
    return { total: Math.min(counted, COUNT_LIMIT), exact: counted <= COUNT_LIMIT, hits: await this.withTexts(rows) };
  }

  /**
   * Facet counts: each dimension counted with every filter except its own. A query with more
   * than COUNT_LIMIT matches has only its first COUNT_LIMIT matches (library order) counted.
   */
  async facets(query: ResolvedQuery, filters: SearchFilters): Promise<{ facets: Facets; exact: boolean }> {
    const { match } = fts5Match(query);
    if (!match) return { facets: { speaker: {}, chapter: {}, topic: {} }, exact: true };
    const [probe] = await this.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${matchWithFilters(match, filters)} LIMIT ${COUNT_LIMIT + 1})`;
    const window = Number(probe?.n ?? 0) > COUNT_LIMIT ? COUNT_LIMIT : null;
    const limit = window === null ? Prisma.empty : Prisma.sql` LIMIT ${window}`;
    const matched = (without: Dimension) =>
      Prisma.sql`(SELECT d.rowid AS docId, d.kind, d.speakerId, d.chapterNumber, d.turnPk, d.quoteId ${FROM}
        WHERE search_fts MATCH ${matchWithFilters(match, filters, without)}${limit})`;
    const [speaker, chapter, topic] = await Promise.all([
      this.db.$queryRaw<
        Array<{ key: string | null; n: bigint }>
      >`SELECT speakerId AS key, COUNT(*) AS n FROM ${matched("speaker")} GROUP BY speakerId`,
      this.db.$queryRaw<
        Array<{ key: number; n: bigint }>
      >`SELECT chapterNumber AS key, COUNT(*) AS n FROM ${matched("chapter")} GROUP BY chapterNumber`,
      this.db.$queryRaw<Array<{ key: string; n: bigint }>>`
        SELECT key, SUM(n) AS n FROM (
          SELECT tt.topicId AS key, COUNT(*) AS n FROM ${matched("topic")} m JOIN TurnTopic tt ON tt.turnPk = m.turnPk
            WHERE m.kind != 'quote' GROUP BY tt.topicId
          UNION ALL
          SELECT qt.topicId AS key, COUNT(*) AS n FROM ${matched("topic")} m JOIN QuoteTopic qt ON qt.quoteId = m.quoteId
            WHERE m.kind = 'quote' GROUP BY qt.topicId
        ) GROUP BY key`,
    ]);
    return { facets: { speaker: toCounts(speaker), chapter: toCounts(chapter), topic: toCounts(topic) }, exact: window === null };
  }

  /**
   * Candidates for near matches: documents holding every token of an AND-group (near-match.ts:
   * nearLevels), from the groups of the most tokens down, until `limit` documents are found.
   * Tokens are first probed (is the token in the library at all, and how common): the groups are
   * made of the rarest present ones.
   */
  async nearCandidates(plan: NearPlan, filters: SearchFilters, options: { limit: number; exclude: readonly number[] }) {
    const counts = await Promise.all(
      plan.tokens.map(async (token) => {
        const [row] = await this.db.$queryRaw<Array<{ n: bigint }>>`
          SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${tokenExpression(token)} LIMIT ${BROAD_MATCHES + 1})`;
        return Number(row?.n ?? 0);
      }),
    );
    const present = plan.tokens
      .map((_, index) => index)
      .filter((index) => counts[index]! > 0)
      .sort((a, b) => counts[a]! - counts[b]! || a - b);
    const found = new Map<number, DocRow>();
    const exclude = JSON.stringify(options.exclude);
    for (const level of nearLevels(plan, present)) {
      const groups = level.map((group) => `(${group.map((i) => tokenExpression(plan.tokens[i]!)).join(" AND ")})`).join(" OR ");
      const rows = await this.db.$queryRaw<DocRow[]>`
        SELECT ${DOC_COLUMNS} ${FROM} WHERE search_fts MATCH ${matchWithFilters(groups, filters)}
          AND d.rowid NOT IN (SELECT value FROM json_each(${exclude}))
        LIMIT ${options.limit}`;
      for (const row of rows) if (found.size < options.limit) found.set(Number(row.docId), row);
      if (found.size >= options.limit) break;
    }
    return this.withTexts([...found.values()]);
  }

  async entities(query: ResolvedQuery, compact: string, limit: number): Promise<EntityHit[]> {
    if (!compact) return [];
    type Row = {
      entity: number | bigint;
      key: string;
      exact: number | bigint;
      kind: EntityKind;
      entityId: string;
      name: string;
      url: string;
      count: number | bigint;
      role: string | null;
      context: string | null;
      keyLength: number | bigint;
    };
    const columns = Prisma.sql`e.rowid AS entity, e.kind, e.entityId, e.name, e.url, e.count, e.role, e.context, e.keyLength`;
    const byKey = await this.db.$queryRaw<Row[]>`
      SELECT k.key, k.exact, ${columns} FROM search_entity_key k JOIN search_entity e ON e.rowid = k.entity
      WHERE k.key >= ${compact} AND k.key < ${compact + "\u{10FFFF}"} ORDER BY k.key LIMIT 200`;
    // Titles (episodes, chapters) that hold every term of a query covering half of them.
    const { match } = fts5Match(query);
    const length = [...compact].length;
    const byTitle =
      match && length >= 2
        ? await this.db.$queryRaw<Row[]>`
            SELECT '' AS key, 0 AS exact, ${columns} FROM search_entity_fts f JOIN search_entity e ON e.rowid = f.rowid
            WHERE search_entity_fts MATCH ${match} AND e.keyLength <= ${length * 2} LIMIT 50`
        : [];
    const best = new Map<number, EntityHit>();
    const consider = (row: Row, score: number) => {
      if (score <= 0) return;
      const id = Number(row.entity);
      const previous = best.get(id);
      if (previous && previous.score >= score) return;
      best.set(id, {
        kind: row.kind,
        id: row.entityId,
        name: row.name,
        url: row.url,
        count: Number(row.count),
        role: row.role,
        context: row.context,
        score,
      });
    };
    for (const row of byKey)
      consider(row, entityKeyScore(compact, { key: row.key, exact: Number(row.exact), kind: row.kind, keyLength: Number(row.keyLength) }));
    for (const row of byTitle) consider(row, 0.5);
    return [...best.values()]
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  /** The texts of hits: a turn's text, or a curated quote's. */
  private async withTexts(rows: DocRow[]): Promise<EngineHit[]> {
    const turnPks = rows.filter((r) => !r.quoteId).map((r) => Number(r.turnPk));
    const quoteIds = rows.flatMap((r) => (r.quoteId ? [r.quoteId] : []));
    const [turnTexts, quoteTexts] = await Promise.all([
      turnPks.length ? this.db.turn.findMany({ where: { id: { in: turnPks } }, select: { id: true, text: true } }) : [],
      quoteIds.length ? this.db.quote.findMany({ where: { id: { in: quoteIds } }, select: { id: true, text: true } }) : [],
    ]);
    const turnText = new Map(turnTexts.map((t) => [t.id, t.text]));
    const quoteText = new Map(quoteTexts.map((q) => [q.id, q.text]));
    return rows.map((row) => ({
      docId: Number(row.docId),
      kind: row.kind,
      episodeSlug: row.episodeSlug,
      chapterNumber: Number(row.chapterNumber),
      turnId: row.turnId,
      quoteId: row.quoteId,
      speakerId: row.speakerId,
      text: (row.quoteId ? quoteText.get(row.quoteId) : turnText.get(Number(row.turnPk))) ?? "",
    }));
  }
}
