import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { Slug } from "@/lib/content/schemas";
import { listQuotes } from "@/lib/data/quotes";

const Params = z.object({ speaker: Slug.optional(), topic: Slug.optional(), episode: Slug.optional() });

/** GET /api/quotes?speaker=&topic=&episode= -> [{ id, turnId, speakerId, episode, text, topics, url }] */
export async function GET(request: NextRequest) {
  const raw = Object.fromEntries([...request.nextUrl.searchParams].filter(([, v]) => v !== ""));
  const parsed = Params.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return NextResponse.json(
      { error: "bad_request", message: `invalid '${String(issue.path[0])}' parameter: ${issue.message}` },
      { status: 400 },
    );
  }
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
