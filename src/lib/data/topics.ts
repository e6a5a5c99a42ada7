// Server-only reads for the topic taxonomy and the turns each topic tags.
import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { turnPermalink } from "../urls";
import type { TurnKind } from "./episodes";

export interface TopicSummaryDTO {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  keywords: string[];
  turnCount: number;
}

export interface TopicTurnDTO {
  turnId: string;
  kind: TurnKind;
  speaker: { id: string; name: string; role: string } | null;
  chapter: { number: number; title: string };
  text: string;
  html: string;
  source: string;
  url: string;
}

export interface TopicDTO extends TopicSummaryDTO {
  /** How many episodes have turns with this topic. */
  episodeCount: number;
  /** The episodes of the requested page (newest first), with their turns on the topic. */
  episodes: Array<{ slug: string; title: string; turns: TopicTurnDTO[] }>;
  page: number;
  pages: number;
}

/** Episodes shown with their turns on one page of a topic. */
export const TOPIC_EPISODES_PER_PAGE = 10;

const parseKeywords = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];
};

export async function listTopics(): Promise<TopicSummaryDTO[]> {
  const db = await getDb();
  const topics = await db.topic.findMany({
    orderBy: { ordinal: "asc" },
    // A topic's turns are speech turns: a note's own tags serve search, never a count.
    select: {
      id: true,
      name: true,
      nameEn: true,
      description: true,
      keywords: true,
      _count: { select: { turns: { where: { turn: { kind: "speech" } } } } },
    },
  });
  return topics.map((t) => ({
    id: t.id,
    name: t.name,
    nameEn: t.nameEn,
    description: t.description,
    keywords: parseKeywords(t.keywords),
    turnCount: t._count.turns,
  }));
}

export const getTopic = (id: string, { page = 1 }: { page?: number } = {}): Promise<TopicDTO | null> => getTopicPage(id, page);

// cache(): one read per request, though a page's metadata and its body both ask for it.
const getTopicPage = cache(async function getTopicPage(id: string, page: number): Promise<TopicDTO | null> {
  const db = await getDb();
  const topic = await db.topic.findUnique({
    where: { id },
    select: { id: true, name: true, nameEn: true, description: true, keywords: true },
  });
  if (!topic) return null;
  // The episodes that have turns on the topic, in library order, with how many.
  const tagged = await db.$queryRaw<Array<{ slug: string; title: string; turns: bigint }>>`
    SELECT e."slug", e."title", COUNT(*) AS "turns"
    FROM "TurnTopic" tt JOIN "Turn" t ON t."id" = tt."turnPk" JOIN "Episode" e ON e."slug" = t."episodeSlug"
    WHERE tt."topicId" = ${id} AND t."kind" = 'speech'
    GROUP BY e."slug" ORDER BY e."publishedAt" DESC, e."slug"`;
  const pages = Math.max(1, Math.ceil(tagged.length / TOPIC_EPISODES_PER_PAGE));
  const onPage = tagged.slice((page - 1) * TOPIC_EPISODES_PER_PAGE, page * TOPIC_EPISODES_PER_PAGE);
  const links = await db.turnTopic.findMany({
    where: { topicId: id, turn: { kind: "speech", episodeSlug: { in: onPage.map((e) => e.slug) } } },
    orderBy: [{ turn: { episodeSlug: "asc" } }, { turn: { ordinal: "asc" } }],
    select: {
      source: true,
      turn: {
        select: {
          turnId: true,
          kind: true,
          text: true,
          html: true,
          episodeSlug: true,
          episode: { select: { participants: { select: { personId: true, role: true } } } },
          chapter: { select: { number: true, title: true } },
          speaker: { select: { id: true, name: true } },
        },
      },
    },
  });
  const episodes = onPage.map((e) => ({ slug: e.slug, title: e.title, turns: [] as TopicTurnDTO[] }));
  const bySlug = new Map(episodes.map((e) => [e.slug, e]));
  for (const { turn, source } of links) {
    bySlug.get(turn.episodeSlug)?.turns.push({
      turnId: turn.turnId,
      kind: turn.kind as TurnKind,
      speaker: turn.speaker
        ? { ...turn.speaker, role: turn.episode.participants.find((p) => p.personId === turn.speaker!.id)?.role ?? "other" }
        : null,
      chapter: turn.chapter,
      text: turn.text,
      html: turn.html,
      source,
      url: turnPermalink(turn.episodeSlug, turn.turnId),
    });
  }
  return {
    id: topic.id,
    name: topic.name,
    nameEn: topic.nameEn,
    description: topic.description,
    keywords: parseKeywords(topic.keywords),
    turnCount: tagged.reduce((n, e) => n + Number(e.turns), 0),
    episodeCount: tagged.length,
    episodes,
    page,
    pages,
  };
});
