// The importer on transcripts other than the seed: what fits, and clear errors for what does not.
import { describe, expect, it } from "vitest";
import { ImportError, importPlainTextTranscript, toContentFiles } from "../../src/lib/content/importers/plain-text-transcript.ts";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { parseTranscript } from "../../src/lib/content/parse-transcript.ts";

const minimal = [
  "某站点",
  "",
  "一期访谈",
  "来源:某处 发布日期:2024-01-02 10:00",
  "",
  "01 开场",
  "",
  "Ann Lee",
  "",
  "你好。",
  "",
  "Bob Stone00:00:07",
  "",
  "谢谢(更新:补充说明)。",
  "",
].join("\n");

function importError(raw: string): ImportError {
  try {
    importPlainTextTranscript(raw);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("plain-text importer", () => {
  it("imports any transcript laid out the same way, and its output parses back", () => {
    const episode = importPlainTextTranscript(minimal);
    expect(episode.title).toBe("一期访谈");
    expect(episode.publishedAt).toBe("2024-01-02");
    expect(episode.people.map((p) => [p.id, p.role])).toEqual([
      ["ann-lee", "other"],
      ["bob-stone", "other"],
    ]);
    const files = toContentFiles(episode, { showId: "s", language: "zh-CN", sourceName: "x" });
    const problems = new ProblemList();
    const chapters = parseTranscript(
      "t.md",
      files.transcriptMd,
      { resolve: (n) => ({ "ann lee": "ann-lee", "bob stone": "bob-stone" })[n.toLowerCase()], known: () => [] },
      problems,
    );
    expect(problems.problems).toEqual([]);
    expect(chapters[0]!.turns.map((t) => [t.turnId, t.speakerId, t.startSeconds, t.text])).toEqual([
      ["c1-01", "ann-lee", null, "你好。"],
      ["c1-02", "bob-stone", 7, "谢谢。"],
      ["c1-02-note1", null, null, "更新:补充说明"],
    ]);
  });

  it("names the line of text that has no speaker", () => {
    const error = importError(minimal.replace("Ann Lee\n\n", ""));
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/text with no speaker/);
  });

  it("names the line when there is no chapter heading", () => {
    const error = importError(["标题", "来源:x 发布日期:2024-01-02", "", "Ann Lee", "", "你好。"].join("\n"));
    expect(error.message).toMatch(/before the first chapter heading|no chapter headings/);
  });

  it("rejects a speaker line followed by nothing", () => {
    const error = importError(minimal + "\nCarl Young\n");
    expect(error.line).toBe(16);
    expect(error.message).toMatch(/'Carl Young' says nothing/);
  });

  it("rejects an empty file", () => {
    expect(importError("\n\n").message).toMatch(/empty/);
  });
});
