import { NextResponse, type NextRequest } from "next/server";
import { searchTurns } from "@/lib/data/search";
import { parseSearchParams } from "@/lib/search/search-params";

/**
 * GET /api/search?q=&speaker=&episode=&chapter=&topic=&kind=&limit=&offset=
 * -> { query, total, hits: [{ turnId, episode, chapter, speakerId, kind, snippet, highlights, url }],
 *      facets: { speaker: { id: count }, chapter: { n: count }, topic: { id: count } } }
 * Any q is accepted (an unsearchable one gives no hits); a malformed filter answers 400.
 * Extension: facets=0 skips the facet counts (they come back empty).
 */
export async function GET(request: NextRequest) {
  const parsed = parseSearchParams(request.nextUrl.searchParams);
  if (!parsed.ok) return NextResponse.json({ error: "bad_request", message: parsed.message }, { status: 400 });
  return NextResponse.json(await searchTurns(parsed.request, { facets: parsed.request.facets }));
}
