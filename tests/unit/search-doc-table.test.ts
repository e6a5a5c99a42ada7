// The SQLite engine's in-memory document table (src/lib/search/sqlite-fts5/doc-table.ts): built
// from packed chunks in rowid order, with gaps (documents an incremental ingest removed), and
// filtered as the FTS filter tokens would filter.
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInOrder, parseIds } from "../../src/lib/search/sqlite-fts5/engine.ts";
import {
  DocTableBuilder,
  documentFrequency,
  FIELD,
  FREQUENT,
  hasTopic,
  NO_DOCUMENT,
  passesAll,
  passesBase,
  RECORD,
  tableFilter,
} from "../../src/lib/search/sqlite-fts5/doc-table.ts";

const doc = (...fields: Array<string | number>) => fields.join(FIELD);
const link = (rowid: number, topic: string) => `${rowid}${FIELD}${topic}`;

function sample() {
  const builder = new DocTableBuilder();
  builder.addChunk(
    [doc(1, "speech", "ep-a", 1, "ada", 0, 1), doc(2, "note", "ep-a", 1, "", 0, 2), doc(4, "quote", "ep-b", 2, "ben", 1, 7)].join(RECORD),
    [link(4, "llm"), link(1, "llm"), link(1, "data")].join(RECORD),
  );
  // A later chunk after a gap (rowids 5-2999 removed), past the builder's first capacity.
  builder.addChunk([doc(3000, "speech", "ep-b", 3, "ada", 1, 9)].join(RECORD), link(3000, "data"));
  builder.addChunk(null, null);
  return builder.build();
}

describe("the search document table", () => {
  it("holds every document's facts by rowid, gaps marked as no document", () => {
    const table = sample();
    expect(table.size).toBe(3001);
    expect([...table.kind.slice(0, 5)]).toEqual([NO_DOCUMENT, 0, 1, NO_DOCUMENT, 2]);
    expect(table.kind[2999]).toBe(NO_DOCUMENT);
    expect(table.episodes[table.episode[4]!]).toBe("ep-b");
    expect(table.speaker[2]).toBe(-1);
    expect(table.speakers[table.speaker[3000]!]).toBe("ada");
    expect([table.chapter[4], table.episodeRank[4], table.position[4]]).toEqual([2, 1, 7]);
    const topicsOf = (r: number) => [...table.topicIds.slice(table.topicStart[r]!, table.topicStart[r + 1]!)].map((t) => table.topics[t]);
    expect(topicsOf(1).sort()).toEqual(["data", "llm"]);
    expect(topicsOf(2)).toEqual([]);
    expect(topicsOf(3)).toEqual([]);
    expect(topicsOf(4)).toEqual(["llm"]);
    expect(topicsOf(2999)).toEqual([]);
    expect(topicsOf(3000)).toEqual(["data"]);
  });

  it("reads FTS5's document lengths, totals and document frequencies as FTS5 stores them (varints of 1 to 3 bytes)", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE f USING fts5(a, b, content='')");
    const lengths = [0, 1, 127, 128, 300, 16_383, 16_384, 20_000];
    const insert = db.prepare("INSERT INTO f (rowid, a, b) VALUES (?, ?, ?)");
    lengths.forEach((n, i) => insert.run(i + 1, Array.from({ length: n }, () => "x").join(" "), "y z"));
    // A token FREQUENT documents hold (the table keeps exact frequencies from there on).
    for (let i = 0; i < FREQUENT; i++) insert.run(100 + i, "w", "");
    const sizes = db.prepare("SELECT group_concat(id || ',' || hex(sz), ';') FROM f_docsize").pluck().get() as string;
    const averages = db.prepare("SELECT hex(block) FROM f_data WHERE id = 1").pluck().get() as string;
    db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, f, col)");
    const frequencies = db.prepare("SELECT term, col, doc FROM v").raw().all() as Array<[string, string, number]>;
    db.close();
    const builder = new DocTableBuilder();
    const rowids = [...lengths.map((_, i) => i + 1), ...Array.from({ length: FREQUENT }, (_, i) => 100 + i)];
    builder.addChunk(rowids.map((r) => doc(r, "speech", "ep", 1, "ada", 0, r)).join(RECORD), null, sizes);
    builder.setTotals(averages);
    builder.addFrequencies(frequencies);
    const table = builder.build();
    expect([...table.tokens.slice(1, lengths.length + 1)]).toEqual(lengths.map((n) => n + 2));
    expect(table.tokens[100]).toBe(1);
    expect(table.ftsRows).toBe(lengths.length + FREQUENT);
    expect(table.ftsTokens).toBe(lengths.reduce((sum, n) => sum + n + 2, 0) + FREQUENT);
    expect(documentFrequency(table, "a", "w")).toBe(FREQUENT);
    // Rarer tokens (and absent ones) are only known to be rarer: FREQUENT - 1 bounds them.
    expect(documentFrequency(table, "a", "x")).toBe(FREQUENT - 1);
    expect(documentFrequency(table, "b", "y")).toBe(FREQUENT - 1);
    expect(documentFrequency(table, "a", "y")).toBe(FREQUENT - 1);
    expect(table.frequencies.size).toBe(1);
    expect(documentFrequency(sample(), "a", "x")).toBeNull();
  });

  it("rejects rowids out of order (a chunk read in another order would misplace documents)", () => {
    const builder = new DocTableBuilder();
    builder.addChunk(doc(5, "speech", "ep", 1, "ada", 0, 1), null);
    expect(() => builder.addChunk(doc(3, "speech", "ep", 1, "ada", 0, 2), null)).toThrow(/out of order/);
  });

  it("filters as the filter tokens do: every given filter, unknown values match nothing, empty ones nothing is filtered", () => {
    const table = sample();
    const matching = (filters: Parameters<typeof tableFilter>[1]) =>
      [1, 2, 3, 4, 3000].filter((r) => passesAll(table, r, tableFilter(table, filters)));
    expect(matching({})).toEqual([1, 2, 4, 3000]);
    expect(matching({ speaker: "ada" })).toEqual([1, 3000]);
    expect(matching({ speaker: "ada", chapter: 3 })).toEqual([3000]);
    expect(matching({ topic: "llm" })).toEqual([1, 4]);
    expect(matching({ topic: "data", episode: "ep-a" })).toEqual([1]);
    expect(matching({ kind: "quote" })).toEqual([4]);
    expect(matching({ kind: "note", speaker: "ada" })).toEqual([]);
    expect(matching({ speaker: "nobody" })).toEqual([]);
    expect(matching({ topic: "nothing" })).toEqual([]);
    expect(matching({ episode: "ep-z" })).toEqual([]);
    expect(matching({ speaker: "", topic: "" })).toEqual([1, 2, 4, 3000]);
    // The facets' base: episode and kind only.
    const base = tableFilter(table, { episode: "ep-b", speaker: "nobody" });
    expect([1, 2, 4, 3000].filter((r) => passesBase(table, r, base))).toEqual([4, 3000]);
    expect(hasTopic(table, 3000, table.topicIndex.get("data")!)).toBe(true);
    expect(hasTopic(table, 3000, table.topicIndex.get("llm")!)).toBe(false);
  });
});

describe("the engine's page selection and id parsing", () => {
  it("firstInOrder keeps exactly what a full sort would keep, for any items, count and ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 0, max: 5 }), rowid: fc.nat(1000) }), { maxLength: 300 }),
        fc.nat(60),
        (items, count) => {
          const compare = (a: { score: number; rowid: number }, b: { score: number; rowid: number }) =>
            b.score - a.score || a.rowid - b.rowid;
          expect(firstInOrder(items, count, compare)).toEqual([...items].sort(compare).slice(0, count));
        },
      ),
    );
  });

  it("parseIds reads group_concat's comma-separated rowids", () => {
    expect(parseIds(null)).toEqual([]);
    expect(parseIds("7")).toEqual([7]);
    expect(parseIds("1,20,300,4000000")).toEqual([1, 20, 300, 4_000_000]);
  });
});
