// SubRip (SRT): numbered cues, `HH:MM:SS,mmm` times, the speaker's name and a colon at the start of
// the first cue of each turn (the Podcasting 2.0 convention: a new card when the speaker changes).
// Cues keep the transcript's own line grouping rather than the 2 × 32-character cards the
// Podcasting 2.0 page suggests for caption display: re-wrapping would split CJK text at arbitrary
// points. SRT has no comments, so turns without times are left out (the WebVTT export says how
// many); an episode without any times gives an empty file.
import { captionTimestamp, timedCaptions, withoutBlankLines, type ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

export function writeSrt(episode: ExportEpisode): string {
  return timedCaptions(episode)
    .map((caption, index) => {
      const text = withoutBlankLines(caption.text);
      return `${index + 1}\n${captionTimestamp(caption.startMs, ",")} --> ${captionTimestamp(caption.endMs, ",")}\n${caption.opensTurn ? `${caption.speakerName}: ` : ""}${text}\n`;
    })
    .join("\n");
}

export const srtExporter: Exporter = {
  format: "srt",
  label: "SRT",
  contentType: "application/x-subrip",
  fileName: (slug) => `${slug}.srt`,
  write: writeSrt,
};
