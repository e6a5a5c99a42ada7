// Search on the real seed: exact-substring recall and precision for Chinese, word semantics for
// English, filters, facets, ranking, pagination, and hostile input.
import { stemmer } from "stemmer";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { searchTurns, type SearchHitDTO } from "../../src/lib/data/search.ts";
import { foldHan } from "../../src/lib/search/han-fold.ts";
import { normaliseForSearch, runsOf } from "../../src/lib/search/normalize.ts";
import { parseSearchParams, type SearchRequest } from "../../src/lib/search/search-params.ts";
import { CONTENT_DIR, copyContent, editFile } from "../support/seed.ts";
import { docTableSettings } from "../../src/lib/search/sqlite-fts5/engine.ts";
import { DATABASES, freshDatabaseUrl, ingestUrl, queryRows, type DatabaseKind } from "../support/databases.ts";

const library = loadLibrary(CONTENT_DIR);
const episode = library.episodes[0]!;
const turns = episode.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapter: c.number })));
const speakerOf = new Map(turns.map((t) => [t.turnId, t.speakerId]));
/** Every searchable document, as the oracle sees it: plain strings, no search code. */
const documents = [
  ...turns.map((t) => ({ key: `${t.kind}:${t.turnId}`, text: t.text, speakerId: t.speakerId, chapter: t.chapter })),
  ...episode.quotes.map((q) => ({
    key: `quote:${q.turnId}:${q.id}`,
    text: q.text,
    speakerId: speakerOf.get(q.turnId) ?? null,
    chapter: Number(q.turnId.slice(1).split("-")[0]),
  })),
];
/** Text as search compares it: NFKC, lower case, Traditional/Simplified folded (han-fold.ts, checked against OpenCC's table in tests/unit). */
const fold = (s: string) => [...s.normalize("NFKC").toLowerCase()].map(foldHan).join("");
const keyOf = (h: SearchHitDTO) => (h.kind === "quote" ? `quote:${h.turnId}:${h.quoteId}` : `${h.kind}:${h.turnId}`);

function request(params: Record<string, string>): SearchRequest {
  const parsed = parseSearchParams(params);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

/** Every exact hit, page by page (near matches that may follow a few exact hits are left out). */
async function allHits(params: Record<string, string>): Promise<{ total: number; keys: string[] }> {
  const keys: string[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 100) {
    const result = await searchTurns(request({ ...params, limit: "100", offset: String(offset) }), { facets: false });
    total = result.total;
    const exact = result.hits.filter((h) => h.match === "exact");
    // Exact hits come first, and no near hit repeats one.
    expect(result.hits.slice(0, exact.length).every((h) => h.match === "exact")).toBe(true);
    const nearKeys = result.hits.filter((h) => h.match === "near").map(keyOf);
    expect(nearKeys.filter((k) => exact.map(keyOf).includes(k))).toEqual([]);
    keys.push(...exact.map(keyOf));
    if (result.hits.length < 100 || exact.length < 100) break;
  }
  return { total, keys };
}

/**
 * The oracle for words: a text's words as letters or digits (split where they meet), each with
 * its stem by the stemmer package, and whether CJK text stands before it.
 */
function oracleWords(text: string): Array<{ surface: string; stem: string; afterCjk: boolean }> {
  const out: Array<{ surface: string; stem: string; afterCjk: boolean }> = [];
  let afterCjk = false;
  for (const [token] of fold(text).matchAll(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{M}])+|\p{N}+/gu,
  )) {
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u.test(token)) {
      afterCjk = true;
      continue;
    }
    out.push({ surface: token, stem: /^[a-z]{3,}$/.test(token) ? stemmer(token) : token, afterCjk });
    afterCjk = false;
  }
  return out;
}
const oracleStem = (word: string) => (/^[a-z]{3,}$/.test(word) ? stemmer(word) : word);

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Substrings of 1 to 6 Han characters drawn from the interview's own text. */
function drawChineseSubstrings(count: number): string[] {
  const next = random(20231208);
  const out = new Set<string>();
  while (out.size < count) {
    const doc = documents[Math.floor(next() * documents.length)]!;
    const runs = runsOf(normaliseForSearch(doc.text).text).filter((r) => r.kind === "cjk");
    if (runs.length === 0) continue;
    const run = [...runs[Math.floor(next() * runs.length)]!.text];
    const length = 1 + Math.floor(next() * 6);
    const start = Math.floor(next() * run.length);
    out.add(run.slice(start, start + length).join(""));
  }
  return [...out];
}

/** Document key -> its topics, read from the relational tables (TurnTopic, QuoteTopic). */
async function topicsByDocument(databaseUrl: string): Promise<Map<string, Set<string>>> {
  const rows = await queryRows<{ key: string; topicId: string }>(
    databaseUrl,
    `SELECT t."kind" || ':' || t."turnId" AS "key", tt."topicId" FROM "TurnTopic" tt JOIN "Turn" t ON t."id" = tt."turnPk"
     UNION ALL SELECT 'quote:' || t."turnId" || ':' || q."id", qt."topicId" FROM "QuoteTopic" qt
       JOIN "Quote" q ON q."id" = qt."quoteId" JOIN "Turn" t ON t."id" = q."turnPk"`,
  );
  const topics = new Map<string, Set<string>>();
  for (const { key, topicId } of rows) topics.set(key, (topics.get(key) ?? new Set()).add(topicId));
  return topics;
}

// The same oracle on every database (tests/support/databases.ts): SQLite's FTS5 engine and
// PostgreSQL's tsvector one must give the same results.
describe.each(DATABASES)("search on the seed interview (%s)", (kind) => {
  let databaseUrl = "";
  beforeAll(async () => {
    databaseUrl = freshDatabaseUrl(kind);
    await ingestUrl(databaseUrl, CONTENT_DIR);
    process.env.DATABASE_URL = databaseUrl;
  });

  const chinese = drawChineseSubstrings(150);
  it("draws Chinese substrings of every length from 1 to 6", () => {
    expect(new Set(chinese.map((q) => [...q].length))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it.each(chinese.concat(["源", "开源", "多模态", "的", "模型", "大语言模型"]))(
    "finds exactly the documents containing %s",
    async (query) => {
      const expected = documents.filter((d) => fold(d.text).includes(query)).map((d) => d.key);
      const { total, keys } = await allHits({ q: query });
      expect(total).toBe(expected.length);
      expect([...keys].sort()).toEqual([...expected].sort());
    },
  );

  // Words match by their stems, in order, with nothing but punctuation between them (letters and
  // digits apart: GPT3 = GPT-3); the query's last word also by the stems of the indexed words it starts.
  const vocabulary = [
    ...new Set(
      [...documents.map((d) => d.text), ...episode.chapters.map((c) => c.title)].flatMap((t) => oracleWords(t).map((w) => w.surface)),
    ),
  ];
  function containsWords(text: string, words: string[], prefixLast: boolean): boolean {
    const tokens = oracleWords(text);
    const last = words.at(-1)!;
    const lastStems = new Set([oracleStem(last), ...(prefixLast ? vocabulary.filter((v) => v.startsWith(last)).map(oracleStem) : [])]);
    return tokens.some((_, i) =>
      words.every((word, j) => {
        const token = tokens[i + j];
        if (!token || (j > 0 && token.afterCjk)) return false;
        return j === words.length - 1 ? lastStems.has(token.stem) : token.stem === oracleStem(word);
      }),
    );
  }
  const wordCases: Array<[string, string[], boolean]> = [
    ["PaLM", ["palm"], true],
    ["Chinchilla", ["chinchilla"], true],
    ["infer", ["infer"], true],
    ["token", ["token"], true],
    ["ＧＰＴ", ["gpt"], true],
    ["GPT-3", ["gpt", "3"], true],
    ["transformers", ["transformers"], true],
    ["thought", ["thought"], true],
    ['"in-context learning"', ["in", "context", "learning"], false],
  ];
  it.each(wordCases)("English: %s matches words by their stems (last one as a prefix)", async (query, words, prefixLast) => {
    expect(vocabulary.filter((v) => v.startsWith(words.at(-1)!)).length).toBeLessThanOrEqual(64);
    const expected = documents.filter((d) => containsWords(d.text, words, prefixLast)).map((d) => d.key);
    const { keys } = await allHits({ q: query });
    expect(expected.length).toBeGreaterThan(0);
    expect([...keys].sort()).toEqual([...expected].sort());
  });

  it("requires every term (AND), excludes -terms, and matches numbers and model names", async () => {
    const both = documents
      .filter((d) => containsWords(d.text, ["palm"], false) && containsWords(d.text, ["540", "b"], true))
      .map((d) => d.key);
    expect((await allHits({ q: "PaLM 540B" })).keys.sort()).toEqual(both.sort());
    expect(both.length).toBeGreaterThan(0);
    const openSource = documents.filter((d) => d.text.includes("开源")).map((d) => d.key);
    const withoutStability = documents.filter((d) => d.text.includes("开源") && !/stability/i.test(d.text)).map((d) => d.key);
    expect((await allHits({ q: "开源 -Stability" })).keys.sort()).toEqual(withoutStability.sort());
    expect(withoutStability.length).toBeLessThan(openSource.length);
  });

  it("highlights exactly the matched text in the original, in the snippet", async () => {
    for (const query of ["多模态", "ＧＰＴ", "infer", "开源 模型"]) {
      const result = await searchTurns(request({ q: query, limit: "50" }), { facets: false });
      for (const hit of result.hits) {
        expect(hit.highlights.length).toBeGreaterThan(0);
        for (const [start, end] of hit.highlights) {
          const marked = fold(hit.snippet.slice(start, end));
          expect(
            query.split(" ").some((term) => marked.includes(fold(term)) || fold(term).startsWith(marked) || marked.startsWith(fold(term))),
          ).toBe(true);
        }
      }
    }
  });

  it("filters by speaker, chapter, topic, kind and episode, and each facet count equals the hits it filters to", async () => {
    for (const q of ["模型", "数据", "开源"]) {
      const result = await searchTurns(request({ q, limit: "1" }));
      expect(Object.keys(result.facets.speaker).length).toBeGreaterThan(1);
      for (const [speaker, count] of Object.entries(result.facets.speaker))
        expect((await searchTurns(request({ q, speaker, limit: "1" }), { facets: false })).total).toBe(count);
      for (const [chapter, count] of Object.entries(result.facets.chapter))
        expect((await searchTurns(request({ q, chapter, limit: "1" }), { facets: false })).total).toBe(count);
      for (const [topic, count] of Object.entries(result.facets.topic))
        expect((await searchTurns(request({ q, topic, limit: "1" }), { facets: false })).total).toBe(count);
      const bySpeaker = documents.filter((d) => d.text.includes(q) && d.speakerId === "yiwen-li").length;
      expect((await searchTurns(request({ q, speaker: "yiwen-li" }), { facets: false })).total).toBe(bySpeaker);
    }
    const quotes = await allHits({ q: "模型", kind: "quote" });
    expect(quotes.keys.every((k) => k.startsWith("quote:"))).toBe(true);
    expect(quotes.total).toBe(episode.quotes.filter((q) => q.text.includes("模型")).length);
    expect((await searchTurns(request({ q: "模型", episode: "no-such-episode" }))).total).toBe(0);
  });

  it("filters exactly as the relational data says: every speaker, chapter, topic and kind, alone and combined", async () => {
    const topics = await topicsByDocument(databaseUrl);
    const kindOf = (key: string) => key.split(":")[0]!;
    const speakers = [...new Set(documents.map((d) => d.speakerId).filter((s) => s !== null))];
    const chapters = [...new Set(documents.map((d) => d.chapter))];
    const topicIds = library.topics.map((t) => t.id);
    for (const q of ["模型", "开源", "PaLM", "的"]) {
      const containing = documents.filter((d) => fold(d.text).includes(fold(q)));
      for (const speaker of speakers) {
        const expected = containing.filter((d) => d.speakerId === speaker).map((d) => d.key);
        expect((await allHits({ q, speaker })).keys.sort(), `${q} speaker=${speaker}`).toEqual(expected.sort());
      }
      for (const chapter of chapters) {
        const expected = containing.filter((d) => d.chapter === chapter).length;
        expect((await searchTurns(request({ q, chapter: String(chapter), limit: "1" }), { facets: false })).total).toBe(expected);
      }
      for (const topic of topicIds) {
        const expected = containing.filter((d) => topics.get(d.key)?.has(topic)).map((d) => d.key);
        expect((await allHits({ q, topic })).keys.sort(), `${q} topic=${topic}`).toEqual(expected.sort());
      }
      for (const kind of ["speech", "note", "quote"]) {
        const expected = containing.filter((d) => kindOf(d.key) === kind).length;
        expect((await searchTurns(request({ q, kind, limit: "1" }), { facets: false })).total).toBe(expected);
      }
      const combined = containing.filter(
        (d) => d.speakerId === "xuezhi-wang" && topics.get(d.key)?.has("llm") && kindOf(d.key) === "speech",
      );
      expect((await allHits({ q, speaker: "xuezhi-wang", topic: "llm", kind: "speech" })).keys.sort()).toEqual(
        combined.map((d) => d.key).sort(),
      );
    }
  });

  it("ranks curated quotes and chapter-title matches up, and paginates stably", async () => {
    const top = await searchTurns(request({ q: "多模态", limit: "5" }), { facets: false });
    expect(top.hits.some((h) => h.kind === "quote" || h.chapter === 5)).toBe(true);
    const pages = [];
    for (let offset = 0; offset < top.total; offset += 7)
      pages.push(...(await searchTurns(request({ q: "多模态", limit: "7", offset: String(offset) }), { facets: false })).hits.map(keyOf));
    const all = (await searchTurns(request({ q: "多模态", limit: "100" }), { facets: false })).hits.map(keyOf);
    expect(pages).toEqual(all);
    expect(new Set(pages).size).toBe(top.total);
  });

  it("answers hostile queries with results or nothing, never an error", async () => {
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      "*",
      "NEAR(",
      "NEAR(a b, 3)",
      "AND",
      "OR",
      "NOT",
      "a OR",
      ":",
      "uni:开",
      "^",
      "(((",
      ")",
      "开源)",
      "x".repeat(2000),
      "😀🚀",
      "\u0000\u0007\u001b[31m",
      "!!!,,,。。。",
      "",
      " ",
      "-",
      "--开源",
      "'; DROP TABLE Turn; --",
      "%00",
      "\\",
      "\u202e开源",
      "ＧＰＴ＊",
    ];
    for (const q of hostile) {
      const result = await searchTurns(request({ q }));
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
  });

  it("rejects malformed filters with a message", () => {
    expect(parseSearchParams({ q: "x", limit: "101" })).toEqual({
      ok: false,
      message: "the 'limit' query parameter must be a whole number from 1 to 100, in decimal digits",
    });
    expect(parseSearchParams({ q: "x", kind: "video" }).ok).toBe(false);
    expect(parseSearchParams({ q: "x", speaker: "../x" }).ok).toBe(false);
    expect(parseSearchParams({ q: "x", chapter: "one" }).ok).toBe(false);
    expect(parseSearchParams({ q: "x", offset: "-1" }).ok).toBe(false);
  });
});

/** The seed with its transcript edited, ingested into a fresh database of `kind` that searchTurns() then reads. */
function searchEditedSeed(kind: DatabaseKind, edit: (transcript: string) => string): void {
  beforeAll(async () => {
    const content = copyContent();
    editFile(content, "episodes/onboard-generative-ai-frontier/transcript.md", edit);
    const databaseUrl = freshDatabaseUrl(kind);
    await ingestUrl(databaseUrl, content);
    process.env.DATABASE_URL = databaseUrl;
  });
}

/** Runs `check` with the SQLite engine's in-memory document table in `mode`, then restores it. */
async function withDocTable(mode: typeof docTableSettings.mode, check: () => Promise<void>): Promise<void> {
  const before = docTableSettings.mode;
  docTableSettings.mode = mode;
  try {
    await check();
  } finally {
    docTableSettings.mode = before;
  }
}

// Two turns with the same words in chapters 1 and 2: the same score but for the boost of chapter
// 2, whose title ("参数和数据会成为模型能力瓶颈吗") holds one of the query's terms. Without the boost
// chapter 1's turn comes first (document order breaks ties).
describe.each(DATABASES)("a chapter whose title matches ranks its turns up (%s)", (kind) => {
  const TWIN = "### Monica\n\n瓶颈 quokka 的问题。\n\n";
  searchEditedSeed(kind, (text) => text.replace("## 02 ", `${TWIN}## 02 `).replace("## 03 ", `${TWIN}## 03 `));

  it.each(["off", "await"] as const)("with the in-memory document table %s", (mode) =>
    withDocTable(mode, async () => {
      const { hits } = await searchTurns(request({ q: "瓶颈 quokka" }), { facets: false, cache: false });
      expect(hits.map((h) => h.chapter)).toEqual([2, 1]);
    }),
  );
});

// A query that is the whole name of an entity has no prefix: `yiwen li` names Yiwen Li, and its last
// word must not also match like, line, little … (turns that say "Yiwen likes …" do not name her),
// while `yiwen lik`, which names nobody, still matches as a prefix.
describe.each(DATABASES)("a query that names an entity in full is not a prefix (%s)", (kind) => {
  const TURN = "### Monica\n\nYiwen likes quokka 这样的动物。\n\n";
  searchEditedSeed(kind, (text) => text.replace("## 02 ", `${TURN}## 02 `));

  it.each(["off", "await"] as const)("with the in-memory document table %s", (mode) =>
    withDocTable(mode, async () => {
      const exactTexts = async (q: string) =>
        (await searchTurns(request({ q, limit: "100" }), { cache: false })).hits.filter((h) => h.match === "exact").map((h) => h.snippet);
      // The person is named (an entity card), and the turn about liking quokkas is no exact hit.
      const named = await searchTurns(request({ q: "yiwen li" }), { cache: false });
      expect(named.entities.map((e) => e.id)).toContain("yiwen-li");
      expect((await exactTexts("yiwen li")).filter((s) => s.includes("quokka"))).toEqual([]);
      // Not a name: the last word is a prefix, as ever.
      expect((await exactTexts("yiwen lik")).filter((s) => s.includes("quokka"))).toHaveLength(1);
      expect((await exactTexts("yiwen l")).filter((s) => s.includes("quokka"))).toHaveLength(1);
    }),
  );
});
