import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TurnCard } from "@/components/turn-card";
import { Heatmap } from "@/components/charts/heatmap";
import { EpisodePager } from "@/components/pager";
import { getEpisode } from "@/lib/data/episodes";
import { getTopic, listTopics, TOPIC_EPISODES_PER_PAGE } from "@/lib/data/topics";
import { topicMatrix } from "@/lib/reader/speaker-stats";
import { TopicIdParam, parseRouteQuery } from "@/lib/route-params";
import { episodeUrl, topicUrl, turnInReader } from "@/lib/urls";
import { chapterLabel } from "@/lib/reader/chapter-label";

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
  const topic = await load(props);
  return { title: `${topic.name} ${topic.nameEn}`, description: topic.description, alternates: { canonical: topicUrl(topic.id) } };
}

export default async function TopicPage(props: Props) {
  const topic = await load(props);
  const [allTopics, episodes] = await Promise.all([listTopics(), Promise.all(topic.episodes.map((e) => getEpisode(e.slug)))]);
  return (
    <article data-topic={topic.id}>
      <h1 className="text-2xl font-bold">
        {topic.name} <span className="font-normal text-stone-500">{topic.nameEn}</span>
      </h1>
      <p className="mt-2 text-stone-700 dark:text-stone-300">{topic.description}</p>
      <p className="mt-2 text-xs text-stone-500 dark:text-stone-400">关键词:{topic.keywords.join("、")}</p>
      <p className="mt-1 text-sm text-stone-500 dark:text-stone-400" data-testid="topic-count">
        {topic.turnCount} 段 · {topic.episodeCount} 期
      </p>
      {topic.episodes.map((episode) => (
        <section key={episode.slug} className="mt-8">
          <h2 className="text-lg font-semibold">
            <Link href={`${episodeUrl(episode.slug)}?topic=${topic.id}`} className="hover:underline">
              {episode.title}
            </Link>
          </h2>
          {(() => {
            const full = episodes.find((e) => e?.slug === episode.slug);
            if (!full) return null;
            const column = allTopics.findIndex((t) => t.id === topic.id);
            return (
              <Heatmap
                id={`topics-${episode.slug}`}
                title={`各章 × 话题的发言段数(本话题加框)`}
                rows={full.chapters.map((c) => `第 ${c.number} 章`)}
                columns={allTopics.map((t) => t.name)}
                values={topicMatrix(
                  full.chapters,
                  allTopics.map((t) => t.id),
                )}
                unit="段"
                highlightColumn={column}
              />
            );
          })()}
          {episode.turns.map((turn) => (
            <div key={turn.turnId}>
              <p className="mt-4 text-xs text-stone-500 dark:text-stone-400">
                {chapterLabel(turn.chapter)}
                {turn.source === "manual" && " · 手工标注"}
              </p>
              <TurnCard
                turn={{ ...turn, speakerId: turn.speaker?.id ?? null, startSeconds: null, topics: [] }}
                speaker={turn.speaker}
                anchorHref={turnInReader(episode.slug, turn.turnId)}
              />
            </div>
          ))}
        </section>
      ))}

      <EpisodePager
        url={topicUrl(topic.id)}
        page={topic.page}
        pages={topic.pages}
        note={`每页 ${TOPIC_EPISODES_PER_PAGE} 期`}
        testId="topic-pages"
      />
    </article>
  );
}
