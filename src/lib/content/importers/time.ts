// Times as transcripts write them, in milliseconds. One reader for every format, lenient the way
// real files need it: hours optional, one-digit minutes or hours (`1:04.620`), `,` or `.` before
// a fraction of one to three digits (`01:04:02.14` is 140 ms).

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/;

/** `H:MM:SS(.mmm)`, `MM:SS(.mmm)`, `M:SS`… → milliseconds; null when it is not a time. */
export function parseClock(label: string): number | null {
  const match = CLOCK.exec(label.trim());
  if (!match) return null;
  const [, h, m, s, fraction] = match;
  const minutes = Number(m);
  const seconds = Number(s);
  // With hours, minutes are 0-59; without, a long file may write 75:10 for an hour and a quarter.
  if (seconds > 59 || (h !== undefined && minutes > 59)) return null;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return ((Number(h ?? 0) * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

/** Seconds (a JSON number, possibly fractional) → whole milliseconds; null when not a finite number ≥ 0. */
export function secondsToMs(value: unknown): number | null {
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) value = Number(value);
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
  return Math.round(value * 1000);
}

/**
 * Milliseconds → `HH:MM:SS` or `HH:MM:SS.mmm`, the form the content format's readers accept
 * (content/README.md, "Times"). `fraction: "auto"` writes milliseconds only when there are some.
 */
export function formatClock(ms: number, fraction: "always" | "auto" = "auto"): string {
  const total = Math.round(ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const rest = total % 1000;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return fraction === "always" || rest !== 0 ? `${clock}.${String(rest).padStart(3, "0")}` : clock;
}
