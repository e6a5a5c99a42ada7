// Times in the content format: `H:MM:SS`, `HH:MM:SS`, `MM:SS` or `M:SS`, with an optional fraction
// of one to three digits (`1:04.620`, `01:04:02.14`), stored in milliseconds. Pure.
//
//   parseTime("0:12:04.500") -> { ok: true, ms: 724500 }
//   formatTime(724500)       -> "0:12:04.500"   (what the content format writes)
//   formatClock(724500)      -> "12:04"         (what a reader sees)

const STRICT = /^(?:(\d{1,3}):([0-5]\d)|([0-5]?\d)):([0-5]\d)(?:\.(\d{1,3}))?$/;

export type TimeResult = { ok: true; ms: number } | { ok: false; message: string };

export function parseTime(label: string): TimeResult {
  const match = STRICT.exec(label.trim());
  if (!match) {
    const parts = label.replace(/[.,]\d*$/, "").split(":");
    const hint = /[.,]\d{4,}$/.test(label)
      ? "a fraction has at most three digits (milliseconds)"
      : /,/.test(label)
        ? "write the fraction with a dot, not a comma"
        : parts.slice(1).some((p) => /^\d+$/.test(p) && Number(p) > 59)
          ? "minutes and seconds go up to 59"
          : "write H:MM:SS, MM:SS or M:SS, with an optional fraction such as 1:04.620";
    return { ok: false, message: `'${label}' is not a valid time: ${hint}` };
  }
  const [, hours, minutesWithHours, minutesAlone, seconds, fraction] = match;
  const minutes = Number(minutesWithHours ?? minutesAlone);
  const ms = ((Number(hours ?? 0) * 60 + minutes) * 60 + Number(seconds)) * 1000 + Number((fraction ?? "").padEnd(3, "0"));
  return { ok: true, ms };
}

/** `H:MM:SS` with `.mmm` only when there is a fraction: the form the content format writes. */
export function formatTime(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = Math.round(ms - whole * 1000);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const base = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  return fraction === 0 ? base : `${base}.${String(fraction).padStart(3, "0")}`;
}

/** `M:SS` or `H:MM:SS`, whole seconds: a time as a reader sees it. */
export function formatClock(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Seconds as the API gives them (numbers, milliseconds kept as a fraction). */
export function msToSeconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}
