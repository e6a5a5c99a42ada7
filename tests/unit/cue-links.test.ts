// Cue times as links before each cue's words, on HTML the ingest rendered (a real timed turn).
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { parseTranscript } from "../../src/lib/content/parse-transcript.ts";
import { withCueTimeLinks } from "../../src/lib/listen/cue-links.ts";
import { momentUrl } from "../../src/lib/urls.ts";

const speakers = { resolve: (name: string) => (name.toLowerCase() === "alice" ? "alice" : undefined), known: () => ["Alice"] };
const problems = new ProblemList();
const [chapter] = parseTranscript(
  "t.md",
  [
    "### Alice · 0:12:04.500–1:10:00.000",
    "",
    "[0:12:04.500] So the first thing to know is",
    "[0:12:07.250] that channels today use a *2-of-2* multisig & more <b>.",
    "",
    "A paragraph without a marker continues the cue above.",
    "",
    "[1:02:03] An hour later.",
  ].join("\n"),
  speakers,
  problems,
);
const turn = chapter!.turns[0]!;

describe("withCueTimeLinks", () => {
  it("puts one link before each cue, to the page at that moment, with the turn in view", () => {
    expect(problems.problems).toEqual([]);
    const html = withCueTimeLinks(turn.html, (start) => momentUrl("/episodes/e", { start, end: null }, turn.turnId, [["speaker", "a b"]]));
    const links = [...html.matchAll(/<a class="cue-time" href="([^"]*)" data-seek="([^"]*)">([^<]*)<\/a><span data-cue-start="([^"]*)"/g)];
    expect(links.map((m) => [m[1], m[2], m[3], m[4]])).toEqual([
      ["/episodes/e?speaker=a+b&#38;t=12:04.5#c1-01", "724.5", "12:04", "724.5"],
      ["/episodes/e?speaker=a+b&#38;t=12:07.25#c1-01", "727.25", "12:07", "727.25"],
      ["/episodes/e?speaker=a+b&#38;t=1:02:03#c1-01", "3723", "1:02:03", "3723"],
    ]);
    expect(html.match(/class="cue-time"/g)).toHaveLength(3);
    // Everything else is untouched.
    expect(html.replace(/<a class="cue-time"[^>]*>[^<]*<\/a>/g, "")).toBe(turn.html);
  });

  it("escapes what it writes into the href, and leaves HTML without cues alone", () => {
    const html = withCueTimeLinks('<p><span data-cue-start="5">x</span></p>', () => `/a?b="c"&d=<e>`);
    expect(html).toBe(
      '<p><a class="cue-time" href="/a?b=&#34;c&#34;&#38;d=&#60;e&#62;" data-seek="5">0:05</a><span data-cue-start="5">x</span></p>',
    );
    expect(withCueTimeLinks("<p>[0:12] plain</p>", () => "x")).toBe("<p>[0:12] plain</p>");
    // One cue's words in two spans (split by formatting): one link, before the first.
    expect(withCueTimeLinks('<p><span data-cue-start="5">a</span><em><span data-cue-start="5">b</span></em></p>', () => "/x")).toBe(
      '<p><a class="cue-time" href="/x" data-seek="5">0:05</a><span data-cue-start="5">a</span><em><span data-cue-start="5">b</span></em></p>',
    );
  });

  it("momentUrl writes moments and clips readably", () => {
    expect(momentUrl("/episodes/e", { start: 79, end: null })).toBe("/episodes/e?t=1:19");
    expect(momentUrl("/episodes/e", { start: 79.5, end: 84.5 }, "c2-02")).toBe("/episodes/e?t=1:19.5,1:24.5#c2-02");
  });
});
