// Podcasting 2.0 JSON chapters, version 1.2 (`{ version: "1.2.0", chapters: [{ startTime, title }] }`).
// A chapter's start is its heading's time, else its first speech turn's start; a chapter whose
// start the transcript does not give is left out (startTime is required, and a guess would send
// players to the wrong place), so an untimed episode has `chapters: []`. So has a transcript
// without chapter headings.
import type { ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

export interface Podcasting20Chapter {
  startTime: number;
  title: string;
}

export function chapterStartMs(chapter: ExportEpisode["chapters"][number]): number | null {
  return chapter.startMs ?? chapter.turns.find((t) => t.kind === "speech")?.startMs ?? null;
}

export function writeChaptersJson(episode: ExportEpisode): string {
  const chapters: Podcasting20Chapter[] = episode.chapters.flatMap((chapter) => {
    const start = chapterStartMs(chapter);
    return chapter.title && start !== null ? [{ startTime: start / 1000, title: chapter.title }] : [];
  });
  const document = {
    version: "1.2.0",
    title: episode.title,
    podcastName: episode.show.name,
    ...(episode.audio && { fileName: decodeURIComponent(new URL(episode.audio.url).pathname.split("/").pop() ?? "") || episode.audio.url }),
    chapters,
  };
  return JSON.stringify(document, null, 2) + "\n";
}

export const chaptersJsonExporter: Exporter = {
  format: "chapters",
  label: "Chapters JSON (Podcasting 2.0)",
  contentType: "application/json+chapters",
  fileName: (slug) => `${slug}.chapters.json`,
  write: writeChaptersJson,
};
