// Server-only reads for curated quotes.
import "server-only";
import { cache } from "react";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "../db";
import { turnPermalink } from "../urls";

export interface QuoteDTO {
  id: string;
  turnId: string;
  speakerId: string | null;
  speakerName: string | null;
  role: string | null;
  episode: string;
  episodeTitle: string;
  showName: string;
  publishedAt: string;
  chapter: number;
  chapterTitle: string;
  /** The episode's language: the quote is content and carries it as its `lang`. */
  language: string;
  text: string;
  topics: string[];
  url: string;
}

export interface QuoteFilter {
  speaker?: string;
  topic?: string;
  episode?: string;
  ids?: string[];
}

const quoteSelect = {
  id: true,
  text: true,
  episodeSlug: true,
  episode: {
    select: {
      title: true,
      publishedAt: true,
      language: true,
      show: { select: { name: true } },
      participants: { select: { personId: true, role: true } },
    },
  },
  topics: { select: { topicId: true } },
  turn: {
    select: { turnId: true, speakerId: true, speaker: { select: { name: true } }, chapter: { select: { number: true, title: true } } },
  },
} satisfies Prisma.QuoteSelect;

type QuoteRow = Prisma.QuoteGetPayload<{ select: typeof quoteSelect }>;

function toDTO(row: QuoteRow): QuoteDTO {
  return {
    id: row.id,
    turnId: row.turn.turnId,
    speakerId: row.turn.speakerId,
    speakerName: row.turn.speaker?.name ?? null,
    role: row.episode.participants.find((p) => p.personId === row.turn.speakerId)?.role ?? null,
    episode: row.episodeSlug,
    episodeTitle: row.episode.title,
    showName: row.episode.show.name,
    publishedAt: row.episode.publishedAt.toISOString().slice(0, 10),
    chapter: row.turn.chapter.number,
    chapterTitle: row.turn.chapter.title,
    language: row.episode.language,
    text: row.text,
    topics: row.topics.map((t) => t.topicId),
    url: turnPermalink(row.episodeSlug, row.turn.turnId),
  };
}

/** Quotes in interview order (episode, then position), filtered; `ids` keeps the given order. */
export async function listQuotes(filter: QuoteFilter = {}): Promise<QuoteDTO[]> {
  const db = await getDb();
  const rows = await db.quote.findMany({
    where: {
      ...(filter.episode ? { episodeSlug: filter.episode } : {}),
      ...(filter.speaker ? { turn: { speakerId: filter.speaker } } : {}),
      ...(filter.topic ? { topics: { some: { topicId: filter.topic } } } : {}),
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
    },
    orderBy: [{ episode: { publishedAt: "desc" } }, { turn: { ordinal: "asc" } }, { ordinal: "asc" }],
    select: quoteSelect,
  });
  const quotes = rows.map(toDTO);
  if (!filter.ids) return quotes;
  const order = new Map(filter.ids.map((id, i) => [id, i]));
  return quotes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

// cache(): one read per request, though a page's metadata and its body both ask for it.
export const getQuote = cache(async function getQuote(id: string): Promise<QuoteDTO | null> {
  const db = await getDb();
  const row = await db.quote.findUnique({ where: { id }, select: quoteSelect });
  return row ? toDTO(row) : null;
});
