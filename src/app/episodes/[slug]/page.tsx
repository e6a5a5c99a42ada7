import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadEpisodeOr404 } from "./_components/load-episode";
import { isFilterActive, parseReaderFilter } from "@/lib/reader/reader-filter";
import { findInTurns } from "@/lib/reader/find-in-episode";
import { parseRouteQuery } from "@/lib/route-params";
import type { EpisodeDTO, TurnDTO } from "@/lib/data/episodes";
import { Heatmap } from "@/components/charts/heatmap";
import { JsonLd } from "@/components/json-ld";
import { listQuotes, type QuoteDTO } from "@/lib/data/quotes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { speechMatrix } from "@/lib/reader/speaker-stats";
import { chapterUrl, episodeUrl, exchangeUrl, questionsUrl, quoteUrl, siteUrl } from "@/lib/urls";
import { ChapterTurns } from "./_components/chapter-turns";
import { FilterBar } from "./_components/filter-bar";
import { FindBar } from "./_components/find-bar";
import { ParticipantList } from "./_components/participant-list";
import { readerView } from "./_components/reader-view";
import { EpisodeFacts } from "./_components/episode-facts";
import { ListenPlayer } from "./_components/listen-player";
import { listening, type Listening } from "./_components/listening";
import { chapterLabel } from "@/lib/reader/chapter-label";
import { formatClock } from "@/lib/content/times";
import { Suspense, type ReactNode } from "react";
import type { Range } from "@/lib/search/highlight";
import type { TurnCardSpeaker, TurnListen } from "@/components/turn-card";
import { streamsChapters } from "@/lib/reader/streaming";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = async (params: Props["params"]) => loadEpisodeOr404((await params).slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const episode = await load(params);
  const guests = episode.participants
    .filter((p) => p.role === "guest")
    .map((p) => p.name)
    .join("、");
  const description = `${episode.show.name} · ${episode.publishedAt} · 嘉宾:${guests}`;
  return {
    title: episode.title,
    description,
    alternates: { canonical: episodeUrl(episode.slug) },
    openGraph: { title: episode.title, description, type: "article", url: episodeUrl(episode.slug) },
  };
}

export default async function EpisodeReaderPage({ params, searchParams }: Props) {
  const episode = await load(params);
  const quotes = await listQuotes({ episode: episode.slug });
  const base = siteUrl();
  const query = await searchParams;
  const parsed = parseReaderFilter(query);
  const find = parseRouteQuery("/episodes/[slug]", query);
  const q = find.ok ? find.data.q : "";
  const moment = find.ok ? find.data.t : null;
  if (!parsed.ok) notFound(); // the proxy answers 400 first; this is a second line of defence
  const allTurns = episode.chapters.flatMap((c) => c.turns);
  // A filtered view is not streamed: its folds (<details>) inside a streamed chapter were parsed
  // out of their section in Chromium (found by tests/e2e/long-episode.spec.ts; not yet understood).
  const streamed = streamsChapters(episode.turnCount) && !isFilterActive(parsed.filter);
  // A streamed chapter renders when its turn comes: one chapter per macrotask, in order, after the
  // first view (AfterFirstFlush).
  const turns = new Map<number, Promise<void>>();
  if (streamed)
    episode.chapters.slice(1).reduce((previous, chapter) => {
      const next = previous.then(nextMacrotask);
      turns.set(chapter.number, next);
      return next;
    }, Promise.resolve());
  const view = readerView(episode, parsed.filter, allTurns);
  const found = findInTurns(allTurns, q);
  const kept: Array<[string, string]> = [
    ...view.filter.speakers.map((s): [string, string] => ["speaker", s]),
    ...view.filter.topics.map((t): [string, string] => ["topic", t]),
  ];
  const basePath = episodeUrl(episode.slug);
  // Times play from there, keeping the view (filters, find) they were clicked in.
  const listen = listening(episode, q ? [...kept, ["q", q]] : kept, moment);

  return (
    <article data-episode={episode.slug}>
      <JsonLd
        data={{
          "@type": "PodcastEpisode",
          name: episode.title,
          url: `${base}${episodeUrl(episode.slug)}`,
          datePublished: episode.publishedAt,
          inLanguage: episode.language,
          partOfSeries: { "@type": "PodcastSeries", name: episode.show.name, url: episode.show.url ?? undefined },
          actor: episode.participants.map((p) => ({ "@type": "Person", name: p.name, url: `${base}/speakers/${p.id}` })),
          hasPart: episode.chapters.map((c) => ({
            "@type": "CreativeWork",
            name: chapterLabel(c),
            position: c.number,
            url: `${base}${chapterUrl(episode.slug, c.number)}`,
          })),
        }}
      />
      <p className="text-sm text-stone-500 dark:text-stone-400">
        <Link href="/" className="hover:underline">
          节目
        </Link>{" "}
        / {episode.show.name}
      </p>
      <h1 className="mt-2 text-2xl font-bold leading-snug sm:text-3xl">{episode.title}</h1>
      <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-600 dark:text-stone-300">
        <div className="flex gap-1">
          <dt className="text-stone-400">节目</dt>
          <dd>
            {episode.show.url ? (
              <a href={episode.show.url} className="underline">
                {episode.show.name}
              </a>
            ) : (
              episode.show.name
            )}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-stone-400">发布</dt>
          <dd>
            <time dateTime={episode.publishedAt}>{episode.publishedAt}</time>
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-stone-400">来源</dt>
          <dd>
            {episode.source.url ? (
              <a href={episode.source.url} className="underline" rel="noopener noreferrer">
                {episode.source.name}
              </a>
            ) : (
              episode.source.name
            )}
          </dd>
        </div>
        <EpisodeFacts episode={episode} />
        <div className="flex gap-1">
          <dt className="text-stone-400">篇幅</dt>
          <dd>
            {episode.chapterCount} 章 · {episode.turnCount} 段
          </dd>
        </div>
      </dl>

      {/* A filtered view is shared to show turns: the introduction folds away above the filter. */}
      {isFilterActive(view.filter) ? (
        <details className="mt-6 rounded-xl border border-stone-200 px-4 py-2 dark:border-stone-800">
          <summary className="py-1 text-sm font-medium text-stone-600 dark:text-stone-300">导读、嘉宾与目录</summary>
          <EpisodeIntroduction episode={episode} quotes={quotes} listen={listen} />
        </details>
      ) : (
        <EpisodeIntroduction episode={episode} quotes={quotes} listen={listen} />
      )}

      <div className="mt-8">
        <FilterBar basePath={basePath} view={view} />
        <div className="mt-3">
          <FindBar query={q} total={found.total} hidden={kept} />
        </div>
      </div>

      {episode.chapters.map((chapter, i) => {
        const section = (
          <ChapterSection
            key={chapter.number}
            chapter={chapter}
            matches={view.matches}
            speakers={view.speakers}
            topicNames={view.topicNames}
            found={found.turns}
            listen={listen?.turn}
          />
        );
        // A long episode: the first chapter is in the first bytes, the others stream after them
        // in the same response (docs/decisions.md, "Long episodes").
        if (!streamed || i === 0) return section;
        return (
          <Suspense key={chapter.number} fallback={<ChapterPending slug={episode.slug} chapter={chapter} />}>
            <AfterFirstFlush turn={turns.get(chapter.number)!}>{section}</AfterFirstFlush>
          </Suspense>
        );
      })}
      {listen && <ListenPlayer {...listen.player} />}
    </article>
  );
}

function EpisodeIntroduction({ episode, quotes, listen }: { episode: EpisodeDTO; quotes: QuoteDTO[]; listen?: Listening }) {
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  const speakers = episode.participants;
  const quotesByTurn = new Map<string, QuoteDTO[]>();
  for (const quote of quotes) quotesByTurn.set(quote.turnId, [...(quotesByTurn.get(quote.turnId) ?? []), quote]);
  const quotedTurns = [...quotesByTurn].sort((a, b) => b[1].length - a[1].length).slice(0, 3);
  return (
    <>
      <section aria-labelledby="summary" className="mt-6">
        <h2 id="summary" className="text-lg font-semibold">
          导读
        </h2>
        <div className="prose-turn mt-2 text-stone-700 dark:text-stone-300" dangerouslySetInnerHTML={{ __html: episode.summaryHtml }} />
      </section>

      <section aria-labelledby="participants" className="mt-8">
        <h2 id="participants" className="mb-3 text-lg font-semibold">
          本期嘉宾与主持
        </h2>
        <ParticipantList participants={episode.participants} />
      </section>

      <section aria-labelledby="overview" className="mt-8">
        <h2 id="overview" className="text-lg font-semibold">
          概览
        </h2>
        <Heatmap
          id="chapter-speaker"
          title="谁在哪一章说话:各章 × 发言人的字数"
          rows={episode.chapters.map((c) => `第 ${c.number} 章`)}
          columns={speakers.map((p) => p.name)}
          values={speechMatrix(
            episode.chapters,
            speakers.map((p) => p.id),
          )}
          unit="字"
        />
        <div className="mt-4 grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="font-semibold">
              <Link href={questionsUrl(episode.slug)} className="hover:underline">
                问题索引({exchanges.length})→
              </Link>
            </h3>
            <ol className="mt-1 space-y-1 text-sm">
              {exchanges.slice(0, 6).map((e) => (
                <li key={e.n}>
                  <Link href={exchangeUrl(episode.slug, e.n)} className="hover:underline">
                    <span className="font-mono text-xs text-stone-400">Q{e.n}</span>{" "}
                    {e.question ? excerpt(e.question.text, 36) : "(无提问)"}
                  </Link>
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h3 className="font-semibold">
              <Link href={`/quotes?episode=${episode.slug}`} className="hover:underline">
                引用最多的段落 →
              </Link>
            </h3>
            <ul className="mt-1 space-y-2 text-sm">
              {quotedTurns.map(([turnId, group]) => (
                <li key={turnId}>
                  <Link href={quoteUrl(group[0]!.id)} className="hover:underline">
                    “{excerpt(group[0]!.text, 50)}”
                  </Link>
                  <span className="text-xs text-stone-500">
                    {" "}
                    — {group[0]!.speakerName} · {group.length} 句
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {episode.chapters.some((c) => c.title) && (
        <nav aria-labelledby="toc" className="mt-8">
          <h2 id="toc" className="mb-2 text-lg font-semibold">
            目录
          </h2>
          <ol className="space-y-1.5">
            {episode.chapters.map((chapter) => (
              <li key={chapter.number} data-toc-chapter={chapter.number} className="toc-chapter flex flex-wrap items-baseline gap-x-2">
                <a href={`#chapter-${chapter.number}`} className="hover:underline">
                  <span className="mr-2 font-mono text-sm text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
                  {chapter.title}
                </a>
                <Link
                  href={chapterUrl(episode.slug, chapter.number)}
                  className="text-xs text-stone-500 underline-offset-2 hover:underline dark:text-stone-400"
                >
                  单独阅读
                </Link>
                {chapter.startMs !== null &&
                  (listen ? (
                    <a
                      href={listen.chapterHref(chapter.startMs / 1000, chapter.number)}
                      data-seek={chapter.startMs / 1000}
                      aria-label={listen.turn.playFromLabel(formatClock(chapter.startMs))}
                      className="turn-play"
                    >
                      <svg aria-hidden="true" viewBox="0 0 12 12" className="size-2.5 fill-current">
                        <path d="M2.5 1.5v9l8-4.5z" />
                      </svg>
                      {formatClock(chapter.startMs)}
                    </a>
                  ) : (
                    <time className="font-mono text-xs text-stone-500 dark:text-stone-400">{formatClock(chapter.startMs)}</time>
                  ))}
              </li>
            ))}
          </ol>
        </nav>
      )}
    </>
  );
}

function ChapterSection({
  chapter,
  matches,
  speakers,
  topicNames,
  found,
  listen,
}: {
  chapter: EpisodeDTO["chapters"][number];
  matches: (turn: TurnDTO) => boolean;
  speakers: Map<string, TurnCardSpeaker>;
  topicNames: Map<string, string>;
  found: Map<string, { ranges: Range[]; firstId: number }>;
  listen?: TurnListen;
}) {
  return (
    <section
      id={`chapter-${chapter.number}`}
      aria-labelledby={chapter.title ? `chapter-${chapter.number}-title` : undefined}
      aria-label={chapter.title ? undefined : chapterLabel(chapter)}
      className="mt-10 scroll-mt-40"
    >
      {/* The one chapter of a transcript without chapter headings has no title: no heading. */}
      {chapter.title && (
        <h2 id={`chapter-${chapter.number}-title`} className="border-b border-stone-200 pb-2 text-xl font-bold dark:border-stone-800">
          <span className="mr-2 font-mono text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
          {chapter.title}
        </h2>
      )}
      {chapter.tocTitle && <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">目录中作:{chapter.tocTitle}</p>}
      <ChapterTurns turns={chapter.turns} matches={matches} speakers={speakers} topicNames={topicNames} found={found} listen={listen} />
    </section>
  );
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Renders its children when `turn` resolves: a macrotask after the page's first pass (header,
 * introduction, table of contents, first chapter) and after the chapter before, so that React
 * writes the first view out first and each later chapter's rendering lets the response go on
 * (rendering them all in one task held the first bytes until every chapter was rendered).
 */
async function AfterFirstFlush({ turn, children }: { turn: Promise<void>; children: ReactNode }) {
  await turn;
  return <>{children}</>;
}

/** What stands for a chapter until it arrives (with JavaScript off it is hidden: globals.css). */
function ChapterPending({ slug, chapter }: { slug: string; chapter: EpisodeDTO["chapters"][number] }) {
  return (
    <div data-chapter-pending={chapter.number} className="mt-10 text-sm text-stone-500 dark:text-stone-400">
      <p className="border-b border-stone-200 pb-2 text-xl font-bold text-stone-400 dark:border-stone-800">
        <span className="mr-2 font-mono">{String(chapter.number).padStart(2, "0")}</span>
        {chapter.title ?? chapterLabel(chapter)}
      </p>
      <p className="mt-2">
        正在载入 {chapter.turns.length} 段……{" "}
        <Link href={chapterUrl(slug, chapter.number)} className="underline">
          单独阅读此章
        </Link>
      </p>
    </div>
  );
}
