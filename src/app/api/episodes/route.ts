import { NextResponse, type NextRequest } from "next/server";
import { countLibrary, listEpisodes } from "@/lib/data/episodes";
import { parseRouteQuery } from "@/lib/route-params";

/**
 * GET /api/episodes -> [{ slug, title, show, publishedAt }] (show is the show's name; showId its id),
 * newest first. Extension: `limit` (1–1000) and `offset` page through a large library; the
 * X-Total-Count header always gives the number of episodes.
 */
export async function GET(request: NextRequest) {
  const query = parseRouteQuery("/api/episodes", request.nextUrl.searchParams);
  if (!query.ok) return NextResponse.json({ error: "bad_request", message: query.message }, { status: 400 });
  const [episodes, counts] = await Promise.all([listEpisodes(query.data), countLibrary()]);
  return NextResponse.json(
    episodes.map((e) => ({ slug: e.slug, title: e.title, show: e.show.name, showId: e.show.id, publishedAt: e.publishedAt })),
    { headers: { "x-total-count": String(counts.episodes) } },
  );
}
