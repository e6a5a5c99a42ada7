// The SQLite engine's in-memory entity index (src/lib/search/sqlite-fts5/entity-index.ts) answers
// what its two SQL lookups answer: keys by prefix in SQLite's order, and titles as FTS5 matches
// them (checked against FTS5 itself on random names and queries: phrases, prefixes, NOT, OR of
// Traditional variants, letters and digits).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery, resolveQuery } from "../../src/lib/search/parse-query.ts";
import { tsQueries } from "../../src/lib/search/postgres-tsvector/tsquery.ts";
import { compareCodePoints, EntityIndex, type EntityKeyRecord, type EntityRecord } from "../../src/lib/search/sqlite-fts5/entity-index.ts";
import { fts5Match } from "../../src/lib/search/sqlite-fts5/fts5-match.ts";
import { ftsWith } from "../support/fts5.ts";

const record = (entity: number, name: string, keyLength = [...name].length): EntityRecord => ({
  entity,
  kind: "chapter",
  entityId: `e/${entity}`,
  name,
  url: `/e/${entity}`,
  count: entity,
  role: null,
  context: null,
  keyLength,
});

describe("the entity index", () => {
  it("orders strings as SQLite's BINARY collation orders their UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
    expect(compareCodePoints("a\u{1F600}", "a\uFFFF")).toBeGreaterThan(0);
  });

  it("finds keys by prefix in key order, then entity, at most the limit, as the key table's range does", () => {
    const keys: EntityKeyRecord[] = [
      { key: "monica", entity: 2, exact: 1 },
      { key: "mo", entity: 3, exact: 1 },
      { key: "monica", entity: 1, exact: 0 },
      { key: "m小姐", entity: 2, exact: 1 },
      { key: "mona", entity: 4, exact: 1 },
      { key: "n", entity: 5, exact: 1 },
    ];
    const index = new EntityIndex(
      [1, 2, 3, 4, 5].map((n) => record(n, `name ${n}`)),
      keys,
    );
    const found = (compact: string, limit = 200) => index.byKey(compact, limit).map((k) => `${k.key}:${k.entity}`);
    expect(found("mo")).toEqual(["mo:3", "mona:4", "monica:1", "monica:2"]);
    expect(found("m")).toEqual(["mo:3", "mona:4", "monica:1", "monica:2", "m小姐:2"]);
    expect(found("mo", 2)).toEqual(["mo:3", "mona:4"]);
    expect(found("zz")).toEqual([]);
    expect(index.byKey("monica", 5)[0]!.record.name).toBe("name 1");
  });

  it("matches titles as FTS5 does, for random titles and queries", () => {
    const pieces = ["模型", "语言", "語言", "大", "的", "能力", " ", "，", "model", "models", "lang", "gpt", "3", "-", "a"];
    const title = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }).map((p) => p.join(""));
    const queryPieces = ["模型", "语言", "語言模型", "大模型", "的能", "模", "model", "mod", "lang", "gpt3", "gpt 3", "a"];
    const term = fc
      .tuple(fc.constantFrom("", "-", '"'), fc.constantFrom(...queryPieces))
      .map(([mark, text]) => (mark === '"' ? `"${text}"` : mark + text));
    const query = fc.array(term, { minLength: 1, maxLength: 3 }).map((t) => t.join(" "));
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 25 }), fc.array(query, { minLength: 1, maxLength: 8 }), (titles, queries) => {
        const { db, search } = ftsWith(titles);
        const index = new EntityIndex(
          titles.map((name, i) => record(i + 1, name)),
          [],
        );
        for (const q of queries) {
          const resolved = resolveQuery(parseQuery(q), {});
          const { match } = fts5Match(resolved);
          const tree = tsQueries(resolved).match;
          if (!match || !tree) continue;
          const expected = search(match);
          expect({ q, titles, found: index.byTitle(tree, Infinity, 1_000).map((r) => r.entity) }).toEqual({ q, titles, found: expected });
          // The length limit and the count limit: the first matches by rowid among the short ones.
          const short = index.byTitle(tree, 4, 2).map((r) => r.entity);
          expect(short).toEqual(expected.filter((rowid) => [...titles[rowid - 1]!].length <= 4).slice(0, 2));
        }
        db.close();
      }),
      { numRuns: 150 },
    );
  });
});
