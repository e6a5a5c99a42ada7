import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { useTranslations } from "next-intl";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadEpisodeOr404 } from "./_components/load-episode";
import { isFilterActive, parseReaderFilter } from "@/lib/reader/reader-filter";
import { findInTurns } from "@/lib/reader/find-in-episode";
import { parseRouteQuery } from "@/lib/route-params";
import type { EpisodeDTO, TurnDTO } from "@/lib/data/episodes";
import { Heatmap } from "@/components/charts/heatmap";
import { JsonLd } from "@/components/json-ld";
import { listQuotes, type QuoteDTO } from "@/lib/data/quotes";
import { blockLanguage, guessLanguage } from "@/lib/content-language";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { speechMatrix } from "@/lib/reader/speaker-stats";
import { chapterUrl, episodeUrl, exchangeUrl, questionsUrl, quoteUrl, siteUrl, turnPermalink } from "@/lib/urls";
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
import { FirstViewMark } from "@/components/turn-html";
import { StreamedAnchor } from "./_components/streamed-anchor";
import { TurnCopyLinks } from "@/components/turn-copy-links";
import { streamedParts, streamsChapters } from "@/lib/reader/streaming";
import { messageTemplate } from "@/i18n/message-template";
import { requestTurnHtmlChannel } from "@/lib/reader/turn-html-request";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = async (params: Props["params"]) => loadEpisodeOr404((await params).slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [episode, t, format] = await Promise.all([load(params), getTranslations("Reader"), getFormatter()]);
  const guests = episode.participants
    .filter((p) => p.role === "guest")
    .map((p) => p.name)
    .join(", ");
  const date = format.dateTime(new Date(episode.publishedAt), { dateStyle: "long" });
  const description = t("metaDescription", { show: episode.show.name, date, guests });
  return {
    title: episode.title,
    description,
    alternates: { canonical: episodeUrl(episode.slug) },
    openGraph: { title: episode.title, description, type: "article", url: episodeUrl(episode.slug) },
  };
}

export default async function EpisodeReaderPage({ params, searchParams }: Props) {
  const episode = await load(params);
  const [quotes, locale, t, common, format, listenT, bodies] = await Promise.all([
    listQuotes({ episode: episode.slug }),
    getLocale(),
    getTranslations("Reader"),
    getTranslations("Common"),
    getFormatter(),
    getTranslations("Listen"),
    requestTurnHtmlChannel(),
  ]);
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
  // A long chapter streams in parts (the first with the chapter): the order is chapter 1's later
  // parts, chapter 2 with its first part, chapter 2's later parts, …
  const parts = new Map(episode.chapters.map((chapter) => [chapter.number, streamedParts(chapter.turns, streamed)]));
  const turns = new Map<string, Promise<void>>();
  // The first streamed piece waits until the server-side rendering has rendered the first view (a
  // document request; at most FIRST_VIEW_WAIT_MS), so that rendering chapters does not hold it up.
  const firstViewRendered = bodies ? Promise.race([bodies.firstView, delay(FIRST_VIEW_WAIT_MS)]) : Promise.resolve();
  if (streamed)
    episode.chapters
      .flatMap((chapter, i) =>
        parts.get(chapter.number)!.flatMap((_, part) => (i === 0 && part === 0 ? [] : [`${chapter.number}/${part}`])),
      )
      .reduce((previous, key) => {
        const next = previous.then(nextMacrotask);
        turns.set(key, next);
        return next;
      }, firstViewRendered);
  const view = readerView(episode, parsed.filter, allTurns, locale);
  const found = findInTurns(allTurns, q);
  const kept: Array<[string, string]> = [
    ...view.filter.speakers.map((s): [string, string] => ["speaker", s]),
    ...view.filter.topics.map((t): [string, string] => ["topic", t]),
  ];
  const basePath = episodeUrl(episode.slug);
  // Times play from there, keeping the view (filters, find) they were clicked in.
  const listen = listening(
    episode,
    q ? [...kept, ["q", q]] : kept,
    moment,
    messageTemplate((time) => listenT("playFrom", { time })),
  );
  const lang = episode.language;
  // The plain view's turn cards are kept between requests (src/lib/reader/turn-card-cache.ts).
  const plainView = !isFilterActive(view.filter) && !q;

  return (
    <article data-episode={episode.slug} data-reader>
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
            name: chapterLabel(c, common("untitledChapter")),
            position: c.number,
            url: `${base}${chapterUrl(episode.slug, c.number)}`,
          })),
        }}
      />
      <nav aria-label={t("jumpLabel")} className="reader-jumps mb-3 flex flex-wrap gap-x-3 gap-y-1 text-sm" data-testid="reader-jumps">
        <a href="#transcript" className="jump-link">
          {t("jumpToTranscript")}
        </a>
        <a href="#filters" className="jump-link">
          {t("jumpToFilters")}
        </a>
        {episode.chapters
          .filter((chapter) => chapter.title)
          .map((chapter) => (
            <a key={chapter.number} href={`#chapter-${chapter.number}`} className="jump-link" data-jump-chapter={chapter.number}>
              {t("jumpToChapter", { n: chapter.number })}
            </a>
          ))}
      </nav>
      <p className="breadcrumb text-sm text-stone-600 dark:text-stone-400">
        <Link href="/" className="hover:underline">
          {t("breadcrumbLibrary")}
        </Link>{" "}
        / <span lang={guessLanguage(episode.show.name, lang)}>{episode.show.name}</span>
      </p>
      <h1 lang={lang} className="mt-2 text-2xl font-bold leading-snug sm:text-3xl">
        {episode.title}
      </h1>
      <dl className="episode-facts mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700 dark:text-stone-300">
        <div className="flex gap-1">
          <dt className="text-stone-600 dark:text-stone-400">{t("show")}</dt>
          <dd lang={guessLanguage(episode.show.name, lang)}>
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
          <dt className="text-stone-600 dark:text-stone-400">{t("published")}</dt>
          <dd>
            <time dateTime={episode.publishedAt}>{format.dateTime(new Date(episode.publishedAt), { dateStyle: "long" })}</time>
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-stone-600 dark:text-stone-400">{t("source")}</dt>
          <dd lang={guessLanguage(episode.source.name, lang)}>
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
          <dt className="text-stone-600 dark:text-stone-400">{t("length")}</dt>
          <dd data-testid="episode-length" data-turns={episode.turnCount} data-notes={episode.noteCount}>
            {t("lengthValue", { chapters: episode.chapterCount, turns: episode.turnCount, notes: episode.noteCount })}
          </dd>
        </div>
      </dl>
      {/* On paper: where this document lives and how to cite one turn (the screen has links). */}
      <div className="print-only print-url" data-testid="print-urls">
        <p>{t("printUrl", { url: `${base}${episodeUrl(episode.slug)}` })}</p>
        <p>
          {t.rich("printTurnLinks", {
            prefix: `${base}${turnPermalink(episode.slug, "")}`,
            id: (chunks) => <i>&lt;{chunks}&gt;</i>,
          })}
        </p>
      </div>

      {/* A filtered view is shared to show turns: the introduction folds away above the filter. */}
      {isFilterActive(view.filter) ? (
        <details className="episode-intro mt-6 rounded-xl border border-stone-200 px-4 py-2 dark:border-stone-800">
          <summary className="py-1 text-sm font-medium text-stone-700 dark:text-stone-300">{t("introFolded")}</summary>
          <EpisodeIntroduction episode={episode} quotes={quotes} listen={listen} />
        </details>
      ) : (
        <div className="episode-intro">
          <EpisodeIntroduction episode={episode} quotes={quotes} listen={listen} />
        </div>
      )}

      <div className="mt-8">
        <FilterBar basePath={basePath} view={view} />
        <div className="mt-3">
          <FindBar query={q} total={found.total} hidden={kept} />
        </div>
      </div>

      <div id="transcript" tabIndex={-1} aria-label={t("transcript")} role="region" className="outline-none">
        {episode.chapters.map((chapter, i) => {
          const turnsOf = (part: TurnDTO[]) => (
            <ChapterTurns
              turns={part}
              matches={view.matches}
              speakers={view.speakers}
              topicNames={view.topicNames}
              found={found.turns}
              language={lang}
              listen={listen?.turn}
              bodies={bodies}
              cache={plainView ? { episode, locale } : undefined}
            />
          );
          const [first, ...later] = parts.get(chapter.number)!;
          const section = (
            <ChapterSection key={chapter.number} chapter={chapter} language={lang}>
              {turnsOf(first!)}
              {/* A long chapter's later parts stream after it (docs/decisions.md, "Long episodes"). */}
              {later.map((part, n) => (
                <Suspense
                  key={n}
                  fallback={<ChapterPending slug={episode.slug} chapter={chapter} language={lang} count={part.length} part={n + 1} />}
                >
                  <AfterFirstFlush turn={turns.get(`${chapter.number}/${n + 1}`)!}>{turnsOf(part)}</AfterFirstFlush>
                </Suspense>
              ))}
            </ChapterSection>
          );
          // A long episode: the first chapter is in the first bytes, the others stream after them
          // in the same response (docs/decisions.md, "Long episodes").
          if (!streamed || i === 0) return section;
          return (
            <Suspense
              key={chapter.number}
              fallback={<ChapterPending slug={episode.slug} chapter={chapter} language={lang} count={chapter.turns.length} />}
            >
              <AfterFirstFlush turn={turns.get(`${chapter.number}/0`)!}>{section}</AfterFirstFlush>
            </Suspense>
          );
        })}
      </div>
      {listen && <ListenPlayer {...listen.player} />}
      {/* The turn cards' copy-link buttons (one listener for all: src/lib/reader/turn-card-html.ts). */}
      <TurnCopyLinks />
      {streamed && bodies && <FirstViewMark channel={bodies.id} />}
      {streamed && <StreamedAnchor />}
    </article>
  );
}

async function EpisodeIntroduction({ episode, quotes, listen }: { episode: EpisodeDTO; quotes: QuoteDTO[]; listen?: Listening }) {
  const [t, common, chart] = await Promise.all([getTranslations("Reader"), getTranslations("Common"), getTranslations("Chart")]);
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  const speakers = episode.participants;
  const lang = episode.language;
  const quotesByTurn = new Map<string, QuoteDTO[]>();
  for (const quote of quotes) quotesByTurn.set(quote.turnId, [...(quotesByTurn.get(quote.turnId) ?? []), quote]);
  const quotedTurns = [...quotesByTurn].sort((a, b) => b[1].length - a[1].length).slice(0, 3);
  return (
    <>
      <section aria-labelledby="summary" className="mt-6">
        <h2 id="summary" className="text-lg font-semibold">
          {t("summary")}
        </h2>
        <div
          lang={lang}
          className="prose-turn mt-2 text-stone-800 dark:text-stone-200"
          dangerouslySetInnerHTML={{ __html: episode.summaryHtml }}
        />
      </section>

      <section aria-labelledby="participants" className="mt-8">
        <h2 id="participants" className="mb-3 text-lg font-semibold">
          {t("participants")}
        </h2>
        <ParticipantList participants={episode.participants} language={lang} />
      </section>

      <section aria-labelledby="overview" className="episode-overview mt-8">
        <h2 id="overview" className="text-lg font-semibold">
          {t("overview")}
        </h2>
        <Heatmap
          id="chapter-speaker"
          title={t("heatmapTitle")}
          rows={episode.chapters.map((c) => common("chapterN", { n: c.number }))}
          columns={speakers.map((p) => p.name)}
          values={speechMatrix(
            episode.chapters,
            speakers.map((p) => p.id),
          )}
          unit={chart("unitCharacters")}
        />
        <div className="mt-4 grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="font-semibold">
              <Link href={questionsUrl(episode.slug)} className="hover:underline">
                {t("questionIndex", { count: exchanges.length })}
                <span aria-hidden="true"> →</span>
              </Link>
            </h3>
            <ol className="mt-1 space-y-1 text-sm">
              {exchanges.slice(0, 6).map((e) => (
                <li key={e.n}>
                  <Link href={exchangeUrl(episode.slug, e.n)} className="hover:underline">
                    <span className="font-mono text-xs text-stone-600 dark:text-stone-400">Q{e.n}</span>{" "}
                    {e.question ? (
                      <span lang={blockLanguage(e.question.text, lang)}>{excerpt(e.question.text, 36)}</span>
                    ) : (
                      common("noQuestion")
                    )}
                  </Link>
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h3 className="font-semibold">
              <Link href={`/quotes?episode=${episode.slug}`} className="hover:underline">
                {t("mostQuoted")}
                <span aria-hidden="true"> →</span>
              </Link>
            </h3>
            <ul className="mt-1 space-y-2 text-sm">
              {quotedTurns.map(([turnId, group]) => (
                <li key={turnId}>
                  <Link href={quoteUrl(group[0]!.id)} className="hover:underline" lang={blockLanguage(group[0]!.text, lang)}>
                    “{excerpt(group[0]!.text, 50)}”
                  </Link>
                  <span className="text-xs text-stone-600 dark:text-stone-400">
                    {" "}
                    — {group[0]!.speakerName} · {common("quoteCount", { count: group.length })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      {episode.chapters.some((c) => c.title) && (
        <nav aria-labelledby="toc" className="toc mt-8">
          <h2 id="toc" className="mb-2 text-lg font-semibold">
            {t("toc")}
          </h2>
          <ol className="space-y-1.5">
            {episode.chapters.map((chapter) => (
              <li key={chapter.number} data-toc-chapter={chapter.number} className="toc-chapter flex flex-wrap items-baseline gap-x-2">
                <a href={`#chapter-${chapter.number}`} className="hover:underline">
                  <span className="mr-2 font-mono text-sm text-stone-600 dark:text-stone-400">
                    {String(chapter.number).padStart(2, "0")}
                  </span>
                  <span lang={lang}>{chapter.title}</span>
                </a>
                <Link
                  href={chapterUrl(episode.slug, chapter.number)}
                  className="inline-flex min-h-6 items-center text-xs text-stone-600 underline underline-offset-2 dark:text-stone-400"
                >
                  {t("readChapter")}
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
                    <time className="font-mono text-xs text-stone-600 dark:text-stone-400">{formatClock(chapter.startMs)}</time>
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
  language,
  children,
}: {
  chapter: EpisodeDTO["chapters"][number];
  /** The episode's language, on its chapter titles and turns (the interface may be in another). */
  language: string;
  /** The chapter's turns (ChapterTurns, and the streamed parts of a long chapter). */
  children: ReactNode;
}) {
  const common = useTranslations("Common");
  return (
    <section
      id={`chapter-${chapter.number}`}
      aria-labelledby={chapter.title ? `chapter-${chapter.number}-title` : undefined}
      aria-label={chapter.title ? undefined : common("untitledChapter")}
      data-chapter={chapter.number}
      className="chapter mt-10 scroll-mt-4 sm:scroll-mt-24"
    >
      {/* The one chapter of a transcript without chapter headings has no title: no heading. */}
      {chapter.title && (
        <h2
          id={`chapter-${chapter.number}-title`}
          className="chapter-title border-b border-stone-200 pb-2 text-xl font-bold dark:border-stone-800"
        >
          <span className="mr-2 font-mono text-stone-600 dark:text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
          <span lang={language}>{chapter.title}</span>
        </h2>
      )}
      {chapter.tocTitle && (
        <p className="mt-1 text-xs text-stone-600 dark:text-stone-400">
          {common.rich("tocTitle", { title: chapter.tocTitle, content: (chunks) => <span lang={language}>{chunks}</span> })}
        </p>
      )}
      {children}
    </section>
  );
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** How long streamed chapters wait for the first view at most (a rendering that stalls). */
const FIRST_VIEW_WAIT_MS = 200;

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

/**
 * What stands for a chapter (or a later part of a long chapter) until it arrives (with JavaScript
 * off it is hidden: globals.css).
 */
function ChapterPending({
  slug,
  chapter,
  language,
  count,
  part,
}: {
  slug: string;
  chapter: EpisodeDTO["chapters"][number];
  language: string;
  /** The turns it stands for. */
  count: number;
  /** A later part of the chapter (1, 2, …): no heading, the chapter's is on the page. */
  part?: number;
}) {
  const t = useTranslations("Reader");
  const common = useTranslations("Common");
  return (
    <div data-chapter-pending={chapter.number} data-part={part} className="mt-10 text-sm text-stone-600 dark:text-stone-400">
      {part === undefined && (
        <p className="border-b border-stone-200 pb-2 text-xl font-bold dark:border-stone-800">
          <span className="mr-2 font-mono">{String(chapter.number).padStart(2, "0")}</span>
          {chapter.title ? <span lang={language}>{chapter.title}</span> : common("untitledChapter")}
        </p>
      )}
      <p className="mt-2">
        {t("chapterLoading", { count })}{" "}
        <Link href={chapterUrl(slug, chapter.number)} className="underline">
          {t("readThisChapter")}
        </Link>
      </p>
    </div>
  );
}
