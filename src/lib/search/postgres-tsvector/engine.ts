// The PostgreSQL search engine: the SQLite FTS5 engine's answers (sqlite-fts5/engine.ts) from a
// tsvector index of the same tokens (vector.ts, schema.ts), with the same limits, windows, boosts,
// ties and BM25, so both databases return the same hits in the same order (tests run every search
// test on both and compare them). Queries go straight to the pool under the app's Prisma client.
//
// Where PostgreSQL differs, and what is done about it:
// - GIN has no early exit: a bitmap scan reads a lexeme's whole posting list before the first row.
//   So the count of one lexeme's documents comes from search_lexeme (one lookup): a one-word or
//   one-bigram query, every near-match probe and most IDFs need no scan at all.
// - FTS5 returns matches in rowid order; here "the first N in library order" is ORDER BY id LIMIT N.
// - FTS5 computes bm25() inside the match; here the matching documents (at most BROAD_MATCHES)
//   come back with the positions of the query's lexemes only (ts_filter over setweight), and
//   bm25.ts scores them. Each phrase's document count (IDF) is one lookup or one count, cached
//   per data version.
// - Long documents (vector.ts) keep no positions in `tokens`: a query with a multi-token phrase
//   checks them against their windows in search_chunk.
import type pg from "pg";
import { entityKeyScore, KIND_ORDER } from "../entities";
import type { EngineHit, EntityHit, Facets, SearchEngine, SearchFilters, SearchKind } from "../engine";
import { nearLevels, type NearPlan } from "../near-match";
import {
  compoundHalves,
  MAX_PREFIX_EXPANSION,
  resolveQuery,
  splitsFromVocabulary,
  type ParsedQuery,
  type ResolvedQuery,
} from "../parse-query";
import { BROAD_MATCHES, CHAPTER_TITLE_BOOST, COUNT_LIMIT, FACET_WINDOW, MAX_BOOSTED_CHAPTERS, QUOTE_BOOST } from "../sqlite-fts5/engine";
import type { EntityRecord } from "../sqlite-fts5/entity-index";
import { filterToken } from "../sqlite-fts5/search-index";
import { indexTokens } from "../tokenize";
import { bm25, idf, phraseInstances, reportedCounts } from "./bm25";
import { phraseText, tsQueries, tsqueryText, type Phrase, type QueryNode, type QueryTree } from "./tsquery";
import { filterLexeme, lexeme, quoteLexeme } from "./vector";
import { RUN_SEPARATOR, WORD_BREAK } from "../tokenize";

type Dimension = "speaker" | "chapter" | "topic";

/** Positional parameters of one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

function filterLexemes(filters: SearchFilters, without?: Dimension): string[] {
  const tokens: string[] = [];
  if (filters.episode) tokens.push(filterToken("episode", filters.episode));
  if (filters.kind) tokens.push(filterToken("kind", filters.kind));
  if (filters.speaker && without !== "speaker") tokens.push(filterToken("speaker", filters.speaker));
  if (filters.chapter !== undefined && without !== "chapter") tokens.push(filterToken("chapter", filters.chapter));
  if (filters.topic && without !== "topic") tokens.push(filterToken("topic", filters.topic));
  return tokens.map(filterLexeme);
}

const multiToken = (tree: QueryTree) => tree.phrases.some((p) => p.tokens.length > 1);

/** A tree that every document matching `tree` also matches, by lexeme presence only (phrases as ANDs, no NOT). */
function presenceText(tree: QueryTree, node: QueryNode = tree.root): string | null {
  switch (node.kind) {
    case "phrase": {
      const phrase = tree.phrases[node.index]!;
      const items = phrase.tokens.map((t, i) => quoteLexeme(t) + (phrase.prefix && i === phrase.tokens.length - 1 ? ":*" : ""));
      return items.length === 1 ? items[0]! : `(${items.join(" & ")})`;
    }
    case "and": {
      const parts = node.children.map((c) => presenceText(tree, c)).filter((p): p is string => p !== null);
      return parts.length ? `(${parts.join(" & ")})` : null;
    }
    case "or": {
      const parts = node.children.map((c) => presenceText(tree, c));
      return parts.some((p) => p === null) ? null : `(${parts.join(" | ")})`;
    }
    case "not":
      return presenceText(tree, node.left);
  }
}

/** The exact condition for a long document: single lexemes by presence, phrases in its windows. */
function longFormula(tree: QueryTree, node: QueryNode, params: Params): string {
  switch (node.kind) {
    case "phrase": {
      const phrase = tree.phrases[node.index]!;
      const text = params.add(phraseText(phrase), "::tsquery");
      return phrase.tokens.length === 1
        ? `(d."tokens" @@ ${text})`
        : `EXISTS (SELECT 1 FROM "search_chunk" c WHERE c."docId" = d."id" AND c."tokens" @@ ${text})`;
    }
    case "and":
      return `(${node.children.map((c) => longFormula(tree, c, params)).join(" AND ")})`;
    case "or":
      return `(${node.children.map((c) => longFormula(tree, c, params)).join(" OR ")})`;
    case "not":
      return `(${longFormula(tree, node.left, params)} AND NOT ${longFormula(tree, node.right, params)})`;
  }
}

/** The SQL condition on search_doc d for documents matching `tree` and holding every `also` lexeme. */
function matchCondition(tree: QueryTree, also: readonly string[], params: Params): string {
  const extra = also.map((l) => ` & ${quoteLexeme(l)}`).join("");
  const exact = params.add(`${tsqueryText(tree)}${extra}`, "::tsquery");
  if (!multiToken(tree)) return `d."tokens" @@ ${exact}`;
  // Long documents have no positions in `tokens`: their phrases are looked for in their windows.
  const presence = presenceText(tree);
  const candidates = presence === null ? "" : `d."tokens" @@ ${params.add(`${presence}${extra}`, "::tsquery")} AND `;
  const filters = also.length ? ` AND d."tokens" @@ ${params.add(also.map(quoteLexeme).join(" & "), "::tsquery")}` : "";
  return `(${candidates}CASE WHEN d."long" THEN ${longFormula(tree, tree.root, params)}${filters} ELSE d."tokens" @@ ${exact} END)`;
}

/** The single lexeme a tree is, if it is one (its document count is then in search_lexeme). */
function singleLexeme(tree: QueryTree): string | null {
  if (tree.root.kind !== "phrase") return null;
  const phrase = tree.phrases[tree.root.index]!;
  return phrase.tokens.length === 1 && !phrase.prefix ? lexeme(phrase.tokens[0]!) : null;
}

type DocRow = {
  id: number;
  kind: SearchKind;
  episodeSlug: string;
  chapterNumber: number;
  turnId: string;
  quoteId: string | null;
  speakerId: string | null;
  turnPk: number;
};

const DOC_COLUMNS = `d."id", d."kind", d."episodeSlug", d."chapterNumber", d."turnId", d."quoteId", d."speakerId", d."turnPk"`;
const TEXT_OF = (alias: string) =>
  `CASE WHEN ${alias}."quoteId" IS NULL THEN (SELECT t."text" FROM "Turn" t WHERE t."id" = ${alias}."turnPk")
   ELSE (SELECT qu."text" FROM "Quote" qu WHERE qu."id" = ${alias}."quoteId") END`;

const toHit = (row: DocRow & { text: string | null }): EngineHit => ({
  docId: row.id,
  kind: row.kind,
  episodeSlug: row.episodeSlug,
  chapterNumber: row.chapterNumber,
  turnId: row.turnId,
  quoteId: row.quoteId,
  speakerId: row.speakerId,
  text: row.text ?? "",
});

interface Statistics {
  version: string;
  documents: number;
  tokens: number;
}

/** Per data version: phrase -> documents holding it (IDF), bounded. */
const phraseCounts = new Map<string, number>();
const PHRASE_COUNT_ENTRIES = 5_000;

export class PostgresTsvectorEngine implements SearchEngine {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, values)).rows;
  }

  async resolve(parsed: ParsedQuery): Promise<ResolvedQuery> {
    const [prefixStems, splits] = await Promise.all([this.prefixStems(parsed.prefixWord), this.splits(parsed.compounds)]);
    return resolveQuery(parsed, { prefixStems, splits });
  }

  private async prefixStems(prefix: string | null): Promise<string[] | null | undefined> {
    if (!prefix) return undefined;
    const words = await this.rows<{ stem: string }>(
      'SELECT "stem" FROM "search_word" WHERE "term" >= $1 AND "term" < $2 ORDER BY "term" LIMIT $3',
      [prefix, prefix + "\u{10FFFF}", MAX_PREFIX_EXPANSION + 1],
    );
    return words.length > MAX_PREFIX_EXPANSION ? null : [...new Set(words.map((w) => w.stem))];
  }

  private async splits(compounds: readonly string[]) {
    const splits = new Map<string, ReturnType<typeof splitsFromVocabulary>>();
    const halves = [...new Set(compounds.flatMap(compoundHalves))];
    if (halves.length === 0) return splits;
    const found = await this.rows<{ term: string }>('SELECT "term" FROM "search_word" WHERE "term" = ANY($1::text[])', [halves]);
    const known = new Set(found.map((f) => f.term));
    for (const word of compounds) {
      const pieces = splitsFromVocabulary(word, (s) => known.has(s));
      if (pieces.length > 0) splits.set(word, pieces);
    }
    return splits;
  }

  /** How many documents match `tree` (with `also`), counting at most `limit`. */
  private async count(tree: QueryTree, also: readonly string[], limit: number): Promise<number> {
    const single = also.length === 0 ? singleLexeme(tree) : null;
    if (single !== null) {
      const [row] = await this.rows<{ docs: number }>('SELECT "docs" FROM "search_lexeme" WHERE "lexeme" = $1', [single]);
      return Math.min(row?.docs ?? 0, limit);
    }
    const params = new Params();
    const condition = matchCondition(tree, also, params);
    const [row] = await this.rows<{ n: number }>(
      `SELECT COUNT(*)::int AS "n" FROM (SELECT 1 FROM "search_doc" d WHERE ${condition} LIMIT ${params.add(limit)}) x`,
      params.values,
    );
    return row?.n ?? 0;
  }

  private async statistics(): Promise<Statistics> {
    const [row] = await this.rows<{ version: string; documents: string; tokens: string }>(
      `SELECT (SELECT "value" FROM "ingest_meta" WHERE "key" = 'version') AS "version", s."documents"::text AS "documents", s."tokens"::text AS "tokens"
       FROM "search_stats" s`,
    );
    return { version: row?.version ?? "", documents: Number(row?.documents ?? 0), tokens: Number(row?.tokens ?? 0) };
  }

  /** Documents holding a phrase, in the whole index (BM25's n(i)); cached per data version. */
  private async phraseCount(phrase: Phrase, version: string): Promise<number> {
    const key = `${version}\u0000${phraseText(phrase)}`;
    const hit = phraseCounts.get(key);
    if (hit !== undefined) return hit;
    const n = await this.count({ root: { kind: "phrase", index: 0 }, phrases: [phrase] }, [], Number.MAX_SAFE_INTEGER);
    if (phraseCounts.size >= PHRASE_COUNT_ENTRIES) phraseCounts.delete(phraseCounts.keys().next().value!);
    phraseCounts.set(key, n);
    return n;
  }

  async search(query: ResolvedQuery, filters: SearchFilters, page: { limit: number; offset: number }, options: { facets: boolean }) {
    const none = { total: 0, exact: true, hits: [], facets: null, facetsExact: true };
    const { match, anyTerm } = tsQueries(query);
    if (!match || !anyTerm) return none;
    const filtered = filterLexemes(filters);

    // Broad (more than BROAD_MATCHES documents, whatever the filters): ranked top-k over the first
    // BROAD_MATCHES matches in library order, without BM25 (see the SQLite engine).
    const broad = (await this.count(match, [], BROAD_MATCHES + 1)) > BROAD_MATCHES;

    // Chapters whose title matches boost their turns, unless so many match that it means nothing.
    const titled = await this.rows<{ episodeSlug: string; chapterNumber: number }>(
      `SELECT "episodeSlug", "chapterNumber" FROM "search_chapter" WHERE "tokens" @@ $1::tsquery LIMIT $2`,
      [tsqueryText(anyTerm), MAX_BOOSTED_CHAPTERS + 1],
    );
    const boosted = new Set(titled.length <= MAX_BOOSTED_CHAPTERS ? titled.map((t) => `${t.episodeSlug}:${t.chapterNumber}`) : []);
    const boostOf = (row: DocRow) =>
      (row.kind === "quote" ? QUOTE_BOOST : 1.0) * (boosted.has(`${row.episodeSlug}:${row.chapterNumber}`) ? CHAPTER_TITLE_BOOST : 1.0);

    type Ranked = DocRow & { rank: number; position: number; score: number };
    let ranked: Ranked[];
    let matched: number | null = null; // every match of the filtered query, when all were read
    if (broad) {
      const params = new Params();
      const condition = matchCondition(match, filtered, params);
      const window = await this.rows<DocRow & { rank: number; position: number }>(
        `SELECT ${DOC_COLUMNS}, e."rank", d."position" FROM (
           SELECT * FROM "search_doc" d WHERE ${condition} ORDER BY d."id" LIMIT ${params.add(BROAD_MATCHES)}
         ) d JOIN "search_episode" e ON e."episodeSlug" = d."episodeSlug"`,
        params.values,
      );
      ranked = window.map((row) => ({ ...row, score: boostOf(row) }));
    } else {
      // Every match (at most BROAD_MATCHES), with the positions of the query's lexemes, scored here.
      const lexemes = [...new Set(match.phrases.flatMap((p) => p.tokens.map(lexeme)))];
      const params = new Params();
      const condition = matchCondition(match, filtered, params);
      const rows = await this.rows<DocRow & { rank: number; position: number; tokenCount: number; long: boolean; positions: string }>(
        `SELECT ${DOC_COLUMNS}, e."rank", d."position", d."tokenCount", d."long",
           ts_filter(setweight(d."tokens", 'A', ${params.add(lexemes, "::text[]")}), '{a}')::text AS "positions"
         FROM "search_doc" d JOIN "search_episode" e ON e."episodeSlug" = d."episodeSlug" WHERE ${condition}`,
        params.values,
      );
      matched = rows.length;
      const stats = await this.statistics();
      const averageTokens = stats.tokens / stats.documents;
      const prefixed = match.phrases.some((p) => p.prefix);
      const fromText = rows.filter((r) => r.long || prefixed).map((r) => r.id);
      const texts = fromText.length ? await this.textsOf(fromText) : new Map<number, string>();
      const perDoc = rows.map((row) => {
        const counts = texts.has(row.id)
          ? countsFromText(match.phrases, texts.get(row.id)!)
          : countsFromPositions(match.phrases, row.positions);
        return reportedCounts(match, counts);
      });
      const idfs: number[] = [];
      for (let i = 0; i < match.phrases.length; i++)
        if (perDoc.some((counts) => counts[i]! > 0))
          idfs[i] = idf(stats.documents, await this.phraseCount(match.phrases[i]!, stats.version));
      ranked = rows.map((row, index) => ({ ...row, score: bm25(perDoc[index]!, idfs, row.tokenCount, averageTokens) * boostOf(row) }));
    }
    ranked.sort((a, b) => b.score - a.score || a.rank - b.rank || a.position - b.position || a.id - b.id);
    const pageRows = ranked.slice(page.offset, page.offset + page.limit);
    const texts = await this.textsOf(pageRows.map((r) => r.id));
    const hits = pageRows.map((row) => toHit({ ...row, text: texts.get(row.id) ?? null }));

    if (!options.facets) {
      const counted = matched ?? (await this.count(match, filtered, COUNT_LIMIT + 1));
      return { total: Math.min(counted, COUNT_LIMIT), exact: counted <= COUNT_LIMIT, hits, facets: null, facetsExact: true };
    }
    const { facets, base, counted } = await this.countAndFacets(match, filters);
    let total = counted;
    if (base > FACET_WINDOW) total = matched ?? (await this.count(match, filtered, COUNT_LIMIT + 1));
    return { total: Math.min(total, COUNT_LIMIT), exact: total <= COUNT_LIMIT, hits, facets, facetsExact: base <= FACET_WINDOW };
  }

  private async textsOf(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows<{ id: number; text: string | null }>(
      `SELECT d."id", ${TEXT_OF("d")} AS "text" FROM "search_doc" d WHERE d."id" = ANY($1::int4[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.text ?? ""]));
  }

  /** The total and the facet counts in one statement, over the first FACET_WINDOW matches (see the SQLite engine). */
  private async countAndFacets(match: QueryTree, filters: SearchFilters) {
    const params = new Params();
    const base = matchCondition(match, filterLexemes({ episode: filters.episode, kind: filters.kind }), params);
    const speaker = filters.speaker ? `m."speakerId" = ${params.add(filters.speaker)}` : "TRUE";
    const chapter = filters.chapter !== undefined ? `m."chapterNumber" = ${params.add(filters.chapter, "::int4")}` : "TRUE";
    const topic = filters.topic
      ? (() => {
          const p = params.add(filters.topic);
          return `(CASE WHEN m."quoteId" IS NULL
            THEN EXISTS (SELECT 1 FROM "TurnTopic" x WHERE x."turnPk" = m."turnPk" AND x."topicId" = ${p})
            ELSE EXISTS (SELECT 1 FROM "QuoteTopic" x WHERE x."quoteId" = m."quoteId" AND x."topicId" = ${p}) END)`;
        })()
      : "TRUE";
    const rows = await this.rows<{ dim: string; key: string | null; n: number }>(
      `WITH w AS MATERIALIZED (
         SELECT d."id", d."speakerId", d."chapterNumber", d."turnPk", d."quoteId" FROM "search_doc" d WHERE ${base}
         ORDER BY d."id" LIMIT ${params.add(FACET_WINDOW + 1)}
       ), m AS MATERIALIZED (SELECT * FROM w ORDER BY "id" LIMIT ${params.add(FACET_WINDOW)})
       SELECT 'b' AS "dim", NULL AS "key", COUNT(*)::int AS "n" FROM w
       UNION ALL SELECT 'n', NULL, COUNT(*)::int FROM m WHERE ${speaker} AND ${chapter} AND ${topic}
       UNION ALL SELECT 's', m."speakerId", COUNT(*)::int FROM m WHERE m."speakerId" IS NOT NULL AND ${chapter} AND ${topic} GROUP BY m."speakerId"
       UNION ALL SELECT 'c', m."chapterNumber"::text, COUNT(*)::int FROM m WHERE ${speaker} AND ${topic} GROUP BY m."chapterNumber"
       UNION ALL SELECT 't', x."topicId", COUNT(*)::int FROM (
           SELECT tt."topicId" FROM m JOIN "TurnTopic" tt ON tt."turnPk" = m."turnPk" WHERE m."quoteId" IS NULL AND ${speaker} AND ${chapter}
           UNION ALL
           SELECT qt."topicId" FROM m JOIN "QuoteTopic" qt ON qt."quoteId" = m."quoteId" WHERE ${speaker} AND ${chapter}
         ) x GROUP BY x."topicId"`,
      params.values,
    );
    const facets: Facets = { speaker: {}, chapter: {}, topic: {} };
    let baseCount = 0;
    let counted = 0;
    for (const row of rows) {
      if (row.dim === "b") baseCount = row.n;
      else if (row.dim === "n") counted = row.n;
      else if (row.key !== null) facets[row.dim === "s" ? "speaker" : row.dim === "c" ? "chapter" : "topic"][row.key] = row.n;
    }
    return { facets, base: baseCount, counted };
  }

  async nearCandidates(plan: NearPlan, filters: SearchFilters, options: { limit: number; exclude: readonly number[] }) {
    // Every token is one lexeme: its document count is one lookup (FTS5 counts up to BROAD_MATCHES + 1).
    const keys = plan.tokens.map((token) => lexeme(token.text));
    const known = new Map(
      (
        await this.rows<{ lexeme: string; docs: number }>('SELECT "lexeme", "docs" FROM "search_lexeme" WHERE "lexeme" = ANY($1::text[])', [
          keys,
        ])
      ).map((r) => [r.lexeme, r.docs]),
    );
    const counts = keys.map((key) => Math.min(known.get(key) ?? 0, BROAD_MATCHES + 1));
    const present = plan.tokens
      .map((_, index) => index)
      .filter((index) => counts[index]! > 0)
      .sort((a, b) => counts[a]! - counts[b]! || a - b);
    const found = new Map<number, EngineHit>();
    const also = filterLexemes(filters).map(quoteLexeme);
    for (const level of nearLevels(plan, present)) {
      const groups = level.map((group) => `(${group.map((i) => quoteLexeme(keys[i]!)).join(" & ")})`).join(" | ");
      const tsquery = also.length ? `(${groups}) & ${also.join(" & ")}` : groups;
      const rows = await this.rows<DocRow & { text: string | null }>(
        `SELECT h.*, ${TEXT_OF("h")} AS "text" FROM (
           SELECT ${DOC_COLUMNS} FROM "search_doc" d WHERE d."tokens" @@ $1::tsquery AND d."id" <> ALL($2::int4[]) ORDER BY d."id" LIMIT $3
         ) h ORDER BY h."id"`,
        [tsquery, options.exclude, options.limit],
      );
      for (const row of rows) if (found.size < options.limit && !found.has(row.id)) found.set(row.id, toHit(row));
      if (found.size >= options.limit) break;
    }
    return [...found.values()];
  }

  async namesEntity(compact: string): Promise<boolean> {
    if (!compact) return false;
    const rows = await this.rows(`SELECT 1 FROM "search_entity_key" WHERE "key" = $1 AND "exact" = 1 LIMIT 1`, [compact]);
    return rows.length > 0;
  }

  async entities(query: ResolvedQuery, compact: string, limit: number): Promise<EntityHit[]> {
    if (!compact) return [];
    type Row = EntityRecord & { key: string; exact: number };
    const columns = `e."id" AS "entity", e."kind", e."entityId", e."name", e."url", e."count", e."role", e."context", e."keyLength"`;
    const byKey = await this.rows<Row>(
      `SELECT k."key", k."exact", ${columns} FROM "search_entity_key" k JOIN "search_entity" e ON e."id" = k."entity"
       WHERE k."key" >= $1 AND k."key" < $2 ORDER BY k."key", k."entity" LIMIT 200`,
      [compact, compact + "\u{10FFFF}"],
    );
    const { match } = tsQueries(query);
    const length = [...compact].length;
    const byTitle =
      match && length >= 2
        ? await this.rows<Row>(
            `SELECT '' AS "key", 0 AS "exact", ${columns} FROM "search_entity_title" f JOIN "search_entity" e ON e."id" = f."entity"
             WHERE f."tokens" @@ $1::tsquery AND e."keyLength" <= $2 ORDER BY f."entity" LIMIT 50`,
            [tsqueryText(match), length * 2],
          )
        : [];
    const best = new Map<number, EntityHit>();
    const consider = (row: Row, score: number) => {
      if (score <= 0) return;
      const previous = best.get(row.entity);
      if (previous && previous.score >= score) return;
      best.set(row.entity, {
        kind: row.kind,
        id: row.entityId,
        name: row.name,
        url: row.url,
        count: row.count,
        role: row.role,
        context: row.context,
        score,
      });
    };
    for (const row of byKey)
      consider(row, entityKeyScore(compact, { key: row.key, exact: row.exact, kind: row.kind, keyLength: row.keyLength }));
    for (const row of byTitle) consider(row, 0.5);
    return [...best.values()]
      .sort((a, b) => b.score - a.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, limit);
  }
}

/** Each phrase's instances, from ts_filter's text (the query's lexemes with their positions). */
function countsFromPositions(phrases: readonly Phrase[], text: string): number[] {
  const positions = new Map<string, number[]>();
  for (const [, quoted, list] of text.matchAll(/'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g)) {
    const key = quoted!.replace(/''/g, "'").replace(/\\\\/g, "\\");
    positions.set(key, list ? list.split(",").map((p) => Number.parseInt(p, 10)) : []);
  }
  return phrases.map((phrase) => phraseInstances(phrase, (token) => positions.get(lexeme(token)) ?? []));
}

/** Each phrase's instances, from the document's text tokenised again (long documents, unexpanded prefixes). */
function countsFromText(phrases: readonly Phrase[], text: string): number[] {
  const tokens = indexTokens(text);
  const positions = new Map<string, number[]>();
  for (const [column, separator] of [
    [tokens.uni, null],
    [tokens.bi, RUN_SEPARATOR],
    [tokens.words, WORD_BREAK],
  ] as const) {
    let position = 0;
    for (const token of column ? column.split(" ") : []) {
      position += 1;
      if (token === separator) continue;
      const key = lexeme(token);
      const list = positions.get(key);
      if (list) list.push(position);
      else positions.set(key, [position]);
    }
  }
  const byPrefix = (prefix: string) =>
    [...positions]
      .filter(([key]) => key.startsWith(prefix))
      .flatMap(([, list]) => list)
      .sort((a, b) => a - b);
  return phrases.map((phrase) => phraseInstances(phrase, (token) => positions.get(lexeme(token)) ?? [], byPrefix));
}
