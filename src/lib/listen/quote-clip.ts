// The part of the recording a curated quote covers. Pure.
//
// A quote is a passage of one turn's text (checked at ingest). When the turn keeps its cues, the
// clip runs from the start of the first cue the passage touches to the end of the last one; a
// turn without cues gives its own start and end; a turn with a start only gives a moment.
import type { Moment } from "./moment";

export interface ClipCue {
  startMs: number;
  endMs: number | null;
  text: string;
}

export interface ClipTurn {
  startMs: number | null;
  endMs: number | null;
  cues: ClipCue[];
}

/** Letters only: cue texts are joined with a space, or nothing between CJK characters. */
const compact = (text: string) => text.replace(/\s+/gu, "");

export function quoteClip(quoteText: string, turn: ClipTurn): Moment | null {
  const fromCues = clipFromCues(compact(quoteText), turn);
  if (fromCues) return fromCues;
  if (turn.startMs === null) return null;
  const end = turn.endMs !== null && turn.endMs > turn.startMs ? turn.endMs / 1000 : null;
  return { start: turn.startMs / 1000, end };
}

function clipFromCues(needle: string, turn: ClipTurn): Moment | null {
  if (needle === "" || turn.cues.length === 0) return null;
  // Where each cue's letters begin in the turn's letters.
  const offsets: number[] = [];
  let haystack = "";
  for (const cue of turn.cues) {
    offsets.push(haystack.length);
    haystack += compact(cue.text);
  }
  const at = haystack.indexOf(needle);
  if (at === -1) return null;
  const last = at + needle.length - 1;
  let first = 0;
  let final = 0;
  offsets.forEach((offset, index) => {
    if (offset <= at) first = index;
    if (offset <= last) final = index;
  });
  const start = turn.cues[first]!.startMs;
  const endMs = turn.cues[final]!.endMs ?? turn.endMs;
  return { start: start / 1000, end: endMs !== null && endMs > start ? endMs / 1000 : null };
}
