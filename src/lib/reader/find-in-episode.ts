// The reader's find box: every match of a query in an episode's turns, numbered in reading order.
// Pure. Matching is search's own (src/lib/search: folding, stems, variants), on each turn's text.
import { highlightRanges, type Range } from "../search/highlight";
import { parseQuery } from "../search/parse-query";

export interface FoundInEpisode {
  /** Matches in all turns. */
  total: number;
  /** Turn id -> its matches and the number of its first one (1-based, in reading order). */
  turns: Map<string, { ranges: Range[]; firstId: number }>;
}

export function findInTurns(turns: ReadonlyArray<{ turnId: string; text: string }>, q: string): FoundInEpisode {
  const query = parseQuery(q);
  const found: FoundInEpisode = { total: 0, turns: new Map() };
  if (!query.searchable) return found;
  for (const turn of turns) {
    const ranges = highlightRanges(turn.text, query);
    if (ranges.length === 0) continue;
    found.turns.set(turn.turnId, { ranges, firstId: found.total + 1 });
    found.total += ranges.length;
  }
  return found;
}
