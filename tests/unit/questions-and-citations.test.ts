// The seed's question-and-answer structure against a hand-written expectation (chapters 1 and 6),
// citations, and the numbers behind the charts.
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { quoteCitation } from "../../src/lib/reader/citation.ts";
import { deriveExchanges } from "../../src/lib/reader/exchanges.ts";
import { characterCount, speechByChapter, speechMatrix, topTopics } from "../../src/lib/reader/speaker-stats.ts";
import { CONTENT_DIR } from "../support/seed.ts";

const episode = loadLibrary(CONTENT_DIR).episodes[0]!;
const roles = new Map(episode.participants.map((p) => [p.personId, p.role]));
const turns = episode.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapterNumber: c.number })));
const exchanges = deriveExchanges(turns, (id) => roles.get(id), new Map(episode.questionCorrections.map((c) => [c.turnId, c.asks])));
const shape = (chapter: number) =>
  exchanges
    .filter((e) => e.answers.concat(e.question ? [e.question] : [])[0]!.chapterNumber === chapter)
    .map((e) => [e.question?.turnId ?? null, e.answers.map((a) => a.turnId)]);

describe("question-and-answer structure of the seed", () => {
  it("chapter 1: the host's questions, and Yiwen Li asking Xuezhi Wang (one corrected: c1-11 has no question mark)", () => {
    expect(shape(1)).toEqual([
      ["c1-01", ["c1-02", "c1-03", "c1-04"]],
      ["c1-05", ["c1-06"]],
      ["c1-07", ["c1-08"]],
      ["c1-09", ["c1-10"]],
      ["c1-11", ["c1-12"]],
      ["c1-13", ["c1-14"]],
    ]);
    expect(
      exchanges
        .filter((e) => e.question?.speakerId === "yiwen-li" && e.question.chapterNumber === 1)
        .map((e) => e.answers.map((a) => a.speakerId)),
    ).toEqual([["xuezhi-wang"], ["xuezhi-wang"], ["xuezhi-wang"]]);
  });

  it("chapter 6: five exchanges; the host's closing remark (corrected) is not a question", () => {
    expect(shape(6)).toEqual([
      ["c6-01", ["c6-02"]],
      ["c6-03", ["c6-04", "c6-05", "c6-05-note1"]],
      ["c6-06", ["c6-07"]],
      ["c6-08", ["c6-09"]],
      ["c6-10", ["c6-11", "c6-12", "c6-13", "c6-14"]],
    ]);
  });

  it("Bill Xing asks in chapters 2, 4 and 5, and every turn belongs to exactly one exchange", () => {
    expect(exchanges.filter((e) => e.question?.speakerId === "bill-xing").map((e) => e.question!.turnId)).toEqual([
      "c2-04",
      "c4-04",
      "c5-06",
      "c5-08",
    ]);
    const all = exchanges.flatMap((e) => [...(e.question ? [e.question.turnId] : []), ...e.answers.map((a) => a.turnId)]);
    expect(all).toEqual(turns.map((t) => t.turnId));
    expect(exchanges.every((e) => e.question !== null)).toBe(true);
  });
});

describe("citations", () => {
  it("cites a quote as “…” — speaker, show, year, chapter", () => {
    expect(
      quoteCitation({
        text: "我不觉得现在模型参数量到了上限。",
        speakerName: "Xuezhi Wang",
        showName: "OnBoard!",
        publishedAt: "2023-12-08",
        chapter: 2,
      }),
    ).toBe("“我不觉得现在模型参数量到了上限。” — Xuezhi Wang, OnBoard!, 2023, ch. 2");
  });
});

describe("chart data", () => {
  it("characters per chapter equal the sum over the speaker's turns, chapter by chapter", () => {
    const yiwen = turns.filter((t) => t.speakerId === "yiwen-li");
    const bars = speechByChapter(episode.chapters, yiwen);
    expect(bars.map((b) => b.chapter)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const bar of bars) {
      const theirs = yiwen.filter((t) => t.chapterNumber === bar.chapter);
      expect(bar.turns).toBe(theirs.length);
      expect(bar.characters).toBe(theirs.reduce((n, t) => n + [...t.text].length, 0));
    }
    expect(bars.reduce((n, b) => n + b.characters, 0)).toBe(yiwen.reduce((n, t) => n + characterCount(t.text), 0));
  });

  it("the chapter × speaker matrix adds up to each speaker's total", () => {
    const ids = episode.participants.map((p) => p.personId);
    const matrix = speechMatrix(episode.chapters, ids);
    ids.forEach((id, column) => {
      const total = turns.filter((t) => t.kind === "speech" && t.speakerId === id).reduce((n, t) => n + characterCount(t.text), 0);
      expect(matrix.reduce((n, row) => n + row[column]!, 0)).toBe(total);
    });
    expect(matrix[1]![ids.indexOf("bill-xing")]).toBeGreaterThan(0);
    expect(matrix[0]![ids.indexOf("bill-xing")]).toBe(0);
  });

  it("ranks a speaker's topics by how many of their turns carry them", () => {
    expect(topTopics([{ topics: ["a", "b"] }, { topics: ["b"] }, { topics: ["c", "b"] }], 2)).toEqual([
      { topic: "b", turns: 3 },
      { topic: "a", turns: 1 },
    ]);
  });
});
