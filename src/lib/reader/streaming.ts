// Long episodes on the reader (issue 12, part 4; docs/decisions.md, "Long episodes"): the page's
// first bytes carry the header, introduction, table of contents, filters and the first chapter;
// the other chapters stream after them in the same response (React Suspense), so that the first
// view's size and time do not depend on the episode's length and every turn is still in the
// document (anchors, find, filters, follow-along and print work as before). A long chapter streams
// in parts (STREAM_PART_TURNS), and the streamed pieces start rendering once the first view is
// rendered (turn-html-channel.ts: FirstViewMark).

/** Episodes with more turns than this stream their chapters after the first. */
export const STREAM_FROM_TURNS = 300;

/**
 * A streamed episode's chapters are sent in parts of this many turns: the first part with the
 * chapter, each later part as its own streamed piece, so that a transcript without chapter headings
 * (one chapter of 2,000 turns) still has a small first view.
 */
export const STREAM_PART_TURNS = 100;

/** A chapter's turns in the parts it streams in (one part when it is short or not streamed). */
export function streamedParts<T>(turns: T[], streamed: boolean): T[][] {
  if (!streamed || turns.length <= STREAM_PART_TURNS) return [turns];
  const parts: T[][] = [];
  for (let at = 0; at < turns.length; at += STREAM_PART_TURNS) parts.push(turns.slice(at, at + STREAM_PART_TURNS));
  return parts;
}

/**
 * Whether the reader streams this episode's later chapters. PODCAST_KB_READER_RENDER=all-at-once
 * turns streaming off (bench:reader measures the page both ways in one run).
 */
export function streamsChapters(turnCount: number): boolean {
  if (process.env.PODCAST_KB_READER_RENDER === "all-at-once") return false;
  return turnCount > STREAM_FROM_TURNS;
}
