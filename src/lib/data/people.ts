// Server-only reads for people (speakers), across every episode they appear in.
import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { turnPermalink } from "../urls";
import type { TurnKind } from "./episodes";

export interface PersonSummaryDTO {
  id: string;
  name: string;
  affiliation: string | null;
  roles: string[];
  episodeCount: number;
  turnCount: number;
  characters: number;
}

export interface SpeakerTurnDTO {
  turnId: string;
  kind: TurnKind;
  text: string;
  html: string;
  topics: string[];
  url: string;
}

export interface AppearanceDTO {
  episode: { slug: string; title: string; showName: string; publishedAt: string };
  role: string;
  intro: string | null;
  turnCount: number;
  chapters: Array<{ number: number; title: string; turns: SpeakerTurnDTO[] }>;
}

export interface PersonDTO extends PersonSummaryDTO {
  bio: string;
  /** Every episode the person appears in, newest first (without their turns). */
  allAppearances: Array<Pick<AppearanceDTO, "episode" | "role">>;
  /** The appearances of the requested page, with their turns: a page never holds a whole library. */
  appearances: AppearanceDTO[];
  page: number;
  pages: number;
}

/** Episodes shown with their turns on one page of a speaker's profile. */
export const APPEARANCES_PER_PAGE = 10;

export async function listPeople(): Promise<PersonSummaryDTO[]> {
  const db = await getDb();
  const [people, stats] = await Promise.all([
    db.person.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, affiliation: true, appearances: { select: { role: true, episodeSlug: true } } },
    }),
    db.$queryRaw<Array<{ speakerId: string; turns: bigint; characters: bigint | number | string }>>`
      SELECT "speakerId", COUNT(*) AS "turns", SUM(LENGTH("text")) AS "characters"
      FROM "Turn" WHERE "kind" = 'speech' AND "speakerId" IS NOT NULL GROUP BY "speakerId"`,
  ]);
  const byId = new Map(stats.map((s) => [s.speakerId, s]));
  return people.map((person) => ({
    id: person.id,
    name: person.name,
    affiliation: person.affiliation,
    roles: [...new Set(person.appearances.map((a) => a.role))],
    episodeCount: new Set(person.appearances.map((a) => a.episodeSlug)).size,
    turnCount: Number(byId.get(person.id)?.turns ?? 0),
    characters: Number(byId.get(person.id)?.characters ?? 0),
  }));
}

export const getPerson = (id: string, { page = 1 }: { page?: number } = {}): Promise<PersonDTO | null> => getPersonPage(id, page);

// cache(): one read per request, though a page's metadata and its body both ask for it.
const getPersonPage = cache(async function getPersonPage(id: string, page: number): Promise<PersonDTO | null> {
  const db = await getDb();
  const person = await db.person.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      affiliation: true,
      bio: true,
      appearances: {
        orderBy: [{ episode: { publishedAt: "desc" } }, { episodeSlug: "asc" }],
        select: {
          role: true,
          intro: true,
          episode: { select: { slug: true, title: true, publishedAt: true, show: { select: { name: true } } } },
        },
      },
    },
  });
  if (!person) return null;
  const pages = Math.max(1, Math.ceil(person.appearances.length / APPEARANCES_PER_PAGE));
  const onPage = person.appearances.slice((page - 1) * APPEARANCES_PER_PAGE, page * APPEARANCES_PER_PAGE);
  const [totals, turns] = await Promise.all([
    // LENGTH counts the characters (code points) of a text, as characterCount does.
    db.$queryRaw<Array<{ turns: bigint; characters: bigint | number | string | null }>>`
      SELECT COUNT(*) AS "turns", SUM(LENGTH("text")) AS "characters" FROM "Turn" WHERE "speakerId" = ${id} AND "kind" = 'speech'`,
    db.turn.findMany({
      where: { speakerId: id, kind: "speech", episodeSlug: { in: onPage.map((a) => a.episode.slug) } },
      orderBy: [{ episodeSlug: "asc" }, { ordinal: "asc" }],
      select: {
        turnId: true,
        kind: true,
        text: true,
        html: true,
        episodeSlug: true,
        chapter: { select: { number: true, title: true } },
        topics: { select: { topicId: true } },
      },
    }),
  ]);
  const episodeOf = (appearance: (typeof person.appearances)[number]) => ({
    slug: appearance.episode.slug,
    title: appearance.episode.title,
    showName: appearance.episode.show.name,
    publishedAt: appearance.episode.publishedAt.toISOString().slice(0, 10),
  });
  const appearances: AppearanceDTO[] = onPage.map((appearance) => {
    const slug = appearance.episode.slug;
    const chapters = new Map<number, AppearanceDTO["chapters"][number]>();
    for (const turn of turns.filter((t) => t.episodeSlug === slug)) {
      const chapter = chapters.get(turn.chapter.number) ?? { number: turn.chapter.number, title: turn.chapter.title, turns: [] };
      chapter.turns.push({
        turnId: turn.turnId,
        kind: turn.kind as TurnKind,
        text: turn.text,
        html: turn.html,
        topics: turn.topics.map((t) => t.topicId),
        url: turnPermalink(slug, turn.turnId),
      });
      chapters.set(turn.chapter.number, chapter);
    }
    const grouped = [...chapters.values()].sort((a, b) => a.number - b.number);
    return {
      episode: episodeOf(appearance),
      role: appearance.role,
      intro: appearance.intro,
      turnCount: grouped.reduce((n, c) => n + c.turns.length, 0),
      chapters: grouped,
    };
  });
  return {
    id: person.id,
    name: person.name,
    affiliation: person.affiliation,
    bio: person.bio,
    roles: [...new Set(person.appearances.map((a) => a.role))],
    episodeCount: person.appearances.length,
    turnCount: Number(totals[0]?.turns ?? 0),
    characters: Number(totals[0]?.characters ?? 0),
    allAppearances: person.appearances.map((a) => ({ episode: episodeOf(a), role: a.role })),
    appearances,
    page,
    pages,
  };
});
