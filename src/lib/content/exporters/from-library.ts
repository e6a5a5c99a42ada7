// A validated library's episode (src/lib/content/load-library.ts) as the exporters read it, without a
// database: for tests and tools that export straight from content/.
import type { Episode, Library } from "../load-library.ts";
import type { ExportEpisode } from "./export-episode.ts";

export function exportEpisodeFromLibrary(library: Library, episode: Episode): ExportEpisode {
  const people = new Map(library.people.map((p) => [p.id, p]));
  const show = library.shows.find((s) => s.id === episode.showId);
  return {
    slug: episode.slug,
    title: episode.title,
    show: { id: episode.showId, name: show?.name ?? episode.showId },
    publishedAt: episode.publishedAt,
    language: episode.language,
    source: episode.source,
    audio: episode.audio,
    imported: episode.imported,
    participants: episode.participants.map((p) => ({ id: p.personId, name: people.get(p.personId)?.name ?? p.personId, role: p.role })),
    chapters: episode.chapters.map((chapter) => ({
      number: chapter.number,
      title: chapter.title,
      startMs: chapter.startMs,
      turns: chapter.turns.map((turn) => ({
        turnId: turn.turnId,
        kind: turn.kind,
        speakerId: turn.speakerId,
        startMs: turn.startMs,
        endMs: turn.endMs,
        text: turn.text,
        markdown: turn.markdown,
        cues: turn.cues.map((cue) => ({ startMs: cue.startMs, endMs: cue.endMs, text: cue.text })),
      })),
    })),
  };
}
