// Server-only: an episode as the exporters read it (src/lib/content/exporters), from one query.
import "server-only";
import { getDb } from "../db";
import { EPISODE_FACTS } from "./episodes";
import type { ExportEpisode } from "../content/exporters";

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function getEpisodeExport(slug: string): Promise<ExportEpisode | null> {
  const db = await getDb();
  const row = await db.episode.findUnique({
    where: { slug },
    select: {
      ...EPISODE_FACTS,
      show: { select: { id: true, name: true } },
      participants: { orderBy: { ordinal: "asc" }, select: { role: true, person: { select: { id: true, name: true } } } },
      chapters: {
        orderBy: { number: "asc" },
        select: {
          number: true,
          title: true,
          startMs: true,
          turns: {
            orderBy: { ordinal: "asc" },
            select: {
              turnId: true,
              kind: true,
              speakerId: true,
              startMs: true,
              endMs: true,
              text: true,
              markdown: true,
              cues: { orderBy: { ordinal: "asc" }, select: { startMs: true, endMs: true, text: true } },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  return {
    slug: row.slug,
    title: row.title,
    show: row.show,
    publishedAt: isoDate(row.publishedAt),
    language: row.language,
    source: { name: row.sourceName, url: row.sourceUrl, licence: row.sourceLicence, note: row.sourceNote },
    audio: row.audioUrl ? { url: row.audioUrl, type: row.audioType, duration: row.audioDuration } : null,
    imported: row.importedFile && row.importedFormat ? { file: row.importedFile, format: row.importedFormat } : null,
    participants: row.participants.map((p) => ({ id: p.person.id, name: p.person.name, role: p.role })),
    chapters: row.chapters.map((chapter) => ({
      ...chapter,
      turns: chapter.turns.map((turn) => ({ ...turn, kind: turn.kind as "speech" | "note" })),
    })),
  };
}
