import Link from "next/link";
import { notFound } from "next/navigation";
import { EpisodePager } from "@/components/pager";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { countLibrary, listEpisodes } from "@/lib/data/episodes";
import { listPeople } from "@/lib/data/people";
import { listTopics } from "@/lib/data/topics";
import { parseRouteQuery } from "@/lib/route-params";
import { episodeUrl, speakerUrl, topicUrl } from "@/lib/urls";

/** Episode cards on one page of the library. */
const EPISODES_PER_PAGE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LibraryPage({ searchParams }: Props) {
  const query = parseRouteQuery("/", await searchParams);
  if (!query.ok) notFound(); // the proxy answers 400 first
  const page = query.data.page;
  const [counts, episodes, people, topics] = await Promise.all([
    countLibrary(),
    listEpisodes({ offset: (page - 1) * EPISODES_PER_PAGE, limit: EPISODES_PER_PAGE }),
    listPeople(),
    listTopics(),
  ]);
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
        <h1 className="text-2xl font-bold sm:text-3xl">节目库</h1>
        <p className="mt-2 text-stone-600 dark:text-stone-300">
          {counts.shows} 档节目 · {counts.episodes} 期访谈 · {people.length}{" "}
          位发言人。逐章阅读、按人按话题筛选,每一段发言都有可以分享的链接。
        </p>
        {[...shows].map(([showId, show]) => (
          <div key={showId} id={`show-${showId}`} className="mt-6 scroll-mt-24" data-show={showId}>
            <h2 className="text-lg font-semibold">{show.name}</h2>
            <ul className="mt-3 space-y-4">
              {show.episodes.map((episode) => (
                <li
                  key={episode.slug}
                  data-episode-card={episode.slug}
                  className="rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
                >
                  <Link href={episodeUrl(episode.slug)} className="text-lg font-semibold leading-snug hover:underline">
                    {episode.title}
                  </Link>
                  <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
                    <time dateTime={episode.publishedAt}>{episode.publishedAt}</time> · {episode.chapterCount} 章 · {episode.turnCount} 段
                  </p>
                  <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-2" aria-label="发言人">
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
            发言人
          </Link>
        </h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {people.map((p) => (
            <li key={p.id}>
              <Link
                href={speakerUrl(p.id)}
                className="flex items-center gap-2 rounded-full border border-stone-200 bg-white py-1 pl-1 pr-3 text-sm hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900"
              >
                <SpeakerAvatar id={p.id} name={p.name} size="sm" />
                {p.name}
                <span className="text-xs text-stone-400">{p.turnCount} 段</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="topics">
        <h2 id="topics" className="text-lg font-semibold">
          <Link href="/topics" className="hover:underline">
            话题
          </Link>
        </h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {topics.map((t) => (
            <li key={t.id}>
              <Link
                href={topicUrl(t.id)}
                className="inline-flex items-baseline gap-1.5 rounded-full border border-stone-200 bg-white px-3 py-1 text-sm hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900"
              >
                {t.name}
                <span className="text-xs text-stone-400">
                  {t.nameEn} · {t.turnCount}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
