// Chapters JSON placed by time, format detection, and the id rules for people.
import { describe, expect, it } from "vitest";
import { parseChaptersJson } from "../../src/lib/content/importers/chapters-json.ts";
import { episodeScopedId, personIdFor } from "../../src/lib/content/importers/person-id.ts";
import { detectFormat } from "../../src/lib/content/importers/registry.ts";
import { FORMAT_NAMES, ImportError } from "../../src/lib/content/importers/types.ts";
import { detectLanguage, normaliseLanguage } from "../../src/lib/content/importers/assemble.ts";
import { expectEveryCueWritten, fixture, interop, runImport } from "../support/import.ts";

function error(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("chapters JSON (--chapters)", () => {
  it("reads the Podcasting 2.0 example: 9 chapters with their start times", () => {
    const { chapters } = parseChaptersJson(interop("pc20-example-chapters.json").text);
    expect(chapters.map((c) => [c.title, c.start])).toEqual([
      ["Intro", 0],
      ["Hearing Aids", 168000],
      ["Progress Report", 260000],
      ["Namespace", 410000],
      ["Just Break Up", 3990000],
      ["Donations", 4600000],
      ["The Big Players", 5510000],
      ["Spread the Word", 5854000],
      ["Outro", 6089000],
    ]);
  });

  it("places chapters into a timed transcript by time, skips silent ones, and splits a turn at a boundary", () => {
    const { chapters, dropped } = parseChaptersJson(fixture("buzzcast-chapters.json").text);
    expect(dropped.map((d) => d.text)).toEqual(["Silent marker"]);
    const result = runImport(interop("tx-buzzcast.srt"), { chapters });
    expect(result.draft.chapters.map((c) => [c.title, c.start])).toEqual([
      ["Cold open", 0],
      ["Going all in on video", 30480],
      ["The rest", 300000],
    ]);
    const written = expectEveryCueWritten(result);
    for (const cue of written) {
      const chapter = chapters.filter((c) => c.start <= cue.start!).length;
      expect(cue.chapter, `${cue.start} ${cue.text}`).toBe(chapter);
    }
    // 34 speaker turns, and one more where 'The rest' begins inside a turn
    const boundary = written.find((c) => c.chapter === 3)!;
    expect(written.find((c) => c.start! < 300000 && written.indexOf(c) === written.indexOf(boundary) - 1)!.speaker).toBe(boundary.speaker);
    expect(result.stats.turns).toBe(35);
    expect(result.files.transcriptMd).toMatch(/^## 03 The rest · 00:05:00\.000$/m);
  });

  it("drops chapters no speech falls into, and reports them", () => {
    const { chapters } = parseChaptersJson(interop("pc20-example-chapters.json").text);
    const result = runImport(interop("pc20-example-transcript.srt"), { chapters });
    // the example transcript is 12½ minutes long: Intro, Hearing Aids, Progress Report, Namespace (from 6:50)
    expect(result.draft.chapters.map((c) => c.title)).toEqual(["Intro", "Hearing Aids", "Progress Report", "Namespace"]);
    expect(result.dropped.filter((d) => d.why.startsWith("a chapter with no speech")).map((d) => d.text)).toEqual([
      "Just Break Up",
      "Donations",
      "The Big Players",
      "Spread the Word",
      "Outro",
    ]);
    expectEveryCueWritten(result);
  });

  it("refuses chapters for a transcript without times", () => {
    const { chapters } = parseChaptersJson(interop("pc20-example-chapters.json").text);
    expect(error(() => runImport(fixture("qa.txt"), { chapters })).detail).toBe(
      "--chapters places chapters by time, but this transcript has no times",
    );
  });

  it("reports a chapter without startTime, and chapters out of order, at their lines", () => {
    const missing = error(() =>
      parseChaptersJson('{\n "version": "1.2.0",\n "chapters": [\n  {"startTime": 0, "title": "A"},\n  {"title": "B"}\n ]\n}'),
    );
    expect([missing.line, missing.detail]).toEqual([5, "chapter 2: 'startTime' must be a number of seconds ≥ 0, found undefined"]);
    const order = error(() => parseChaptersJson('{"chapters": [\n{"startTime": 10},\n{"startTime": 5}\n]}'));
    expect([order.line, order.detail]).toEqual([
      3,
      "chapter 2 starts (5 s) before the chapter above it: chapters must be in order of time",
    ]);
  });
});

describe("format detection", () => {
  const cases: Array<[string, string, "interop" | "fixture"]> = [
    ["pc20-example-transcript.vtt", "webvtt", "interop"],
    ["tx-kde-express-16-whisper-style.vtt", "webvtt", "interop"],
    ["pc20-example-transcript.srt", "srt", "interop"],
    ["crlf-bom.srt", "srt", "fixture"],
    ["pc20-example-transcript.json", "podcasting-json", "interop"],
    ["tx-buzzcast-pc20.json", "podcasting-json", "interop"],
    ["pc20-example-transcript.html", "podcasting-html", "interop"],
    ["tx-buzzcast-pc20.html", "podcasting-html", "interop"],
    ["whisper.json", "whisper-json", "fixture"],
    ["whisperx.json", "whisper-json", "fixture"],
    ["whisper-cpp.json", "whisper-json", "fixture"],
    ["whisper.tsv", "whisper-tsv", "fixture"],
    ["btc-chaincode-simple-taproot-channels.md", "markdown", "interop"],
    ["changelog.md", "markdown", "fixture"],
    ["chinese-interview.md", "markdown", "fixture"],
    ["qa.txt", "markdown", "fixture"],
    ["otter.txt", "markdown", "fixture"],
  ];
  it.each(cases)("detects %s as %s from its content, whatever its name", (name, format, where) => {
    const source = where === "interop" ? interop(name) : fixture(name);
    expect(detectFormat({ ...source, fileName: "upload.txt" }).name).toBe(format);
  });

  it("refuses an unknown format, naming the supported ones", () => {
    const e = error(() => detectFormat({ text: "just,some,csv\n1,2,3\n", fileName: "x.csv" }));
    expect(e.detail).toBe(
      `not a transcript format this importer knows. Supported formats: ${FORMAT_NAMES.join(", ")} (and RSS feeds with --feed); pass --format <name> if the file is one of them`,
    );
  });

  it("says what a chapters file and a feed are for", () => {
    expect(error(() => detectFormat(interop("pc20-example-chapters.json"))).detail).toMatch(/chapters file .* pass it with --chapters/);
    expect(error(() => detectFormat(interop("rss-podcasting20-pc20rss.xml"))).detail).toBe(
      "this is an RSS feed: import it with --feed [--item <guid or number>]",
    );
  });
});

describe("ids and languages", () => {
  it("makes person ids from Latin names, from pinyin for Chinese names, and episode-scoped ids for diarised labels", () => {
    expect(["Xuezhi Wang", "José Valim", "张三", "李开复", "单田芳", "Shaun Apps"].map(personIdFor)).toEqual([
      "xuezhi-wang",
      "jose-valim",
      "zhang-san",
      "li-kai-fu",
      "shan-tian-fang",
      "shaun-apps",
    ]);
    expect(["SPEAKER_1", "Speaker 0", "问"].map((l) => episodeScopedId("ep", l))).toEqual(["ep-speaker-1", "ep-speaker-0", "ep-wen"]);
  });

  it("normalises and guesses languages", () => {
    expect(["en", "en_us", "English", "zh-cn", "Spanish", "??"].map(normaliseLanguage)).toEqual([
      "en",
      "en-US",
      "en",
      "zh-CN",
      "es",
      undefined,
    ]);
    expect(detectLanguage("我们今天聊一聊开源社区的事情")).toBe("zh-CN");
    expect(detectLanguage("What is the thing that you and we want to do? It is the thing.")).toBe("en");
    expect(detectLanguage("Nooooo")).toBe("und");
  });
});
