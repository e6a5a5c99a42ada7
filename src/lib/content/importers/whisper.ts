// What Whisper and its descendants write, besides VTT and SRT (read by webvtt.ts and srt.ts):
// - openai-whisper JSON: { text, segments: [{ id, start, end, text, … }], language } (seconds);
//   WhisperX adds a diarised `speaker` ("SPEAKER_00") per segment: kept.
// - whisper.cpp JSON (-oj): { result: { language }, transcription: [{ offsets: { from, to }, text }] } (ms).
// - openai-whisper TSV: a header `start	end	text`, then one row per segment, times in integer ms.
// Whisper starts every segment's text with a space: trimmed. Segments are cues.
import { elementLines, isRecord, parseJson } from "./json-source.ts";
import { secondsToMs } from "./time.ts";
import { cleanSpeaker, collapseSpace, emptyTranscript, ImportError, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

function toMs(value: unknown, unit: "s" | "ms"): number | null {
  if (unit === "s") return secondsToMs(value);
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

export function parseWhisperJson(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("whisper-json", "derive", "ms");
  const data = parseJson(source.text);
  if (!isRecord(data)) throw new ImportError(1, "expected a JSON object { text, segments, language }");
  const cpp = Array.isArray(data.transcription);
  const key = cpp ? "transcription" : "segments";
  const raw = data[key];
  if (!Array.isArray(raw)) throw new ImportError(1, "expected 'segments': an array of { start, end, text }");
  const lines = elementLines(source.text, key);
  const cues: Cue[] = [];
  raw.forEach((segment, index) => {
    const line = lines[index] ?? 1;
    const where = `segment ${index + 1}`;
    if (!isRecord(segment)) throw new ImportError(line, `${where} is not an object { start, end, text }`);
    if (typeof segment.text !== "string") throw new ImportError(line, `${where} has no 'text'`);
    const times = cpp ? (isRecord(segment.offsets) ? segment.offsets : {}) : segment;
    const [startKey, endKey] = cpp ? ["offsets.from", "offsets.to"] : ["start", "end"];
    const start = toMs(cpp ? times.from : times.start, cpp ? "ms" : "s");
    const end = toMs(cpp ? times.to : times.end, cpp ? "ms" : "s");
    if (start === null) throw new ImportError(line, `${where}: '${startKey}' must be a number ${cpp ? "of milliseconds" : "of seconds"} ≥ 0`);
    if (end === null) throw new ImportError(line, `${where}: '${endKey}' must be a number ${cpp ? "of milliseconds" : "of seconds"} ≥ 0`);
    if (end < start) throw new ImportError(line, `${where} ends before it starts`);
    const text = collapseSpace(segment.text);
    if (!text) {
      result.dropped.push({ line, text: JSON.stringify(segment.text), why: "a segment without words" });
      return;
    }
    const speaker = typeof segment.speaker === "string" && cleanSpeaker(segment.speaker) ? cleanSpeaker(segment.speaker) : null;
    cues.push({ speaker, start, end, text, line });
  });
  result.cues = cues;
  const language = cpp && isRecord(data.result) ? data.result.language : data.language;
  if (typeof language === "string" && language.trim()) result.meta.language = language.trim();
  return result;
}

export function parseWhisperTsv(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("whisper-tsv", "derive", "ms");
  const cues: Cue[] = [];
  source.text.split("\n").forEach((row, index) => {
    const line = index + 1;
    if (row.trim() === "") return;
    if (index === 0 && /^start\tend\ttext\s*$/i.test(row)) return;
    const columns = row.split("\t");
    if (columns.length < 3) throw new ImportError(line, `expected 'start<TAB>end<TAB>text', found '${row.slice(0, 40)}'`);
    const [startText, endText] = columns;
    const start = /^\s*\d+\s*$/.test(startText!) ? Number(startText) : null;
    const end = /^\s*\d+\s*$/.test(endText!) ? Number(endText) : null;
    if (start === null || end === null) throw new ImportError(line, `start and end must be whole milliseconds, found '${startText}' and '${endText}'`);
    if (end < start) throw new ImportError(line, `the segment ends (${end} ms) before it starts (${start} ms)`);
    const text = collapseSpace(columns.slice(2).join(" "));
    if (!text) {
      result.dropped.push({ line, text: row, why: "a segment without words" });
      return;
    }
    cues.push({ speaker: null, start, end, text, line });
  });
  result.cues = cues;
  return result;
}

export const whisperJson: TranscriptFormat = {
  name: "whisper-json",
  description: "Whisper JSON: {text, segments:[{start, end, text}], language}; WhisperX speakers; whisper.cpp -oj",
  detect: ({ text }) =>
    /^\s*\{/.test(text) && ((/"segments"\s*:/.test(text) && /"start"\s*:/.test(text) && /"text"\s*:/.test(text)) || /"transcription"\s*:\s*\[/.test(text)),
  parse: parseWhisperJson,
};

export const whisperTsv: TranscriptFormat = {
  name: "whisper-tsv",
  description: "Whisper TSV: 'start<TAB>end<TAB>text' rows, integer milliseconds",
  detect: ({ text }) => {
    const rows = text.split("\n", 4).filter((r) => r.trim());
    if (rows.length === 0) return false;
    const data = /^start\tend\ttext\s*$/i.test(rows[0]!) ? rows.slice(1) : rows;
    return data.length > 0 && data.every((r) => /^\d+\t\d+\t/.test(r));
  },
  parse: parseWhisperTsv,
};
