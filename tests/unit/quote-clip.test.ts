// A quote as a clip of the cues its sentence covers, else its turn's times.
import { describe, expect, it } from "vitest";
import { quoteClip } from "../../src/lib/listen/quote-clip.ts";

const turn = {
  startMs: 9000,
  endMs: 20000,
  cues: [
    { startMs: 9000, endMs: 12250, text: "So the first thing to know is" },
    { startMs: 12250, endMs: 15000, text: "that channels today use a 2-of-2 multisig." },
    { startMs: 15000, endMs: 18000, text: "A new paragraph is a new cue." },
  ],
};

describe("quoteClip", () => {
  it("covers exactly the cues the sentence touches", () => {
    expect(quoteClip("channels today use a 2-of-2 multisig.", turn)).toEqual({ start: 12.25, end: 15 });
    expect(quoteClip("to know is that channels today", turn)).toEqual({ start: 9, end: 15 });
    expect(quoteClip("multisig. A new paragraph", turn)).toEqual({ start: 12.25, end: 18 });
  });

  it("matches across the joiners of CJK cues (no space between them)", () => {
    const chinese = {
      startMs: 0,
      endMs: 9000,
      cues: [
        { startMs: 0, endMs: 3000, text: "我不觉得现在模型参数量" },
        { startMs: 3000, endMs: 6000, text: "到了上限," },
        { startMs: 6000, endMs: 9000, text: "GPT-4有可能是一个万亿级的模型。" },
      ],
    };
    expect(quoteClip("我不觉得现在模型参数量到了上限,", chinese)).toEqual({ start: 0, end: 6 });
  });

  it("falls back to the turn's times, or its start, or nothing", () => {
    expect(quoteClip("not in any cue", turn)).toEqual({ start: 9, end: 20 });
    expect(quoteClip("anything", { startMs: 9000, endMs: null, cues: [] })).toEqual({ start: 9, end: null });
    expect(quoteClip("anything", { startMs: null, endMs: null, cues: [] })).toBeNull();
  });

  it("uses the turn's end for a last cue without one", () => {
    const open = { startMs: 0, endMs: 30000, cues: [{ startMs: 0, endMs: null, text: "Hello there." }] };
    expect(quoteClip("Hello", open)).toEqual({ start: 0, end: 30 });
  });
});
