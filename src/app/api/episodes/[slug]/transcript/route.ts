import type { NextRequest } from "next/server";
import { TRANSCRIPT_EXPORTERS } from "@/lib/content/exporters";
import { getEpisodeExport } from "@/lib/data/exports";
import { badRequest, episodeNotFound, exportResponse } from "@/lib/export-response";
import { EpisodeSlugParam, parseRouteQuery } from "@/lib/route-params";

/**
 * GET /api/episodes/[slug]/transcript?format=json|vtt|srt|txt|md -> the transcript as a download:
 * Podcasting 2.0 JSON (application/json, the default), WebVTT (text/vtt), SRT (application/x-subrip),
 * plain text (text/plain) or the content format's Markdown (text/markdown). See src/lib/content/exporters.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const slug = EpisodeSlugParam.safeParse((await params).slug);
  if (!slug.success) return badRequest(`the episode ${slug.error.issues[0]?.message}`);
  const query = parseRouteQuery("/api/episodes/[slug]/transcript", request.nextUrl.searchParams);
  if (!query.ok) return badRequest(query.message);
  const episode = await getEpisodeExport(slug.data);
  if (!episode) return episodeNotFound(slug.data);
  return exportResponse(TRANSCRIPT_EXPORTERS[query.data.format], episode);
}
