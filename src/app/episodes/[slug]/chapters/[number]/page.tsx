import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pager } from "@/components/pager";
import { getEpisode } from "@/lib/data/episodes";
import { parseReaderFilter } from "@/lib/reader/reader-filter";
import { ChapterNumberParam, EpisodeSlugParam, parseRouteQuery } from "@/lib/route-params";
import { chapterUrl, episodeUrl } from "@/lib/urls";
import { ChapterTurns } from "../../_components/chapter-turns";
import { FilterBar } from "../../_components/filter-bar";
import { readerView } from "../../_components/reader-view";
import { ListenPlayer } from "../../_components/listen-player";
import { listening } from "../../_components/listening";
import { chapterLabel } from "@/lib/reader/chapter-label";

type Props = {
  params: Promise<{ slug: string; number: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(params: Props["params"]) {
  const raw = await params;
  const slug = EpisodeSlugParam.safeParse(raw.slug);
  const number = ChapterNumberParam.safeParse(raw.number);
  if (!slug.success || !number.success) notFound();
  const episode = await getEpisode(slug.data);
  const index = episode?.chapters.findIndex((c) => c.number === number.data) ?? -1;
  if (!episode || index === -1) notFound();
  return { episode, index, chapter: episode.chapters[index]! };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { episode, chapter } = await load(params);
  return {
    title: `${chapterLabel(chapter)} · ${episode.title}`,
    description: chapter.title ? `${episode.show.name}《${episode.title}》第 ${chapter.number} 章:${chapter.title}` : `${episode.show.name}《${episode.title}》`,
    alternates: { canonical: chapterUrl(episode.slug, chapter.number) },
  };
}

export default async function ChapterPage({ params, searchParams }: Props) {
  const { episode, index, chapter } = await load(params);
  const query = await searchParams;
  const parsed = parseReaderFilter(query);
  if (!parsed.ok) notFound();
  const view = readerView(episode, parsed.filter, chapter.turns);
  const route = parseRouteQuery("/episodes/[slug]/chapters/[number]", query);
  const kept: Array<[string, string]> = [
    ...view.filter.speakers.map((s): [string, string] => ["speaker", s]),
    ...view.filter.topics.map((t): [string, string] => ["topic", t]),
  ];
  const listen = listening(episode, kept, route.ok ? route.data.t : null);
  const previous = episode.chapters[index - 1];
  const next = episode.chapters[index + 1];
  const chapterLink = (c: { number: number; title: string } | undefined) =>
    c && { href: chapterUrl(episode.slug, c.number), label: chapterLabel(c) };
  const pager = <Pager label="章节翻页" previous={chapterLink(previous)} next={chapterLink(next)} />;
  return (
    <article data-episode={episode.slug} data-chapter={chapter.number}>
      <p className="text-sm text-stone-500 dark:text-stone-400">
        <Link href={episodeUrl(episode.slug)} className="hover:underline">
          {episode.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        {chapter.title ? (
          <>
            <span className="mr-2 font-mono text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
            {chapter.title}
          </>
        ) : (
          chapterLabel(chapter)
        )}
      </h1>
      {chapter.tocTitle && <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">目录中作:{chapter.tocTitle}</p>}
      <div className="mt-4">{pager}</div>
      <div className="mt-4">
        <FilterBar basePath={chapterUrl(episode.slug, chapter.number)} view={view} />
      </div>
      <ChapterTurns
        turns={chapter.turns}
        matches={view.matches}
        speakers={view.speakers}
        topicNames={view.topicNames}
        listen={listen?.turn}
      />
      <div className="mt-8">{pager}</div>
      {listen && <ListenPlayer {...listen.player} />}
    </article>
  );
}
