import "server-only";
import { notFound } from "next/navigation";
import { getEpisode, type EpisodeDTO } from "@/lib/data/episodes";
import { EpisodeSlugParam } from "@/lib/route-params";

/** The episode named by the route's slug, or the 404 page. */
export async function loadEpisodeOr404(slug: string): Promise<EpisodeDTO> {
  const parsed = EpisodeSlugParam.safeParse(slug);
  if (!parsed.success) notFound();
  const episode = await getEpisode(parsed.data);
  if (!episode) notFound();
  return episode;
}
