// Server-only reads for playing a moment of an episode from pages other than the reader.
import "server-only";
import { getDb } from "../db";
import type { ClipTurn } from "../listen/quote-clip";

/** A turn's times and cues, and whether its episode has audio to play them from; null when there is no such turn. */
export async function getTurnTiming(slug: string, turnId: string): Promise<(ClipTurn & { hasAudio: boolean }) | null> {
  const db = await getDb();
  const row = await db.turn.findUnique({
    where: { episodeSlug_turnId: { episodeSlug: slug, turnId } },
    select: {
      startMs: true,
      endMs: true,
      episode: { select: { audioUrl: true } },
      cues: { orderBy: { ordinal: "asc" }, select: { startMs: true, endMs: true, text: true } },
    },
  });
  if (!row) return null;
  return { hasAudio: row.episode.audioUrl !== null, startMs: row.startMs, endMs: row.endMs, cues: row.cues };
}
