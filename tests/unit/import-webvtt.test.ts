// WebVTT: the Podcasting 2.0 example, a Whisper-style file, and the forms real files use.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseWebVtt, readPayload } from "../../src/lib/content/importers/webvtt.ts";
import { ImportError } from "../../src/lib/content/importers/types.ts";
import { expectEveryCueWritten, fixture, interop, INTEROP_DIR, runImport } from "../support/import.ts";

function importError(text: string): ImportError {
  try {
    parseWebVtt({ text, fileName: "x.vtt" });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("WebVTT", () => {
  it("reads the Podcasting 2.0 example: 7 cues, 2 voices, entities decoded, 2 turns", () => {
    const result = runImport(interop("pc20-example-transcript.vtt"));
    const raw = readFileSync(path.join(INTEROP_DIR, "pc20-example-transcript.vtt"), "utf8");
    expect(result.format).toBe("webvtt");
    expect(result.parsed.cues).toHaveLength(raw.split("-->").length - 1);
    expect(result.stats).toMatchObject({ cues: 7, turns: 2, speakers: 2, chapters: 1, timedCues: 7 });
    expect(result.parsed.cues.map((c) => c.speaker)).toEqual(["Sarah", "Sarah", "Sarah", "Sarah", "Sarah", "Gillian", "Gillian"]);
    expect(result.parsed.cues[2]!.text).toBe("include in one? Welcome to Podcasting Q&A, where you learn");
    expect(result.parsed.cues.map((c) => [c.start, c.end])[5]).toEqual([19080, 21450]);
    const written = expectEveryCueWritten(result);
    expect(written.map((c) => c.turn)).toEqual([1, 1, 1, 1, 1, 2, 2]);
    expect(result.files.transcriptMd).toContain("### Sarah · 00:00:00.000–00:00:18.630\n\n[00:00:00.000] In today's episode");
    // a pause of 450 ms is no paragraph break; no chapters: no '##' heading
    expect(result.files.transcriptMd).not.toMatch(/^## /m);
  });

  it("reads Whisper-style cues (a leading space, no speakers) as one unnamed voice, in paragraphs", () => {
    const result = runImport(interop("tx-kde-express-16-whisper-style.vtt"));
    expect(result.stats).toMatchObject({ cues: 22, turns: 1, speakers: 1, timedCues: 22 });
    expect(result.parsed.cues.every((c) => c.speaker === null && !c.text.startsWith(" "))).toBe(true);
    expect(result.draft.participants).toEqual([expect.objectContaining({ id: "ep-speaker", name: "Speaker", role: "guest" })]);
    expect(result.draft.language).toBe("es");
    expect(result.notices.join("\n")).toMatch(/names no speaker/);
    const written = expectEveryCueWritten(result);
    // These captions never end a sentence at a cue's end: paragraphs break past 1,000 characters.
    const paragraphs = new Map<number, string>();
    for (const cue of written) paragraphs.set(cue.paragraph, `${paragraphs.get(cue.paragraph) ?? ""} ${cue.text}`.trim());
    expect(paragraphs.size).toBe(2);
    const first = [...paragraphs.values()][0]!;
    expect(first.length).toBeGreaterThanOrEqual(1000);
    expect(first.length - written.filter((c) => c.paragraph === 1).at(-1)!.text.length).toBeLessThan(1000);
  });

  it("reads NOTE/STYLE/REGION blocks, cue ids and settings, <v.loud>, tags, entities and one-digit minutes", () => {
    const parsed = parseWebVtt(fixture("broken-forms.vtt"));
    expect(parsed.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual([
      ["Alice Smith", 64620, 66000, "Welcome back & thanks for listening."],
      ["Bob Lee", 66000, 69500, "Glad to be here. <laughs>"],
      [null, 69500, 72250, "and it's been a while"],
      ["Alice Smith", 72250, 75000, "It has."],
      ["Bob Lee", 72250, 75000, "Indeed!"],
      ["Alice Smith", 75000, 78000, "So, tell us about la 漢 thing today."],
    ]);
    expect(parsed.dropped.map((d) => [d.line, d.why])).toEqual([
      [5, "a NOTE (comment)"],
      [8, "a STYLE block"],
      [11, "a REGION block"],
      [25, "a NOTE (comment)"],
    ]);
    const result = runImport(fixture("broken-forms.vtt"));
    expect(result.stats).toMatchObject({ cues: 6, turns: 5, speakers: 2 });
    expectEveryCueWritten(result);
  });

  it("keeps text after </v> with the voice before it, and splits a cue of two voices", () => {
    expect(readPayload("<v Bob>Hi</v> there")).toEqual([{ voice: "Bob", text: "Hi there" }]);
    expect(readPayload("<v Ann>One.</v><v Bob>Two.")).toEqual([
      { voice: "Ann", text: "One." },
      { voice: "Bob", text: "Two." },
    ]);
    expect(readPayload("<v Kevin:>Hi")).toEqual([{ voice: "Kevin", text: "Hi" }]);
    expect(readPayload("a &lt; b &amp;&amp; c &gt; d &nbsp;e")).toEqual([{ voice: null, text: "a < b && c > d e" }]);
  });

  it("starts a new turn at each '>>' of captions without voices (YouTube, broadcast), written as '&gt;&gt;' too", () => {
    const text =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n&gt;&gt; Hi there.\n\n00:00:02.000 --> 00:00:03.000\n>> Hello.\n\n00:00:03.000 --> 00:00:04.000\nHow are you?\n";
    const result = runImport({ text, fileName: "x.vtt" });
    const turns = result.draft.chapters.flatMap((c) => c.turns);
    expect(turns.map((t) => [t.heading, t.start, t.paragraphs.flatMap((p) => p.cues.map((c) => c.text))])).toEqual([
      ["ep-speaker", 1000, ["Hi there."]],
      ["ep-speaker", 2000, ["Hello.", "How are you?"]],
    ]);
    expectEveryCueWritten(result);
  });

  it("reports a file without the WEBVTT line", () => {
    const error = importError("00:00:00.000 --> 00:00:01.000\nHello\n");
    expect([error.line, error.detail]).toEqual([1, "a WebVTT file starts with a line 'WEBVTT'; found '00:00:00.000 --> 00:00:01.000'"]);
  });

  it("reports a timing it cannot read at its line", () => {
    const error = importError("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nfine\n\n00:00:0x.000 --> 00:00:02.000\nbroken\n");
    expect(error.line).toBe(6);
    expect(error.detail).toMatch(/^cannot read the cue timing '00:00:0x.000 --> 00:00:02.000'/);
  });

  it("reports a cue that ends before it starts", () => {
    const error = importError("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n");
    expect([error.line, error.detail]).toEqual([3, "the cue ends (00:00:01.000) before it starts (00:00:05.000)"]);
  });

  it("reports minutes or seconds past 59 as a timing it cannot read", () => {
    expect(importError("WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nx\n").detail).toMatch(/cannot read the cue timing/);
  });

  it("reports text before the first cue", () => {
    const error = importError("WEBVTT\n\nHello there\n\n00:00:00.000 --> 00:00:01.000\nx\n");
    expect([error.line, error.detail]).toEqual([
      3,
      "text before the first cue: expected a cue timing 'HH:MM:SS.mmm --> HH:MM:SS.mmm', found 'Hello there'",
    ]);
  });

  it("names diarised voices with an episode-scoped id, and a speakers map renames them without moving a turn", () => {
    const plain = runImport(fixture("diarised.vtt"));
    expect(plain.draft.participants.map((p) => [p.id, p.name])).toEqual([
      ["ep-speaker-1", "SPEAKER_1"],
      ["ep-speaker-2", "SPEAKER_2"],
    ]);
    expect(plain.files.transcriptMd).toContain("### ep-speaker-1 · 00:00:00.000–00:00:02.500");
    const named = runImport(fixture("diarised.vtt"), {
      speakers: new Map([
        ["SPEAKER_1", { name: "Alice Smith" }],
        ["SPEAKER_2", { name: "Alice Smith" }],
      ]),
    });
    // Both labels named as one person: still three turns, the same cues in the same places.
    const before = expectEveryCueWritten(plain).map((c) => [c.turn, c.paragraph, c.start, c.text]);
    const after = expectEveryCueWritten(named).map((c) => [c.turn, c.paragraph, c.start, c.text]);
    expect(after).toEqual(before);
    expect(named.stats.turns).toBe(3);
    expect(named.draft.participants.map((p) => [p.id, p.name])).toEqual([["alice-smith", "Alice Smith"]]);
  });
});
