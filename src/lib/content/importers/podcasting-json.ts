// Podcasting 2.0 JSON transcripts (pc20-spec-transcripts.md, "JSON"):
//   { "version": "1.0.0", "segments": [ { "speaker": "Alban", "startTime": 0.0, "endTime": 4.8, "body": "…" }, … ] }
// Times are seconds. Real files come at three grains, all read here:
// - sentence or caption segments: one cue each;
// - the lines of one caption as separate segments with the same speaker and times (Buzzsprout's
//   export): merged back into one cue;
// - word-level segments (one word each, as the spec's example): grouped into cues of a sentence,
//   broken earlier at a pause of a second or more or past 120 characters. Word times are dropped.
import { elementLines, isRecord, parseJson } from "./json-source.ts";
import { secondsToMs } from "./time.ts";
import { endsSentence, joinText } from "./text.ts";
import { cleanSpeaker, collapseSpace, emptyTranscript, ImportError, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

interface Segment {
  speaker: string | null;
  start: number;
  end: number | null;
  body: string;
  /** The body ended with a line break: the spec's way to end a paragraph of words. */
  breakAfter: boolean;
  line: number;
}

export const WORD_PAUSE_MS = 1000;
export const WORD_CUE_MAX_CHARS = 120;

function readSegments(text: string, data: Record<string, unknown>): Segment[] {
  const raw = data.segments;
  const lines = elementLines(text, "segments");
  if (!Array.isArray(raw)) throw new ImportError(1, "expected 'segments': an array of { speaker, startTime, endTime, body }");
  return raw.map((segment, index) => {
    const line = lines[index] ?? 1;
    const where = `segment ${index + 1}`;
    if (!isRecord(segment)) throw new ImportError(line, `${where} is not an object { speaker, startTime, endTime, body }`);
    if (typeof segment.body !== "string") throw new ImportError(line, `${where} has no 'body' text`);
    const start = secondsToMs(segment.startTime);
    if (start === null) throw new ImportError(line, `${where}: 'startTime' must be a number of seconds ≥ 0, found ${JSON.stringify(segment.startTime)}`);
    const end = segment.endTime === undefined || segment.endTime === null ? null : secondsToMs(segment.endTime);
    if (end === null && segment.endTime !== undefined && segment.endTime !== null) {
      throw new ImportError(line, `${where}: 'endTime' must be a number of seconds ≥ 0, found ${JSON.stringify(segment.endTime)}`);
    }
    if (end !== null && end < start) throw new ImportError(line, `${where} ends (${segment.endTime}) before it starts (${segment.startTime})`);
    if (segment.speaker !== undefined && segment.speaker !== null && typeof segment.speaker !== "string") {
      throw new ImportError(line, `${where}: 'speaker' must be text, found ${JSON.stringify(segment.speaker)}`);
    }
    const speaker = typeof segment.speaker === "string" && cleanSpeaker(segment.speaker) ? cleanSpeaker(segment.speaker) : null;
    return { speaker, start, end, body: segment.body, breakAfter: /\n\s*$/.test(segment.body), line };
  });
}

/** Whether most segments hold a single word (or one CJK character): a word-level transcript. */
export function isWordLevel(bodies: string[]): boolean {
  const words = bodies.filter((b) => b.trim() !== "");
  if (words.length < 2) return false;
  const single = words.filter((b) => !/\s/.test(b.trim())).length;
  return single / words.length >= 0.8;
}

export function parsePodcastingJson(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("podcasting-json", "derive", "ms");
  const data = parseJson(source.text);
  if (!isRecord(data)) throw new ImportError(1, "expected a JSON object { version, segments }");
  const segments = readSegments(source.text, data);
  const wordLevel = isWordLevel(segments.map((s) => s.body));
  const cues: Cue[] = [];
  interface Open {
    cue: Cue;
    /** The speaker in effect: the cue's own, or the one before it when the segment names none. */
    speaker: string | null;
    pieces: string[];
    closed: boolean;
  }
  const state: { open: Open | null } = { open: null };
  const close = () => {
    if (state.open) cues.push({ ...state.open.cue, text: joinText(state.open.pieces) });
    state.open = null;
  };
  let speaker: string | null = null;
  for (const segment of segments) {
    const body = collapseSpace(segment.body);
    if (!body) {
      result.dropped.push({ line: segment.line, text: JSON.stringify(segment.body), why: "a segment without words" });
      continue;
    }
    speaker = segment.speaker ?? speaker;
    const current = state.open;
    let joins = false;
    if (current && !current.closed && current.speaker === speaker) {
      if (wordLevel) {
        const gap = segment.start - (current.cue.end ?? current.cue.start ?? 0);
        joins = gap < WORD_PAUSE_MS && joinText(current.pieces).length < WORD_CUE_MAX_CHARS;
      } else {
        joins = segment.start === current.cue.start && segment.end === current.cue.end;
      }
    }
    if (current && joins) {
      current.pieces.push(body);
      current.cue.end = segment.end ?? current.cue.end;
    } else {
      close();
      state.open = { cue: { speaker: segment.speaker, start: segment.start, end: segment.end, text: "", line: segment.line }, speaker, pieces: [body], closed: false };
    }
    if (segment.breakAfter || (wordLevel && endsSentence(body))) state.open!.closed = true;
  }
  close();
  result.cues = cues;
  if (typeof data.language === "string") result.meta.language = data.language;
  return result;
}

export const podcastingJson: TranscriptFormat = {
  name: "podcasting-json",
  description: "Podcasting 2.0 JSON: {version, segments:[{speaker, startTime, endTime, body}]}, word-level too",
  detect: ({ text }) => /^\s*\{/.test(text) && /"segments"\s*:/.test(text) && /"(?:startTime|body)"\s*:/.test(text),
  parse: parsePodcastingJson,
};
