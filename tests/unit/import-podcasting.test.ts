// Podcasting 2.0 JSON and HTML transcripts.
import { describe, expect, it } from "vitest";
import { parsePodcastingJson } from "../../src/lib/content/importers/podcasting-json.ts";
import { parsePodcastingHtml } from "../../src/lib/content/importers/podcasting-html.ts";
import { ImportError } from "../../src/lib/content/importers/types.ts";
import { expectEveryCueWritten, interop, runImport } from "../support/import.ts";

function jsonError(text: string): ImportError {
  try {
    parsePodcastingJson({ text, fileName: "x.json" });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("Podcasting 2.0 JSON", () => {
  it("groups the spec's word-level segments into sentence cues: 5 segments → 2 cues, 2 turns", () => {
    const result = runImport(interop("pc20-example-transcript.json"));
    expect(result.format).toBe("podcasting-json");
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual([
      ["Darth Vader", 500, 2500, "I am your father."],
      ["Luke", 2750, 3000, "Nooooo"],
    ]);
    expect(result.stats).toMatchObject({ cues: 2, turns: 2, speakers: 2 });
    expectEveryCueWritten(result);
  });

  it("merges a real export's caption lines (same speaker and times) back into captions: Buzzcast, 959 segments → 489 cues, 34 turns", () => {
    const source = interop("tx-buzzcast-pc20.json");
    const segments = (JSON.parse(source.text) as { segments: Array<{ speaker: string; startTime: number; endTime: number }> }).segments;
    expect(segments).toHaveLength(959);
    const key = (s: (typeof segments)[number]) => `${s.speaker}|${s.startTime}|${s.endTime}`;
    expect(segments.filter((s, i) => i === 0 || key(s) !== key(segments[i - 1]!))).toHaveLength(489);
    const result = runImport(source);
    expect(result.stats).toMatchObject({ cues: 489, turns: 34, speakers: 5, timedCues: 489 });
    expect(result.parsed.cues[0]).toMatchObject({
      speaker: "Alban",
      start: 0,
      end: 4800,
      text: "It is so stinking nice to like, show up and record this",
    });
    expectEveryCueWritten(result);
  });

  it("drops the colon some exports leave on a speaker's name", () => {
    const parsed = parsePodcastingJson({ text: '{"segments":[{"speaker":"Kevin:","startTime":0,"body":"Hi."}]}', fileName: "x.json" });
    expect(parsed.cues.map((c) => c.speaker)).toEqual(["Kevin"]);
  });

  it("ends a word group at a body's line break and at a pause of a second", () => {
    const segments = [
      { speaker: "A", startTime: 0, endTime: 0.2, body: "one" },
      { speaker: "A", startTime: 0.3, endTime: 0.5, body: "two\n" },
      { speaker: "A", startTime: 0.6, endTime: 0.8, body: "three" },
      { speaker: "A", startTime: 2.0, endTime: 2.2, body: "four" },
    ];
    const parsed = parsePodcastingJson({ text: JSON.stringify({ version: "1.0.0", segments }), fileName: "x.json" });
    expect(parsed.cues.map((c) => c.text)).toEqual(["one two", "three", "four"]);
  });

  it("reports a segment without startTime at its line", () => {
    const text =
      '{\n  "version": "1.0.0",\n  "segments": [\n    { "speaker": "A", "startTime": 1, "body": "ok" },\n    { "speaker": "A", "body": "no time" }\n  ]\n}\n';
    const error = jsonError(text);
    expect([error.line, error.detail]).toEqual([5, "segment 2: 'startTime' must be a number of seconds ≥ 0, found undefined"]);
  });

  it("reports a segment without body, one that ends before it starts, and a speaker that is not text", () => {
    expect(jsonError('{"segments":[{"startTime":1}]}').detail).toBe("segment 1 has no 'body' text");
    expect(jsonError('{"segments":[{"startTime":3,"endTime":1,"body":"x"}]}').detail).toBe("segment 1 ends (1) before it starts (3)");
    expect(jsonError('{"segments":[{"startTime":3,"speaker":7,"body":"x"}]}').detail).toBe("segment 1: 'speaker' must be text, found 7");
  });

  it("reports JSON that does not parse at its line", () => {
    const error = jsonError('{\n  "segments": [\n    { "startTime": 1, "body": "x" },\n  ]\n}');
    expect(error.line).toBe(4);
    expect(error.detail).toMatch(/^not valid JSON/);
  });
});

describe("Podcasting 2.0 HTML", () => {
  it("reads the spec's example: <cite>Name:</cite> <time> <p>, 10 paragraphs, 3 speakers", () => {
    const result = runImport(interop("pc20-example-transcript.html"));
    expect(result.format).toBe("podcasting-html");
    expect(result.stats).toMatchObject({ cues: 10, turns: 10, speakers: 3, timedCues: 10 });
    expect(result.parsed.cues.slice(0, 3).map((c) => [c.speaker, c.start])).toEqual([
      ["Travis", 0],
      ["Sarah", 53000],
      ["Travis", 102000],
    ]);
    expect(result.parsed.cues[0]!.text).toMatch(/^When you first get started in podcasting, it's almost/);
    expectEveryCueWritten(result);
  });

  it("reads a real page (Buzzcast): 34 paragraphs under 34 cites, the same speakers as its SRT", () => {
    const result = runImport(interop("tx-buzzcast-pc20.html"));
    const srt = runImport(interop("tx-buzzcast.srt"));
    expect(result.stats).toMatchObject({ cues: 34, turns: 34, speakers: 5 });
    expect(result.draft.chapters[0]!.turns.map((t) => t.personId)).toEqual(srt.draft.chapters[0]!.turns.map((t) => t.personId));
    expectEveryCueWritten(result);
  });

  it("reads speakers written inside the paragraph when a page has no <cite>", () => {
    const parsed = parsePodcastingHtml({
      text: "<p><b>Ann Lee:</b> Hello &amp; welcome.</p><p>Bob Stone: Thanks.</p><p>Ann Lee: Let's go.</p>",
      fileName: "x.html",
    });
    expect(parsed.cues.map((c) => [c.speaker, c.text])).toEqual([
      ["Ann Lee", "Hello & welcome."],
      ["Bob Stone", "Thanks."],
      ["Ann Lee", "Let's go."],
    ]);
  });

  it("reports a <time> it cannot read at its line", () => {
    try {
      parsePodcastingHtml({ text: "<cite>A:</cite>\n<time>soon</time>\n<p>x</p>", fileName: "x.html" });
      throw new Error("expected an ImportError");
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect([(error as ImportError).line, (error as ImportError).detail]).toEqual([
        2,
        "cannot read the time 'soon': expected 'M:SS', 'MM:SS' or 'H:MM:SS'",
      ]);
    }
  });
});
