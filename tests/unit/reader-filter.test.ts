import { describe, expect, it } from "vitest";
import {
  createTurnMatcher,
  filterChips,
  filterQuery,
  parseReaderFilter,
  segmentTurns,
  type FilterableTurn,
} from "../../src/lib/reader/reader-filter.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { compileTopicMatcher } from "../../src/lib/content/topic-tagging.ts";
import { CONTENT_DIR } from "../support/seed.ts";

/** The seed's turns with the topics the ingest would give them. */
function seedTurns(): FilterableTurn[] {
  const library = loadLibrary(CONTENT_DIR);
  const tag = compileTopicMatcher(library.topics);
  const episode = library.episodes[0]!;
  const manual = new Map(episode.manualTags.map((t) => [t.turnId, t.topics]));
  return episode.chapters.flatMap((c) =>
    c.turns.map((t) => ({
      turnId: t.turnId,
      kind: t.kind,
      speakerId: t.speakerId,
      topics: [...new Set([...(t.kind === "speech" ? tag(t.text) : []), ...(manual.get(t.turnId) ?? [])])],
    })),
  );
}

describe("reader filter", () => {
  it("parses repeated and comma-separated values, and rejects malformed ones", () => {
    expect(parseReaderFilter({ speaker: ["yiwen-li", "monica,yiwen-li"], topic: "multimodal" })).toEqual({
      ok: true,
      filter: { speakers: ["yiwen-li", "monica"], topics: ["multimodal"] },
    });
    expect(parseReaderFilter({})).toEqual({ ok: true, filter: { speakers: [], topics: [] } });
    const bad = parseReaderFilter({ speaker: "<script>" });
    expect(bad.ok).toBe(false);
  });

  it("shows a speaker's turns and the notes on them, and folds the rest into hidden runs", () => {
    const turns = seedTurns();
    const matches = createTurnMatcher(turns, { speakers: ["yiwen-li"], topics: [] });
    const segments = segmentTurns(turns, matches);
    const shown = segments.flatMap((s) => (s.kind === "turn" ? [s.turn] : []));
    expect(shown.filter((t) => t.kind === "speech")).toHaveLength(15);
    expect(shown.every((t) => t.speakerId === "yiwen-li" || t.turnId.startsWith("c5-05-note") || t.turnId.startsWith("c6-05-note"))).toBe(
      true,
    );
    // Nothing is lost: shown + hidden = every turn, in order.
    const order = segments.flatMap((s) => (s.kind === "turn" ? [s.turn.turnId] : s.turns.map((t) => t.turnId)));
    expect(order).toEqual(turns.map((t) => t.turnId));
    // Hidden runs are maximal: never two in a row.
    segments.forEach((s, i) => {
      if (s.kind === "hidden") expect(segments[i + 1]?.kind).not.toBe("hidden");
    });
  });

  it("combines speakers with OR, and speaker with topic with AND", () => {
    const turns = seedTurns();
    const both = turns.filter(createTurnMatcher(turns, { speakers: ["yiwen-li", "monica"], topics: [] }));
    const yiwen = turns.filter(createTurnMatcher(turns, { speakers: ["yiwen-li"], topics: [] }));
    const monica = turns.filter(createTurnMatcher(turns, { speakers: ["monica"], topics: [] }));
    expect(both).toHaveLength(yiwen.length + monica.length);
    const yiwenMultimodal = turns.filter(createTurnMatcher(turns, { speakers: ["yiwen-li"], topics: ["multimodal"] }));
    expect(yiwenMultimodal.length).toBeGreaterThan(0);
    const speech = yiwenMultimodal.filter((t) => t.kind === "speech");
    expect(speech.every((t) => t.topics.includes("multimodal") && t.speakerId === "yiwen-li")).toBe(true);
    expect(yiwenMultimodal.every((t) => yiwen.includes(t))).toBe(true);
  });

  it("shows a note exactly when the turn it annotates is shown, whatever the note's own topics", () => {
    const turns = seedTurns();
    const notes = turns.filter((t) => t.kind === "note");
    expect(notes.map((n) => n.turnId)).toEqual(["c5-05-note1", "c6-05-note1"]);
    for (const filter of [
      { speakers: ["yiwen-li"], topics: [] },
      { speakers: [], topics: ["multimodal"] },
      { speakers: [], topics: ["factuality"] },
      { speakers: ["monica"], topics: ["business"] },
    ]) {
      const matches = createTurnMatcher(turns, filter);
      for (const note of notes) {
        const parent = turns.find((t) => t.turnId === note.turnId.replace(/-note\d+$/, ""))!;
        expect(matches(note), `${note.turnId} with ${JSON.stringify(filter)}`).toBe(matches(parent));
      }
    }
  });

  it("gives each chip the count of speech turns that clicking it would show (notes count toward no one)", () => {
    const turns = seedTurns();
    const filter = { speakers: [], topics: ["multimodal"] };
    const chips = filterChips(
      turns,
      filter,
      [
        { id: "yiwen-li", name: "Yiwen Li" },
        { id: "bill-xing", name: "Bill Xing" },
      ],
      [{ id: "scaling", name: "规模" }],
    );
    for (const chip of chips.speakers) {
      const shown = turns.filter(createTurnMatcher(turns, { speakers: [chip.id], topics: ["multimodal"] }));
      expect(chip.count).toBe(shown.filter((t) => t.kind === "speech").length);
    }
    expect(chips.topics[0]!.count).toBe(turns.filter((t) => t.kind === "speech" && t.topics.includes("scaling")).length);
    // Yiwen Li's chip says 15, as her profile and /api/speakers do, though two notes come with her turns.
    const yiwen = filterChips(turns, { speakers: [], topics: [] }, [{ id: "yiwen-li", name: "Yiwen Li" }], []).speakers[0]!;
    expect(yiwen.count).toBe(15);
    expect(turns.filter(createTurnMatcher(turns, { speakers: ["yiwen-li"], topics: [] }))).toHaveLength(17);
  });

  it("writes filters into a stable URL", () => {
    expect(filterQuery({ speakers: ["yiwen-li", "monica"], topics: ["multimodal"] })).toBe(
      "?speaker=monica&speaker=yiwen-li&topic=multimodal",
    );
    expect(filterQuery({ speakers: [], topics: [] })).toBe("");
  });
});
