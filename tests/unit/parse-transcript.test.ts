import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { formatTimestamp, parseTimestamp, parseTranscript } from "../../src/lib/content/parse-transcript.ts";

const speakers = {
  resolve: (name: string) => ({ ann: "ann", "ann lee": "ann", bob: "bob" })[name.toLowerCase()],
  known: () => ["Ann Lee", "Bob"],
};

function parse(markdown: string) {
  const problems = new ProblemList();
  const chapters = parseTranscript("t.md", markdown, speakers, problems);
  return { chapters, problems: problems.problems };
}

const ids = (markdown: string) => parse(markdown).chapters.flatMap((c) => c.turns.map((t) => t.turnId));

describe("parseTranscript", () => {
  const base = "## 01 One\n\n### Ann Lee\n\nHi.\n\n### Bob · 00:01:05\n\nHello.\n\n> 更新: a note\n\n## 02 Two\n\n### Ann\n\nBye.\n";

  it("reads chapters, turns, speakers, start times and notes", () => {
    const { chapters, problems } = parse(base);
    expect(problems).toEqual([]);
    expect(chapters.map((c) => [c.number, c.title])).toEqual([
      [1, "One"],
      [2, "Two"],
    ]);
    expect(chapters[0]!.turns.map((t) => [t.turnId, t.kind, t.speakerId, t.startSeconds, t.text])).toEqual([
      ["c1-01", "speech", "ann", null, "Hi."],
      ["c1-02", "speech", "bob", 65, "Hello."],
      ["c1-02-note1", "note", null, null, "更新: a note"],
    ]);
    expect(chapters[0]!.turns[0]!.line).toBe(3);
  });

  it("gives ids that depend only on positions inside their own chapter", () => {
    const before = ids(base);
    const insertedInChapterOne = ids(base.replace("### Bob", "### Ann\n\nInserted.\n\n### Bob"));
    expect(insertedInChapterOne.filter((id) => id.startsWith("c2-"))).toEqual(before.filter((id) => id.startsWith("c2-")));
    // Adding a note never renumbers speech.
    const withNote = ids(base.replace("Hi.\n", "Hi.\n\n> another note\n"));
    expect(withNote.filter((id) => !id.includes("note"))).toEqual(before.filter((id) => !id.includes("note")));
  });

  it("turns an inline footnote into a note turn linked from the speech", () => {
    const { chapters, problems } = parse("## 01 One\n\n### Ann\n\nWe invested in X[^x], it grew.\n\n[^x]: 更新: X was acquired.\n");
    expect(problems).toEqual([]);
    const [speech, note] = chapters[0]!.turns;
    expect(speech!.text).toBe("We invested in X, it grew.");
    // A language-neutral marker: no interface label is stored in the HTML (the reader adds it).
    expect(speech!.html).toContain('<a href="#c1-01-note1" data-note-ref="">1</a>');
    expect(speech!.html).not.toMatch(/编者注|注]/);
    expect([note!.turnId, note!.kind, note!.text]).toEqual(["c1-01-note1", "note", "更新: X was acquired."]);
  });

  it("renders speech through the sanitiser: no raw HTML, no javascript: links", () => {
    const { chapters } = parse("## 01 One\n\n### Ann\n\n[click](javascript:alert(1)) and *stress*\n");
    expect(chapters[0]!.turns[0]!.html).toBe("<p><a>click</a> and <em>stress</em></p>");
  });

  it("rejects out-of-range start times", () => {
    expect(parse("## 01 One\n\n### Ann · 00:61:00\n\nHi.\n").problems.map((p) => p.message)).toEqual([
      "start time '00:61:00' is not a valid time: minutes and seconds go up to 59",
    ]);
  });

  it("formats and parses times both ways", () => {
    expect(parseTimestamp("01:46:42")).toBe(6402);
    expect(parseTimestamp("46:42")).toBe(2802);
    expect(formatTimestamp(6402)).toBe("01:46:42");
  });

  it("needs at least one chapter", () => {
    expect(parse("").problems.map((p) => p.message)).toEqual([expect.stringMatching(/has no chapters/)]);
  });
});
