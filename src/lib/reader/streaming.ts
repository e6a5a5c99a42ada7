// Long episodes on the reader (issue 12, part 4; docs/decisions.md, "Long episodes"): the page's
// first bytes carry the header, introduction, table of contents, filters and the first chapter;
// the other chapters stream after them in the same response (React Suspense), so that the first
// view's size and time do not depend on the episode's length and every turn is still in the
// document (anchors, find, filters, follow-along and print work as before).

/** Episodes with more turns than this stream their chapters after the first. */
export const STREAM_FROM_TURNS = 300;

/**
 * Whether the reader streams this episode's later chapters. PODCAST_KB_READER_RENDER=all-at-once
 * turns streaming off (bench:reader measures the page both ways in one run).
 */
export function streamsChapters(turnCount: number): boolean {
  if (process.env.PODCAST_KB_READER_RENDER === "all-at-once") return false;
  return turnCount > STREAM_FROM_TURNS;
}
