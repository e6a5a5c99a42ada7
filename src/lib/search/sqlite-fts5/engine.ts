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
import {
  DocTableBuilder,
  documentFrequency,
  FREQUENT,
  hasAnyFilter,
  hasTopic,
  KIND_CODES,
  passesAll,
  passesBase,
  tableFilter,
  type DocTable,
} from "./doc-table";
import { cjkExpression, fts5Match, quote } from "./fts5-match";
import { columnOf, EntityIndex, phraseCounts, type EntityKeyRecord, type EntityRecord } from "./entity-index";
import { bm25 } from "../postgres-tsvector/bm25";
import { filterToken } from "./search-index";
import { tsQueries, type Phrase, type QueryNode } from "../postgres-tsvector/tsquery";

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
/**
 * Facets count at most this many matches (the first ones in library order; `facetsExact: false`
 * beyond). Counting a match's speaker, chapter and topics means reading its row, and at
 * 1,000,000 turns 10,000 of them cost more than the whole rest of a search; totals stay exact up
 * to COUNT_LIMIT (counting alone reads only the index).
 */
export const FACET_WINDOW = 2_000;
/** Ranking boosts, multiplied into BM25 (which is negative: larger magnitude = better). */
export const QUOTE_BOOST = 1.5;
export const CHAPTER_TITLE_BOOST = 1.3;

/**
 * phraseBm25 gives the ranking back to bm25() when the tokens it would read hold more documents
 * than MAX_INSTANCES together (reading their instances would cost more than bm25()), or when more
 * than MAX_RECOUNT matches are left whose phrase count those tokens do not settle (reading their
 * texts would).
 */
export const MAX_INSTANCES = 15_000;
export const MAX_RECOUNT = 64;
/**
 * Rows (term, column) read per statement while loading the document frequencies: few, because
 * counting a common term reads its whole doclist (filter tokens and 的 hold up to every document),
 * and a statement holds the event loop. At 1,000,000 turns: 40 ms at most per statement (400 rows
 * took up to 350 ms), 3 s in all.
 */
const FREQUENCY_CHUNK = 12;

type Dimension = "speaker" | "chapter" | "topic";

/**
 * The in-memory document table (doc-table.ts): "background" (the default) loads it after the
 * first search, in chunks between requests, and answers with SQL until it is ready; "await" waits
 * for it (tests, benchmarks); "off" never loads it (SQL only). SEARCH_DOC_TABLE sets it.
 */
export const docTableSettings: { mode: "background" | "await" | "off"; chunk: number } = {
  mode: docTableMode(process.env.SEARCH_DOC_TABLE),
  /** Documents read per statement while loading (a few ms to tens of ms each at 1,000,000 turns). */
  chunk: 5_000,
};

/** Whether a one-phrase query is ranked by phraseBm25 (tests and benchmarks turn it off to compare with bm25()). */
export const rankingSettings = { phraseBm25: true };

function docTableMode(setting: string | undefined): "background" | "await" | "off" {
  if (setting === undefined || setting === "") return "background";
  if (setting === "background" || setting === "await" || setting === "off") return setting;
  throw new Error(`SEARCH_DOC_TABLE must be background, await or off, not "${setting}"`);
}

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

  private tableState: { version: string; table: DocTable | null; loading: Promise<DocTable | null> } | null = null;

  private async dataVersion(): Promise<string> {
    const [row] = await this.db.$queryRawUnsafe<Array<{ data_version: number | bigint }>>("PRAGMA data_version");
    return String(row?.data_version);
  }

  /**
   * The document table of the data as it is now, or null while it loads (then SQL answers), when
   * it failed to load, or when it is turned off. A new data version loads a new table.
   */
  async docTable(): Promise<DocTable | null> {
    if (docTableSettings.mode === "off") return null;
    const version = await this.dataVersion();
    let state = this.tableState;
    if (!state || state.version !== version) {
      const loading: Promise<DocTable | null> = this.loadDocTable(version).then(
        (table) => {
          if (this.tableState?.loading === loading) this.tableState.table = table;
          return table;
        },
        (error: unknown) => {
          console.error("search: the document table could not be loaded; searching with SQL only", error);
          return null;
        },
      );
      state = this.tableState = { version, table: null, loading };
    }
    if (state.table) return state.table;
    return docTableSettings.mode === "await" ? state.loading : null;
  }

  private async loadDocTable(version: string): Promise<DocTable | null> {
    const [range] = await this.db.$queryRaw<Array<{ hi: number | bigint | null }>>`SELECT MAX(rowid) AS hi FROM search_doc`;
    const builder = new DocTableBuilder();
    const hi = Number(range?.hi ?? 0);
    const chunk = docTableSettings.chunk;
    // Entities and their keys, as JSON (names and titles may hold any character).
    const entities: EntityRecord[] = [];
    const keys: EntityKeyRecord[] = [];
    const [entityRange] = await this.db.$queryRaw<Array<{ hi: number | bigint | null }>>`SELECT MAX(rowid) AS hi FROM search_entity`;
    for (let lo = 0, top = Number(entityRange?.hi ?? 0); lo <= top; lo += chunk) {
      const [rows] = await this.db.$queryRaw<Array<{ entities: string | null; keys: string | null }>>`
        SELECT (SELECT json_group_array(json_array(rowid, kind, entityId, name, url, count, role, context, keyLength))
                  FROM search_entity WHERE rowid BETWEEN ${lo} AND ${lo + chunk - 1}) AS entities,
               (SELECT json_group_array(json_array(key, entity, exact))
                  FROM search_entity_key WHERE entity BETWEEN ${lo} AND ${lo + chunk - 1}) AS keys`;
      for (const [entity, kind, entityId, name, url, count, role, context, keyLength] of JSON.parse(rows?.entities ?? "[]") as Array<
        [number, EntityKind, string, string, string, number, string | null, string | null, number]
      >)
        entities.push({ entity, kind, entityId, name, url, count, role, context, keyLength });
      for (const [key, entity, exact] of JSON.parse(rows?.keys ?? "[]") as Array<[string, number, number]>)
        keys.push({ key, entity, exact });
      if (docTableSettings.mode !== "await") await new Promise((resolve) => setImmediate(resolve));
    }
    for (let lo = 0; lo <= hi; lo += chunk) {
      const top = lo + chunk - 1;
      const [documents] = await this.db.$queryRaw<Array<{ rows: string | null }>>`
        SELECT group_concat(rowid || char(31) || kind || char(31) || episodeSlug || char(31) || chapterNumber || char(31)
          || COALESCE(speakerId, '') || char(31) || episodeRank || char(31) || position, char(30)) AS rows
        FROM (SELECT * FROM search_doc WHERE rowid BETWEEN ${lo} AND ${top} ORDER BY rowid)`;
      const [links] = await this.db.$queryRaw<Array<{ rows: string | null }>>`
        SELECT group_concat(r || char(31) || t, char(30)) AS rows FROM (
          SELECT d.rowid AS r, tt.topicId AS t FROM search_doc d JOIN TurnTopic tt ON tt.turnPk = d.turnPk
            WHERE d.quoteId IS NULL AND d.rowid BETWEEN ${lo} AND ${top}
          UNION ALL
          SELECT d.rowid, qt.topicId FROM search_doc d JOIN QuoteTopic qt ON qt.quoteId = d.quoteId
            WHERE d.quoteId IS NOT NULL AND d.rowid BETWEEN ${lo} AND ${top})`;
      // Document lengths in FTS5 tokens (BM25's |D|), as FTS5 stores them: varints per column.
      const [sizes] = await this.db.$queryRaw<Array<{ rows: string | null }>>`
        SELECT group_concat(id || ',' || hex(sz), ';') AS rows FROM search_fts_docsize WHERE id BETWEEN ${lo} AND ${top}`;
      builder.addChunk(documents?.rows ?? null, links?.rows ?? null, sizes?.rows ?? null);
      // Let requests run between chunks (better-sqlite3 runs each statement on this thread).
      if (docTableSettings.mode !== "await") await new Promise((resolve) => setImmediate(resolve));
    }
    const [averages] = await this.db.$queryRaw<
      Array<{ block: string | null }>
    >`SELECT hex(block) AS block FROM search_fts_data WHERE id = 1`;
    builder.setTotals(averages?.block ?? null);
    // Every token's document frequency by column, in term order, a few terms a statement (3 s for
    // the whole index at 1,000,000 turns: each term's doclist is read to count it).
    if (await this.vocabularyTables()) {
      let from = "";
      for (;;) {
        const [row] = await this.db.$queryRaw<Array<{ rows: string | null; n: number | bigint }>>`
          SELECT json_group_array(json_array(term, col, doc)) AS rows, COUNT(*) AS n FROM (
            SELECT term, col, doc FROM temp.search_fts_col WHERE term >= ${from} ORDER BY term LIMIT ${FREQUENCY_CHUNK})`;
        const rows = JSON.parse(row?.rows ?? "[]") as Array<[string, string, number]>;
        if (Number(row?.n ?? 0) < FREQUENCY_CHUNK) {
          builder.addFrequencies(rows);
          break;
        }
        // The last term's columns may go on in the next chunk: it starts with that term.
        const last = rows.at(-1)![0];
        const complete = rows.filter(([term]) => term !== last);
        if (complete.length === 0) throw new Error(`search: more than ${FREQUENCY_CHUNK} columns for one term`);
        builder.addFrequencies(complete);
        from = last;
        if (docTableSettings.mode !== "await") await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // Written while it was read (an in-place commit): the next search loads the new version.
    if ((await this.dataVersion()) !== version) return null;
    return builder.build(new EntityIndex(entities, keys));
  }

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

  async search(query: ResolvedQuery, filters: SearchFilters, page: { limit: number; offset: number }, options: { facets: boolean }) {
    const none = { total: 0, exact: true, hits: [], facets: null, facetsExact: true };
    const { match, anyTerm } = fts5Match(query);
    if (!match) return none;
    const filtered = matchWithFilters(match, filters);
    const table = await this.docTable();
    if (table) return this.searchWithTable(table, query, match, anyTerm!, filters, page, options);

    // Is the query broad? Count its matches, but never more than BROAD_MATCHES + 1 of them (FTS5
    // does not store how many documents hold a token: asking costs as much as reading them all).
    // Broadness is a property of the query's words, whatever the filters.
    const [probe] = await this.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${match} LIMIT ${BROAD_MATCHES + 1})`;
    const broad = Number(probe?.n ?? 0) > BROAD_MATCHES;

    // Chapters whose title matches boost their turns, unless so many match that it means nothing.
    const titled = Prisma.sql`SELECT episodeSlug || ':' || CAST(chapterNumber AS INTEGER) FROM search_chapter_fts WHERE search_chapter_fts MATCH ${anyTerm} LIMIT ${MAX_BOOSTED_CHAPTERS + 1}`;
    const boost = Prisma.sql`(CASE d.kind WHEN 'quote' THEN ${QUOTE_BOOST} ELSE 1.0 END)
      * (CASE WHEN (SELECT COUNT(*) FROM (${titled})) <= ${MAX_BOOSTED_CHAPTERS}
               AND (d.episodeSlug || ':' || d.chapterNumber) IN (${titled}) THEN ${CHAPTER_TITLE_BOOST} ELSE 1.0 END)`;
    // One page of hits, ranked, with their texts (joined after the LIMIT).
    const page_ = broad
      ? Prisma.sql`SELECT * FROM (
            SELECT ${DOC_COLUMNS}, d.episodeRank, d.position, ${boost} AS score
            ${FROM} WHERE search_fts MATCH ${filtered}
            LIMIT ${BROAD_MATCHES}
          ) ORDER BY score DESC, episodeRank, position, docId
          LIMIT ${page.limit} OFFSET ${page.offset}`
      : // BM25 over the query's words alone: with a filter token in the MATCH, FTS5 would compute
        // that token's IDF too, by reading its whole posting list (a fifth of a library for a
        // speaker). At most BROAD_MATCHES documents are scored; the filters then keep their share.
        Prisma.sql`SELECT ${DOC_COLUMNS}, d.episodeRank, d.position, -bm25(search_fts) * ${boost} AS score
          ${FROM} WHERE search_fts MATCH ${match}${
            filtered === match
              ? Prisma.empty
              : Prisma.sql` AND d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${filtered})`
          }
          ORDER BY score DESC, d.episodeRank, d.position, d.rowid
          LIMIT ${page.limit} OFFSET ${page.offset}`;
    const rows = await this.db.$queryRaw<Array<DocRow & { text: string | null }>>`
      SELECT h.docId, h.kind, h.episodeSlug, h.chapterNumber, h.turnId, h.quoteId, h.speakerId, h.turnPk,
        CASE WHEN h.quoteId IS NULL THEN (SELECT text FROM Turn WHERE id = h.turnPk) ELSE (SELECT text FROM Quote WHERE id = h.quoteId) END AS text
      FROM (${page_}) h ORDER BY h.score DESC, h.episodeRank, h.position, h.docId`;
    const hits = rows.map(toHit);

    if (!options.facets) {
      const [count] = await this.db.$queryRaw<Array<{ n: bigint }>>`
        SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${filtered} LIMIT ${COUNT_LIMIT + 1})`;
      const counted = Number(count?.n ?? 0);
      return { total: Math.min(counted, COUNT_LIMIT), exact: counted <= COUNT_LIMIT, hits, facets: null, facetsExact: true };
    }
    const { facets, base, counted } = await this.countAndFacets(match, filters);
    let total = counted;
    if (base > FACET_WINDOW) {
      // The facets' window (the first FACET_WINDOW matches) does not hold every match: count them.
      const [count] = await this.db.$queryRaw<Array<{ n: bigint }>>`
        SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${filtered} LIMIT ${COUNT_LIMIT + 1})`;
      total = Number(count?.n ?? 0);
    }
    return { total: Math.min(total, COUNT_LIMIT), exact: total <= COUNT_LIMIT, hits, facets, facetsExact: base <= FACET_WINDOW };
  }

  /** The rowids of an expression's first `limit` matches, in library order, read as one string. */
  private async rowids(expression: string, limit: number): Promise<number[]> {
    const [row] = await this.db.$queryRaw<Array<{ ids: string | null }>>`
      SELECT group_concat(rowid) AS ids FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ${expression} ORDER BY rowid LIMIT ${limit})`;
    return parseIds(row?.ids ?? null);
  }

  /**
   * search() with the document table: the same results as the SQL of search() and
   * countAndFacets() (same windows, boosts, order and counts), from one read of the query's
   * matches (up to COUNT_LIMIT + 1 rowids) instead of four, and without reading a document's row
   * for anything but the page's hits. Filters, facets and a broad query's ranking are computed
   * from the table; BM25 still comes from FTS5.
   */
  private async searchWithTable(
    table: DocTable,
    query: ResolvedQuery,
    match: string,
    anyTerm: string,
    filters: SearchFilters,
    page: { limit: number; offset: number },
    options: { facets: boolean },
  ) {
    // A query of one phrase is ranked from its matches (phraseBm25). Another query that certainly
    // has at most BROAD_MATCHES matches is ranked at once: bm25()'s statement returns every match,
    // so they need not be read before.
    const single = rankingSettings.phraseBm25 ? onePhrase(query) : null;
    let ranked = !single && (await this.certainlyNarrow(query, BROAD_MATCHES, table)) ? await this.bm25Rows(match) : null;
    const matches = ranked ? ranked.map((r) => r.rowid).sort((a, b) => a - b) : await this.rowids(match, COUNT_LIMIT + 1);
    // Every match of the query is in `matches`: filtering them here is filtering them all.
    const complete = matches.length <= COUNT_LIMIT;
    const f = tableFilter(table, filters);
    const filtered = !hasAnyFilter(filters)
      ? matches
      : complete
        ? matches.filter((r) => passesAll(table, r, f))
        : await this.rowids(matchWithFilters(match, filters), COUNT_LIMIT + 1);
    const broad = matches.length > BROAD_MATCHES;

    // Chapters whose title matches boost their turns, unless so many match that it means nothing.
    const titles = await this.db.$queryRaw<Array<{ key: string }>>`
      SELECT episodeSlug || ':' || CAST(chapterNumber AS INTEGER) AS key FROM search_chapter_fts WHERE search_chapter_fts MATCH ${anyTerm} LIMIT ${MAX_BOOSTED_CHAPTERS + 1}`;
    // Chapters by episode index, so that a match's boost is two lookups, not a string built per match.
    const titled = new Map<number, Set<number>>();
    if (titles.length <= MAX_BOOSTED_CHAPTERS)
      for (const { key } of titles) {
        const cut = key.lastIndexOf(":");
        const episode = table.episodeIndex.get(key.slice(0, cut));
        if (episode === undefined) continue;
        // The same test as comparing `${slug}:${chapter}` with the key, which the SQL path does
        // (search_chapter_fts holds chapter numbers as REAL; both paths read them as integers).
        const text = key.slice(cut + 1);
        if (String(Number(text)) !== text) continue;
        const chapters = titled.get(episode) ?? new Set<number>();
        chapters.add(Number(text));
        titled.set(episode, chapters);
      }
    // The same arithmetic as the SQL's boost: (score * quote boost) * chapter boost, in doubles.
    const quoteBoost = (r: number) => (table.kind[r] === KIND_CODES.quote ? QUOTE_BOOST : 1.0);
    const chapterBoost = (r: number) =>
      titled.size > 0 && titled.get(table.episode[r]!)?.has(table.chapter[r]!) ? CHAPTER_TITLE_BOOST : 1.0;
    let scored: Array<{ rowid: number; score: number }>;
    if (broad) {
      scored = filtered.slice(0, BROAD_MATCHES).map((rowid) => ({ rowid, score: quoteBoost(rowid) * chapterBoost(rowid) }));
    } else {
      ranked ??= (single && (await this.phraseBm25(table, single, matches))) || (await this.bm25Rows(match));
      const keep = filtered === matches ? null : new Set(filtered);
      scored = [];
      for (const row of ranked) {
        const rowid = row.rowid;
        if (keep && !keep.has(rowid)) continue;
        scored.push({ rowid, score: -row.bm25 * quoteBoost(rowid) * chapterBoost(rowid) });
      }
    }
    const order = (a: { rowid: number; score: number }, b: { rowid: number; score: number }) =>
      b.score - a.score ||
      table.episodeRank[a.rowid]! - table.episodeRank[b.rowid]! ||
      table.position[a.rowid]! - table.position[b.rowid]! ||
      a.rowid - b.rowid;
    const pageIds = firstInOrder(scored, page.offset + page.limit, order)
      .slice(page.offset)
      .map((s) => s.rowid);
    const rows = pageIds.length
      ? await this.db.$queryRaw<Array<DocRow & { text: string | null }>>`
          SELECT ${DOC_COLUMNS},
            CASE WHEN d.quoteId IS NULL THEN (SELECT text FROM Turn WHERE id = d.turnPk) ELSE (SELECT text FROM Quote WHERE id = d.quoteId) END AS text
          FROM search_doc d WHERE d.rowid IN (SELECT value FROM json_each(${JSON.stringify(pageIds)}))`
      : [];
    const byRowid = new Map(rows.map((row) => [Number(row.docId), row]));
    const hits = pageIds.map((rowid) => toHit(byRowid.get(rowid)!));

    const total = filtered.length;
    if (!options.facets) return { total: Math.min(total, COUNT_LIMIT), exact: total <= COUNT_LIMIT, hits, facets: null, facetsExact: true };

    // Facets over the first FACET_WINDOW matches with the episode and kind filters (the base),
    // each dimension with every facet filter but its own (countAndFacets does the same in SQL).
    const baseFiltered = Boolean(filters.episode || filters.kind);
    const base = !baseFiltered
      ? matches.slice(0, FACET_WINDOW + 1)
      : complete
        ? matches.filter((r) => passesBase(table, r, f)).slice(0, FACET_WINDOW + 1)
        : await this.rowids(matchWithFilters(match, { episode: filters.episode, kind: filters.kind }), FACET_WINDOW + 1);
    // Counts by the table's indexes (speakers and topics are interned: small dense ranges).
    const speakers = new Int32Array(table.speakers.length);
    const chapters = new Map<number, number>();
    const topics = new Int32Array(table.topics.length);
    let counted = 0;
    const window = Math.min(base.length, FACET_WINDOW);
    for (let i = 0; i < window; i++) {
      const r = base[i]!;
      const speakerOk = f.speaker === null || table.speaker[r] === f.speaker;
      const chapterOk = f.chapter === null || table.chapter[r] === f.chapter;
      const topicOk = f.topic === null || hasTopic(table, r, f.topic);
      if (speakerOk && chapterOk && topicOk) counted++;
      if (table.speaker[r]! >= 0 && chapterOk && topicOk) speakers[table.speaker[r]!]! += 1;
      if (speakerOk && topicOk) chapters.set(table.chapter[r]!, (chapters.get(table.chapter[r]!) ?? 0) + 1);
      if (speakerOk && chapterOk)
        for (let t = table.topicStart[r]!, end = table.topicStart[r + 1]!; t < end; t++) topics[table.topicIds[t]!]! += 1;
    }
    // Keys in the order SQL's GROUP BY gives them (by value).
    const record = (counts: Iterable<readonly [string, number]>) =>
      Object.fromEntries([...counts].filter(([, n]) => n > 0).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    const facets: Facets = {
      speaker: record(Array.from(speakers, (n, k) => [table.speakers[k]!, n] as const)),
      chapter: record([...chapters].map(([k, n]) => [String(k), n] as const)),
      topic: record(Array.from(topics, (n, k) => [table.topics[k]!, n] as const)),
    };
    const all = base.length > FACET_WINDOW ? total : counted;
    return {
      total: Math.min(all, COUNT_LIMIT),
      exact: all <= COUNT_LIMIT,
      hits,
      facets,
      facetsExact: base.length <= FACET_WINDOW,
    };
  }

  /** Every match of a query of at most BROAD_MATCHES matches with its bm25(), in rowid order. */
  private async bm25Rows(match: string): Promise<Array<{ rowid: number; bm25: number }>> {
    const rows = await this.db.$queryRaw<Array<{ rowid: number | bigint; bm25: number }>>`
      SELECT rowid, bm25(search_fts) AS bm25 FROM search_fts WHERE search_fts MATCH ${match}`;
    return rows.map((row) => ({ rowid: Number(row.rowid), bm25: row.bm25 }));
  }

  /**
   * The `fts5vocab` tables of search_fts (in the temp schema: the database is opened read-only):
   * each token's instances (`search_fts_instance`) and documents by column (`search_fts_col`).
   */
  private vocabulary: Promise<boolean> | null = null;

  private async vocabularyTables(): Promise<boolean> {
    this.vocabulary ??= this.db
      .$executeRawUnsafe("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_instance USING fts5vocab(main, search_fts, instance)")
      .then(() =>
        this.db.$executeRawUnsafe("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_col USING fts5vocab(main, search_fts, col)"),
      )
      .then(
        () => true,
        (error: unknown) => {
          console.error("search: no fts5vocab tables; ranking with bm25() only", error);
          return false;
        },
      );
    return this.vocabulary;
  }

  /**
   * FTS5's bm25() of every match of a one-phrase query, computed here: the same formula, inputs
   * and double arithmetic (postgres-tsvector/bm25.ts; the logarithm from SQLite), without bm25()'s
   * own cost. bm25() evaluates the phrase a second time over the whole index for its IDF and looks
   * up each match's length in search_fts_docsize (7-30 ms for 2,000 matches at 1,000,000 turns).
   * Here the IDF's count is the number of matches (one phrase: every match holds it), the lengths
   * and totals come from the document table, and the phrase's frequency in each match from the
   * instances of its rarest token (fts5vocab 'instance', chosen by the table's document
   * frequencies): a match where that token occurs once holds the phrase once. Where it occurs more
   * often, the next rarest token is read, and the matches still unsettled (at most MAX_RECOUNT) are
   * counted on their text, tokenised as the index was. Null, and bm25() ranks, when the table has
   * no totals or frequencies, the tokens to read are too common, too many matches are unsettled,
   * or a text does not give the counts FTS5 holds.
   */
  async phraseBm25(table: DocTable, phrase: Phrase, matches: readonly number[]): Promise<Array<{ rowid: number; bm25: number }> | null> {
    if (table.ftsRows <= 0 || matches.length === 0 || !(await this.vocabularyTables())) return null;
    const column = columnOf(phrase.tokens[0]!);
    // The phrase's tokens, rarest first (the document frequencies the table holds).
    const documents = new Map(phrase.tokens.map((t) => [t, documentFrequency(table, column, t)]));
    if ([...documents.values()].some((n) => n === null)) return null;
    const tokens = [...documents.keys()].sort((a, b) => documents.get(a)! - documents.get(b)!);
    // held[i]: the fewest instances in match i of any token read so far (a phrase occurs at most as
    // often as each of its tokens). Tokens are read, rarest first, until at most MAX_RECOUNT matches
    // are left whose count is not known (a match where some token occurs once holds the phrase once).
    const held = new Int32Array(matches.length).fill(0x7fffffff);
    const ofFirst = new Int32Array(matches.length);
    const read: string[] = [];
    let budget = MAX_INSTANCES;
    let recount: number[] = [];
    for (const token of tokens) {
      budget -= documents.get(token)!;
      if (budget < 0) return null;
      const [row] = await this.db.$queryRaw<Array<{ docs: string | null; n: number | bigint }>>`
        SELECT group_concat(doc) AS docs, COUNT(*) AS n FROM (
          SELECT doc FROM temp.search_fts_instance WHERE term = ${token} AND col = ${column} LIMIT ${MAX_INSTANCES + 1})`;
      if (Number(row?.n ?? 0) > MAX_INSTANCES) return null;
      read.push(token);
      // One entry per instance, in rowid order (FTS5's doclist order): the token's count in each
      // match, by walking both lists.
      const docs = parseIds(row?.docs ?? null);
      for (let i = 1; i < docs.length; i++)
        if (docs[i]! < docs[i - 1]!) {
          docs.sort((a, b) => a - b);
          break;
        }
      for (let i = 0, j = 0; i < matches.length; i++) {
        const rowid = matches[i]!;
        while (j < docs.length && docs[j]! < rowid) j++;
        let count = 0;
        while (j < docs.length && docs[j] === rowid) {
          count += 1;
          j++;
        }
        if (count === 0) return null; // every match holds every token of the phrase
        if (count < held[i]!) held[i] = count;
        if (read.length === 1) ofFirst[i] = count;
      }
      if (phrase.tokens.length === 1) break; // the phrase is the token: its counts are exact
      recount = [];
      for (let i = 0; i < matches.length; i++) if (held[i]! > 1) recount.push(i);
      if (recount.length <= MAX_RECOUNT) break;
    }
    if (recount.length > MAX_RECOUNT) return null;
    const frequency = phrase.tokens.length > 1 ? new Int32Array(matches.length).fill(1) : held;
    if (recount.length > 0) {
      const texts = await this.db.$queryRaw<Array<{ docId: number | bigint; text: string | null }>>`
        SELECT d.rowid AS docId,
          CASE WHEN d.quoteId IS NULL THEN (SELECT text FROM Turn WHERE id = d.turnPk) ELSE (SELECT text FROM Quote WHERE id = d.quoteId) END AS text
        FROM search_doc d WHERE d.rowid IN (SELECT value FROM json_each(${JSON.stringify(recount.map((i) => matches[i]))}))`;
      const byRowid = new Map(texts.map((t) => [Number(t.docId), t.text ?? ""]));
      const first = read[0]!;
      for (const i of recount) {
        const [inPhrase, ofToken] = phraseCounts([phrase, { tokens: [first], prefix: false }], byRowid.get(matches[i]!) ?? "");
        // The text must give what FTS5 holds, or it was not tokenised as the index was.
        if (!inPhrase || inPhrase > held[i]! || ofToken !== ofFirst[i]) return null;
        frequency[i] = inPhrase;
      }
    }
    // FTS5's IDF, ln((N - n + 0.5) / (n + 0.5)) and at least 1e-6, with SQLite's ln(): the C
    // library's log(), which bm25() calls. JavaScript's Math.log differs from it in the last bit
    // for about a third of the arguments.
    const [logarithm] = await this.db.$queryRaw<Array<{ value: number }>>`
      SELECT ln(${(table.ftsRows - matches.length + 0.5) / (matches.length + 0.5)}) AS value`;
    const idfs = [Math.max(Number(logarithm?.value), 0) || 1e-6];
    const average = table.ftsTokens / table.ftsRows;
    const ranked: Array<{ rowid: number; bm25: number }> = new Array(matches.length);
    for (let i = 0; i < matches.length; i++)
      ranked[i] = { rowid: matches[i]!, bm25: -bm25([frequency[i]!], idfs, table.tokens[matches[i]!]!, average) };
    return ranked;
  }

  /**
   * Whether a query with a phrase of three tokens or more (4+ CJK characters, a 3-word phrase)
   * certainly has at most BROAD_MATCHES matches: each token's documents are counted up to
   * BROAD_MATCHES + 1 (one statement, a few short posting-list reads), and a phrase has at most
   * as many matches as its rarest token, an AND as its rarest part, an OR as its parts together.
   * Such a query's matches are then read once (with bm25()) instead of twice: a 10-character
   * chapter-title fragment's rowids cost 5-9 ms at 1,000,000 turns, its probe 1.4 ms. Shorter
   * phrases are not probed (an English two-word phrase is usually broad: the probe would be lost).
   */
  async certainlyNarrow(query: ResolvedQuery, limit = BROAD_MATCHES, table: DocTable | null = null): Promise<boolean> {
    const tree = tsQueries(query).match;
    if (!tree || !tree.phrases.some((p) => p.tokens.length >= 3)) return false;
    const tokens = [...new Set(tree.phrases.flatMap((p) => p.tokens.filter((_, j) => !(p.prefix && j === p.tokens.length - 1))))].slice(
      0,
      16,
    );
    if (tokens.length === 0) return false;
    // The document table's frequencies say the same as the probe below, without a statement.
    // (A rare token's frequency is only known to be below FREQUENT: exact enough for a limit above it.)
    const known = table && limit >= FREQUENT ? tokens.map((t) => documentFrequency(table, columnOf(t), t)) : [];
    const documents =
      known.length && known.every((n) => n !== null)
        ? new Map(tokens.map((t, i) => [t, Math.min(known[i]!, limit + 1)]))
        : await this.probeDocuments(tokens, limit);
    const bound = (node: QueryNode): number => {
      switch (node.kind) {
        case "phrase": {
          const phrase = tree.phrases[node.index]!;
          return Math.min(
            ...phrase.tokens.map((t, j) => (phrase.prefix && j === phrase.tokens.length - 1 ? Infinity : (documents.get(t) ?? Infinity))),
          );
        }
        case "and":
          return Math.min(...node.children.map(bound));
        case "or":
          return node.children.reduce((sum, child) => sum + bound(child), 0);
        case "not":
          return bound(node.left);
      }
    };
    return bound(tree.root) <= limit;
  }

  /** Each token's documents, counted up to limit + 1 (one statement of short posting-list reads). */
  private async probeDocuments(tokens: readonly string[], limit: number): Promise<Map<string, number>> {
    const expression = (token: string) => {
      const column = columnOf(token);
      return `${column}:${quote([token])}`;
    };
    const probes = Prisma.join(
      tokens.map(
        (t) => Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${expression(t)} LIMIT ${limit + 1}))`,
      ),
      " || ',' || ",
    );
    const [row] = await this.db.$queryRaw<Array<{ counts: string }>>`SELECT ${probes} AS counts`;
    const counts = String(row?.counts ?? "")
      .split(",")
      .map(Number);
    return new Map(tokens.map((t, i) => [t, counts[i] ?? Infinity]));
  }

  /**
   * The total and the facet counts in one statement: the query's matches (with the episode and
   * kind filters; the first FACET_WINDOW of them, library order) are materialised once, then each
   * dimension is counted with every facet filter except its own.
   */
  private async countAndFacets(match: string, filters: SearchFilters) {
    const base = matchWithFilters(match, { episode: filters.episode, kind: filters.kind });
    const speaker = filters.speaker ? Prisma.sql`m.speakerId = ${filters.speaker}` : Prisma.sql`1`;
    const chapter = filters.chapter !== undefined ? Prisma.sql`m.chapterNumber = ${filters.chapter}` : Prisma.sql`1`;
    const topic = filters.topic
      ? Prisma.sql`(CASE WHEN m.quoteId IS NULL
          THEN EXISTS (SELECT 1 FROM TurnTopic WHERE turnPk = m.turnPk AND topicId = ${filters.topic})
          ELSE EXISTS (SELECT 1 FROM QuoteTopic WHERE quoteId = m.quoteId AND topicId = ${filters.topic}) END)`
      : Prisma.sql`1`;
    const rows = await this.db.$queryRaw<Array<{ dim: string; key: string | number | bigint | null; n: bigint }>>`
      WITH w AS MATERIALIZED (
        SELECT d.speakerId, d.chapterNumber, d.turnPk, d.quoteId ${FROM} WHERE search_fts MATCH ${base} LIMIT ${FACET_WINDOW + 1}
      ), m AS (SELECT * FROM w LIMIT ${FACET_WINDOW})
      SELECT 'b' AS dim, NULL AS key, COUNT(*) AS n FROM w
      UNION ALL SELECT 'n', NULL, COUNT(*) FROM m WHERE ${speaker} AND ${chapter} AND ${topic}
      UNION ALL SELECT 's', speakerId, COUNT(*) FROM m WHERE speakerId IS NOT NULL AND ${chapter} AND ${topic} GROUP BY speakerId
      UNION ALL SELECT 'c', chapterNumber, COUNT(*) FROM m WHERE ${speaker} AND ${topic} GROUP BY chapterNumber
      UNION ALL SELECT 't', topicId, COUNT(*) FROM (
          SELECT tt.topicId FROM m JOIN TurnTopic tt ON tt.turnPk = m.turnPk WHERE m.quoteId IS NULL AND ${speaker} AND ${chapter}
          UNION ALL
          SELECT qt.topicId FROM m JOIN QuoteTopic qt ON qt.quoteId = m.quoteId WHERE ${speaker} AND ${chapter}
        ) GROUP BY topicId`;
    const facets: Facets = { speaker: {}, chapter: {}, topic: {} };
    let base_ = 0;
    let counted = 0;
    for (const row of rows) {
      const n = Number(row.n);
      if (row.dim === "b") base_ = n;
      else if (row.dim === "n") counted = n;
      else if (row.key !== null) facets[row.dim === "s" ? "speaker" : row.dim === "c" ? "chapter" : "topic"][String(row.key)] = n;
    }
    return { facets, base: base_, counted };
  }

  /**
   * Candidates for near matches: documents holding every token of an AND-group (near-match.ts:
   * nearLevels), from the groups of the most tokens down, until `limit` documents are found.
   * Tokens are first probed (is the token in the library at all, and how common): the groups are
   * made of the rarest present ones.
   */
  async nearCandidates(plan: NearPlan, filters: SearchFilters, options: { limit: number; exclude: readonly number[] }) {
    // Every token's count (up to BROAD_MATCHES + 1) in one statement.
    const probes = Prisma.join(
      plan.tokens.map(
        (token) =>
          Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${tokenExpression(token)} LIMIT ${BROAD_MATCHES + 1}))`,
      ),
      " || ',' || ",
    );
    const [probe] = await this.db.$queryRaw<Array<{ counts: string }>>`SELECT ${probes} AS counts`;
    const counts = (probe?.counts ?? "").split(",").map(Number);
    const present = plan.tokens
      .map((_, index) => index)
      .filter((index) => counts[index]! > 0)
      .sort((a, b) => counts[a]! - counts[b]! || a - b);
    const found = new Map<number, EngineHit>();
    const exclude = JSON.stringify(options.exclude);
    for (const level of nearLevels(plan, present)) {
      const groups = level.map((group) => `(${group.map((i) => tokenExpression(plan.tokens[i]!)).join(" AND ")})`).join(" OR ");
      const rows = await this.db.$queryRaw<Array<DocRow & { text: string | null }>>`
        SELECT h.*, CASE WHEN h.quoteId IS NULL THEN (SELECT text FROM Turn WHERE id = h.turnPk) ELSE (SELECT text FROM Quote WHERE id = h.quoteId) END AS text
        FROM (SELECT ${DOC_COLUMNS} ${FROM} WHERE search_fts MATCH ${matchWithFilters(groups, filters)}
          AND d.rowid NOT IN (SELECT value FROM json_each(${exclude})) LIMIT ${options.limit}) h`;
      for (const row of rows) if (found.size < options.limit && !found.has(Number(row.docId))) found.set(Number(row.docId), toHit(row));
      if (found.size >= options.limit) break;
    }
    return [...found.values()];
  }

  async namesEntity(compact: string): Promise<boolean> {
    if (!compact) return false;
    const index = (await this.docTable())?.entities;
    if (index) return index.byKey(compact, 200).some((k) => k.key === compact && Number(k.exact) === 1);
    const rows = await this.db.$queryRaw<Array<{ n: number | bigint }>>`
      SELECT 1 AS n FROM search_entity_key WHERE key = ${compact} AND exact = 1 LIMIT 1`;
    return rows.length > 0;
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
    const length = [...compact].length;
    // With the document table, from its entity index (entity-index.ts); before it is loaded, SQL.
    const index = (await this.docTable())?.entities;
    let byKey: Row[];
    let byTitle: Row[];
    if (index) {
      byKey = index.byKey(compact, 200).map(({ key, exact, record }) => ({ ...record, key, exact }));
      const tree = length >= 2 ? tsQueries(query).match : null;
      byTitle = tree ? index.byTitle(tree, length * 2, 50).map((record) => ({ ...record, key: "", exact: 0 })) : [];
    } else {
      const columns = Prisma.sql`e.rowid AS entity, e.kind, e.entityId, e.name, e.url, e.count, e.role, e.context, e.keyLength`;
      byKey = await this.db.$queryRaw<Row[]>`
        SELECT k.key, k.exact, ${columns} FROM search_entity_key k JOIN search_entity e ON e.rowid = k.entity
        WHERE k.key >= ${compact} AND k.key < ${compact + "\u{10FFFF}"} ORDER BY k.key LIMIT 200`;
      // Titles (episodes, chapters) that hold every term of a query covering half of them: the
      // first 50 by rowid.
      const { match } = fts5Match(query);
      byTitle =
        !match || length < 2
          ? []
          : await this.db.$queryRaw<Row[]>`
            SELECT '' AS key, 0 AS exact, ${columns} FROM search_entity_fts f JOIN search_entity e ON e.rowid = f.rowid
            WHERE search_entity_fts MATCH ${match} AND e.keyLength <= ${length * 2} ORDER BY f.rowid LIMIT 50`;
    }
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
}

/** The query's one phrase (not a prefix), when its MATCH expression is that phrase alone. */
export function onePhrase(query: ResolvedQuery): Phrase | null {
  const tree = tsQueries(query).match;
  if (!tree || tree.root.kind !== "phrase") return null;
  const phrase = tree.phrases[tree.root.index]!;
  return phrase.prefix ? null : phrase;
}

/** Comma-separated rowids (group_concat's output) as numbers. */
export function parseIds(text: string | null): number[] {
  if (!text) return [];
  const ids: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      ids.push(n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  ids.push(n);
  return ids;
}

/**
 * The first `count` items in the order `compare` gives (a total order): the same as sorting them
 * all and keeping the first `count`, without sorting 2,000 matches to show 20.
 */
export function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (count * 8 >= items.length) return [...items].sort(compare).slice(0, count);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

const toHit = (row: DocRow & { text: string | null }): EngineHit => ({
  docId: Number(row.docId),
  kind: row.kind,
  episodeSlug: row.episodeSlug,
  chapterNumber: Number(row.chapterNumber),
  turnId: row.turnId,
  quoteId: row.quoteId,
  speakerId: row.speakerId,
  text: row.text ?? "",
});
