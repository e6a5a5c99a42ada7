// Times, cues and chapterless transcripts (content/README.md, "Times, audio and where an episode
// came from"): what the parser reads, and every mistake named at its line.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { parseTranscript } from "../../src/lib/content/parse-transcript.ts";
import { formatClock, formatTime, parseTime } from "../../src/lib/content/times.ts";

const speakers = {
  resolve: (name: string) =>
    ({ alice: "alice", "alice smith": "alice", bob: "bob", "speaker 1": "speaker-1", 张三: "zhang-san" })[name.toLowerCase()],
  known: () => ["Alice Smith", "Bob", "Speaker 1", "张三"],
};

function parse(markdown: string) {
  const problems = new ProblemList();
  const chapters = parseTranscript("t.md", markdown, speakers, problems);
  return { chapters, problems: problems.problems.map((p) => `${p.line}: ${p.message}`) };
}

/** Exactly one problem, on `line`, matching `message`. */
function expectProblem(markdown: string, line: number, message: RegExp) {
  const { problems } = parse(markdown);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^${line}: ${message.source}`));
}

const README_EXAMPLE = `## 02 Why channels need Taproot · 12:04

### Alice Smith · 0:12:04.500–0:13:10.000

[0:12:04.500] So the first thing to know is
[0:12:07.250] that channels today use a *2-of-2* multisig.

[0:12:31.000] A blank line starts a new paragraph; its first line starts a new cue.
[0:12:40.100–0:12:44.000] A cue that ends before the next one starts writes its end.

### Speaker 1 · 13:10

\\[0:13:10\\] The escaped form reads the same.
`.replace("## 02", "## 01");

describe("times", () => {
  it("reads every written form into milliseconds", () => {
    expect(
      ["0:12:04.500", "00:12:04.5", "12:04.5", "1:04.620", "01:04:02.14", "13:10", "7:05", "100:00:00"].map((t) => parseTime(t)),
    ).toEqual([724500, 724500, 724500, 64620, 3842140, 790000, 425000, 360000000].map((ms) => ({ ok: true, ms })));
  });

  it("explains what is wrong with a time", () => {
    const message = (t: string) => (parseTime(t) as { message: string }).message;
    expect(message("0:61:00")).toMatch(/minutes and seconds go up to 59/);
    expect(message("1:04.6201")).toMatch(/at most three digits/);
    expect(message("1:04,620")).toMatch(/with a dot/);
    expect(message("1:2:3")).toMatch(/write H:MM:SS/);
  });

  it("writes times that read back to the same millisecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 * 3600 * 1000 }), (ms) => {
        expect(parseTime(formatTime(ms))).toEqual({ ok: true, ms });
      }),
    );
    expect(formatTime(724500)).toBe("0:12:04.500");
    expect(formatTime(790000)).toBe("0:13:10");
    expect([formatClock(790000), formatClock(3_725_400)]).toEqual(["13:10", "1:02:05"]);
  });
});

describe("timed transcripts", () => {
  it("reads the README's example: chapter and turn times, cues, their ends, text and HTML", () => {
    const { chapters, problems } = parse(README_EXAMPLE);
    expect(problems).toEqual([]);
    expect(chapters.map((c) => [c.number, c.title, c.startMs])).toEqual([[1, "Why channels need Taproot", 724000]]);
    const [alice, speaker] = chapters[0]!.turns;
    expect([alice!.turnId, alice!.startMs, alice!.endMs, alice!.startSeconds]).toEqual(["c1-01", 724500, 790000, 724]);
    expect(alice!.cues.map((c) => [c.startMs, c.endMs, c.text, c.line])).toEqual([
      [724500, 727250, "So the first thing to know is", 5],
      [727250, 751000, "that channels today use a 2-of-2 multisig.", 6],
      [751000, 760100, "A blank line starts a new paragraph; its first line starts a new cue.", 8],
      [760100, 764000, "A cue that ends before the next one starts writes its end.", 9],
    ]);
    // Markers stay out of the words; lines of one paragraph join with a space.
    expect(alice!.text).toBe(
      "So the first thing to know is that channels today use a 2-of-2 multisig.\n\n" +
        "A blank line starts a new paragraph; its first line starts a new cue. A cue that ends before the next one starts writes its end.",
    );
    expect(alice!.html).toBe(
      '<p><span data-cue-start="724.5" data-cue-end="727.25">So the first thing to know is</span> ' +
        '<span data-cue-start="727.25" data-cue-end="751">that channels today use a <em>2-of-2</em> multisig.</span></p>\n' +
        '<p><span data-cue-start="751" data-cue-end="760.1">A blank line starts a new paragraph; its first line starts a new cue.</span> ' +
        '<span data-cue-start="760.1" data-cue-end="764">A cue that ends before the next one starts writes its end.</span></p>',
    );
    // The escaped form; a last cue of a turn without an end has none.
    expect([speaker!.startMs, speaker!.endMs, speaker!.text]).toEqual([790000, null, "The escaped form reads the same."]);
    expect(speaker!.cues).toEqual([{ startMs: 790000, endMs: null, text: "The escaped form reads the same.", line: 13 }]);
    expect(speaker!.html).toBe('<p><span data-cue-start="790">The escaped form reads the same.</span></p>');
  });

  it("takes a turn's start and end from its cues when the heading has none", () => {
    const { chapters, problems } = parse("### Bob\n\n[1:00] One.\n[1:02–1:05.5] Two.\n");
    expect(problems).toEqual([]);
    const bob = chapters[0]!.turns[0]!;
    expect([bob.startMs, bob.endMs]).toEqual([60000, 65500]);
    expect(bob.cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [60000, 62000],
      [62000, 65500],
    ]);
  });

  it("joins CJK cue lines with nothing between them", () => {
    const { chapters } = parse("### 张三\n\n[0:01] 你好，\n[0:02] 世界。\n[0:03] OK then\n[0:04] 再见\n");
    expect(chapters[0]!.turns[0]!.text).toBe("你好，世界。 OK then 再见");
  });

  it("keeps a later paragraph without a marker in the cue above it", () => {
    const { chapters, problems } = parse("### Bob\n\n[0:01] One\n\nstill one.\n\n[0:05] Two.\n");
    expect(problems).toEqual([]);
    expect(chapters[0]!.turns[0]!.cues.map((c) => c.text)).toEqual(["One still one.", "Two."]);
  });

  it("leaves bracketed words that are not times alone", () => {
    const { chapters, problems } = parse("### Bob\n\n[laughs] Right.\n[2019] was a year.\n");
    expect(problems).toEqual([]);
    expect(chapters[0]!.turns[0]!.text).toBe("[laughs] Right.\n[2019] was a year.");
    expect(chapters[0]!.turns[0]!.cues).toEqual([]);
  });

  it("keeps the seed's heading times: HH:MM:SS, whole seconds", () => {
    const { chapters } = parse("## 01 One\n\n### Bob · 01:46:42\n\nHi.\n");
    const turn = chapters[0]!.turns[0]!;
    expect([turn.startSeconds, turn.startMs, turn.endMs, turn.cues, turn.html]).toEqual([6402, 6402000, null, [], "<p>Hi.</p>"]);
  });
});

describe("a transcript without chapter headings", () => {
  it("is one chapter without a title, with c1- ids", () => {
    const { chapters, problems } = parse("### Alice\n\nHi.\n\n> a note\n\n### Bob\n\nHello.\n");
    expect(problems).toEqual([]);
    expect(chapters.map((c) => [c.number, c.title, c.startMs])).toEqual([[1, "", null]]);
    expect(chapters[0]!.turns.map((t) => t.turnId)).toEqual(["c1-01", "c1-01-note1", "c1-02"]);
  });

  it("may start with an editor's note", () => {
    const { chapters, problems } = parse("> Transcribed by a machine.\n\n### Alice\n\nHi.\n");
    expect(problems).toEqual([]);
    expect(chapters[0]!.turns.map((t) => t.turnId)).toEqual(["c1-00-note1", "c1-01"]);
  });

  it("takes a '# title' line", () => {
    expect(parse("# Episode 12\n\n### Alice\n\nHi.\n").problems).toEqual([]);
  });
});

describe("mistakes in times, each named at its line", () => {
  it("a cue time that is not a time", () => {
    expectProblem("### Bob\n\n[0:01] One.\n[0:75:00] Two.\n", 4, /cue time '0:75:00' is not a valid time: minutes and seconds go up to 59/);
  });

  it("a cue end that is not a time", () => {
    expectProblem("### Bob\n\n[0:01–0:02,5] One.\n", 3, /cue end time '0:02,5' is not a valid time: write the fraction with a dot/);
  });

  it("a turn heading time that is not a time", () => {
    expectProblem("## 01 One\n\n### Bob · 1:2:3\n\nHi.\n", 3, /start time '1:2:3' is not a valid time/);
  });

  it("a turn heading end that is not a time", () => {
    expectProblem("## 01 One\n\n### Bob · 1:00–1:99\n\nHi.\n", 3, /end time '1:99' is not a valid time/);
  });

  it("a chapter time that is not a time", () => {
    expectProblem(
      "## 01 One · 12:04.5555\n\n### Bob\n\nHi.\n",
      1,
      /chapter start time '12:04.5555' is not a valid time: a fraction has at most three digits/,
    );
  });

  it("a chapter heading with an end", () => {
    expectProblem("## 01 One · 1:00–2:00\n\n### Bob\n\nHi.\n", 1, /a chapter heading gives its start time only/);
  });

  it("a turn that ends before it starts", () => {
    expectProblem("### Bob · 2:00–1:00\n\nHi.\n", 1, /this turn ends \(0:01:00\) before it starts \(0:02:00\)/);
  });

  it("a cue that ends before it starts", () => {
    expectProblem("### Bob\n\n[0:05–0:04] One.\n", 3, /this cue ends \(0:00:04\) before it starts \(0:00:05\)/);
  });

  it("cues out of order", () => {
    expectProblem(
      "### Bob\n\n[0:05] One.\n[0:09] Two.\n\n[0:07] Three.\n",
      6,
      /cue at 0:00:07 starts before the cue above it \(0:00:09, line 4\): cues go in time order/,
    );
  });

  it("a cue before its turn's start", () => {
    expectProblem("### Bob · 1:00\n\n[0:59] One.\n", 3, /cue at 0:00:59 starts before its turn \(0:01:00, line 1\)/);
  });

  it("a cue past its turn's end", () => {
    expectProblem(
      "### Bob · 1:00–1:10\n\n[1:00] One.\n[1:05–1:11] Two.\n",
      4,
      /cue at 0:01:05 runs past the end of its turn \(0:01:10, line 1\)/,
    );
  });

  it("turns out of time order", () => {
    expectProblem(
      "### Bob · 1:00\n\nHi.\n\n### Alice\n\n[0:30] Back.\n",
      5,
      /this turn starts at 0:00:30, before the turn on line 1 \(0:01:00\): turns go in time order/,
    );
  });

  it("chapters out of time order", () => {
    expectProblem(
      "## 01 One · 10:00\n\n### Bob\n\nHi.\n\n## 02 Two · 5:00\n\n### Bob\n\nHi.\n",
      7,
      /chapter 2 starts at 0:05:00, before the chapter on line 1 \(0:10:00\): chapters go in time order/,
    );
  });

  it("a cue with no words", () => {
    expectProblem("### Bob\n\n[0:01] One.\n[0:02]\n[0:03] Three.\n", 4, /this cue has no words/);
  });

  it("words before the first cue of a timed turn", () => {
    expectProblem("### Bob\n\nPreamble.\n\n[0:01] One.\n", 3, /text before the first cue of a turn with cue times/);
  });

  it("a cue time inside formatting", () => {
    expectProblem("### Bob\n\n[0:01] *One\n[0:02] two*\n", 3, /a cue time inside formatting/);
  });

  it("turns before the first chapter heading, once there is one", () => {
    expectProblem("### Bob\n\nHi.\n\n## 01 One\n\n### Bob\n\nHi.\n", 1, /this turn comes before the first chapter heading \(line 5\)/);
  });

  it("text with no speaker at the top of a chapterless transcript", () => {
    expectProblem("Hello there.\n\n### Bob\n\nHi.\n", 1, /text with no speaker: start a turn with a '### <speaker>' heading/);
  });

  it("nothing at all", () => {
    expectProblem("# Just a title\n", 1, /the transcript has no chapters and no turns/);
  });
});
