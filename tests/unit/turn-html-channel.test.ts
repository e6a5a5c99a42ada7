import { describe, expect, it } from "vitest";
import { openTurnHtmlChannel, takeTurnHtml } from "../../src/lib/reader/turn-html-channel";
import { streamedParts, STREAM_PART_TURNS } from "../../src/lib/reader/streaming";

describe("the turn-body channel", () => {
  it("hands each body to the server-side rendering once, by channel and entry", () => {
    const a = openTurnHtmlChannel();
    const b = openTurnHtmlChannel();
    const first = a.put("<p>one</p>");
    const second = a.put("<p>two</p>");
    const other = b.put("<p>other</p>");
    expect(takeTurnHtml(a.id, second)).toBe("<p>two</p>");
    expect(takeTurnHtml(a.id, first)).toBe("<p>one</p>");
    expect(takeTurnHtml(b.id, other)).toBe("<p>other</p>");
    // Taken once: a second rendering of the same entry gets nothing (the leaf then refreshes).
    expect(takeTurnHtml(a.id, first)).toBeUndefined();
    expect(takeTurnHtml("no-such-channel", 1)).toBeUndefined();
  });
});

describe("streamed parts of a chapter", () => {
  it("splits a long chapter of a streamed episode into parts, in order", () => {
    const turns = Array.from({ length: 2000 }, (_, i) => i);
    const parts = streamedParts(turns, true);
    expect(parts).toHaveLength(2000 / STREAM_PART_TURNS);
    expect(parts.flat()).toEqual(turns);
    expect(parts[0]).toHaveLength(STREAM_PART_TURNS);
  });

  it("keeps a short chapter, or any chapter of an episode that is not streamed, whole", () => {
    expect(streamedParts([1, 2, 3], true)).toEqual([[1, 2, 3]]);
    const long = Array.from({ length: 500 }, (_, i) => i);
    expect(streamedParts(long, false)).toEqual([long]);
  });
});
