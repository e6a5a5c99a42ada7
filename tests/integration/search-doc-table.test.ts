// The SQLite engine answers with its in-memory document table (doc-table.ts) once it is loaded and
// with SQL before: both must give the same results — hits in the same order, totals, `exact`,
// facets and `facetsExact` — for every kind of query, filter and page, on the seed (quotes, notes,
// topics) and on a library large enough for broad queries (more than 2,000 matches), capped totals
// (more than 10,000) and capped facet windows.
import { mkdtempSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticLibrary } from "../../src/lib/bench/synthetic-library.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { getDb } from "../../src/lib/db.ts";
import { compactKey } from "../../src/lib/search/entities.ts";
import type { SearchFilters } from "../../src/lib/search/engine.ts";
import { parseQuery } from "../../src/lib/search/parse-query.ts";
import { fts5Match } from "../../src/lib/search/sqlite-fts5/fts5-match.ts";
import {
  BROAD_MATCHES,
  COUNT_LIMIT,
  docTableSettings,
  onePhrase,
  rankingSettings,
  SqliteFts5Engine,
} from "../../src/lib/search/sqlite-fts5/engine.ts";
import { ingestInto, tempDatabasePath } from "../support/ingest.ts";
import { CONTENT_DIR } from "../support/seed.ts";

const seed = loadLibrary(CONTENT_DIR);
const speakers = seed.episodes[0]!.participants.map((p) => p.personId);

async function bothWays(engine: SqliteFts5Engine, q: string, filters: SearchFilters, page = { limit: 20, offset: 0 }, facets = true) {
  const query = await engine.resolve(parseQuery(q));
  docTableSettings.mode = "off";
  const sql = await engine.search(query, filters, page, { facets });
  docTableSettings.mode = "await";
  const table = await engine.search(query, filters, page, { facets });
  return { sql, table };
}

const QUERIES = [
  "的",
  "模型",
  "我们",
  "数据",
  "语言模型",
  "大模型的能力",
  "model",
  "the",
  '"language model"',
  "模型 数据",
  "训练 -数据",
  "GPT-3",
  "語言模型",
  "zzzz",
  // A prefix word expanded to many words, with another term; phrases of several tokens.
  "yiwen li",
  "数据 mo",
  "model t",
  "mod",
];

function filterCases(topics: string[], episodes: string[]): SearchFilters[] {
  return [
    {},
    { speaker: speakers[0] },
    { speaker: speakers[1], chapter: 2 },
    { chapter: 1 },
    { topic: topics[0] },
    { topic: topics[1], speaker: speakers[0] },
    { episode: episodes[0] },
    { episode: episodes[1], speaker: speakers[2] },
    { kind: "speech" },
    { kind: "quote" },
    { kind: "note", chapter: 3 },
    { speaker: "nobody-at-all" },
    { topic: "no-such-topic" },
    { episode: "no-such-episode" },
  ];
}

describe.each([
  ["the seed", () => CONTENT_DIR],
  [
    "a library of 14,000 turns",
    () => {
      const content = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-doctable-")), "content");
      writeSyntheticLibrary(CONTENT_DIR, seed, content, 14_000);
      return content;
    },
  ],
])("the document table on %s", (_name, contentDir) => {
  let engine: SqliteFts5Engine;
  let databasePath = "";
  let topics: string[] = [];
  let episodes: string[] = [];
  const mode = docTableSettings.mode;
  const chunk = docTableSettings.chunk;
  beforeAll(async () => {
    databasePath = tempDatabasePath();
    await ingestInto(databasePath, contentDir());
    process.env.DATABASE_URL = `file:${databasePath}`;
    const db = await getDb();
    engine = new SqliteFts5Engine(db);
    topics = (await db.$queryRaw<Array<{ id: string }>>`SELECT topicId AS id FROM TurnTopic GROUP BY topicId ORDER BY COUNT(*) DESC`).map(
      (t) => t.id,
    );
    episodes = (await db.$queryRaw<Array<{ slug: string }>>`SELECT slug FROM Episode ORDER BY slug`).map((e) => e.slug);
    // Several chunks, so that loading across chunk boundaries is checked too.
    docTableSettings.chunk = 1_000;
  }, 180_000);
  afterAll(() => {
    docTableSettings.mode = mode;
    docTableSettings.chunk = chunk;
  });

  it("is loaded (so that the comparisons below compare two ways)", async () => {
    docTableSettings.mode = "await";
    const table = await engine.docTable();
    expect(table).not.toBeNull();
    docTableSettings.mode = "off";
    expect(await engine.docTable()).toBeNull();
  });

  it.each(QUERIES)("gives the same results with and without it: %s", async (q) => {
    for (const filters of filterCases(topics, episodes)) {
      for (const facets of [true, false]) {
        const { sql, table } = await bothWays(engine, q, filters, { limit: 20, offset: 0 }, facets);
        expect({ q, filters, withFacets: facets, ...table }).toEqual({ q, filters, withFacets: facets, ...sql });
      }
    }
    // Later pages (of the ranked window) too.
    for (const offset of [20, 75]) {
      const { sql, table } = await bothWays(engine, q, {}, { limit: 50, offset });
      expect(table).toEqual(sql);
    }
  });

  it("finds the same entities with and without it (titles looked up among the short ones)", async () => {
    const db = await getDb();
    const titles = (await db.$queryRaw<Array<{ title: string }>>`SELECT title FROM Chapter ORDER BY id LIMIT 40`).map((c) => c.title);
    const names = (await db.$queryRaw<Array<{ name: string }>>`SELECT name FROM search_entity ORDER BY keyLength, rowid LIMIT 40`).map(
      (e) => e.name,
    );
    const queries = [
      ...titles.flatMap((t) => [t.slice(0, 2), t.slice(0, 4), t.slice(2, 8), t, t.slice(1), t.slice(Math.floor(t.length / 2) - 1)]),
      ...names.flatMap((n) => [n, n.slice(0, 2)]),
      "模型",
      "大模型",
      "语言",
      "合成访谈 1",
      "monica",
      "yiwen li",
      // Shapes whose title lookup needs positions, prefixes, NOT, several terms or folding.
      ...titles
        .slice(0, 10)
        .flatMap((t) => [`"${t.slice(0, 4)}"`, `${t.slice(0, 2)} ${t.slice(3, 5)}`, `${t.slice(0, 4)} -${t.slice(5, 7)}`]),
      "yiwen l",
      "xuezhi wa",
      "語言模型",
      "合成",
      "访谈 1",
      "GPT-3",
      "M小姐",
      "OnBoard",
    ];
    let titled = 0;
    for (const q of queries) {
      const query = await engine.resolve(parseQuery(q));
      const compact = compactKey(q);
      docTableSettings.mode = "off";
      const sql = await engine.entities(query, compact, 5);
      docTableSettings.mode = "await";
      const table = await engine.entities(query, compact, 5);
      expect({ q, table }).toEqual({ q, table: sql });
      if (sql.some((e) => e.score === 0.5)) titled++;
    }
    // Some of them are found by their titles' words (the lookup that changed).
    expect(titled).toBeGreaterThan(0);
  });

  it("reads a query's matches once only when its rarest tokens prove it narrow (never a query with more matches)", async () => {
    const db = await getDb();
    const texts = (await db.$queryRaw<Array<{ text: string }>>`SELECT text FROM Turn ORDER BY id LIMIT 60`).map((t) => t.text);
    const queries = [
      ...texts.flatMap((t) => [t.slice(0, 4), t.slice(2, 9), `"${t.slice(0, 5)}"`, `${t.slice(0, 2)} ${t.slice(4, 8)}`]),
      "语言模型",
      "語言模型",
      "大模型的能力",
      '"in context learning"',
      "-模型 语言模型",
    ];
    const verdicts = new Set<string>();
    docTableSettings.mode = "await";
    const table = await engine.docTable();
    expect(table?.frequenciesLoaded).toBe(true);
    for (const limit of [5, 50, BROAD_MATCHES]) {
      for (const q of queries) {
        const query = await engine.resolve(parseQuery(q));
        const match = fts5Match(query).match;
        if (!match) continue;
        const narrow = await engine.certainlyNarrow(query, limit);
        // The document table's frequencies give the same verdict as the probe statement.
        expect({ q, limit, narrow: await engine.certainlyNarrow(query, limit, table) }).toEqual({ q, limit, narrow });
        const [row] = await db.$queryRaw<Array<{ n: bigint }>>`SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH ${match}`;
        if (narrow) expect({ q, limit, n: Number(row?.n) }).toEqual({ q, limit, n: Math.min(Number(row?.n), limit) });
        verdicts.add(`${limit}:${narrow}`);
      }
    }
    // Both verdicts occur at the small limits (the check above is not vacuous).
    expect(verdicts).toContain("5:true");
    expect(verdicts).toContain("5:false");
    expect(verdicts).toContain("50:false");
  });

  it("ranks a one-phrase query with exactly bm25()'s scores without calling bm25() (phraseBm25), phrases held twice included", async () => {
    docTableSettings.mode = "await";
    const table = (await engine.docTable())!;
    expect(table.ftsRows).toBeGreaterThan(0);
    const db = await getDb();
    const texts = (await db.$queryRaw<Array<{ text: string }>>`SELECT text FROM Turn ORDER BY id LIMIT 300`).map((t) => t.text);
    // Passages a turn holds twice (its phrase frequency there is 2: counted on the text).
    const twice = new Set<string>();
    for (const text of texts)
      for (let i = 0; i + 3 <= text.length && twice.size < 12; i++) {
        const s = text.slice(i, i + 3);
        if (/^\p{Script=Han}{3}$/u.test(s) && text.indexOf(s, i + 1) > i) twice.add(s);
      }
    expect(twice.size).toBeGreaterThan(0);
    const queries = [
      ...twice,
      ...texts.slice(0, 60).flatMap((t) => [t.slice(0, 1), t.slice(0, 2), t.slice(1, 5), t.slice(3, 9)]),
      "模型",
      "语言模型",
      "語言模型",
      '"language model"',
      '"in context learning"',
    ];
    const raw = new Database(databasePath, { readonly: true });
    let ranked = 0;
    let heldTwice = 0;
    try {
      for (const q of queries) {
        const query = await engine.resolve(parseQuery(q));
        const phrase = onePhrase(query);
        if (!phrase) continue;
        const expected = raw
          .prepare("SELECT rowid, bm25(search_fts) AS bm25 FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid")
          .all(fts5Match(query).match!) as Array<{ rowid: number; bm25: number }>;
        if (expected.length === 0 || expected.length > BROAD_MATCHES) continue;
        const actual = await engine.phraseBm25(
          table,
          phrase,
          expected.map((r) => r.rowid),
        );
        if (actual === null) continue; // given back to bm25()
        expect({ q, actual }).toEqual({ q, actual: expected });
        ranked += 1;
        if (twice.has(q)) heldTwice += 1;
      }
    } finally {
      raw.close();
    }
    expect(ranked).toBeGreaterThan(40);
    expect(heldTwice).toBeGreaterThan(0);
    // And searches rank the same with it and with bm25() (the page of every one-phrase query).
    for (const q of queries.slice(0, 40)) {
      const query = await engine.resolve(parseQuery(q));
      rankingSettings.phraseBm25 = false;
      const withBm25 = await engine.search(query, {}, { limit: 50, offset: 0 }, { facets: true });
      rankingSettings.phraseBm25 = true;
      expect(await engine.search(query, {}, { limit: 50, offset: 0 }, { facets: true })).toEqual(withBm25);
    }
  });

  it("answers entities from a new index after the data changes (a commit moves data_version)", async () => {
    docTableSettings.mode = "await";
    const monica = await engine.entities(await engine.resolve(parseQuery("zzqq")), "zzqq", 5);
    expect(monica).toEqual([]);
    const before = await engine.docTable();
    expect(before?.entities?.size).toBeGreaterThan(0);
    // Another connection commits, as an in-place write would: the next search sees a new version.
    const writer = new Database(databasePath);
    writer
      .prepare("INSERT INTO search_entity_key (key, entity, exact) SELECT 'zzqq', rowid, 1 FROM search_entity WHERE entityId = 'monica'")
      .run();
    writer.close();
    const after = await engine.entities(await engine.resolve(parseQuery("zzqq")), "zzqq", 5);
    expect(after.map((e) => e.id)).toEqual(["monica"]);
    expect(await engine.docTable()).not.toBe(before);
    // And the same answer from SQL, so the comparisons above still compare like with like.
    docTableSettings.mode = "off";
    expect(await engine.entities(await engine.resolve(parseQuery("zzqq")), "zzqq", 5)).toEqual(after);
    docTableSettings.mode = "await";
  });

  it("covers broad queries, capped totals and capped facet windows on the large library", async () => {
    if (_name === "the seed") return;
    docTableSettings.mode = "await";
    const common = await engine.search(await engine.resolve(parseQuery("的")), {}, { limit: 20, offset: 0 }, { facets: true });
    expect(common.total).toBe(COUNT_LIMIT);
    expect(common.exact).toBe(false);
    expect(common.facetsExact).toBe(false);
    // A filtered broad query whose matches are not all among the query's first COUNT_LIMIT + 1.
    const filtered = await engine.search(
      await engine.resolve(parseQuery("的")),
      { speaker: speakers[0] },
      { limit: 20, offset: 0 },
      { facets: true },
    );
    expect(filtered.total).toBeGreaterThan(BROAD_MATCHES);
    expect(Object.keys(filtered.facets!.speaker).length).toBeGreaterThan(1);
  });
});
