import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EpisodePager } from "@/components/pager";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { countLibrary, listEpisodes } from "@/lib/data/episodes";
import { listPeople } from "@/lib/data/people";
import { listTopics } from "@/lib/data/topics";
import { parseRouteQuery } from "@/lib/route-params";
import { guessLanguage } from "@/lib/content-language";
import { otherTopicName, topicName } from "@/lib/topic-name";
import { episodeUrl, speakerUrl, topicUrl } from "@/lib/urls";

/** Episode cards on one page of the library. */
const EPISODES_PER_PAGE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The requested page of the library, or the 404 page (checked for the metadata too, so a 404 gets its own title). */
async function libraryPage(searchParams: Props["searchParams"]): Promise<number> {
  const query = parseRouteQuery("/", await searchParams);
  if (!query.ok) notFound(); // the proxy answers 400 first
  const counts = await countLibrary();
  if (query.data.page > Math.max(1, Math.ceil(counts.episodes / EPISODES_PER_PAGE))) notFound();
  return query.data.page;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await libraryPage(searchParams);
  return {};
}

export default async function LibraryPage({ searchParams }: Props) {
  const query = parseRouteQuery("/", await searchParams);
  if (!query.ok) notFound(); // the proxy answers 400 first
  const page = query.data.page;
  const [counts, episodes, people, topics, t, format, locale] = await Promise.all([
    countLibrary(),
    listEpisodes({ offset: (page - 1) * EPISODES_PER_PAGE, limit: EPISODES_PER_PAGE }),
    listPeople(),
    listTopics(),
    getTranslations("Library"),
    getFormatter(),
    getLocale(),
  ]);
  const common = await getTranslations("Common");
  const pages = Math.max(1, Math.ceil(counts.episodes / EPISODES_PER_PAGE));
  if (page > pages) notFound();
  const shows = new Map<string, { name: string; episodes: typeof episodes }>();
  for (const episode of episodes) {
    const show = shows.get(episode.show.id) ?? { name: episode.show.name, episodes: [] };
    show.episodes.push(episode);
    shows.set(episode.show.id, show);
  }
  return (
    <div className="space-y-12">
      <section>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
        <p className="mt-2 text-stone-700 dark:text-stone-300" data-testid="library-summary">
          {t("summary", { shows: counts.shows, episodes: counts.episodes, people: people.length })}
        </p>
        {[...shows].map(([showId, show]) => (
          <div key={showId} id={`show-${showId}`} className="mt-6 scroll-mt-24" data-show={showId}>
            <h2 className="text-lg font-semibold" lang={guessLanguage(show.name, locale)}>
              {show.name}
            </h2>
            <ul className="mt-3 space-y-4">
              {show.episodes.map((episode) => (
                <li
                  key={episode.slug}
                  data-episode-card={episode.slug}
                  className="rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
                >
                  <Link
                    href={episodeUrl(episode.slug)}
                    className="text-lg font-semibold leading-snug hover:underline"
                    lang={episode.language}
                  >
                    {episode.title}
                  </Link>
                  <p className="mt-1 text-sm text-stone-600 dark:text-stone-400" data-episode-meta data-turns={episode.turnCount}>
                    <time dateTime={episode.publishedAt}>{format.dateTime(new Date(episode.publishedAt), { dateStyle: "long" })}</time> ·{" "}
                    {t("episodeMeta", { chapters: episode.chapterCount, turns: episode.turnCount })}
                  </p>
                  <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-2" aria-label={t("participants")}>
                    {episode.participants.map((p) => (
                      <li key={p.id} className="flex items-center gap-1.5 text-sm">
                        <SpeakerAvatar id={p.id} name={p.name} size="sm" />
                        <Link href={speakerUrl(p.id)} className="hover:underline">
                          {p.name}
                        </Link>
                        <RoleBadge role={p.role} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <EpisodePager url="/" page={page} pages={pages} testId="library-pages" />
      </section>

      <section aria-labelledby="people">
        <h2 id="people" className="text-lg font-semibold">
          <Link href="/speakers" className="hover:underline">
            {t("speakers")}
          </Link>
        </h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {people.map((p) => (
            <li key={p.id} data-person-chip={p.id}>
              <Link
                href={speakerUrl(p.id)}
                className="flex items-center gap-2 rounded-full border border-stone-200 bg-white py-1 pl-1 pr-3 text-sm hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900"
              >
                <SpeakerAvatar id={p.id} name={p.name} size="sm" />
                {p.name}
                <span className="text-xs text-stone-600 dark:text-stone-400" data-turn-count={p.turnCount}>
                  {common("turns", { count: p.turnCount })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="topics">
        <h2 id="topics" className="text-lg font-semibold">
          <Link href="/topics" className="hover:underline">
            {t("topics")}
          </Link>
        </h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {topics.map((topic) => (
            <li key={topic.id} data-topic-chip={topic.id}>
              <Link
                href={topicUrl(topic.id)}
                className="inline-flex items-baseline gap-1.5 rounded-full border border-stone-200 bg-white px-3 py-1 text-sm hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900"
              >
                {topicName(topic, locale)}
                <span className="text-xs text-stone-600 dark:text-stone-400">
                  <span lang={otherTopicName(topic, locale).lang}>{otherTopicName(topic, locale).text}</span> ·{" "}
                  <span data-turn-count={topic.turnCount}>{common("turns", { count: topic.turnCount })}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
