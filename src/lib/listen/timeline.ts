// Where a time falls among timed items (turns, cues, chapters) sorted by start. Pure; runs in the
// browser on every time update, so it is a binary search over an array of starts, not a scan.

/** The index of the last start at or before `time` (starts ascending), or -1 when `time` is before all. */
export function lastStartAtOrBefore(starts: ArrayLike<number>, time: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (starts[middle]! <= time) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export interface TimedSpan {
  start: number;
  /** Null when unknown: the span runs until the next one starts. */
  end: number | null;
}

/**
 * The span playing at `time`: the last one that started at or before it, unless it has ended
 * (a gap, such as silence between two cues, or the time after the last turn): then -1.
 */
export function spanAt(spans: ReadonlyArray<TimedSpan>, starts: ArrayLike<number>, time: number): number {
  const index = lastStartAtOrBefore(starts, time);
  if (index === -1) return -1;
  const end = spans[index]!.end;
  return end !== null && time >= end ? -1 : index;
}
