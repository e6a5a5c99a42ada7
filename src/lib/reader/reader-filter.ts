// The reader's filter: which speakers and topics a reader wants to see. Pure.
// URL form: ?speaker=yiwen-li&speaker=monica&topic=multimodal (a comma list works too).
// Within a dimension the values are alternatives (OR); speaker and topic combine with AND.
import { z } from "zod";
import { Slug } from "../content/schemas";
import { defineQuery, list, one, text, type QueryInput } from "../query-params";

export interface ReaderFilter {
  speakers: string[];
  topics: string[];
}

export interface FilterableTurn {
  turnId: string;
  kind: "speech" | "note";
  speakerId: string | null;
  topics: string[];
}

const MAX_VALUES = 20;
/** ?speaker=a&speaker=b, or ?speaker=a,b: a list parameter (src/lib/query-params.ts). */
const ListParam = list(
  z
    .array(z.string())
    .transform((values) => [
      ...new Set(
        values
          .flatMap((v) => v.split(","))
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(Slug).max(MAX_VALUES, `takes at most ${MAX_VALUES} values`)),
);

export const ReaderQuery = defineQuery({ speaker: ListParam, topic: ListParam });
/** The whole reader's query: the filter, and `q` for its find box (any text; longer input is cut). */
export const ReaderFindQuery = defineQuery({
  ...ReaderQuery.fields,
  q: one(
    text(500)
      .optional()
      .transform((q) => q ?? ""),
  ),
});

export type ParsedFilter = { ok: true; filter: ReaderFilter } | { ok: false; message: string };

export function parseReaderFilter(searchParams: QueryInput): ParsedFilter {
  const result = ReaderQuery.parse(searchParams);
  if (!result.ok) return result;
  return { ok: true, filter: { speakers: result.data.speaker, topics: result.data.topic } };
}

export const isFilterActive = (filter: ReaderFilter) => filter.speakers.length > 0 || filter.topics.length > 0;

/** A note belongs to the speech turn it follows (c5-05-note1 -> c5-05). */
export function noteParentId(turnId: string): string | null {
  const match = /^(.*)-note\d+$/.exec(turnId);
  return match ? match[1]! : null;
}

/**
 * Which turns a filter shows. A note is nobody's words and belongs to the speech turn it annotates
 * (c5-05-note1 -> c5-05): it is shown exactly when that turn is, for speakers and topics alike.
 */
export function createTurnMatcher<T extends FilterableTurn>(turns: T[], filter: ReaderFilter): (turn: T) => boolean {
  const byId = new Map(turns.map((t) => [t.turnId, t]));
  const own = (turn: T) => {
    const speakerOk = filter.speakers.length === 0 || filter.speakers.includes(turn.speakerId ?? "");
    const topicOk = filter.topics.length === 0 || turn.topics.some((t) => filter.topics.includes(t));
    return speakerOk && topicOk;
  };
  return (turn) => {
    if (turn.kind !== "note") return own(turn);
    const parent = byId.get(noteParentId(turn.turnId) ?? "");
    // A note with no speech turn before it (c3-00-note1) is shown only while nothing is filtered.
    return parent ? own(parent) : !isFilterActive(filter);
  };
}

/** The turns that count: a speaker's or topic's "turns" are speech turns, everywhere (notes count toward no one). */
export const countsAsTurn = (turn: { kind: "speech" | "note" }) => turn.kind === "speech";

export type Segment<T> = { kind: "turn"; turn: T } | { kind: "hidden"; turns: T[] };

/** Shown turns in order, with each run of filtered-out turns folded into one "hidden" segment. */
export function segmentTurns<T extends FilterableTurn>(turns: T[], matches: (turn: T) => boolean): Segment<T>[] {
  const segments: Segment<T>[] = [];
  for (const turn of turns) {
    if (matches(turn)) {
      segments.push({ kind: "turn", turn });
      continue;
    }
    const last = segments.at(-1);
    if (last?.kind === "hidden") last.turns.push(turn);
    else segments.push({ kind: "hidden", turns: [turn] });
  }
  return segments;
}

export interface FilterChip {
  id: string;
  label: string;
  count: number;
  selected: boolean;
}

/**
 * Chips for each dimension. A chip's count is how many speech turns it would show together with
 * the other dimension's current selection (the notes that come along are not counted, so a
 * speaker's chip says the same number as their profile, the home page and /api/speakers).
 */
export function filterChips<T extends FilterableTurn>(
  turns: T[],
  filter: ReaderFilter,
  speakers: Array<{ id: string; name: string }>,
  topics: Array<{ id: string; name: string }>,
): { speakers: FilterChip[]; topics: FilterChip[] } {
  const countWith = (f: ReaderFilter) => {
    const matches = createTurnMatcher(turns, f);
    return turns.filter((t) => countsAsTurn(t) && matches(t)).length;
  };
  return {
    speakers: speakers.map((s) => ({
      id: s.id,
      label: s.name,
      count: countWith({ speakers: [s.id], topics: filter.topics }),
      selected: filter.speakers.includes(s.id),
    })),
    topics: topics.map((t) => ({
      id: t.id,
      label: t.name,
      count: countWith({ speakers: filter.speakers, topics: [t.id] }),
      selected: filter.topics.includes(t.id),
    })),
  };
}

/** The query string for a filter ('' when empty), in a stable order so equal views share a URL. */
export function filterQuery(filter: ReaderFilter): string {
  const params = new URLSearchParams();
  for (const s of [...filter.speakers].sort()) params.append("speaker", s);
  for (const t of [...filter.topics].sort()) params.append("topic", t);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function toggle(filter: ReaderFilter, dimension: keyof ReaderFilter, id: string): ReaderFilter {
  const values = filter[dimension];
  return { ...filter, [dimension]: values.includes(id) ? values.filter((v) => v !== id) : [...values, id] };
}
