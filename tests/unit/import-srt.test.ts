// SRT: the Podcasting 2.0 example, a real episode (Buzzcast), CRLF/BOM and missing blank lines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSrt } from "../../src/lib/content/importers/srt.ts";
import { ImportError } from "../../src/lib/content/importers/types.ts";
import { expectEveryCueWritten, fixture, interop, INTEROP_DIR, runImport } from "../support/import.ts";

function importError(text: string): ImportError {
  try {
    parseSrt({ text, fileName: "x.srt" });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

/** Speaker changes counted on the raw file: cue text lines that start with `Name: `. */
function labelsIn(name: string): string[] {
  return readFileSync(path.join(INTEROP_DIR, name), "utf8")
    .split(/\r?\n/)
    .map((line) => /^([A-Z][a-z]+): /.exec(line)?.[1])
    .filter((l): l is string => !!l);
}

describe("SRT", () => {
  it("starts a new turn at each '>>' (broadcast captions), unnamed or with a name after it", () => {
    const text = [
      "1\n00:00:01,000 --> 00:00:02,000\n>> Where were we?",
      "2\n00:00:02,000 --> 00:00:03,000\n>> We were talking about",
      "3\n00:00:03,000 --> 00:00:04,000\nthe weather.",
      "4\n00:00:04,000 --> 00:00:05,000\n>> JOHN: Yes.",
      "5\n00:00:05,000 --> 00:00:06,000\nIt rained >> all day.",
    ].join("\n\n");
    const result = runImport({ text, fileName: "x.srt" });
    const turns = result.draft.chapters.flatMap((c) => c.turns);
    expect(turns.map((t) => [t.heading, t.start, t.paragraphs.flatMap((p) => p.cues.map((c) => c.text))])).toEqual([
      ["ep-speaker", 1000, ["Where were we?"]],
      ["ep-speaker", 2000, ["We were talking about", "the weather."]],
      // Only a leading '>>' marks a change: inside a caption it is text.
      ["JOHN", 4000, ["Yes.", "It rained >> all day."]],
    ]);
    expectEveryCueWritten(result);
  });

  it("keeps a text line holding '-->' as text (SRT has no escape for it); a broken timing is still an error", () => {
    const result = parseSrt({
      text: "1\n00:00:01,000 --> 00:00:02,000\nAlice: A --> B\n\n2\n00:00:02,000 --> 00:00:03,000\n2-of-2 -->\n",
      fileName: "x.srt",
    });
    expect(result.cues.map((c) => [c.speaker, c.start, c.text])).toEqual([
      ["Alice", 1000, "A --> B"],
      [null, 2000, "2-of-2 -->"],
    ]);
    expect(importError("1\n00:00:0x,000 --> 00:00:02,000\nText\n").detail).toMatch(/^cannot read the cue timing/);
  });

  it("reads the Podcasting 2.0 example: 222 cues, a turn per 'Name:' change, 3 speakers", () => {
    const result = runImport(interop("pc20-example-transcript.srt"));
    expect(result.format).toBe("srt");
    expect(result.stats).toMatchObject({ cues: 222, turns: 10, speakers: 3, timedCues: 222 });
    expect(labelsIn("pc20-example-transcript.srt")).toHaveLength(10);
    expect(result.parsed.cues.filter((c) => c.speaker !== null).map((c) => c.speaker)).toEqual(labelsIn("pc20-example-transcript.srt"));
    expect(result.parsed.cues[0]).toMatchObject({
      speaker: "Travis",
      start: 179,
      end: 2399,
      text: "When you first get started in podcasting, it's",
      line: 2,
    });
    const written = expectEveryCueWritten(result);
    expect(new Set(written.map((c) => c.speaker))).toEqual(new Set(["Travis", "Sarah", "Gilon"]));
  });

  it("reads a real episode (Buzzcast): 488 cues, 34 turns, 5 speakers", () => {
    const result = runImport(interop("tx-buzzcast.srt"));
    expect(result.stats).toMatchObject({ cues: 488, turns: 34, speakers: 5, timedCues: 488 });
    expect(labelsIn("tx-buzzcast.srt")).toHaveLength(34);
    expect(result.draft.participants.map((p) => p.id)).toEqual(["alban", "kevin", "travis", "tom", "dave"]);
    expectEveryCueWritten(result);
  });

  it("accepts a BOM, CRLF, tags, a cue without its blank line and a blank line inside a cue", () => {
    const result = runImport(fixture("crlf-bom.srt"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual([
      ["Ann Lee", 1000, 3500, "Hello there, everyone."],
      [null, 3500, 6000, "this is our show."],
      ["Bob Stone", 6000, 8250, "Thanks, Ann."],
      [null, 8250, 10000, "Good to be here with you."],
    ]);
    expect(result.stats).toMatchObject({ turns: 2, speakers: 2 });
    expectEveryCueWritten(result);
  });

  it("reports a timing it cannot read at its line", () => {
    const error = importError("1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:02,000 --> later\nbroken\n");
    expect(error.line).toBe(6);
    expect(error.detail).toMatch(/^cannot read the cue timing '00:00:02,000 --> later'/);
  });

  it("reports a cue that ends before it starts", () => {
    expect(importError("1\n00:00:09,000 --> 00:00:02,000\nx\n").detail).toBe("the cue ends (00:00:02,000) before it starts (00:00:09,000)");
  });

  it("reports text before the first cue", () => {
    const error = importError("Some title\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n");
    expect([error.line, error.detail]).toEqual([
      1,
      "text before the first cue: expected a cue number and a timing 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found 'Some title'",
    ]);
  });
});
