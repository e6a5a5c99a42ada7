import Link from "next/link";
import type { TurnCardSpeaker } from "@/components/turn-card";
import type { EpisodeDTO } from "@/lib/data/episodes";
import { chapterUrl, episodeUrl } from "@/lib/urls";
import { chapterLabel } from "@/lib/reader/chapter-label";

/** "Episode title / 03 Chapter title" above pages inside an episode. */
export function EpisodeBreadcrumb({
  episode,
  chapter,
}: {
  episode: Pick<EpisodeDTO, "slug" | "title">;
  chapter?: { number: number; title: string };
}) {
  return (
    <p className="text-sm text-stone-500 dark:text-stone-400">
      <Link href={episodeUrl(episode.slug)} className="hover:underline">
        {episode.title}
      </Link>
      {chapter && (
        <>
          {" / "}
          <Link href={chapterUrl(episode.slug, chapter.number)} className="hover:underline">
            {chapterLabel(chapter)}
          </Link>
        </>
      )}
    </p>
  );
}

/** The episode's participants as the speakers a TurnCard shows, by person id. */
export function speakersOf(episode: Pick<EpisodeDTO, "participants">): Map<string, TurnCardSpeaker> {
  return new Map(episode.participants.map((p) => [p.id, { id: p.id, name: p.name, role: p.role }]));
}
