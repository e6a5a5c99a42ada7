// Podcasting 2.0 JSON transcript (`{ version, segments: [{ speaker, startTime, endTime, body }] }`,
// times in seconds): one segment per cue, or per turn when a turn has no cues. A segment's times
// are the transcript's own: `endTime` only when the end is known, and neither time for a turn the
// transcript does not time (the format allows every degree of fidelity). Editor's notes are
// nobody's words and are left out (the md and txt exports keep them).
import { captionsOf, type ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

export interface Podcasting20Segment {
  speaker: string;
  startTime?: number;
  endTime?: number;
  body: string;
}

export function writePodcasting20Json(episode: ExportEpisode): string {
  const segments: Podcasting20Segment[] = captionsOf(episode).map((caption) => ({
    speaker: caption.speakerName,
    ...(caption.startMs !== null && { startTime: caption.startMs / 1000 }),
    ...(caption.startMs !== null && caption.endMs !== null && { endTime: caption.endMs / 1000 }),
    body: caption.text,
  }));
  return JSON.stringify({ version: "1.0.0", segments }, null, 2) + "\n";
}

export const podcasting20JsonExporter: Exporter = {
  format: "json",
  label: "JSON (Podcasting 2.0)",
  contentType: "application/json",
  fileName: (slug) => `${slug}.json`,
  write: writePodcasting20Json,
};
