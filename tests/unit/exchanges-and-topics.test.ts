import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { compileTopicMatcher } from "../../src/lib/content/topic-tagging.ts";
import { deriveExchanges, exchangeOf } from "../../src/lib/reader/exchanges.ts";
import { CONTENT_DIR } from "../support/seed.ts";

describe("question-and-answer context of a turn", () => {
  const episode = loadLibrary(CONTENT_DIR).episodes[0]!;
  const roles = new Map(episode.participants.map((p) => [p.personId, p.role]));
  const turns = episode.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapterNumber: c.number })));
  const exchanges = deriveExchanges(turns, (id) => roles.get(id));

  it("puts every turn in exactly one exchange", () => {
    const all = exchanges.flatMap((e) => [...(e.question ? [e.question.turnId] : []), ...e.answers.map((a) => a.turnId)]);
    expect(all).toEqual(turns.map((t) => t.turnId));
  });

  it("opens chapter 1 with the host's question answered by the three guests", () => {
    const first = exchangeOf(exchanges, "c1-01")!;
    expect(first.question!.speakerId).toBe("monica");
    expect(first.answers.map((a) => a.speakerId)).toEqual(["xuezhi-wang", "yizhou-zheng", "yiwen-li"]);
  });

  it("sees a guest asking a guest (Yiwen Li asks Xuezhi Wang in chapter 1)", () => {
    const exchange = exchangeOf(exchanges, "c1-08")!;
    expect([exchange.question!.turnId, exchange.question!.speakerId]).toEqual(["c1-07", "yiwen-li"]);
    expect(exchange.answers.map((a) => a.speakerId)).toEqual(["xuezhi-wang"]);
  });

  it("sees Bill Xing's questions in chapters 2, 4 and 5", () => {
    const asked = exchanges.filter((e) => e.question?.speakerId === "bill-xing").map((e) => e.question!.turnId);
    expect(asked).toEqual(["c2-04", "c4-04", "c5-06", "c5-08"]);
  });

  it("never lets an exchange cross a chapter boundary", () => {
    for (const e of exchanges) {
      const chapters = new Set([e.question, ...e.answers].filter(Boolean).map((t) => t!.chapterNumber));
      expect(chapters.size).toBe(1);
    }
  });
});

describe("keyword topic tagging", () => {
  const match = compileTopicMatcher([
    { id: "multimodal", keywords: ["多模态", "Flamingo"] },
    { id: "scaling", keywords: ["token", "规模"] },
  ]);

  it("matches Chinese keywords anywhere and Latin keywords at a word start, ignoring case", () => {
    expect(match("把多模态结合在一起")).toEqual(["multimodal"]);
    expect(match("flamingo 那篇论文")).toEqual(["multimodal"]);
    expect(match("见过的 Tokens 数量")).toEqual(["scaling"]);
    expect(match("detokenize it")).toEqual([]);
    expect(match("模型规模与多模态")).toEqual(["multimodal", "scaling"]);
  });
});
