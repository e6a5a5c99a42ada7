// Whisper's JSON (openai-whisper, WhisperX, whisper.cpp) and TSV writers.
import { describe, expect, it } from "vitest";
import { parseWhisperJson, parseWhisperTsv } from "../../src/lib/content/importers/whisper.ts";
import { ImportError } from "../../src/lib/content/importers/types.ts";
import { expectEveryCueWritten, fixture, runImport } from "../support/import.ts";

function error(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("Whisper", () => {
  it("reads openai-whisper JSON: 3 segments, its language, one unnamed voice; a 2.9 s pause starts a paragraph", () => {
    const result = runImport(fixture("whisper.json"), { title: "Parsers" });
    expect(result.format).toBe("whisper-json");
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual([
      [null, 0, 2400, "Hello and welcome to the show."],
      [null, 2400, 5120, "Today we talk about parsers."],
      [null, 8000, 9500, "They are everywhere."],
    ]);
    expect(result.draft.language).toBe("en");
    expect(result.stats).toMatchObject({ cues: 3, turns: 1, speakers: 1 });
    const written = expectEveryCueWritten(result);
    expect(written.map((c) => c.paragraph)).toEqual([1, 1, 2]);
  });

  it("keeps WhisperX's diarised speakers", () => {
    const result = runImport(fixture("whisperx.json"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start])).toEqual([
      ["SPEAKER_00", 31],
      ["SPEAKER_01", 2600],
      ["SPEAKER_01", 4200],
      ["SPEAKER_00", 6500],
    ]);
    expect(result.stats).toMatchObject({ cues: 4, turns: 3, speakers: 2 });
    expect(result.draft.participants.map((p) => p.id)).toEqual(["ep-speaker-00", "ep-speaker-01"]);
    expectEveryCueWritten(result);
  });

  it("reads whisper.cpp's JSON (offsets in ms, the language under result)", () => {
    const result = runImport(fixture("whisper-cpp.json"));
    expect(result.format).toBe("whisper-json");
    expect(result.parsed.cues.map((c) => [c.start, c.end, c.text])).toEqual([
      [0, 3000, "And so my fellow Americans, ask not"],
      [3000, 8000, "what your country can do for you, ask what you can do for your country."],
    ]);
    expect(result.parsed.meta.language).toBe("en");
    expectEveryCueWritten(result);
  });

  it("reads TSV with integer milliseconds, the same cues as its JSON", () => {
    const tsv = runImport(fixture("whisper.tsv"));
    const json = runImport(fixture("whisper.json"));
    expect(tsv.format).toBe("whisper-tsv");
    expect(tsv.parsed.cues.map((c) => [c.start, c.end, c.text])).toEqual(json.parsed.cues.map((c) => [c.start, c.end, c.text]));
    expect(tsv.files.transcriptMd.replace(/^# .*/, "")).toBe(json.files.transcriptMd.replace(/^# .*/, ""));
  });

  it("reports a TSV row without whole milliseconds, and one with too few columns, at its line", () => {
    const bad = error(() => parseWhisperTsv({ text: "start\tend\ttext\n0\t1000\tfine\n1.5\t2000\tno\n", fileName: "x.tsv" }));
    expect([bad.line, bad.detail]).toEqual([3, "start and end must be whole milliseconds, found '1.5' and '2000'"]);
    const short = error(() => parseWhisperTsv({ text: "0\t1000\n", fileName: "x.tsv" }));
    expect([short.line, short.detail]).toEqual([1, "expected 'start<TAB>end<TAB>text', found '0\t1000'"]);
  });

  it("reports a JSON segment without times at its line", () => {
    const bad = error(() =>
      parseWhisperJson({
        text: '{"segments": [\n {"start": 0, "end": 1, "text": "a"},\n {"start": 2, "text": "b"}\n]}',
        fileName: "x.json",
      }),
    );
    expect([bad.line, bad.detail]).toEqual([3, "segment 2: 'end' must be a number of seconds ≥ 0"]);
  });
});
