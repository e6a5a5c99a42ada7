// WebVTT (https://www.w3.org/TR/webvtt1/): one cue per cue of the transcript (or per turn when a
// turn has a start but no cues), each with a `<v Name>` voice tag, so players and Apple Podcasts show
// who speaks. Turns without times cannot be cues: a NOTE at the top says how many were left out
// (an episode without any times is a valid file with only that NOTE). Editor's notes and chapter
// starts are NOTE blocks where they fall.
import { captionTimestamp, provenanceLines, timedCaptions, withoutBlankLines, type ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

/** Cue text: `&`, `<` and `>` escaped (so no `-->` and no tag can appear), no blank line. */
function cueText(text: string): string {
  return withoutBlankLines(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A voice annotation: one line, `&` and `>` escaped. */
function voice(name: string): string {
  return name.replace(/\s+/g, " ").trim().replace(/&/g, "&amp;").replace(/>/g, "&gt;");
}

/** A NOTE block's text: no blank line and no `-->`. */
function noteText(text: string): string {
  return withoutBlankLines(text).replace(/-->/g, "->");
}

export function writeWebVtt(episode: ExportEpisode): string {
  const captions = timedCaptions(episode);
  const speech = episode.chapters.flatMap((c) => c.turns).filter((t) => t.kind === "speech");
  const timedTurns = new Set(captions.map((c) => c.turnId));
  const untimed = speech.length - timedTurns.size;
  const head = [episode.title, ...provenanceLines(episode)];
  if (untimed > 0) {
    head.push(
      timedTurns.size === 0
        ? `This transcript has no times, so it has no cues here: the txt, md and json exports hold its ${speech.length} turns.`
        : `${untimed} of ${speech.length} turns have no times and are not cues here: the txt, md and json exports hold every turn.`,
    );
  }
  const blocks = ["WEBVTT", `NOTE\n${noteText(head.join("\n"))}`];
  const captionsByTurn = new Map<string, typeof captions>();
  for (const caption of captions) captionsByTurn.set(caption.turnId, [...(captionsByTurn.get(caption.turnId) ?? []), caption]);
  for (const chapter of episode.chapters) {
    if (chapter.title) blocks.push(`NOTE\n${noteText(`Chapter ${chapter.number}: ${chapter.title}`)}`);
    for (const turn of chapter.turns) {
      if (turn.kind === "note") {
        blocks.push(`NOTE\n${noteText(`Editor's note (${turn.turnId}): ${turn.text}`)}`);
        continue;
      }
      for (const caption of captionsByTurn.get(turn.turnId) ?? []) {
        blocks.push(
          `${caption.id}\n${captionTimestamp(caption.startMs, ".")} --> ${captionTimestamp(caption.endMs, ".")}\n` +
            `<v ${voice(caption.speakerName)}>${cueText(caption.text)}`,
        );
      }
    }
  }
  return blocks.join("\n\n") + "\n";
}

export const webVttExporter: Exporter = {
  format: "vtt",
  label: "WebVTT",
  contentType: "text/vtt",
  fileName: (slug) => `${slug}.vtt`,
  write: writeWebVtt,
};
