import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/pager";
import { TurnCard } from "@/components/turn-card";
import { EpisodeBreadcrumb, speakersOf } from "../../_components/episode-breadcrumb";
import { getEpisode } from "@/lib/data/episodes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { EpisodeSlugParam, parseRouteQuery, TurnIdParam } from "@/lib/route-params";
import { highlightRanges } from "@/lib/search/highlight";
import { nearPlan, scoreNear } from "@/lib/search/near-match";
import { parseQuery } from "@/lib/search/parse-query";
import { topicName } from "@/lib/topic-name";
import { chapterUrl, exchangeUrl, questionsUrl, siteUrl, turnInReader, turnPermalink } from "@/lib/urls";
import { ListenLink } from "@/components/listen-link";
import { formatClock } from "@/lib/content/times";

type Props = {
  params: Promise<{ slug: string; turnId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(params: Props["params"]) {
  const raw = await params;
  const slug = EpisodeSlugParam.safeParse(raw.slug);
  const turnId = TurnIdParam.safeParse(decodeURIComponent(raw.turnId));
  if (!slug.success || !turnId.success) notFound();
  const episode = await getEpisode(slug.data);
  const turns = episode?.chapters.flatMap((c) => c.turns) ?? [];
  const index = turns.findIndex((t) => t.turnId === turnId.data);
  if (!episode || index === -1) notFound();
  return { episode, turns, index, turn: turns[index]! };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ episode, turn }, t, common, site] = await Promise.all([
    load(params),
    getTranslations("Permalink"),
    getTranslations("Common"),
    getTranslations("Site"),
  ]);
  const speaker = episode.participants.find((p) => p.id === turn.speakerId);
  const who = speaker ? speaker.name : common("editorNote");
  const title = t("metaTitle", { who, excerpt: excerpt(turn.text, 40) });
  const description = t("metaDescription", {
    who,
    episode: episode.title,
    show: episode.show.name,
    n: turn.chapterNumber,
    excerpt: excerpt(turn.text),
  });
  const url = turnPermalink(episode.slug, turn.turnId);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { title, description, type: "article", url, siteName: site("name") },
    twitter: { card: "summary", title, description },
  };
}

export default async function TurnPermalinkPage({ params, searchParams }: Props) {
  const [{ episode, turns, index, turn }, t, common, locale, listenT] = await Promise.all([
    load(params),
    getTranslations("Permalink"),
    getTranslations("Common"),
    getLocale(),
    getTranslations("Listen"),
  ]);
  // Arriving from a search (?q=…): mark what matched, and #match-1 scrolls to the first match.
  const parsedRoute = parseRouteQuery("/episodes/[slug]/turns/[turnId]", await searchParams);
  const query = parsedRoute.ok ? parsedRoute.data.q : "";
  // A near match (search's 近似结果) has no exact occurrence: mark the query's words it holds.
  const parsedQuery = parseQuery(query);
  const exactRanges = query ? highlightRanges(turn.text, parsedQuery) : [];
  const plan = exactRanges.length === 0 ? nearPlan(parsedQuery) : null;
  const ranges = plan ? (scoreNear(turn.text, plan)?.highlights ?? []) : exactRanges;
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((topic) => [topic.id, topicName(topic, locale)]));
  const exchanges = groupExchanges(turns);
  const exchangeIndex = exchanges.findIndex((e) => e.n === turn.exchange);
  const exchange = exchanges[exchangeIndex];
  const previousExchange = exchanges[exchangeIndex - 1];
  const nextExchange = exchanges[exchangeIndex + 1];
  const context = exchange ? [...(exchange.question ? [exchange.question] : []), ...exchange.answers] : [turn];
  const chapter = episode.chapters.find((c) => c.number === turn.chapterNumber)!;
  const previous = turns[index - 1];
  const next = turns[index + 1];
  const isQuestion = exchange?.question?.turnId === turn.turnId;
  const lang = episode.language;

  return (
    <article data-permalink={turn.turnId}>
      <EpisodeBreadcrumb episode={episode} chapter={chapter} />
      <h1 className="sr-only">
        {t("heading", { who: speakers.get(turn.speakerId ?? "")?.name ?? common("editorNote"), n: chapter.number })}
      </h1>
      <div className="mt-4 rounded-2xl border border-stone-200 bg-white px-4 shadow-sm dark:border-stone-800 dark:bg-stone-900">
        <TurnCard
          turn={turn}
          speaker={speakers.get(turn.speakerId ?? "") ?? null}
          topicNames={topicNames}
          language={lang}
          anchorHref={turnInReader(episode.slug, turn.turnId)}
          highlight={ranges.length > 0 ? { text: turn.text, ranges } : undefined}
        />
      </div>
      <p className="print-only print-url">{`${siteUrl()}${turnPermalink(episode.slug, turn.turnId)}`}</p>
      <p className="mt-3 flex flex-wrap items-center gap-4 text-sm">
        {episode.audio && turn.startMs !== null && (
          <ListenLink
            slug={episode.slug}
            moment={{ start: turn.startMs / 1000, end: null }}
            turnId={turn.turnId}
            label={listenT("listenFromHere", { time: formatClock(turn.startMs) })}
          />
        )}
        {/* Plain links (a full navigation), so the browser marks the turn as :target. */}
        <a href={turnInReader(episode.slug, turn.turnId)} className="font-medium underline underline-offset-2" data-testid="in-reader">
          {t("inReader")}
          <span aria-hidden="true"> →</span>
        </a>
        <a
          href={`${chapterUrl(episode.slug, chapter.number)}#${turn.turnId}`}
          className="underline underline-offset-2"
          data-testid="in-chapter"
        >
          {t("inChapter")}
        </a>
      </p>

      {context.length > 1 && (
        <section aria-labelledby="exchange" className="mt-10">
          <h2 id="exchange" className="text-lg font-semibold" data-testid="exchange-heading" data-is-question={isQuestion ? "" : undefined}>
            {isQuestion ? t("answersGot") : t("questionAnswered")}
          </h2>
          <p className="flex flex-wrap gap-3 text-xs text-stone-600 dark:text-stone-400">
            <Link
              href={exchangeUrl(episode.slug, exchange!.n)}
              className="underline underline-offset-2"
              data-testid="exchange-link"
              data-exchange={exchange!.n}
            >
              {common("questionN", { n: exchange!.n })}
            </Link>
            {previousExchange && (
              <Link
                href={exchangeUrl(episode.slug, previousExchange.n)}
                rel="prev"
                className="underline underline-offset-2"
                data-testid="previous-exchange"
              >
                <span aria-hidden="true">← </span>
                {t("previousQuestion")}
              </Link>
            )}
            {nextExchange && (
              <Link
                href={exchangeUrl(episode.slug, nextExchange.n)}
                rel="next"
                className="underline underline-offset-2"
                data-testid="next-exchange"
              >
                {t("nextQuestion")}
                <span aria-hidden="true"> →</span>
              </Link>
            )}
            <Link href={questionsUrl(episode.slug)} className="underline underline-offset-2">
              {t("allQuestions")}
            </Link>
          </p>
          <div className="mt-2 divide-y divide-stone-200 dark:divide-stone-800" data-testid="exchange">
            {context.map((c) =>
              c.turnId === turn.turnId ? (
                <div key={c.turnId} className="py-3 text-sm text-stone-600 dark:text-stone-400" data-current-turn>
                  {t("currentTurn")}
                </div>
              ) : (
                <TurnCard
                  key={c.turnId}
                  turn={c}
                  speaker={speakers.get(c.speakerId ?? "") ?? null}
                  language={lang}
                  anchorHref={turnPermalink(episode.slug, c.turnId)}
                />
              ),
            )}
          </div>
        </section>
      )}

      <div className="mt-10">
        <Pager
          label={t("neighbours")}
          previous={previous && { href: turnPermalink(episode.slug, previous.turnId), label: t("previousTurn") }}
          next={next && { href: turnPermalink(episode.slug, next.turnId), label: t("nextTurn") }}
        />
      </div>
    </article>
  );
}
