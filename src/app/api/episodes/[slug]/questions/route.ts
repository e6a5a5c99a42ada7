import { NextResponse } from "next/server";
import { getEpisode } from "@/lib/data/episodes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { EpisodeSlugParam } from "@/lib/route-params";

/** GET /api/episodes/[slug]/questions -> [{ n, chapter, questionTurnId, askerId, answerTurnIds }] */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = EpisodeSlugParam.safeParse((await params).slug);
  if (!slug.success) return NextResponse.json({ error: "bad_request", message: `slug ${slug.error.issues[0]?.message}` }, { status: 400 });
  const episode = await getEpisode(slug.data);
  if (!episode) return NextResponse.json({ error: "not_found", message: `no episode '${slug.data}'` }, { status: 404 });
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  return NextResponse.json(
    exchanges.map((e) => ({
      n: e.n,
      chapter: e.chapterNumber,
      questionTurnId: e.question?.turnId ?? null,
      askerId: e.question?.speakerId ?? null,
      answerTurnIds: e.answers.map((a) => a.turnId),
    })),
  );
}
