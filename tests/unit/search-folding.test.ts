// Folding for search, against a real in-memory FTS5 table built the way the ingest builds it:
// Traditional and Simplified Chinese (every character pair of OpenCC's tables, both directions),
// Taiwan phrases, English stems, letters and digits apart, words joined and split.
import Database from "better-sqlite3";
import fc from "fast-check";
import STCharacters from "opencc-js/dict/STCharacters";
import TSCharacters from "opencc-js/dict/TSCharacters";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { foldHan, HAN_FOLD_TABLES, tablePairs } from "../../src/lib/search/han-fold.ts";
import { highlightRanges } from "../../src/lib/search/highlight.ts";
import { CJK, classify, WORD } from "../../src/lib/search/normalize.ts";
import { parseQuery, resolveQuery, splitsFromVocabulary, type ParsedQuery } from "../../src/lib/search/parse-query.ts";
import { stemWord } from "../../src/lib/search/stem.ts";
import { fts5Match } from "../../src/lib/search/sqlite-fts5/fts5-match.ts";
import { indexTokens } from "../../src/lib/search/tokenize.ts";

/** An FTS5 table of `documents` (rowid = index + 1), and a search that resolves a query as the engine does. */
function index(documents: string[]) {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE f USING fts5(uni, bi, words, content='', tokenize='unicode61 remove_diacritics 0')");
  const insert = db.prepare("INSERT INTO f (rowid, uni, bi, words) VALUES (?, ?, ?, ?)");
  const vocabulary = new Set<string>();
  db.transaction(() =>
    documents.forEach((doc, i) => {
      const t = indexTokens(doc);
      insert.run(i + 1, t.uni, t.bi, t.words);
      for (const surface of t.surfaces) vocabulary.add(surface);
    }),
  )();
  const select = db.prepare("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid");
  const resolve = (parsed: ParsedQuery) => {
    const prefix = parsed.prefixWord;
    const prefixStems = prefix ? [...new Set([...vocabulary].filter((w) => w.startsWith(prefix)).map(stemWord))] : undefined;
    const splits = new Map(parsed.compounds.map((w) => [w, splitsFromVocabulary(w, (s) => vocabulary.has(s))] as const));
    return resolveQuery(parsed, { prefixStems, splits });
  };
  const search = (query: string): number[] => {
    const { match } = fts5Match(resolve(parseQuery(query)));
    return match ? (select.all(match) as Array<{ rowid: number }>).map((r) => r.rowid) : [];
  };
  return { db, search, resolve };
}

describe("Traditional and Simplified Chinese", () => {
  const pairs = Object.values(HAN_FOLD_TABLES).flatMap(tablePairs);

  it("folds both characters of every pair of OpenCC's tables to one character", () => {
    expect(tablePairs(TSCharacters).length).toBeGreaterThan(3000);
    expect(tablePairs(STCharacters).length).toBeGreaterThan(3000);
    for (const [a, b] of pairs) expect(foldHan(a), `${a} ${b}`).toBe(foldHan(b));
    // Folding is idempotent and keeps a BMP character in the BMP (offsets stay put).
    for (const [a] of pairs) {
      expect(foldHan(foldHan(a))).toBe(foldHan(a));
      if (a.length === 1) expect(foldHan(a)).toHaveLength(1);
    }
  });

  it("every convertible character pair, both directions: a search in one script finds the documents of the other", () => {
    const characters = [...new Set(pairs.flat())];
    // One document per character.
    const { db, search } = index(characters);
    const docOf = new Map(characters.map((c, i) => [c, i + 1]));
    for (const [a, b] of pairs) {
      const fromA = search(a);
      const fromB = search(b);
      expect(fromA, `${a} -> ${b}`).toEqual(fromB);
      expect(fromA).toContain(docOf.get(b));
      expect(fromB).toContain(docOf.get(a));
      // Only the characters of the same class.
      for (const doc of fromA) expect(foldHan(characters[doc - 1]!)).toBe(foldHan(a));
    }
    db.close();
  });

  it("agrees with OpenCC's own Traditional -> Simplified converter on any text (character by character)", () => {
    const t2s = OpenCC.Converter({ from: "t", to: "cn" });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pairs.flat()), { minLength: 1, maxLength: 8 }), (chars) => {
        const text = chars.join("");
        const fold = (s: string) => [...s].map(foldHan).join("");
        // What OpenCC makes of a text folds to what the text folds to.
        expect(fold(t2s(text))).toBe(fold(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("finds the issue's examples in the other script, and highlights the original characters", () => {
    const docs = ["我们在研究大语言模型", "我們在研究大語言模型", "吴恩达的课", "吳恩達的課", "这里和那裡", "没有关系的一句话"];
    const { db, search } = index(docs);
    expect(search("語言模型")).toEqual([1, 2]);
    expect(search("语言模型")).toEqual([1, 2]);
    expect(search("吳恩達")).toEqual([3, 4]);
    expect(search("吴恩达")).toEqual([3, 4]);
    expect(search("們")).toEqual([1, 2]);
    expect(search("里")).toEqual([5]);
    expect(search("裡")).toEqual([5]);
    db.close();
    const text = "我們在研究大語言模型";
    const ranges = highlightRanges(text, parseQuery("语言模型"));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(["語言模型"]);
  });

  it("a Traditional query also finds the Mainland wording of a Taiwan phrase (軟體 -> 软件), a Simplified one stays exact", () => {
    const docs = ["开源软件的生态", "開源軟體的生態", "数据库和资料库", "数据很重要"];
    const { db, search } = index(docs);
    expect(search("軟體")).toEqual([1, 2]);
    expect(search("资料库")).toEqual([3]);
    expect(search("資料庫")).toEqual([3]);
    expect(search("软件")).toEqual([1]);
    expect(search("数据")).toEqual([3, 4]);
    db.close();
    const text = "开源软件的生态";
    expect(highlightRanges(text, parseQuery("軟體")).map(([s, e]) => text.slice(s, e))).toEqual(["软件"]);
  });
});

describe("Latin variants", () => {
  it("GPT3 = GPT-3 = GPT 3 = ＧＰＴ３ (letters and digits apart)", () => {
    const docs = ["用 GPT3 做实验", "用 GPT-3 做实验", "用 GPT 3 做实验", "用ＧＰＴ３做实验", "用 GPT 做实验", "第 3 个"];
    const { db, search } = index(docs);
    for (const q of ["GPT3", "GPT-3", "gpt3", "ＧＰＴ３", '"GPT 3"']) expect(search(q), q).toEqual([1, 2, 3, 4]);
    expect(search("GPT 3")).toEqual([1, 2, 3, 4]);
    db.close();
  });

  it("in-context = in context = incontext", () => {
    const docs = ["in-context learning", "in context learning", "incontext learning", "context in learning", "no context here"];
    const { db, search } = index(docs);
    expect(search('"in-context"')).toEqual([1, 2, 3]);
    expect(search('"in context"')).toEqual([1, 2, 3]);
    expect(search("incontext")).toEqual([1, 2, 3]);
    expect(search("in-context learning")).toEqual([1, 2, 3]);
    // As two terms: both words anywhere, or the two written as one word.
    expect(search("in context")).toEqual([1, 2, 3, 4, 5].filter((i) => i !== 5));
    db.close();
    const text = "we use incontext learning";
    expect(highlightRanges(text, parseQuery("in context")).map(([s, e]) => text.slice(s, e))).toEqual(["incontext"]);
  });

  it("plurals and inflections find each other by their stems", () => {
    const docs = ["a language model", "two models", "inference cost", "many inferences", "we inferred it", "modal logic"];
    const { db, search } = index(docs);
    expect(search('"models"')).toEqual([1, 2]);
    expect(search('"model"')).toEqual([1, 2]);
    expect(search("inferences")).toEqual([3, 4, 5]);
    expect(search('"inference"')).toEqual([3, 4, 5]);
    expect(search("mod")).toEqual([1, 2, 6]);
    db.close();
    const text = "Two Models, one model";
    expect(highlightRanges(text, parseQuery('"model"')).map(([s, e]) => text.slice(s, e))).toEqual(["Models", "model"]);
  });
});

describe("character classes", () => {
  it("classify's shortcut for ASCII and the CJK Unified Ideographs block agrees with the regular expressions for every code point", () => {
    const slow = (char: string) => (CJK.test(char) ? "cjk" : WORD.test(char) ? "word" : "separator");
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (classify(char) !== slow(char)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
    expect([classify("A"), classify("z"), classify("7"), classify("-"), classify("模"), classify("語"), classify("ä")]).toEqual([
      "word",
      "word",
      "word",
      "separator",
      "cjk",
      "cjk",
      "word",
    ]);
  });
});
