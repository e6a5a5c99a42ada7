// Finding what plays at a time: the turn, cue or chapter that started last, by binary search,
// over the cues of a real 10,000-cue transcript (written here and read by the transcript parser).
import { describe, expect, it } from "vitest";
import { ProblemList } from "../../src/lib/content/content-error.ts";
import { parseTranscript } from "../../src/lib/content/parse-transcript.ts";
import { formatTime } from "../../src/lib/content/times.ts";
import { lastStartAtOrBefore, spanAt, type TimedSpan } from "../../src/lib/listen/timeline.ts";

/** A transcript of `turns` turns of `cuesPerTurn` cues, some cues with a silence after them. */
function longTranscript(turns: number, cuesPerTurn: number): string {
  const lines: string[] = [];
  let ms = 0;
  for (let t = 0; t < turns; t++) {
    lines.push(`### ${t % 2 ? "Bob" : "Alice Smith"}`, "");
    for (let c = 0; c < cuesPerTurn; c++) {
      const start = ms;
      ms += 1000 + ((t * 7 + c * 13) % 9) * 250;
      // Every fifth cue ends before the next starts: a gap in which no cue plays.
      const end = c % 5 === 4 ? `–${formatTime(ms)}` : "";
      if (c % 5 === 4) ms += 700;
      lines.push(`[${formatTime(start)}${end}] Words of cue ${c} in turn ${t}.`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

const speakers = {
  resolve: (name: string) => ({ "alice smith": "alice", bob: "bob" })[name.toLowerCase()],
  known: () => ["Alice Smith", "Bob"],
};
const problems = new ProblemList();
const chapters = parseTranscript("long.md", longTranscript(400, 25), speakers, problems);
const cues: TimedSpan[] = chapters
  .flatMap((c) => c.turns)
  .flatMap((t) => t.cues)
  .map((c) => ({ start: c.startMs / 1000, end: c.endMs === null ? null : c.endMs / 1000 }));
const starts = Float64Array.from(cues, (c) => c.start);

/** The answer by walking every cue: what the binary search must agree with. */
function linear(time: number): number {
  let found = -1;
  for (let i = 0; i < cues.length && cues[i]!.start <= time; i++) found = i;
  if (found === -1) return -1;
  const end = cues[found]!.end;
  return end !== null && time >= end ? -1 : found;
}

describe("the cue at a time, over 10,000 cues", () => {
  it("parses to 10,000 cues in time order", () => {
    expect(problems.problems).toEqual([]);
    expect(cues).toHaveLength(10_000);
    expect(cues.every((c, i) => i === 0 || c.start >= cues[i - 1]!.start)).toBe(true);
  });

  it("agrees with a linear scan at every cue's start, end, just before each, in gaps, before the first and after the last", () => {
    const times = [-1, 0, cues.at(-1)!.start + 1e6];
    // Every cue's end (the gaps), and every 7th cue's start and neighbours (a linear scan per time is slow).
    for (const [i, cue] of cues.entries()) {
      if (i % 7 === 0) times.push(cue.start, cue.start - 0.001, cue.start + 0.001);
      if (cue.end !== null && cues[i + 1]?.start !== cue.end) times.push(cue.end, cue.end - 0.001, cue.end + 0.001);
    }
    let gaps = 0;
    for (const time of times) {
      const expected = linear(time);
      if (expected === -1 && time > 0 && time < cues.at(-1)!.start) gaps++;
      expect(spanAt(cues, starts, time), `at ${time}`).toBe(expected);
    }
    expect(gaps).toBeGreaterThan(1500); // the silences between cues were exercised
  });

  it("reads at most ⌈log2(n)⌉ + 1 starts per lookup", () => {
    let reads = 0;
    const counting = new Proxy(starts, {
      get(target, key) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key) as unknown;
      },
    }) as unknown as ArrayLike<number>;
    for (const time of [0, 1234.5, cues[5000]!.start, cues.at(-1)!.start + 5]) {
      reads = 0;
      lastStartAtOrBefore(counting, time);
      expect(reads).toBeLessThanOrEqual(Math.ceil(Math.log2(cues.length)) + 1);
    }
  });

  it("finds the last of equal starts, and nothing in an empty list", () => {
    expect(lastStartAtOrBefore([0, 5, 5, 5, 9], 5)).toBe(3);
    expect(lastStartAtOrBefore([0, 5, 5, 5, 9], 4.999)).toBe(0);
    expect(lastStartAtOrBefore([], 5)).toBe(-1);
  });
});
