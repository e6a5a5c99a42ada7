import { NextResponse } from "next/server";
import { getEpisode } from "@/lib/data/episodes";
import { EpisodeSlugParam } from "@/lib/route-params";
import { msToSeconds } from "@/lib/content/times";

/**
 * GET /api/episodes/[slug] -> { slug, title, show, publishedAt, audio: { url, type, duration } | null,
 *   participants: [{ id, name, role }],
 *   chapters: [{ number, title, turns: [{ id, speakerId, kind, text, url, start, end }] }] }
 * Notes (kind "note") are the editor's: their speakerId is null. start and end are seconds
 * (numbers, milliseconds as a fraction), null when the transcript gives no time.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = EpisodeSlugParam.safeParse((await params).slug);
  if (!slug.success) {
    return NextResponse.json({ error: "bad_request", message: `slug ${slug.error.issues[0]?.message}` }, { status: 400 });
  }
  const episode = await getEpisode(slug.data);
  if (!episode) return NextResponse.json({ error: "not_found", message: `no episode '${slug.data}'` }, { status: 404 });
  return NextResponse.json({
    slug: episode.slug,
    title: episode.title,
    show: episode.show.name,
    showId: episode.show.id,
    publishedAt: episode.publishedAt,
    audio: episode.audio,
    participants: episode.participants.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    chapters: episode.chapters.map((c) => ({
      number: c.number,
      title: c.title,
      turns: c.turns.map((t) => ({
        id: t.turnId,
        speakerId: t.speakerId,
        kind: t.kind,
        text: t.text,
        url: t.url,
        startSeconds: t.startSeconds,
        start: msToSeconds(t.startMs),
        end: msToSeconds(t.endMs),
      })),
    })),
  });
}
