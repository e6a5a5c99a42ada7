import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/pager";
import { getEpisode } from "@/lib/data/episodes";
import { messageTemplate } from "@/i18n/message-template";
import { parseReaderFilter } from "@/lib/reader/reader-filter";
import { ChapterNumberParam, EpisodeSlugParam, parseRouteQuery } from "@/lib/route-params";
import { chapterUrl, siteUrl, turnPermalink } from "@/lib/urls";
import { ChapterTurns } from "../../_components/chapter-turns";
import { EpisodeBreadcrumb } from "../../_components/episode-breadcrumb";
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
  const [{ episode, chapter }, t, common] = await Promise.all([load(params), getTranslations("Chapter"), getTranslations("Common")]);
  return {
    title: `${chapterLabel(chapter, common("untitledChapter"))} · ${episode.title}`,
    description: chapter.title
      ? t("metaDescription", { show: episode.show.name, episode: episode.title, n: chapter.number, title: chapter.title })
      : t("metaDescriptionUntitled", { show: episode.show.name, episode: episode.title }),
    alternates: { canonical: chapterUrl(episode.slug, chapter.number) },
  };
}

export default async function ChapterPage({ params, searchParams }: Props) {
  const [{ episode, index, chapter }, locale, t, common, reader, listenT] = await Promise.all([
    load(params),
    getLocale(),
    getTranslations("Chapter"),
    getTranslations("Common"),
    getTranslations("Reader"),
    getTranslations("Listen"),
  ]);
  const query = await searchParams;
  const parsed = parseReaderFilter(query);
  if (!parsed.ok) notFound();
  const view = readerView(episode, parsed.filter, chapter.turns, locale);
  const route = parseRouteQuery("/episodes/[slug]/chapters/[number]", query);
  const kept: Array<[string, string]> = [
    ...view.filter.speakers.map((s): [string, string] => ["speaker", s]),
    ...view.filter.topics.map((t): [string, string] => ["topic", t]),
  ];
  const listen = listening(
    episode,
    kept,
    route.ok ? route.data.t : null,
    messageTemplate((time) => listenT("playFrom", { time })),
  );
  const previous = episode.chapters[index - 1];
  const next = episode.chapters[index + 1];
  const lang = episode.language;
  const chapterLink = (c: { number: number; title: string } | undefined) =>
    c && { href: chapterUrl(episode.slug, c.number), label: chapterLabel(c, common("untitledChapter")), lang: c.title ? lang : undefined };
  // Two of them (top and end of page), each a navigation landmark with its own name.
  const pager = (label: string) => <Pager label={label} kind="chapter" previous={chapterLink(previous)} next={chapterLink(next)} />;
  return (
    <article data-episode={episode.slug} data-chapter={chapter.number} data-reader>
      <EpisodeBreadcrumb episode={episode} />
      <h1 className="chapter-title mt-2 text-2xl font-bold">
        {chapter.title ? (
          <>
            <span className="mr-2 font-mono text-stone-600 dark:text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
            <span lang={lang}>{chapter.title}</span>
          </>
        ) : (
          common("untitledChapter")
        )}
      </h1>
      {chapter.tocTitle && (
        <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
          {common.rich("tocTitle", { title: chapter.tocTitle, content: (chunks) => <span lang={lang}>{chunks}</span> })}
        </p>
      )}
      <div className="print-only print-url">
        <p>{reader("printUrl", { url: `${siteUrl()}${chapterUrl(episode.slug, chapter.number)}` })}</p>
        <p>
          {reader.rich("printTurnLinks", {
            prefix: `${siteUrl()}${turnPermalink(episode.slug, "")}`,
            id: (chunks) => <i>&lt;{chunks}&gt;</i>,
          })}
        </p>
      </div>
      <div className="mt-4">{pager(t("pager"))}</div>
      <div className="mt-4">
        <FilterBar basePath={chapterUrl(episode.slug, chapter.number)} view={view} />
      </div>
      <div id="transcript" tabIndex={-1} className="outline-none">
        <ChapterTurns
          turns={chapter.turns}
          matches={view.matches}
          speakers={view.speakers}
          topicNames={view.topicNames}
          language={lang}
          listen={listen?.turn}
        />
      </div>
      <div className="mt-8">{pager(t("pagerBottom"))}</div>
      {listen && <ListenPlayer {...listen.player} />}
    </article>
  );
}
