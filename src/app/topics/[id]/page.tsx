import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TurnCard } from "@/components/turn-card";
import { Heatmap } from "@/components/charts/heatmap";
import { EpisodePager } from "@/components/pager";
import { guessLanguage } from "@/lib/content-language";
import { getEpisode } from "@/lib/data/episodes";
import { getTopic, listTopics, TOPIC_EPISODES_PER_PAGE } from "@/lib/data/topics";
import { topicMatrix } from "@/lib/reader/speaker-stats";
import { TopicIdParam, parseRouteQuery } from "@/lib/route-params";
import { otherTopicName, topicName } from "@/lib/topic-name";
import { episodeUrl, topicUrl, turnInReader } from "@/lib/urls";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: Props) {
  const id = TopicIdParam.safeParse((await params).id);
  const query = parseRouteQuery("/topics/[id]", await searchParams);
  if (!id.success || !query.ok) notFound();
  const topic = await getTopic(id.data, { page: query.data.page });
  if (!topic || topic.page > topic.pages) notFound();
  return topic;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const [topic, locale] = await Promise.all([load(props), getLocale()]);
  return {
    title: `${topicName(topic, locale)} · ${otherTopicName(topic, locale).text}`,
    description: topic.description,
    alternates: { canonical: topicUrl(topic.id) },
  };
}

export default async function TopicPage(props: Props) {
  const topic = await load(props);
  const [allTopics, episodes, t, common, chart, locale] = await Promise.all([
    listTopics(),
    Promise.all(topic.episodes.map((e) => getEpisode(e.slug))),
    getTranslations("Topic"),
    getTranslations("Common"),
    getTranslations("Chart"),
    getLocale(),
  ]);
  const other = otherTopicName(topic, locale);
  return (
    <article data-topic={topic.id}>
      <h1 className="text-2xl font-bold">
        {topicName(topic, locale)}{" "}
        <span className="font-normal text-stone-600 dark:text-stone-400" lang={other.lang}>
          {other.text}
        </span>
      </h1>
      <p className="mt-2 text-stone-800 dark:text-stone-200" lang={guessLanguage(topic.description, locale)}>
        {topic.description}
      </p>
      <p className="mt-2 text-xs text-stone-600 dark:text-stone-400">
        {t.rich("keywords", {
          keywords: topic.keywords.join(", "),
          content: (chunks) => <span lang={guessLanguage(topic.keywords.join(" "), locale)}>{chunks}</span>,
        })}
      </p>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400" data-testid="topic-count" data-turn-count={topic.turnCount}>
        {t("totals", { turns: topic.turnCount, episodes: topic.episodeCount })}
      </p>
      {topic.episodes.map((episode) => {
        const full = episodes.find((e) => e?.slug === episode.slug);
        const lang = full?.language ?? locale;
        return (
          <section key={episode.slug} className="mt-8" aria-labelledby={`topic-episode-${episode.slug}`}>
            <h2 className="text-lg font-semibold" id={`topic-episode-${episode.slug}`}>
              <Link href={`${episodeUrl(episode.slug)}?topic=${topic.id}`} className="hover:underline" lang={lang}>
                {episode.title}
              </Link>
            </h2>
            {full && (
              <Heatmap
                id={`topics-${episode.slug}`}
                title={t("heatmapTitle")}
                rows={full.chapters.map((c) => common("chapterN", { n: c.number }))}
                columns={allTopics.map((x) => topicName(x, locale))}
                values={topicMatrix(
                  full.chapters,
                  allTopics.map((x) => x.id),
                )}
                unit={chart("unitTurns")}
                highlightColumn={allTopics.findIndex((x) => x.id === topic.id)}
              />
            )}
            {episode.turns.map((turn) => (
              <div key={turn.turnId}>
                <p className="mt-4 text-xs text-stone-600 dark:text-stone-400">
                  {turn.chapter.title ? (
                    <>
                      {String(turn.chapter.number).padStart(2, "0")} <span lang={lang}>{turn.chapter.title}</span>
                    </>
                  ) : (
                    common("untitledChapter")
                  )}
                  {turn.source === "manual" && ` · ${t("manual")}`}
                </p>
                <TurnCard
                  turn={{ ...turn, speakerId: turn.speaker?.id ?? null, startSeconds: null, topics: [] }}
                  speaker={turn.speaker}
                  language={lang}
                  anchorHref={turnInReader(episode.slug, turn.turnId)}
                />
              </div>
            ))}
          </section>
        );
      })}

      <EpisodePager url={topicUrl(topic.id)} page={topic.page} pages={topic.pages} perPage={TOPIC_EPISODES_PER_PAGE} testId="topic-pages" />
    </article>
  );
}
