// A moment or a clip of an episode's audio, as the reader's `?t=` writes it. Pure.
//
//   ?t=1:23:45   ?t=12:04   ?t=5025   ?t=5025.5   ?t=1:04.620      a moment (start here)
//   ?t=696,886   ?t=11:36,14:46                                      a clip (start, stop at the end)
//
// Clock forms are the content format's times (src/lib/content/times.ts: H:MM:SS, MM:SS, M:SS with
// an optional fraction of up to three digits); plain seconds are decimal digits with an optional
// fraction of up to three digits. A clip's end must come after its start.
import { formatClock, parseTime } from "../content/times";

export interface Moment {
  /** Seconds from the start of the recording. */
  start: number;
  /** Where a clip stops (seconds), or null for a moment. */
  end: number | null;
}

export type MomentResult = { ok: true; moment: Moment } | { ok: false; message: string };

const SECONDS = /^(\d{1,7})(?:\.(\d{1,3}))?$/;
/** 999:59:59.999, the longest time the content format can write. */
export const MAX_SECONDS = 999 * 3600 + 59 * 60 + 59.999;
const EXAMPLES = "1:23:45, 12:04 or 5025 (seconds), or a clip start,end such as 696,886";

/** One time: seconds (`5025`, `5025.5`) or a clock time (`1:23:45`, `1:04.620`), as seconds. */
export function parseMomentTime(text: string): { ok: true; seconds: number } | { ok: false; message: string } {
  const value = text.trim();
  const seconds = SECONDS.exec(value);
  if (seconds) {
    const total = Number(seconds[1]) + Number((seconds[2] ?? "").padEnd(3, "0")) / 1000;
    if (total > MAX_SECONDS)
      return { ok: false, message: `'${value}' is longer than any recording (at most ${Math.floor(MAX_SECONDS)} seconds)` };
    return { ok: true, seconds: total };
  }
  if (value.includes(":")) {
    const clock = parseTime(value);
    if (clock.ok) return { ok: true, seconds: clock.ms / 1000 };
    return { ok: false, message: clock.message };
  }
  return { ok: false, message: `'${value.slice(0, 40)}' is not a time: write ${EXAMPLES}` };
}

/** `?t=` as a moment or a clip. */
export function parseMoment(text: string): MomentResult {
  const parts = text.split(",");
  if (parts.length > 2) return { ok: false, message: `'${text.slice(0, 40)}' has more than two times: write ${EXAMPLES}` };
  const start = parseMomentTime(parts[0]!);
  if (!start.ok) return start;
  if (parts.length === 1) return { ok: true, moment: { start: start.seconds, end: null } };
  const end = parseMomentTime(parts[1]!);
  if (!end.ok) return end;
  if (end.seconds <= start.seconds)
    return { ok: false, message: `the clip '${text.slice(0, 40)}' ends before it starts: write start,end with the end later` };
  return { ok: true, moment: { start: start.seconds, end: end.seconds } };
}

/**
 * A time as `?t=` writes it: the reader's clock (`12:04`, `1:02:03`, times.ts's formatClock), with
 * the fraction when there is one (`12:04.5`), so that it reads back to the same millisecond.
 */
export function formatMomentTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const fraction = ms % 1000;
  const clock = formatClock(ms - fraction);
  return fraction === 0 ? clock : `${clock}.${String(fraction).padStart(3, "0").replace(/0+$/, "")}`;
}

/** The `t` value of a moment or a clip. */
export function formatMoment(moment: Moment): string {
  return moment.end === null ? formatMomentTime(moment.start) : `${formatMomentTime(moment.start)},${formatMomentTime(moment.end)}`;
}

/** Seconds as the reader's clock (`12:04`, `1:02:03`; whole seconds, floored). */
export const clockOf = (seconds: number) => formatClock(Math.max(0, Math.floor(seconds)) * 1000);
