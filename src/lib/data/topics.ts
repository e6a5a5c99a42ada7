// Server-only reads for the topic taxonomy and the turns each topic tags.
import "server-only";
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
  episodes: Array<{ slug: string; title: string; turns: TopicTurnDTO[] }>;
}

const parseKeywords = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];
};

export async function listTopics(): Promise<TopicSummaryDTO[]> {
  const db = await getDb();
  const topics = await db.topic.findMany({
    orderBy: { ordinal: "asc" },
    select: { id: true, name: true, nameEn: true, description: true, keywords: true, _count: { select: { turns: true } } },
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

export async function getTopic(id: string): Promise<TopicDTO | null> {
  const db = await getDb();
  const topic = await db.topic.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      nameEn: true,
      description: true,
      keywords: true,
      turns: {
        orderBy: [{ turn: { episodeSlug: "asc" } }, { turn: { ordinal: "asc" } }],
        select: {
          source: true,
          turn: {
            select: {
              turnId: true,
              kind: true,
              text: true,
              html: true,
              episode: { select: { slug: true, title: true, participants: { select: { personId: true, role: true } } } },
              chapter: { select: { number: true, title: true } },
              speaker: { select: { id: true, name: true } },
            },
          },
        },
      },
    },
  });
  if (!topic) return null;
  const episodes = new Map<string, TopicDTO["episodes"][number]>();
  for (const { turn, source } of topic.turns) {
    const entry = episodes.get(turn.episode.slug) ?? { slug: turn.episode.slug, title: turn.episode.title, turns: [] };
    entry.turns.push({
      turnId: turn.turnId,
      kind: turn.kind as TurnKind,
      speaker: turn.speaker
        ? { ...turn.speaker, role: turn.episode.participants.find((p) => p.personId === turn.speaker!.id)?.role ?? "other" }
        : null,
      chapter: turn.chapter,
      text: turn.text,
      html: turn.html,
      source,
      url: turnPermalink(turn.episode.slug, turn.turnId),
    });
    episodes.set(turn.episode.slug, entry);
  }
  return {
    id: topic.id,
    name: topic.name,
    nameEn: topic.nameEn,
    description: topic.description,
    keywords: parseKeywords(topic.keywords),
    turnCount: topic.turns.length,
    episodes: [...episodes.values()],
  };
}
