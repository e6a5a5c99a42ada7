// Server-only reads for episodes. Every function returns plain DTOs built from explicit selects.
import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { turnPermalink } from "../urls";

export type TurnKind = "speech" | "note";

export interface ParticipantDTO {
  id: string;
  name: string;
  role: string;
  intro: string | null;
  bio: string;
  affiliation: string | null;
}

export interface TurnDTO {
  turnId: string;
  ordinal: number;
  chapterNumber: number;
  kind: TurnKind;
  speakerId: string | null;
  text: string;
  html: string;
  startSeconds: number | null;
  topics: string[];
  url: string;
  /** The question-and-answer exchange this turn belongs to, and whether it is its question. */
  exchange: number | null;
  asks: boolean;
}

export interface ChapterDTO {
  number: number;
  title: string;
  tocTitle: string | null;
  turns: TurnDTO[];
}

export interface TopicRefDTO {
  id: string;
  name: string;
  nameEn: string;
}

export interface EpisodeSummaryDTO {
  slug: string;
  title: string;
  show: { id: string; name: string };
  publishedAt: string;
  participants: Array<{ id: string; name: string; role: string }>;
  chapterCount: number;
  turnCount: number;
}

export interface EpisodeDTO extends EpisodeSummaryDTO {
  language: string;
  show: { id: string; name: string; url: string | null };
  source: { name: string; url: string | null };
  summaryHtml: string;
  participants: ParticipantDTO[];
  chapters: ChapterDTO[];
  /** Topics that tag at least one turn of the episode, in taxonomy order. */
  topics: TopicRefDTO[];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Episodes in library order (newest first): all of them, or (up to `limit` of) those after `offset`. */
export async function listEpisodes(range: { offset?: number; limit?: number } = {}): Promise<EpisodeSummaryDTO[]> {
  const db = await getDb();
  const rows = await db.episode.findMany({
    orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
    skip: range.offset,
    take: range.limit,
    select: {
      slug: true,
      title: true,
      publishedAt: true,
      show: { select: { id: true, name: true } },
      participants: { orderBy: { ordinal: "asc" }, select: { role: true, person: { select: { id: true, name: true } } } },
      _count: { select: { chapters: true, turns: true } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    show: row.show,
    publishedAt: isoDate(row.publishedAt),
    participants: row.participants.map((p) => ({ id: p.person.id, name: p.person.name, role: p.role })),
    chapterCount: row._count.chapters,
    turnCount: row._count.turns,
  }));
}

/** How many shows and episodes the library holds. */
export async function countLibrary(): Promise<{ shows: number; episodes: number }> {
  const db = await getDb();
  const [shows, episodes] = await Promise.all([db.show.count(), db.episode.count()]);
  return { shows, episodes };
}

// cache(): one read per request, though a page's metadata and its body both ask for it.
export const getEpisode = cache(async function getEpisode(slug: string): Promise<EpisodeDTO | null> {
  const db = await getDb();
  const row = await db.episode.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      publishedAt: true,
      language: true,
      sourceName: true,
      sourceUrl: true,
      summaryHtml: true,
      show: { select: { id: true, name: true, url: true } },
      participants: {
        orderBy: { ordinal: "asc" },
        select: { role: true, intro: true, person: { select: { id: true, name: true, bio: true, affiliation: true } } },
      },
      chapters: {
        orderBy: { number: "asc" },
        select: {
          number: true,
          title: true,
          tocTitle: true,
          turns: {
            orderBy: { ordinal: "asc" },
            select: {
              turnId: true,
              ordinal: true,
              kind: true,
              speakerId: true,
              text: true,
              html: true,
              startSeconds: true,
              exchange: true,
              asks: true,
              topics: { select: { topicId: true } },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  const chapters: ChapterDTO[] = row.chapters.map((chapter) => ({
    number: chapter.number,
    title: chapter.title,
    tocTitle: chapter.tocTitle,
    turns: chapter.turns.map((turn) => ({
      turnId: turn.turnId,
      ordinal: turn.ordinal,
      chapterNumber: chapter.number,
      kind: turn.kind as TurnKind,
      speakerId: turn.speakerId,
      text: turn.text,
      html: turn.html,
      startSeconds: turn.startSeconds,
      topics: turn.topics.map((t) => t.topicId),
      url: turnPermalink(row.slug, turn.turnId),
      exchange: turn.exchange,
      asks: turn.asks,
    })),
  }));
  const usedTopics = new Set(chapters.flatMap((c) => c.turns.flatMap((t) => t.topics)));
  const topics = await db.topic.findMany({
    where: { id: { in: [...usedTopics] } },
    orderBy: { ordinal: "asc" },
    select: { id: true, name: true, nameEn: true },
  });
  return {
    slug: row.slug,
    title: row.title,
    show: row.show,
    publishedAt: isoDate(row.publishedAt),
    language: row.language,
    source: { name: row.sourceName, url: row.sourceUrl },
    summaryHtml: row.summaryHtml,
    participants: row.participants.map((p) => ({
      id: p.person.id,
      name: p.person.name,
      role: p.role,
      intro: p.intro,
      bio: p.person.bio,
      affiliation: p.person.affiliation,
    })),
    chapters,
    topics,
    chapterCount: chapters.length,
    turnCount: chapters.reduce((n, c) => n + c.turns.length, 0),
  };
});
