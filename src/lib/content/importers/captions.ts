// The cue blocks WebVTT and SRT share: an optional id line, a timing line `start --> end`, and
// the cue's text. Read leniently, the way real files are written: timings without hours or with
// one-digit minutes, `,` or `.` before milliseconds, cues not separated by a blank line, a blank
// line inside a cue's text (its lines stay with that cue), CRLF and a BOM (normalised before).
import { parseClock } from "./time.ts";
import { ImportError } from "./types.ts";

export interface CueBlock {
  id: string | null;
  start: number;
  end: number;
  /** The line of the timing. */
  line: number;
  /** Text lines as written (tags not yet removed), with their line numbers. */
  lines: Array<{ text: string; line: number }>;
}

const TIMING = /^\s*(\S+)\s*-->\s*(\S+)(?:\s+.*)?$/;

/** A line that holds a cue timing: parsed, or an ImportError when it is one but cannot be read. */
export function readTiming(text: string, line: number): { start: number; end: number } | null {
  // A timing starts with a time (`00:0x:00 -->` is a broken one); a text line may hold `-->` too
  // (SRT has no escape for it: `A --> B`, `2-of-2 -->`).
  if (!text.includes("-->") || !/^\s*\d+[:.,]\S*\s*-->/.test(text)) return null;
  const match = TIMING.exec(text);
  const start = match ? parseClock(match[1]!) : null;
  const end = match ? parseClock(match[2]!) : null;
  if (start === null || end === null) {
    throw new ImportError(line, `cannot read the cue timing '${text.trim().slice(0, 60)}': expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm' (hours optional)`);
  }
  if (end < start) throw new ImportError(line, `the cue ends (${match![2]}) before it starts (${match![1]})`);
  return { start, end };
}

export interface ScanOptions {
  /** Blocks to skip entirely (WebVTT's NOTE, STYLE and REGION), by their first line. */
  skipBlock?: (firstLine: string) => string | null;
  /** Whether a line right before a timing line is that cue's id (SRT: a number; WebVTT: any text). */
  isId: (text: string, atBlockStart: boolean) => boolean;
  /** Called with lines of text that belong to no cue (before the first one). */
  orphan: (text: string, line: number) => void;
  /** Called for each skipped block. */
  skipped: (text: string, line: number, why: string) => void;
}

/** Splits caption text (already without its header) into cue blocks. `firstLine` is the 1-based line of `lines[0]`. */
export function scanCueBlocks(lines: string[], firstLine: number, options: ScanOptions): CueBlock[] {
  const cues: CueBlock[] = [];
  // Text before the first timing: the first cue's id, or text that belongs to no cue.
  const orphans: Array<{ text: string; line: number; atBlockStart: boolean }> = [];
  const starts = new Set<number>(); // lines that start a block
  let blockStart = true;
  let skipping = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const line = firstLine + i;
    if (text.trim() === "") {
      blockStart = true;
      skipping = false;
      continue;
    }
    if (skipping) continue;
    const atBlockStart = blockStart;
    blockStart = false;
    if (atBlockStart) {
      starts.add(line);
      const why = options.skipBlock?.(text);
      if (why) {
        const block = [text];
        for (let j = i + 1; j < lines.length && lines[j]!.trim() !== ""; j++) block.push(lines[j]!.trim());
        options.skipped(block.join(" ").slice(0, 80), line, why);
        skipping = true;
        continue;
      }
    }
    const timing = readTiming(text, line);
    if (timing) {
      // The line right above a timing may be this cue's id (a number in SRT, any text in WebVTT).
      const owner = cues.at(-1)?.lines ?? orphans;
      const last = owner.at(-1);
      let id: string | null = null;
      if (last && last.line === line - 1 && options.isId(last.text, starts.has(last.line))) {
        id = last.text.trim();
        owner.pop();
      }
      cues.push({ id, start: timing.start, end: timing.end, line, lines: [] });
      continue;
    }
    // Any other line is text of the cue above it, even after a blank line (real files have those).
    if (cues.length > 0) cues.at(-1)!.lines.push({ text, line });
    else orphans.push({ text, line, atBlockStart });
  }
  for (const orphan of orphans) options.orphan(orphan.text, orphan.line);
  return cues;
}

/**
 * A caption's `>>` marker (broadcast and YouTube captions: `>> Where were we?`, `>> JOHN: Yes.`):
 * the speaker changes here, named or not. Returns the text without it, or null without a marker.
 */
export function speakerChangeMarker(text: string): string | null {
  const match = /^\s*>>\s*/.exec(text);
  return match ? text.slice(match[0].length) : null;
}
