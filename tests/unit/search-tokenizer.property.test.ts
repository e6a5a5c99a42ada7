// Property-based tests (fast-check) for the tokenizer and the query builder, against a real
// in-memory SQLite FTS5 table built the way the ingest builds it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stemmer } from "stemmer";
import { foldHan } from "../../src/lib/search/han-fold.ts";
import { foldChar, normaliseForSearch, runsOf } from "../../src/lib/search/normalize.ts";
import { MAX_PREFIX_EXPANSION, parseQuery, resolveQuery, type Vocabulary } from "../../src/lib/search/parse-query.ts";
import { fts5Match } from "../../src/lib/search/sqlite-fts5/fts5-match.ts";
import { ftsWith } from "../support/fts5.ts";

/** The FTS5 expression the SQLite engine runs for a query (vocabulary as an engine would look it up). */
const matchOf = (query: string, vocabulary: Vocabulary = {}) => fts5Match(resolveQuery(parseQuery(query), vocabulary)).match;

const HAN = [..."的开源模型大语言多模态推理数据参数规模产品生态工具链问题一二三人我你他是在有了不"];
const hanChar = fc.constantFrom(...HAN);
const anyChar = fc.oneof(
  hanChar,
  fc.constantFrom(...'abcXYZ019 -,.!?"*:()^，。「」ＧＰＴ😀\u0000\t'),
  fc.string({ unit: "binary", maxLength: 1 }),
);
const text = fc.array(anyChar, { maxLength: 60 }).map((chars) => chars.join(""));

describe("tokenizer and query builder (property-based)", () => {
  it("every query string gives a valid FTS5 expression or none: never a syntax error", () => {
    const { db, search } = ftsWith(["开源模型 GPT-3 in-context learning"]);
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 100 })), (query) => {
        const match = matchOf(query);
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
          expect(search(matchOf(query)!)).toEqual(expected);
          db.close();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("folds full-width forms and case: ＧＰＴ finds gpt", () => {
    const { search, db } = ftsWith(["我们用 GPT 做了实验", "没有"]);
    expect(search(matchOf("ＧＰＴ")!)).toEqual([1]);
    expect(search(matchOf("gpt")!)).toEqual([1]);
    db.close();
  });

  it("indexes CJK runs apart so a phrase never spans punctuation", () => {
    const { search, db } = ftsWith(["开源,模型", "开源模型"]);
    expect(search(matchOf("源模")!)).toEqual([2]);
    expect(search(matchOf("开源 模型")!)).toEqual([1, 2]);
    db.close();
  });

  it("a prefix expanded by the vocabulary finds the documents holding an inflection of a word it starts", () => {
    const WORDS = [
      "in",
      "infer",
      "inference",
      "inferred",
      "context",
      "contexts",
      "gpt",
      "model",
      "models",
      "modal",
      "palm",
      "happy",
      "happiness",
    ];
    // The oracle: words as letters or digits, split where they meet, stemmed by the stemmer package.
    const wordsOf = (text: string) => (text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []).filter((w) => !/[\p{Script=Han}]/u.test(w));
    const stemOf = (w: string) => (/^[a-z]{3,}$/.test(w) ? stemmer(w) : w);
    const doc = fc
      .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(" ", "-", " 模型 ", "，", "开源")), { maxLength: 16 })
      .map((parts) => parts.join(" "));
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...WORDS),
        fc.nat(8),
        fc.constantFrom("", "开源 "),
        (docs, word, cut, lead) => {
          const prefix = word.slice(0, Math.max(1, word.length - cut));
          const vocabulary = [...new Set(docs.flatMap(wordsOf))].sort();
          const completions = vocabulary.filter((w) => w.startsWith(prefix));
          fc.pre(completions.length <= MAX_PREFIX_EXPANSION);
          const stems = new Set([...completions, prefix].map(stemOf));
          const expected = docs.flatMap((d, i) =>
            wordsOf(d).some((w) => stems.has(stemOf(w))) && (!lead || d.includes("开源")) ? [i + 1] : [],
          );
          const parsed = parseQuery(lead + prefix);
          expect(parsed.prefixWord).toBe(prefix);
          const { search, db } = ftsWith(docs);
          expect(search(matchOf(lead + prefix, { prefixStems: [...new Set(completions.map(stemOf))] })!)).toEqual(expected);
          db.close();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("folding takes its ASCII and CJK shortcut with exactly the result of NFKC + lower case + Han folding", () => {
    const reference = (char: string) => [...char.normalize("NFKC").toLowerCase()].map(foldHan).join("");
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
