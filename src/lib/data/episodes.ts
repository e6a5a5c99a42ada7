// Server-only reads for episodes. Every function returns plain DTOs built from explicit selects.
import "server-only";
import { cache } from "react";
import { dataVersion, getDb } from "../db";
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
  /** Whole seconds of startMs: what the reader shows. */
  startSeconds: number | null;
  /** Start and end in milliseconds, when the transcript gives them. */
  startMs: number | null;
  endMs: number | null;
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
  /** Start in milliseconds, when the transcript gives one. */
  startMs: number | null;
  turns: TurnDTO[];
}

export interface AudioDTO {
  url: string;
  /** MIME type, when known. */
  type: string | null;
  /** Seconds, when known. */
  duration: number | null;
}

export interface TopicRefDTO {
  id: string;
  name: string;
  nameEn: string;
}

export interface EpisodeSummaryDTO {
  slug: string;
  title: string;
  /** The language the episode is written in (content carries it as its `lang`). */
  language: string;
  show: { id: string; name: string };
  publishedAt: string;
  participants: Array<{ id: string; name: string; role: string }>;
  chapterCount: number;
  /** Speech turns (editor's notes are not counted as anyone's turns; see noteCount). */
  turnCount: number;
}

export interface EpisodeDTO extends EpisodeSummaryDTO {
  show: { id: string; name: string; url: string | null };
  /** Where the transcript comes from: licence is the licence or attribution line to show with it. */
  source: { name: string; url: string | null; licence: string | null; note: string | null };
  audio: AudioDTO | null;
  /** The raw file the transcript was imported from. */
  imported: { file: string; format: string } | null;
  summaryHtml: string;
  participants: ParticipantDTO[];
  chapters: ChapterDTO[];
  /** Topics that tag at least one speech turn of the episode, in taxonomy order. */
  topics: TopicRefDTO[];
  noteCount: number;
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
      language: true,
      publishedAt: true,
      show: { select: { id: true, name: true } },
      participants: { orderBy: { ordinal: "asc" }, select: { role: true, person: { select: { id: true, name: true } } } },
      // A "turn" in every count is a speech turn: editor's notes count toward no one.
      _count: { select: { chapters: true, turns: { where: { kind: "speech" } } } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    language: row.language,
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

/** An episode's own columns, as the reader and the exporters both select them. */
export const EPISODE_FACTS = {
  slug: true,
  title: true,
  publishedAt: true,
  language: true,
  sourceName: true,
  sourceUrl: true,
  sourceLicence: true,
  sourceNote: true,
  audioUrl: true,
  audioType: true,
  audioDuration: true,
  importedFile: true,
  importedFormat: true,
} as const;

type Client = Awaited<ReturnType<typeof getDb>>;

/**
 * Episodes read lately, per database client and data version (db.ts dataVersion(): it changes with
 * every ingest), so that a long episode's 2,000 turns are not read and mapped again on every
 * request (issue 12: the reader's first bytes waited ~75 ms for them). Bounded by turns, least
 * recently used first out. The DTOs are shared between requests: callers never mutate them.
 */
const episodeCaches = new WeakMap<Client, { version: string; episodes: Map<string, EpisodeDTO | null>; turns: number }>();
const CACHED_TURNS = 20_000;

const turnsOf = (episode: EpisodeDTO | null) => (episode ? episode.chapters.reduce((n, c) => n + c.turns.length, 1) : 1);

// cache(): one read per request, though a page's metadata and its body both ask for it.
export const getEpisode = cache(async function getEpisode(slug: string): Promise<EpisodeDTO | null> {
  const db = await getDb();
  const version = await dataVersion(db);
  let entry = episodeCaches.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, episodes: new Map(), turns: 0 };
    episodeCaches.set(db, entry);
  }
  const hit = entry.episodes.get(slug);
  if (hit !== undefined) {
    entry.episodes.delete(slug);
    entry.episodes.set(slug, hit);
    return hit;
  }
  const episode = await readEpisode(db, slug);
  if (episodeCaches.get(db) !== entry || entry.version !== version) return episode;
  entry.episodes.set(slug, episode);
  entry.turns += turnsOf(episode);
  for (const [oldest, cached] of entry.episodes) {
    if (entry.turns <= CACHED_TURNS || entry.episodes.size <= 1) break;
    entry.episodes.delete(oldest);
    entry.turns -= turnsOf(cached);
  }
  return episode;
});

async function readEpisode(db: Client, slug: string): Promise<EpisodeDTO | null> {
  const row = await db.episode.findUnique({
    where: { slug },
    select: {
      ...EPISODE_FACTS,
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
          startMs: true,
          turns: {
            orderBy: { ordinal: "asc" },
            select: {
              turnId: true,
              ordinal: true,
              kind: true,
              speakerId: true,
              text: true,
              html: true,
              startMs: true,
              endMs: true,
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
    startMs: chapter.startMs,
    turns: chapter.turns.map((turn) => ({
      turnId: turn.turnId,
      ordinal: turn.ordinal,
      chapterNumber: chapter.number,
      kind: turn.kind as TurnKind,
      speakerId: turn.speakerId,
      text: turn.text,
      html: turn.html,
      startSeconds: turn.startMs === null ? null : Math.floor(turn.startMs / 1000),
      startMs: turn.startMs,
      endMs: turn.endMs,
      topics: turn.topics.map((t) => t.topicId),
      url: turnPermalink(row.slug, turn.turnId),
      exchange: turn.exchange,
      asks: turn.asks,
    })),
  }));
  const usedTopics = new Set(chapters.flatMap((c) => c.turns.flatMap((t) => (t.kind === "speech" ? t.topics : []))));
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
    source: { name: row.sourceName, url: row.sourceUrl, licence: row.sourceLicence, note: row.sourceNote },
    audio: row.audioUrl ? { url: row.audioUrl, type: row.audioType, duration: row.audioDuration } : null,
    imported: row.importedFile && row.importedFormat ? { file: row.importedFile, format: row.importedFormat } : null,
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
    turnCount: chapters.reduce((n, c) => n + c.turns.filter((t) => t.kind === "speech").length, 0),
    noteCount: chapters.reduce((n, c) => n + c.turns.filter((t) => t.kind === "note").length, 0),
  };
}
