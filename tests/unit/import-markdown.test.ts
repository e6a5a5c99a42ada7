// Markdown and plain-text transcripts: bitcointranscripts, Changelog, Chinese interviews, Q/A,
// diarised labels, and the content format itself (what an export writes).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/lib/content/importers/markdown.ts";
import { ImportError } from "../../src/lib/content/importers/types.ts";
import { expectEveryCueWritten, fixture, interop, INTEROP_DIR, runImport } from "../support/import.ts";

function importError(text: string): ImportError {
  try {
    parseMarkdown({ text, fileName: "x.md" });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("Markdown transcripts", () => {
  it("reads bitcointranscripts' layout: front matter, 11 '## ' chapters, 145 'Name: HH:MM:SS' cues, 4 speakers", () => {
    const raw = readFileSync(path.join(INTEROP_DIR, "btc-chaincode-simple-taproot-channels.md"), "utf8");
    const labelLines = raw.split("\n").filter((l) => /^[A-Z][a-z]+ [A-Z][a-z]+: \d\d:\d\d:\d\d$/.test(l));
    // (two headings hold a no-break space: whitespace is collapsed to one space)
    const headings = raw
      .split("\n")
      .filter((l) => l.startsWith("## "))
      .map((l) => l.slice(3).replace(/\s+/g, " "));
    const result = runImport(interop("btc-chaincode-simple-taproot-channels.md"));
    expect(result.format).toBe("markdown");
    expect(labelLines).toHaveLength(145);
    expect(result.stats).toMatchObject({ cues: 145, chapters: 11, speakers: 4, timedCues: 145 });
    // consecutive blocks of one speaker in one chapter merge into a turn
    let turns = 0;
    let last = "";
    for (const line of raw.split("\n")) {
      if (line.startsWith("## ")) last = "";
      const name = labelLines.includes(line) ? line.split(":")[0]! : null;
      if (name && name !== last) turns++;
      if (name) last = name;
    }
    expect(turns).toBe(143);
    expect(result.stats.turns).toBe(turns);
    expect(result.draft.chapters.map((c) => c.title)).toEqual(headings);
    expect(result.parsed.cues.map((c) => c.start)).toEqual(
      labelLines.map((l) => Number(l.slice(-8, -6)) * 3600e3 + Number(l.slice(-5, -3)) * 60e3 + Number(l.slice(-2)) * 1e3),
    );
    expect(result.draft).toMatchObject({ title: "Simple Taproot Channels", publishedAt: "2023-07-15", language: "en" });
    expect(result.draft.summary[0]).toMatch(/^Elle Mouton and Oliver Gugger explained/);
    expect(result.draft.participants.map((p) => [p.id, p.role])).toEqual([
      ["elle-mouton", "guest"],
      ["adam-jonas", "other"],
      ["mark-erhardt", "other"],
      ["oliver-gugger", "guest"],
    ]);
    // the 'media' page is no audio file: kept in the source note
    expect(result.draft.audio).toBeUndefined();
    expect(result.draft.source.note).toMatch(
      /^Transcript by TheFrayy via review.btctranscripts.com; Media: https:\/\/podcasters.spotify.com\//,
    );
    expect(result.dropped.map((d) => d.text)).toEqual(["episode: …", "additional_resources: …", "aliases: …"]);
    const written = expectEveryCueWritten(result);
    expect(written.filter((c) => c.paragraph === 1 && c.turn === 2).map((c) => c.text)).toEqual(["Okay."]);
    expect(new Set(written.map((c) => c.chapterTitle)).size).toBe(11);
  });

  it("reads Changelog's **Name:** turns and \\[HH:MM:SS.cc\\] times, keeping [laughter] and [unintelligible …] as text", () => {
    const result = runImport(fixture("changelog.md"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.text.slice(0, 24)])).toEqual([
      ["Jerod Santo", null, "Well, we have Ben back, "],
      ["Ben Ubois", null, "Yeah, it's been a long t"],
      ["Adam Stacoviak", null, "For the first time."],
      ["Jerod Santo", 242030, "Yeah."],
      ["Adam Stacoviak", null, "And I would say that's a"],
      ["Jerod Santo", 482290, "Right."],
      ["Ben Ubois", null, "But my suggestion - I wa"],
      ["Ben Ubois", null, "And now that I think abo"],
      ["Adam Stacoviak", 728120, "I'd still pay you..."],
      ["Adam Stacoviak", 750500, "So they don't really hav"],
      ["Jerod Santo", null, "And we're back."],
    ]);
    expect(result.parsed.cues[4]!.text).toBe(
      'And I would say that\'s an [unintelligible 00:07:43.25] issue, like "What should I follow?" [laughter]',
    );
    expect(result.parsed.cues[7]!.text).toBe("And now that I think about it, there is a feature that could help you in Feedbin.");
    // "**Break:**" says nothing: no turn, no participant
    expect(result.draft.participants.map((p) => p.name)).toEqual(["Jerod Santo", "Ben Ubois", "Adam Stacoviak"]);
    expect(result.stats).toMatchObject({ cues: 11, turns: 9, speakers: 3, timedCues: 4 });
    expectEveryCueWritten(result);
    expect(result.files.transcriptMd).toContain("\\[unintelligible 00:07:43.25] issue");
  });

  it("reads a Chinese interview: 张三：, 主持人：, Shaun Apps（SA）： then SA：, 问/答 answered by the front matter's speaker, inline times", () => {
    const result = runImport(fixture("chinese-interview.md"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.text])).toEqual([
      ["主持人", null, "欢迎张三来到节目。"],
      ["张三", null, "谢谢邀请，很高兴来聊。"],
      ["Shaun Apps", null, "我也在这里，今天帮忙提问。"],
      ["问", null, "你是怎么开始做开源的？"],
      ["张三", null, "大学的时候参与了一个项目。"],
      ["张三", 504000, "后来就一直做下去了。"],
      ["Shaun Apps", null, "那社区呢？"],
      ["张三", null, "社区是最重要的。"],
      ["张三", 3842140, "没有社区就没有开源。"],
    ]);
    expect(result.draft.participants.map((p) => [p.id, p.name, p.role])).toEqual([
      ["ep-zhu-chi-ren", "主持人", "host"],
      ["zhang-san", "张三", "guest"],
      ["shaun-apps", "Shaun Apps", "other"],
      ["ep-wen", "问", "host"],
    ]);
    expect(result.draft.chapters.map((c) => c.title)).toEqual(["开场", "开源与社区"]);
    expect(result.draft).toMatchObject({
      title: "与张三聊开源",
      publishedAt: "2024-03-01",
      language: "zh-CN",
      summary: ["这是一期关于开源社区的访谈。"],
    });
    expect(result.draft.show).toEqual({ id: "show", name: "某某播客" });
    // untimed words then a time in one turn: the timed words open a turn of their own
    expect(result.stats).toMatchObject({ cues: 9, turns: 9, speakers: 4, chapters: 2 });
    expectEveryCueWritten(result);
  });

  it("reads Q:/A: with the answer given to the front matter's one speaker, and lines of one paragraph joined", () => {
    const result = runImport(fixture("qa.txt"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.text])).toEqual([
      ["Q", "Where did you grow up?"],
      ["Alice Smith", "In a small town by the sea."],
      ["Q", "What was your first computer?"],
      ["Alice Smith", "A hand-me-down laptop. It ran very hot."],
    ]);
    expect(result.draft.participants.map((p) => [p.id, p.role])).toEqual([
      ["ep-q", "host"],
      ["alice-smith", "guest"],
    ]);
    expectEveryCueWritten(result);
  });

  it("reads diarised 'Speaker 0: 00:00:00' lines as unnamed voices with episode-scoped ids", () => {
    const result = runImport(fixture("otter.txt"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start])).toEqual([
      ["Speaker 0", 0],
      ["Speaker 1", 4000],
      ["Speaker 0", 9000],
    ]);
    expect(result.draft.participants.map((p) => [p.id, p.name])).toEqual([
      ["ep-speaker-0", "Speaker 0"],
      ["ep-speaker-1", "Speaker 1"],
    ]);
    expect(result.files.transcriptMd).toContain("### ep-speaker-1 · 00:00:04\n\n[00:00:04] Thanks. Happy to be here.");
    expectEveryCueWritten(result);
  });

  it("reads the content format back (an export): chapters with times, turn headings, cue lines with ends, notes", () => {
    const result = runImport(fixture("content-format.md"));
    expect(result.parsed.cues.map((c) => [c.speaker, c.start, c.end, c.text, c.note ?? false])).toEqual([
      ["Alice Smith", 0, null, "So the first thing to know is", false],
      ["Alice Smith", 2250, null, "that channels today use a 2-of-2 multisig.", false],
      ["Alice Smith", 4000, 5000, "A cue that ends early.", false],
      ["Bob Lee", 6500, null, "Right.", false],
      ["Bob Lee", null, null, "An editor's note.", true],
      ["Alice Smith", 10000, null, "Thanks for listening.", false],
    ]);
    expect(result.draft.chapters.map((c) => [c.title, c.start])).toEqual([
      ["Opening", 0],
      ["Closing", 10000],
    ]);
    expect(result.draft.chapters[0]!.turns[1]!.notes).toEqual([["An editor's note."]]);
    expect(result.draft.title).toBe("An exported episode");
    expectEveryCueWritten(result);
  });

  it("reads a one-turn export of the content format, and diarised labels with an underscore in plain text", () => {
    // episode.md's front matter (`participants: [{ id }]`) says `###` headings are turns, even one.
    const exported = parseMarkdown({
      text: "---\ntitle: One turn\nparticipants:\n  - id: ep-speaker-1\n    role: guest\n---\n\n# One turn\n\n### SPEAKER_1 · 0:00:01–0:00:03\n\n[00:00:01.000] Hello there.\n",
      fileName: "x.md",
    });
    expect(exported.cues.map((c) => [c.speaker, c.start, c.text])).toEqual([["SPEAKER_1", 1000, "Hello there."]]);
    // The plain-text export's `SPEAKER_00: 00:00:01` line.
    const plain = runImport({ text: "A title\n\nSPEAKER_00: 00:00:01\n\nHello there.\n", fileName: "x.txt" });
    expect(plain.format).toBe("markdown");
    expect(plain.parsed.cues.map((c) => [c.speaker, c.start, c.text])).toEqual([["SPEAKER_00", 1000, "Hello there."]]);
  });

  it("takes `Name: text` as a label only when the name recurs or is known, so `Note: …` stays text", () => {
    const parsed = parseMarkdown({
      text: "Ann Lee: Hello.\n\nNote: this is not a speaker.\n\nBob Stone: Hi Ann.\n\nAnn Lee: Bye.\n\nBob Stone: Bye.\n",
      fileName: "x.txt",
    });
    expect(parsed.cues.map((c) => [c.speaker, c.text])).toEqual([
      ["Ann Lee", "Hello."],
      ["Ann Lee", "Note: this is not a speaker."],
      ["Bob Stone", "Hi Ann."],
      ["Ann Lee", "Bye."],
      ["Bob Stone", "Bye."],
    ]);
  });

  it("keeps a numbered heading's number when the headings do not count 1, 2, 3", () => {
    const parsed = parseMarkdown({ text: "## 1. Intro\n\nA: x\n\nA: y\n\n## 2) Middle\n\nA: z\n", fileName: "x.md" });
    expect(parsed.chapters.map((c) => c.title)).toEqual(["Intro", "Middle"]);
    const kept = parseMarkdown({
      text: "## 10 things we learned\n\nAnn Lee: x\n\nAnn Lee: y\n\n## Wrap-up\n\nAnn Lee: z\n",
      fileName: "x.md",
    });
    expect(kept.chapters.map((c) => c.title)).toEqual(["10 things we learned", "Wrap-up"]);
  });

  it("reports a file with no speaker labels at its last line, and says how to name the one speaker", () => {
    const error = importError("Just some text.\n\nAnd more text.\n");
    expect(error.line).toBe(4);
    expect(error.detail).toMatch(/^no speaker labels found .*; or name the one speaker in the front matter \('speaker: Name'\)$/);
    const monologue = parseMarkdown({ text: "---\nspeaker: Ann Lee\n---\n\nJust some text.\n\nAnd more text.\n", fileName: "x.md" });
    expect(monologue.cues.map((c) => c.speaker)).toEqual(["Ann Lee", "Ann Lee"]);
  });

  it("reports front matter that is not YAML at its line", () => {
    const error = importError("---\ntitle: [unclosed\n---\n\nA: x\n");
    expect(error.line).toBe(2);
    expect(error.detail).toMatch(/^front matter is not valid YAML/);
  });

  it("reports times that go backwards at the line of the later one", () => {
    const text = "Ann Lee: 00:01:00\n\nLater words.\n\nBob Stone: 00:00:30\n\nEarlier?\n";
    try {
      runImport({ text, fileName: "x.md" });
      throw new Error("expected an ImportError");
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect([(error as ImportError).line, (error as ImportError).detail]).toEqual([
        5,
        "this starts at 00:00:30, before the one above it (00:01:00, line 1): the transcript's times must go forward",
      ]);
    }
  });
});
