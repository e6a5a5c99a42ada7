import { NextResponse, type NextRequest } from "next/server";
import { listQuotes } from "@/lib/data/quotes";
import { parseRouteQuery } from "@/lib/route-params";

/** GET /api/quotes?speaker=&topic=&episode= -> [{ id, turnId, speakerId, episode, text, topics, url }] */
export async function GET(request: NextRequest) {
  const parsed = parseRouteQuery("/api/quotes", request.nextUrl.searchParams);
  if (!parsed.ok) return NextResponse.json({ error: "bad_request", message: parsed.message }, { status: 400 });
  const quotes = await listQuotes(parsed.data);
  return NextResponse.json(
    quotes.map((q) => ({
      id: q.id,
      turnId: q.turnId,
      speakerId: q.speakerId,
      episode: q.episode,
      text: q.text,
      topics: q.topics,
      url: q.url,
    })),
  );
}
