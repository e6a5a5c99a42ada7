// Broken content: every kind of mistake names the file, the line and what is wrong.
import { cpSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentValidationError, type ContentProblem } from "../../src/lib/content/content-error.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { copyContent, editFile, lineOf, SEED_DIR } from "../support/seed.ts";

const EPISODE = `${SEED_DIR}/episode.md`;
const TRANSCRIPT = `${SEED_DIR}/transcript.md`;
const QUOTES = `${SEED_DIR}/quotes.md`;
const TAGS = `${SEED_DIR}/tags.md`;

function problemsOf(contentDir: string): ContentProblem[] {
  try {
    loadLibrary(contentDir);
  } catch (error) {
    if (error instanceof ContentValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected the content to be rejected");
}

/** Breaks a copy of the seed with `edit`, and expects exactly one problem at file:line. */
function expectProblem(relative: string, edit: (text: string) => string, line: (dir: string) => number, message: RegExp) {
  const dir = copyContent();
  editFile(dir, relative, edit);
  const problems = problemsOf(dir);
  expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toHaveLength(1);
  const [problem] = problems;
  expect(problem!.file).toBe(path.join("content", relative));
  expect(problem!.line).toBe(line(dir));
  expect(problem!.message).toMatch(message);
}

describe("content validation", () => {
  it("accepts the seed as it is", () => {
    expect(() => loadLibrary(copyContent())).not.toThrow();
  });

  it("front matter that is not YAML", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("language: zh-CN", "language: [zh-CN"),
      (d) => lineOf(d, EPISODE, "language: [zh-CN") + 1,
      /not valid YAML/,
    );
  });

  it("a missing required field", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace(/^title: .*\n/m, ""),
      () => 2,
      /'title': .*expected string/i,
    );
  });

  it("a field of the wrong type", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("publishedAt: 2023-12-08", "publishedAt: next tuesday"),
      (d) => lineOf(d, EPISODE, "publishedAt:"),
      /'publishedAt': must be a date written YYYY-MM-DD/,
    );
  });

  it("an unknown field (a typo)", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("language: zh-CN", "language: zh-CN\nlangauge: en"),
      (d) => lineOf(d, EPISODE, "langauge: en"),
      /unrecognized key.*langauge/i,
    );
  });

  it("a role that does not exist", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("role: other", "role: listener"),
      (d) => lineOf(d, EPISODE, "role: listener"),
      /'participants\.4\.role': must be one of: host, co-host, guest, other/,
    );
  });

  it("a participant with no person file (and the turns that then name nobody, once)", () => {
    const dir = copyContent();
    editFile(dir, EPISODE, (t) => t.replace("id: bill-xing", "id: bill-xin"));
    expect(problemsOf(dir)).toEqual([
      {
        file: `content/${EPISODE}`,
        line: lineOf(dir, EPISODE, "id: bill-xin"),
        message: "participant 'bill-xin' has no file content/people/bill-xin.md",
      },
      {
        file: `content/${TRANSCRIPT}`,
        line: lineOf(dir, TRANSCRIPT, "### Bill Xing"),
        message: expect.stringMatching(/^'### Bill Xing' names no participant/),
      },
    ]);
  });

  it("a speaker id with path characters", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("id: bill-xing", "id: ../../etc/passwd"),
      (d) => lineOf(d, EPISODE, "id: ../../etc/passwd"),
      /'participants\.4\.id': must be lowercase letters and digits/,
    );
  });

  it("a turn whose speaker is not a participant", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("### Bill Xing", "### Bill Gates"),
      (d) => lineOf(d, TRANSCRIPT, "### Bill Gates"),
      /'### Bill Gates' names no participant of this episode; known speakers: Xuezhi Wang, Yizhou Zheng, Yiwen Li, Monica, Bill Xing/,
    );
  });

  it("a chapter heading without a title", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("## 03 如何理解Stability AI基于开源的竞争力", "## 03"),
      (d) => lineOf(d, TRANSCRIPT, "## 03"),
      /chapter heading must be '## <number> <title>'/,
    );
  });

  it("chapters out of order", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("## 04 ", "## 05 "),
      (d) => lineOf(d, TRANSCRIPT, "## 05 基于AI"),
      /chapter number 5 is out of order: expected 4/,
    );
  });

  it("text with no speaker at the start of a chapter", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("## 02 参数和数据会成为模型能力瓶颈吗\n", "## 02 参数和数据会成为模型能力瓶颈吗\n\n无主之言。\n"),
      (d) => lineOf(d, TRANSCRIPT, "无主之言"),
      /text with no speaker in chapter 2/,
    );
  });

  it("a turn with no words", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("## 06 LLM产品化,需要怎样的工具生态\n", "## 06 LLM产品化,需要怎样的工具生态\n\n### Monica\n"),
      (d) => lineOf(d, TRANSCRIPT, "## 06") + 2,
      /this turn has no words/,
    );
  });

  it("a duplicate turn id", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("### Bill Xing\n", "### Monica {#c2-03a}\n\n一。\n\n### Monica {#c2-03a}\n\n二。\n\n### Bill Xing\n"),
      (d) => lineOf(d, TRANSCRIPT, "二。") - 2,
      /turn id 'c2-03a' is already used by the turn on line \d+/,
    );
  });

  it("an explicit turn id of another chapter", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("### Bill Xing\n", "### Monica {#c9-x}\n\n一。\n\n### Bill Xing\n"),
      (d) => lineOf(d, TRANSCRIPT, "{#c9-x}"),
      /turn id '\{#c9-x\}' must look like c2-03a/,
    );
  });

  it("raw HTML in a transcript", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("### Bill Xing\n\n", "### Bill Xing\n\n<script>alert(1)</script>\n\n"),
      (d) => lineOf(d, TRANSCRIPT, "<script>"),
      /raw HTML is not allowed/,
    );
  });

  it("a note marker without its note", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace(/\n\[\^c6-1\]: .*\n/, "\n"),
      (d) => lineOf(d, TRANSCRIPT, "OmniML[^c6-1]"),
      /note marker \[\^c6-1\] has no/,
    );
  });

  it("a quote that is not in its turn shows the nearest passage", () => {
    expectProblem(
      QUOTES,
      (t) => t.replace("我不觉得现在模型参数量到了上限", "我不认为现在模型参数量到了上限"),
      (d) => lineOf(d, QUOTES, "id: parameters-not-at-ceiling"),
      /quote 'parameters-not-at-ceiling' is not in turn c2-02\. Nearest passage: “我不觉得现在模型参数量到了上限,GPT-4有可能是一个万亿级的模型。”/,
    );
  });

  it("a quote of a turn that does not exist", () => {
    expectProblem(
      QUOTES,
      (t) => t.replace("turn: c2-02", "turn: c2-99"),
      (d) => lineOf(d, QUOTES, "id: parameters-not-at-ceiling"),
      /points to turn 'c2-99', which episode/,
    );
  });

  it("a tag with an unknown topic", () => {
    expectProblem(
      TAGS,
      (t) => t.replace("topics: [scaling]", "topics: [scalling]"),
      (d) => lineOf(d, TAGS, "turn: c2-01"),
      /unknown topic 'scalling'/,
    );
  });

  it("an empty file", () => {
    expectProblem(
      QUOTES,
      () => "",
      () => 1,
      /file is empty/,
    );
  });

  it("bytes that are not UTF-8 (GBK)", () => {
    const dir = copyContent();
    const gbk = Buffer.from([
      0x2d, 0x2d, 0x2d, 0x0a, 0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a,
    ]); // "name: 你好" in GBK
    writeFileSync(path.join(dir, "people/bill-xing.md"), gbk);
    const problems = problemsOf(dir);
    expect(problems).toEqual([{ file: "content/people/bill-xing.md", line: 2, message: expect.stringMatching(/not valid UTF-8 \(GBK/) }]);
  });

  it("an unknown file in an episode folder (a misspelt segment)", () => {
    const dir = copyContent();
    writeFileSync(path.join(dir, SEED_DIR, "qoutes.md"), "---\nquotes: []\n---\n");
    expect(problemsOf(dir)).toEqual([
      { file: `content/${SEED_DIR}/qoutes.md`, line: 1, message: expect.stringMatching(/unknown file in an episode folder/) },
    ]);
  });

  it("a javascript: URL where a web link is expected", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("  name: 展会信息港（转载）", "  name: 展会信息港（转载）\n  url: javascript:alert(1)"),
      (d) => lineOf(d, EPISODE, "url: javascript"),
      /'source\.url': must be an absolute http\(s\) URL/,
    );
  });

  it("a duplicate quote id", () => {
    expectProblem(
      QUOTES,
      (t) => t.replace("id: seventy-seven-words", "id: parameters-not-at-ceiling"),
      (d) => lineOf(d, QUOTES, "turn: c5-11") - 1,
      /quote id 'parameters-not-at-ceiling' is already used/,
    );
  });

  it("a quote of an editor's note", () => {
    expectProblem(
      QUOTES,
      (t) => t.replace("turn: c5-13", "turn: c5-05-note1"),
      (d) => lineOf(d, QUOTES, "id: multimodal-alignment-hardest"),
      /an editor's note: quotes are of speech/,
    );
  });

  it("an episode of a show that has no file", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("show: onboard", "show: offboard"),
      (d) => lineOf(d, EPISODE, "show: offboard"),
      /show 'offboard' has no file content\/shows\/offboard\.md/,
    );
  });

  it("a table of contents with the wrong number of chapters", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("  - 06 LLM产品化,需要怎样的工具生态\n", ""),
      (d) => lineOf(d, EPISODE, "contents:"),
      /contents lists 5 chapters but transcript\.md has 6/,
    );
  });

  it("a date that does not exist", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("publishedAt: 2023-12-08", "publishedAt: 2023-13-45"),
      (d) => lineOf(d, EPISODE, "publishedAt:"),
      /'publishedAt': must be a date written YYYY-MM-DD/,
    );
  });

  it("a number where text is expected", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace(/^title: .*$/m, "title: 42"),
      () => 2,
      /'title': .*expected string/i,
    );
  });

  it("a YAML key written twice", () => {
    expectProblem(
      EPISODE,
      (t) => t.replace("language: zh-CN", "language: zh-CN\nlanguage: en"),
      (d) => lineOf(d, EPISODE, "language: en"),
      /not valid YAML: .*[Mm]ap keys must be unique/,
    );
  });

  it("front matter that is never closed", () => {
    expectProblem(
      `people/monica.md`,
      (t) => t.replace(/\n---\n/, "\n"),
      () => 1,
      /missing front matter/,
    );
  });

  it("a '####' heading in a transcript", () => {
    expectProblem(
      TRANSCRIPT,
      (t) => t.replace("### Bill Xing\n\n", "### Bill Xing\n\n#### 小标题\n\n"),
      (d) => lineOf(d, TRANSCRIPT, "#### 小标题"),
      /'####' headings are not part of the format/,
    );
  });

  it("a tag for a turn that does not exist", () => {
    expectProblem(
      TAGS,
      (t) => t.replace("turn: c2-01", "turn: c2-99"),
      (d) => lineOf(d, TAGS, "turn: c2-99"),
      /tag for turn 'c2-99': no such turn/,
    );
  });

  it("a question correction on an editor's note", () => {
    expectProblem(
      `${SEED_DIR}/questions.md`,
      (t) => t.replace("turn: c6-14", "turn: c6-05-note1"),
      (d) => lineOf(d, `${SEED_DIR}/questions.md`, "turn: c6-05-note1"),
      /an editor's note never asks/,
    );
  });

  it("an episode folder whose name is not a slug", () => {
    const dir = copyContent();
    cpSync(path.join(dir, SEED_DIR), path.join(dir, "episodes/Bad_Folder"), { recursive: true });
    expect(problemsOf(dir)).toEqual([
      {
        file: "content/episodes/Bad_Folder",
        line: 1,
        message: expect.stringMatching(/episode folder name 'Bad_Folder' is not a valid slug/),
      },
    ]);
  });

  it("a person file whose name is not an id", () => {
    const dir = copyContent();
    writeFileSync(path.join(dir, "people/Jane Doe.md"), "---\nname: Jane\n---\n");
    expect(problemsOf(dir)).toEqual([
      { file: "content/people/Jane Doe.md", line: 1, message: expect.stringMatching(/file name 'Jane Doe' is not a valid id/) },
    ]);
  });

  it("an episode folder without a transcript", () => {
    const dir = copyContent();
    rmSync(path.join(dir, TRANSCRIPT));
    expect(problemsOf(dir)).toEqual([
      { file: `content/${TRANSCRIPT}`, line: 1, message: expect.stringMatching(/missing: every episode folder needs a transcript\.md/) },
    ]);
  });

  it("binary garbage", () => {
    const dir = copyContent();
    writeFileSync(path.join(dir, "people/garbage.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0xff, 0x00]));
    expect(problemsOf(dir)[0]).toMatchObject({
      file: "content/people/garbage.md",
      message: expect.stringMatching(/not valid UTF-8|NUL bytes/),
    });
  });

  it("a 50 MB file", () => {
    const dir = copyContent();
    writeFileSync(path.join(dir, TRANSCRIPT), "## 01 大\n\n### Monica\n\n" + "很长的文字。".repeat(3_000_000));
    expect(problemsOf(dir)).toEqual([
      { file: `content/${TRANSCRIPT}`, line: 1, message: expect.stringMatching(/file is \d+\.\d MB; content files may be at most 5 MB/) },
    ]);
  });

  it("reports every problem at once, not only the first", () => {
    const dir = copyContent();
    editFile(dir, TRANSCRIPT, (t) => t.replace("### Bill Xing", "### Bill Gates").replace("## 04 ", "## 05 "));
    editFile(dir, TAGS, (t) => t.replace("topics: [scaling]", "topics: [scalling]"));
    expect(problemsOf(dir)).toHaveLength(3);
  });

  it("accepts a UTF-8 byte order mark and CRLF line endings, with the same result", () => {
    const dir = copyContent();
    editFile(dir, TRANSCRIPT, (t) => "\uFEFF" + t.replace(/\n/g, "\r\n"));
    editFile(dir, EPISODE, (t) => "\uFEFF" + t.replace(/\n/g, "\r\n"));
    const plain = loadLibrary(copyContent()).episodes[0]!;
    const unusual = loadLibrary(dir).episodes[0]!;
    expect(unusual.chapters).toEqual(plain.chapters);
    expect(unusual.title).toBe(plain.title);
  });
});
