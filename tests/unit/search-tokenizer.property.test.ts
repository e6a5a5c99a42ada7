// Property-based tests (fast-check) for the tokenizer and the query builder, against a real
// in-memory SQLite FTS5 table built the way the ingest builds it.
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldChar, normaliseForSearch, runsOf } from "../../src/lib/search/normalize.ts";
import { MAX_PREFIX_EXPANSION, parseQuery } from "../../src/lib/search/parse-query.ts";
import { indexTokens, WORD_BREAK } from "../../src/lib/search/tokenize.ts";

const HAN = [..."的开源模型大语言多模态推理数据参数规模产品生态工具链问题一二三人我你他是在有了不"];
const hanChar = fc.constantFrom(...HAN);
const anyChar = fc.oneof(
  hanChar,
  fc.constantFrom(...'abcXYZ019 -,.!?"*:()^，。「」ＧＰＴ😀\u0000\t'),
  fc.string({ unit: "binary", maxLength: 1 }),
);
const text = fc.array(anyChar, { maxLength: 60 }).map((chars) => chars.join(""));

function ftsWith(documents: string[]) {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE f USING fts5(uni, bi, words, content='', tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare("INSERT INTO f (rowid, uni, bi, words) VALUES (?, ?, ?, ?)");
  documents.forEach((doc, i) => {
    const t = indexTokens(doc);
    insert.run(i + 1, t.uni, t.bi, t.words);
  });
  const search = (match: string) =>
    (db.prepare("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid").all(match) as Array<{ rowid: number }>).map((r) => r.rowid);
  return { db, search };
}

describe("tokenizer and query builder (property-based)", () => {
  it("every query string gives a valid FTS5 expression or none: never a syntax error", () => {
    const { db, search } = ftsWith(["开源模型 GPT-3 in-context learning"]);
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 100 })), (query) => {
        const { match } = parseQuery(query);
        if (match !== null) expect(() => search(match)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    db.close();
  });

  it("a CJK substring of any length is found in exactly the documents that contain it", () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        (docs, pick, at, length) => {
          const doc = docs[pick % docs.length]!;
          const cjkRuns = runsOf(normaliseForSearch(doc).text).filter((r) => r.kind === "cjk");
          fc.pre(cjkRuns.length > 0);
          const run = [...cjkRuns[at % cjkRuns.length]!.text];
          const start = at % run.length;
          const query = run.slice(start, start + length).join("");
          const { search, db } = ftsWith(docs);
          const expected = docs.flatMap((d, i) => (normaliseForSearch(d).text.includes(query) ? [i + 1] : []));
          expect(search(parseQuery(query).match!)).toEqual(expected);
          db.close();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("folds full-width forms and case: ＧＰＴ finds gpt", () => {
    const { search, db } = ftsWith(["我们用 GPT 做了实验", "没有"]);
    expect(search(parseQuery("ＧＰＴ").match!)).toEqual([1]);
    expect(search(parseQuery("gpt").match!)).toEqual([1]);
    db.close();
  });

  it("indexes CJK runs apart so a phrase never spans punctuation", () => {
    const { search, db } = ftsWith(["开源,模型", "开源模型"]);
    expect(search(parseQuery("源模").match!)).toEqual([2]);
    expect(search(parseQuery("开源 模型").match!)).toEqual([1, 2]);
    db.close();
  });

  it("a prefix expanded to the indexed words it starts finds exactly what FTS5's own * prefix query finds", () => {
    const WORDS = [
      "in",
      "infer",
      "inference",
      "inferred",
      "context",
      "contexts",
      "gpt",
      "gpt3",
      "model",
      "models",
      "modal",
      "palm",
      "540b",
    ];
    const doc = fc
      .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(" ", "-", " 模型 ", "，", "开源")), { maxLength: 16 })
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...WORDS),
        fc.nat(8),
        fc.constantFrom("", "开源 ", "gpt-"),
        (docs, word, cut, lead) => {
          const prefix = word.slice(0, Math.max(1, word.length - cut));
          const query = lead + prefix;
          const vocabulary = [...new Set(docs.flatMap((d) => indexTokens(d).words.split(" ")))].filter((w) => w && w !== WORD_BREAK);
          const expansion = vocabulary.filter((w) => w.startsWith(prefix)).sort();
          const { search, db } = ftsWith(docs);
          const native = parseQuery(query);
          const expanded = parseQuery(query, { prefixExpansion: expansion });
          expect(native.prefixWord).toBe(prefix);
          if (expansion.length > 0 && expansion.length <= MAX_PREFIX_EXPANSION) expect(expanded.match).not.toBe(native.match);
          expect(search(expanded.match!)).toEqual(search(native.match!));
          db.close();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("folding takes its ASCII and CJK shortcut with exactly the result of NFKC + lower case", () => {
    const reference = (char: string) => char.normalize("NFKC").toLowerCase();
    for (let code = 0; code < 0x80; code++) expect(foldChar(String.fromCharCode(code))).toBe(reference(String.fromCharCode(code)));
    for (let code = 0x4e00; code <= 0x9fff; code++) expect(foldChar(String.fromCharCode(code))).toBe(reference(String.fromCharCode(code)));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        for (const char of s) expect(foldChar(char)).toBe(reference(char));
      }),
      { numRuns: 2000 },
    );
  });
});
