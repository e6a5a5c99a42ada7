import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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
import { chapterUrl, exchangeUrl, questionsUrl, turnInReader, turnPermalink } from "@/lib/urls";
import { ListenLink } from "@/components/listen-link";
import { formatClock } from "@/lib/content/times";
import { LISTEN_MESSAGES, listenText } from "@/lib/listen/listen-messages";

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
  const { episode, turn } = await load(params);
  const speaker = episode.participants.find((p) => p.id === turn.speakerId);
  const who = speaker ? speaker.name : "编者注";
  const title = `${who}:${excerpt(turn.text, 40)}`;
  const description = `${who}在《${episode.title}》(${episode.show.name})第 ${turn.chapterNumber} 章:${excerpt(turn.text)}`;
  const url = turnPermalink(episode.slug, turn.turnId);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { title, description, type: "article", url, siteName: "播客知识库" },
    twitter: { card: "summary", title, description },
  };
}

export default async function TurnPermalinkPage({ params, searchParams }: Props) {
  const { episode, turns, index, turn } = await load(params);
  // Arriving from a search (?q=…): mark what matched, and #match-1 scrolls to the first match.
  const parsedRoute = parseRouteQuery("/episodes/[slug]/turns/[turnId]", await searchParams);
  const query = parsedRoute.ok ? parsedRoute.data.q : "";
  // A near match (search's 近似结果) has no exact occurrence: mark the query's words it holds.
  const parsedQuery = parseQuery(query);
  const exactRanges = query ? highlightRanges(turn.text, parsedQuery) : [];
  const plan = exactRanges.length === 0 ? nearPlan(parsedQuery) : null;
  const ranges = plan ? (scoreNear(turn.text, plan)?.highlights ?? []) : exactRanges;
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((t) => [t.id, t.name]));
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

  return (
    <article data-permalink={turn.turnId}>
      <EpisodeBreadcrumb episode={episode} chapter={chapter} />
      <div className="mt-4 rounded-2xl border border-stone-200 bg-white px-4 shadow-sm dark:border-stone-800 dark:bg-stone-900">
        <TurnCard
          turn={turn}
          speaker={speakers.get(turn.speakerId ?? "") ?? null}
          topicNames={topicNames}
          anchorHref={turnInReader(episode.slug, turn.turnId)}
          highlight={ranges.length > 0 ? { text: turn.text, ranges } : undefined}
        />
      </div>
      <p className="mt-3 flex flex-wrap items-center gap-4 text-sm">
        {episode.audio && turn.startMs !== null && (
          <ListenLink
            slug={episode.slug}
            moment={{ start: turn.startMs / 1000, end: null }}
            turnId={turn.turnId}
            label={listenText(LISTEN_MESSAGES["zh-CN"])("listenFromHere", { time: formatClock(turn.startMs) })}
          />
        )}
        {/* Plain links (a full navigation), so the browser marks the turn as :target. */}
        <a href={turnInReader(episode.slug, turn.turnId)} className="font-medium underline underline-offset-2" data-testid="in-reader">
          在全文中查看这一段 →
        </a>
        <a href={`${chapterUrl(episode.slug, chapter.number)}#${turn.turnId}`} className="underline underline-offset-2">
          在本章中查看
        </a>
      </p>

      {context.length > 1 && (
        <section aria-labelledby="exchange" className="mt-10">
          <h2 id="exchange" className="text-lg font-semibold">
            {isQuestion ? "这个问题得到的回答" : "这一段所回答的问题"}
          </h2>
          <p className="flex flex-wrap gap-3 text-xs text-stone-500 dark:text-stone-400">
            <Link href={exchangeUrl(episode.slug, exchange!.n)} className="underline underline-offset-2" data-testid="exchange-link">
              问题 {exchange!.n}
            </Link>
            {previousExchange && (
              <Link href={exchangeUrl(episode.slug, previousExchange.n)} rel="prev" className="underline underline-offset-2">
                ← 上一个问题
              </Link>
            )}
            {nextExchange && (
              <Link href={exchangeUrl(episode.slug, nextExchange.n)} rel="next" className="underline underline-offset-2">
                下一个问题 →
              </Link>
            )}
            <Link href={questionsUrl(episode.slug)} className="underline underline-offset-2">
              全部问题
            </Link>
          </p>
          <div className="mt-2 divide-y divide-stone-100 dark:divide-stone-900" data-testid="exchange">
            {context.map((t) =>
              t.turnId === turn.turnId ? (
                <div key={t.turnId} className="py-3 text-sm text-stone-500" data-current-turn>
                  (当前这一段)
                </div>
              ) : (
                <TurnCard
                  key={t.turnId}
                  turn={t}
                  speaker={speakers.get(t.speakerId ?? "") ?? null}
                  anchorHref={turnPermalink(episode.slug, t.turnId)}
                />
              ),
            )}
          </div>
        </section>
      )}

      <div className="mt-10">
        <Pager
          label="前后段落"
          previous={previous && { href: turnPermalink(episode.slug, previous.turnId), label: "上一段" }}
          next={next && { href: turnPermalink(episode.slug, next.turnId), label: "下一段" }}
        />
      </div>
    </article>
  );
}
