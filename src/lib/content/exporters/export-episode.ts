// What every exporter reads: an episode as the library holds it (names resolved, times in
// milliseconds, each turn's cues), and the timeline of captions the timed formats share. Pure.
export interface ExportCue {
  startMs: number;
  /** Null when the transcript gives no end (the last cue of a turn without an end). */
  endMs: number | null;
  text: string;
}

export interface ExportTurn {
  turnId: string;
  kind: "speech" | "note";
  /** Null for editor notes. */
  speakerId: string | null;
  startMs: number | null;
  endMs: number | null;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  /** The turn's Markdown as written in transcript.md (cue markers included; a footnote note is its whole definition). */
  markdown: string;
  cues: ExportCue[];
}

export interface ExportChapter {
  number: number;
  /** "" for the one chapter of a transcript without chapter headings. */
  title: string;
  startMs: number | null;
  turns: ExportTurn[];
}

export interface ExportEpisode {
  slug: string;
  title: string;
  show: { id: string; name: string };
  publishedAt: string;
  language: string;
  source: { name: string; url: string | null; licence: string | null; note: string | null };
  audio: { url: string; type: string | null; duration: number | null } | null;
  imported: { file: string; format: string } | null;
  participants: Array<{ id: string; name: string; role: string }>;
  chapters: ExportChapter[];
}

/** One unit of a timed export: a cue, or a whole turn that has a start but no cues. */
export interface Caption {
  /** `c2-01.3` for the third cue of turn c2-01, `c2-01` for a whole turn. */
  id: string;
  turnId: string;
  speakerName: string;
  /** The first caption of its turn (where SRT names the speaker). */
  opensTurn: boolean;
  startMs: number | null;
  endMs: number | null;
  text: string;
}

/** Every speech turn as captions, in order: its cues, or the whole turn (untimed turns with startMs null). */
export function captionsOf(episode: ExportEpisode): Caption[] {
  const names = new Map(episode.participants.map((p) => [p.id, p.name]));
  const captions: Caption[] = [];
  for (const turn of episode.chapters.flatMap((c) => c.turns)) {
    if (turn.kind !== "speech") continue;
    const speakerName = names.get(turn.speakerId ?? "") ?? turn.speakerId ?? "";
    if (turn.cues.length > 0) {
      turn.cues.forEach((cue, index) =>
        captions.push({ id: `${turn.turnId}.${index + 1}`, turnId: turn.turnId, speakerName, opensTurn: index === 0, ...cue }),
      );
    } else {
      captions.push({ id: turn.turnId, turnId: turn.turnId, speakerName, opensTurn: true, startMs: turn.startMs, endMs: turn.endMs, text: turn.text });
    }
  }
  return captions;
}

export type TimedCaption = Caption & { startMs: number; endMs: number };

/**
 * The captions that have a start, each with an end after its start, as WebVTT and SRT need:
 * its own end; else the next caption's start; else the audio's end; else an estimate of how long
 * its words take to say (250 ms per CJK character, 60 ms per other character, at least 1 s).
 * A zero-length caption lasts 1 ms.
 */
export function timedCaptions(episode: ExportEpisode): TimedCaption[] {
  const timed = captionsOf(episode).filter((c): c is Caption & { startMs: number } => c.startMs !== null);
  const audioEndMs = episode.audio?.duration != null ? Math.round(episode.audio.duration * 1000) : null;
  return timed.map((caption, index) => {
    const start = caption.startMs;
    const next = timed.slice(index + 1).find((c) => c.startMs > start)?.startMs ?? null;
    let end: number;
    if (caption.endMs !== null && caption.endMs >= start) end = caption.endMs > start ? caption.endMs : start + 1;
    else if (next !== null) end = next;
    else if (audioEndMs !== null && audioEndMs > start) end = audioEndMs;
    else end = start + spokenDurationMs(caption.text);
    return { ...caption, endMs: end };
  });
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** How long words take to say, roughly: for captions whose end nothing tells. */
export function spokenDurationMs(text: string): number {
  let ms = 0;
  for (const char of text) if (!/\s/.test(char)) ms += CJK.test(char) ? 250 : 60;
  return Math.max(1000, ms);
}

/** Paragraphs on consecutive lines: caption formats end a cue at a blank line. */
export function withoutBlankLines(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join("\n");
}

/** `HH:MM:SS.mmm` (WebVTT) or `HH:MM:SS,mmm` (SRT). */
export function captionTimestamp(ms: number, separator: "." | ","): string {
  const whole = Math.floor(ms / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}${separator}${pad(ms % 1000, 3)}`;
}

/** A line naming the episode's source, licence and audio, for the heads of exports. */
export function provenanceLines(episode: ExportEpisode): string[] {
  const source = [episode.source.name, episode.source.url && `<${episode.source.url}>`].filter(Boolean).join(" ");
  return [
    `${episode.show.name} · ${episode.publishedAt}`,
    `Source: ${source}${episode.source.licence ? ` · ${episode.source.licence}` : ""}`,
    ...(episode.audio ? [`Audio: ${episode.audio.url}`] : []),
  ];
}
