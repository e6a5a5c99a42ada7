// WebVTT (https://www.w3.org/TR/webvtt1/) as podcasts and speech-to-text tools write it:
//   WEBVTT [title]                       header; its following lines (Kind:, Language:) too
//   NOTE …, STYLE …, REGION …             blocks without speech: skipped (and reported)
//   [cue id]
//   00:01:04.620 --> 00:01:06.000 align:start    hours optional, one-digit minutes/hours accepted;
//                                                cue settings ignored
//   <v Alice Smith>text / <v.loud Alice>  a voice: the speaker; a cue without one continues the last
//   <c.x>, <i>, <b>, <u>, <lang>, <ruby>  markup: removed, text kept (<rt> ruby text dropped)
//   <00:01:05.000>                        karaoke timestamps: removed
//   &amp; &lt; &nbsp; …                   HTML entities: decoded
// Whisper and whisper.cpp write no voices and start every cue with a space; some files put
// `Name: ` in front of the text instead of a voice tag, as SRT does: read like SRT's.
import { decodeHTML } from "entities";
import { scanCueBlocks, speakerChangeMarker } from "./captions.ts";
import { splitSpeakerPrefix } from "./speaker-label.ts";
import { collapseLines } from "./text.ts";
import { cleanSpeaker, emptyTranscript, ImportError, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

const HEADER = /^WEBVTT(?:[ \t].*)?$/;

/** One voice's text inside a cue's payload. */
interface VoicePart {
  voice: string | null;
  text: string;
}

/**
 * A cue payload's text by voice: `<v Bob>Hi</v> <v Ann>Hello` gives two parts. Tags are removed,
 * entities decoded, lines joined.
 */
export function readPayload(payload: string): VoicePart[] {
  const parts: VoicePart[] = [{ voice: null, text: "" }];
  let rubyText = 0;
  const tag = /<([^<>]*)>/g;
  let last = 0;
  const addText = (raw: string) => {
    if (rubyText > 0) return;
    parts.at(-1)!.text += decodeHTML(raw);
  };
  for (const match of payload.matchAll(tag)) {
    addText(payload.slice(last, match.index));
    last = match.index + match[0].length;
    const inner = match[1]!.trim();
    const voice = /^v(?:\.[^\s]*)?\s+([\s\S]+)$/.exec(inner);
    if (voice) {
      parts.push({ voice: cleanSpeaker(decodeHTML(voice[1]!)), text: "" });
      continue;
    }
    if (/^rt(?:\.[^\s]*)?$/i.test(inner)) rubyText++;
    else if (/^\/rt$/i.test(inner)) rubyText = Math.max(0, rubyText - 1);
    // </v>, <c>, <i>, <b>, <u>, <lang xx>, <ruby>, timestamps: no text of their own.
  }
  addText(payload.slice(last));
  return parts
    .map((p) => ({ voice: p.voice, text: collapseLines(p.text) }))
    .filter((p) => p.text !== "");
}

export function parseWebVtt(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("webvtt", "derive", "ms");
  const lines = source.text.split("\n");
  if (!HEADER.test(lines[0] ?? "")) {
    throw new ImportError(1, `a WebVTT file starts with a line 'WEBVTT'; found '${(lines[0] ?? "").slice(0, 40)}'`);
  }
  // The header block runs to the first blank line (or, in sloppy files, to the first timing).
  let body = 1;
  while (body < lines.length && lines[body]!.trim() !== "" && !lines[body]!.includes("-->")) body++;
  const blocks = scanCueBlocks(lines.slice(body), body + 1, {
    skipBlock: (first) => (/^NOTE(?:\s|$)/.test(first) ? "a NOTE (comment)" : /^(STYLE|REGION)\s*$/.test(first) ? `a ${first.trim()} block` : null),
    isId: (_text, atBlockStart) => atBlockStart,
    orphan: (text, line) => {
      throw new ImportError(line, `text before the first cue: expected a cue timing 'HH:MM:SS.mmm --> HH:MM:SS.mmm', found '${text.trim().slice(0, 40)}'`);
    },
    skipped: (text, line, why) => result.dropped.push({ line, text, why }),
  });

  const cues: Cue[] = [];
  for (const block of blocks) {
    const parts = readPayload(block.lines.map((l) => l.text).join("\n"));
    if (parts.length === 0) {
      result.dropped.push({ line: block.line, text: block.lines.map((l) => l.text).join(" "), why: "a cue without words" });
      continue;
    }
    for (const part of parts) cues.push({ speaker: part.voice, start: block.start, end: block.end, text: part.text, line: block.line });
  }
  // Without voice tags, a `Name: ` prefix (SRT's convention) names the speaker.
  if (!cues.some((c) => c.speaker !== null)) {
    for (const cue of cues) {
      // `>> ` starts a new speaker's turn (YouTube and broadcast captions), named or not.
      const changed = speakerChangeMarker(cue.text);
      if (changed) {
        cue.text = changed;
        cue.newTurn = true;
      }
      const prefix = splitSpeakerPrefix(cue.text);
      if (prefix && prefix.rest) {
        cue.speaker = prefix.label;
        cue.text = prefix.rest;
      }
    }
  }
  result.cues = cues;
  return result;
}

export const webvtt: TranscriptFormat = {
  name: "webvtt",
  description: "WebVTT (.vtt): <v Name> voices, cue ids, NOTE/STYLE/REGION, Whisper output",
  detect: ({ text }) => HEADER.test(text.split("\n", 1)[0] ?? ""),
  parse: parseWebVtt,
};
