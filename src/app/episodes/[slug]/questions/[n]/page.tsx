import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/pager";
import { TurnCard } from "@/components/turn-card";
import { EpisodeBreadcrumb, speakersOf } from "../../_components/episode-breadcrumb";
import { getEpisode } from "@/lib/data/episodes";
import { groupExchanges } from "@/lib/reader/exchanges";
import { EpisodeSlugParam, ExchangeNumberParam } from "@/lib/route-params";
import { topicName } from "@/lib/topic-name";
import { exchangeUrl, questionsUrl, turnPermalink } from "@/lib/urls";
import { excerpt } from "@/lib/reader/excerpt";
import { ListenLink } from "@/components/listen-link";
import { formatClock } from "@/lib/content/times";

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
  const [{ episode, exchange }, t] = await Promise.all([load(params), getTranslations("Exchange")]);
  const asker = episode.participants.find((p) => p.id === exchange.question?.speakerId);
  const title = exchange.question
    ? t("metaTitle", { asker: asker?.name ?? "", excerpt: excerpt(exchange.question.text, 40) })
    : t("metaTitleNoQuestion", { n: exchange.n });
  const description = t("metaDescription", {
    episode: episode.title,
    chapter: exchange.chapterNumber,
    excerpt: exchange.question ? excerpt(exchange.question.text, 120) : "",
  });
  return {
    title,
    description,
    alternates: { canonical: exchangeUrl(episode.slug, exchange.n) },
    openGraph: { title, description, type: "article" },
  };
}

export default async function ExchangePage({ params }: Props) {
  const [{ episode, exchanges, index, exchange }, t, locale, listenT] = await Promise.all([
    load(params),
    getTranslations("Exchange"),
    getLocale(),
    getTranslations("Listen"),
  ]);
  const speakers = speakersOf(episode);
  const topicNames = new Map(episode.topics.map((topic) => [topic.id, topicName(topic, locale)]));
  const chapter = episode.chapters.find((c) => c.number === exchange.chapterNumber)!;
  const previous = exchanges[index - 1];
  const next = exchanges[index + 1];
  const lang = episode.language;
  const pager = (label: string) => (
    <Pager
      label={label}
      previous={previous && { href: exchangeUrl(episode.slug, previous.n), label: t("previous") }}
      next={next && { href: exchangeUrl(episode.slug, next.n), label: t("next") }}
      middle={{ href: questionsUrl(episode.slug), label: t("all") }}
    />
  );
  // Listen from the question (or, for an exchange without one, from its first timed answer).
  const firstTimed = [...(exchange.question ? [exchange.question] : []), ...exchange.answers].find((t) => t.startMs !== null);
  return (
    <article data-exchange={exchange.n}>
      <EpisodeBreadcrumb episode={episode} chapter={chapter} />
      <h1 className="mt-2 text-2xl font-bold">{t("title", { n: exchange.n })}</h1>
      {episode.audio && firstTimed && (
        <p className="mt-3">
          <ListenLink
            slug={episode.slug}
            moment={{ start: firstTimed.startMs! / 1000, end: null }}
            turnId={firstTimed.turnId}
            label={listenT("listenFromHere", { time: formatClock(firstTimed.startMs!) })}
          />
        </p>
      )}
      <div className="mt-4">{pager(t("pager"))}</div>
      {exchange.question && (
        <section
          aria-label={t("question")}
          className="mt-6 rounded-2xl border border-indigo-200 bg-indigo-50/50 px-4 dark:border-indigo-900 dark:bg-indigo-950/30"
          data-role-in-exchange="question"
        >
          <TurnCard
            turn={exchange.question}
            speaker={speakers.get(exchange.question.speakerId ?? "") ?? null}
            topicNames={topicNames}
            language={lang}
            anchorHref={turnPermalink(episode.slug, exchange.question.turnId)}
          />
        </section>
      )}
      <section aria-label={t("answers")} className="mt-4 divide-y divide-stone-200 dark:divide-stone-800" data-role-in-exchange="answers">
        {exchange.answers.map((turn) => (
          <TurnCard
            key={turn.turnId}
            turn={turn}
            speaker={speakers.get(turn.speakerId ?? "") ?? null}
            topicNames={topicNames}
            language={lang}
            anchorHref={turnPermalink(episode.slug, turn.turnId)}
          />
        ))}
      </section>
      <div className="mt-8">{pager(t("pagerBottom"))}</div>
    </article>
  );
}
