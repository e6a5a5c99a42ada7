import { NextResponse } from "next/server";
import { listEpisodes } from "@/lib/data/episodes";

/** GET /api/episodes -> [{ slug, title, show, publishedAt }] (show is the show's name; showId its id). */
export async function GET() {
  const episodes = await listEpisodes();
  return NextResponse.json(
    episodes.map((e) => ({ slug: e.slug, title: e.title, show: e.show.name, showId: e.show.id, publishedAt: e.publishedAt })),
  );
}
