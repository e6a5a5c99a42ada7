// What bench:search measures, shared by its SQLite report and the PostgreSQL one (search-postgres.ts):
// the query classes, queries of each drawn from the corpus itself, and percentiles.
import type Database from "better-sqlite3";
import * as OpenCC from "opencc-js";
import { normaliseForSearch, runsOf } from "../search/normalize";
import { ENGLISH_PASSAGES, prng } from "./synthetic-library";

export type QueryCase = { q: string; speaker?: string };
export const CLASSES = [
  "1-char",
  "2-char",
  "4-char",
  "English word",
  "phrase",
  "two terms",
  "speaker filter",
  "common: 的",
  "common: 模型",
  "Traditional",
  "entity",
  "near",
] as const;
export type QueryClass = (typeof CLASSES)[number];

export interface Stats {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
export const stats = (samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: samples.length };
};

export async function time<T>(fn: () => Promise<T> | T): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Queries of each class, drawn from the corpus itself so that they have hits. */
export function drawQueries(db: Database.Database, perClass: number, seed: number): Record<QueryClass, QueryCase[]> {
  const random = prng(seed);
  const maxId = (db.prepare("SELECT MAX(id) AS n FROM Turn").get() as { n: number }).n;
  const turnText = () =>
    (db.prepare("SELECT text, speakerId FROM Turn WHERE id = ?").get(1 + Math.floor(random() * maxId)) as {
      text: string;
      speakerId: string | null;
    }) ?? { text: "", speakerId: null };
  const cjkSubstring = (length: number): { q: string; speaker: string | null } => {
    for (;;) {
      const { text, speakerId } = turnText();
      const runs = runsOf(normaliseForSearch(text).text).filter((r) => r.kind === "cjk" && [...r.text].length >= length);
      if (runs.length === 0) continue;
      const chars = [...runs[Math.floor(random() * runs.length)]!.text];
      const start = Math.floor(random() * (chars.length - length + 1));
      return { q: chars.slice(start, start + length).join(""), speaker: speakerId };
    }
  };
  const words = ENGLISH_PASSAGES.flatMap((p) => p.split(/[^A-Za-z0-9-]+/).filter((w) => w.length >= 4));
  const phrase = () => {
    const passage = ENGLISH_PASSAGES[Math.floor(random() * ENGLISH_PASSAGES.length)]!.split(/\s+/).map((w) => w.replace(/[.,]/g, ""));
    const at = Math.floor(random() * (passage.length - 1));
    return `"${passage[at]} ${passage[at + 1]}"`;
  };
  const times = <T>(fn: () => T) => Array.from({ length: perClass }, fn);
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  const episodes = (db.prepare("SELECT COUNT(*) AS n FROM Episode").get() as { n: number }).n;
  const chapterTitle = () =>
    (db.prepare("SELECT title FROM Chapter WHERE id = ?").get(1 + Math.floor(random() * episodes * 5)) as { title: string } | undefined)
      ?.title ?? "";
  const names = [
    "Monica",
    "monica",
    "yiwen li",
    "YiwenLi",
    "Xuezhi Wang",
    "xuezhiwang",
    "Yizhou",
    "M小姐",
    "大语言模型",
    "LLM",
    "多模态",
    "OnBoard",
  ];
  let entityIndex = 0;
  const entity = () => {
    const n = entityIndex++ % (names.length + 2);
    if (n === names.length) return `合成访谈 ${1 + Math.floor(random() * episodes)}`;
    if (n === names.length + 1) return chapterTitle().slice(3, 13);
    return names[n]!;
  };
  /** A half-remembered quote: 10 to 14 characters of a passage, one dropped and two words swapped. */
  const nearQuery = () => {
    const chars = [...cjkSubstring(12).q];
    chars.splice(1 + Math.floor(random() * 10), 1);
    const cut = 3 + Math.floor(random() * 5);
    return [...chars.slice(cut), ...chars.slice(0, cut)].join("");
  };
  return {
    "1-char": times(() => ({ q: cjkSubstring(1).q })),
    "2-char": times(() => ({ q: cjkSubstring(2).q })),
    "4-char": times(() => ({ q: cjkSubstring(4).q })),
    "English word": times(() => ({ q: words[Math.floor(random() * words.length)]! })),
    phrase: times(() => ({ q: phrase() })),
    "two terms": times(() => ({ q: `${cjkSubstring(2).q} ${cjkSubstring(2).q}` })),
    "speaker filter": times(() => {
      const { q, speaker } = cjkSubstring(2);
      return { q, speaker: speaker ?? "monica" };
    }),
    "common: 的": times(() => ({ q: "的" })),
    "common: 模型": times(() => ({ q: "模型" })),
    Traditional: times(() => ({ q: toTraditional(cjkSubstring(4).q) })),
    entity: times(() => ({ q: entity() })),
    near: times(() => ({ q: nearQuery() })),
  };
}
