import Link from "next/link";
import type { TurnCardSpeaker } from "@/components/turn-card";
import type { EpisodeDTO } from "@/lib/data/episodes";
import { chapterUrl, episodeUrl } from "@/lib/urls";
import { useTranslations } from "next-intl";

/** "Episode title / 03 Chapter title" above pages inside an episode (titles are content: their own lang). */
export function EpisodeBreadcrumb({
  episode,
  chapter,
}: {
  episode: Pick<EpisodeDTO, "slug" | "title" | "language">;
  chapter?: { number: number; title: string };
}) {
  const t = useTranslations("Common");
  return (
    <p className="breadcrumb text-sm text-stone-600 dark:text-stone-400">
      <Link href={episodeUrl(episode.slug)} className="hover:underline" lang={episode.language}>
        {episode.title}
      </Link>
      {chapter && (
        <>
          {" / "}
          <Link href={chapterUrl(episode.slug, chapter.number)} className="hover:underline">
            {chapter.title ? (
              <>
                {String(chapter.number).padStart(2, "0")} <span lang={episode.language}>{chapter.title}</span>
              </>
            ) : (
              t("untitledChapter")
            )}
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
