import { CHAPTERS_EXPORTER } from "@/lib/content/exporters";
import { getEpisodeExport } from "@/lib/data/exports";
import { badRequest, episodeNotFound, exportResponse } from "@/lib/export-response";
import { EpisodeSlugParam } from "@/lib/route-params";

/** GET /api/episodes/[slug]/chapters -> Podcasting 2.0 JSON chapters (v1.2), application/json+chapters. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = EpisodeSlugParam.safeParse((await params).slug);
  if (!slug.success) return badRequest(`the episode ${slug.error.issues[0]?.message}`);
  const episode = await getEpisodeExport(slug.data);
  if (!episode) return episodeNotFound(slug.data);
  return exportResponse(CHAPTERS_EXPORTER, episode);
}
