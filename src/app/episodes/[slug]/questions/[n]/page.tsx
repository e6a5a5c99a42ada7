import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pager } from "@/components/pager";
import { TurnCard } from "@/components/turn-card";
import { EpisodeBreadcrumb, speakersOf } from "../../_components/episode-breadcrumb";
import { getEpisode } from "@/lib/data/episodes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { EpisodeSlugParam, ExchangeNumberParam } from "@/lib/route-params";
import { exchangeUrl, questionsUrl, turnPermalink } from "@/lib/urls";
import { excerpt } from "@/lib/reader/excerpt";
import { ListenLink } from "@/components/listen-link";
import { formatClock } from "@/lib/content/times";
import { LISTEN_MESSAGES, listenText } from "@/lib/listen/listen-messages";

type Props = { params: Promise<{ slug: string; n: string }> };

async function load(params: Props["params"]) {
  const raw = await params;
  const slug = EpisodeSlugParam.safeParse(raw.slug);
  const n = ExchangeNumberParam.safeParse(raw.n);
  if (!slug.success || !n.success) notFound();
  const episode = await getEpisode(slug.data);
  if (!episode) notFound();
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  const index = exchanges.findIndex((e) => e.n === n.data);
  if (index === -1) notFound();
  return { episode, exchanges, index, exchange: exchanges[index]! };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { episode, exchange } = await load(params);
  const asker = episode.participants.find((p) => p.id === exchange.question?.speakerId);
  const title = exchange.question ? `${asker?.name ?? ""}问:${excerpt(exchange.question.text, 40)}` : `问答 ${exchange.n}`;
  const description = `《${episode.title}》第 ${exchange.chapterNumber} 章的问答:${exchange.question ? excerpt(exchange.question.text, 120) : ""}`;
  return {
    title,
    description,
    alternates: { canonical: exchangeUrl(episode.slug, exchange.n) },
    openGraph: { title, description, type: "article" },
  };
}

export default async function ExchangePage({ params }: Props) {
  const { episode, exchanges, index, exchange } = await load(params);
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((t) => [t.id, t.name]));
  const chapter = episode.chapters.find((c) => c.number === exchange.chapterNumber)!;
  const previous = exchanges[index - 1];
  const next = exchanges[index + 1];
  const pager = (
    <Pager
      label="前后问题"
      previous={previous && { href: exchangeUrl(episode.slug, previous.n), label: "上一个问题" }}
      next={next && { href: exchangeUrl(episode.slug, next.n), label: "下一个问题" }}
      middle={{ href: questionsUrl(episode.slug), label: "全部问题" }}
    />
  );
  // Listen from the question (or, for an exchange without one, from its first timed answer).
  const firstTimed = [...(exchange.question ? [exchange.question] : []), ...exchange.answers].find((t) => t.startMs !== null);
  return (
    <article data-exchange={exchange.n}>
      <EpisodeBreadcrumb episode={episode} chapter={chapter} />
      <h1 className="mt-2 text-2xl font-bold">问题 {exchange.n}</h1>
      {episode.audio && firstTimed && (
        <p className="mt-3">
          <ListenLink
            slug={episode.slug}
            moment={{ start: firstTimed.startMs! / 1000, end: null }}
            turnId={firstTimed.turnId}
            label={listenText(LISTEN_MESSAGES["zh-CN"])("listenFromHere", { time: formatClock(firstTimed.startMs!) })}
          />
        </p>
      )}
      <div className="mt-4">{pager}</div>
      {exchange.question && (
        <section
          aria-label="提问"
          className="mt-6 rounded-2xl border border-indigo-200 bg-indigo-50/50 px-4 dark:border-indigo-900 dark:bg-indigo-950/30"
          data-role-in-exchange="question"
        >
          <TurnCard
            turn={exchange.question}
            speaker={speakers.get(exchange.question.speakerId ?? "") ?? null}
            topicNames={topicNames}
            anchorHref={turnPermalink(episode.slug, exchange.question.turnId)}
          />
        </section>
      )}
      <section aria-label="回答" className="mt-4 divide-y divide-stone-100 dark:divide-stone-900" data-role-in-exchange="answers">
        {exchange.answers.map((turn) => (
          <TurnCard
            key={turn.turnId}
            turn={turn}
            speaker={speakers.get(turn.speakerId ?? "") ?? null}
            topicNames={topicNames}
            anchorHref={turnPermalink(episode.slug, turn.turnId)}
          />
        ))}
      </section>
      <div className="mt-8">{pager}</div>
    </article>
  );
}
