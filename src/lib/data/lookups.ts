// Small server-only lookups shared by pages that label ids: names of people, episodes, topics.
import "server-only";
import { getDb } from "../db";

export interface Labels {
  people: Map<string, string>;
  /** Only the episodes asked for. */
  episodes: Map<string, { title: string; language: string; chapters: Map<number, string> }>;
  topics: Map<string, string>;
  /** Both names of every topic, for labels in the interface's language. */
  topicRefs: Map<string, { name: string; nameEn: string }>;
  roles: Map<string, string>; // "<episode>/<person>" -> role, for the episodes asked for
}

/**
 * Names of every person and topic (a library has few), and titles, chapter titles and roles of
 * the given episodes only: a page labels the episodes it shows, not the whole library.
 */
export async function getLabels(episodeSlugs: Iterable<string> = []): Promise<Labels> {
  const db = await getDb();
  const slugs = [...new Set(episodeSlugs)];
  const [people, episodes, topics, participants] = await Promise.all([
    db.person.findMany({ select: { id: true, name: true } }),
    slugs.length
      ? db.episode.findMany({
          where: { slug: { in: slugs } },
          select: { slug: true, title: true, language: true, chapters: { select: { number: true, title: true } } },
        })
      : [],
    db.topic.findMany({ orderBy: { ordinal: "asc" }, select: { id: true, name: true, nameEn: true } }),
    slugs.length
      ? db.participant.findMany({ where: { episodeSlug: { in: slugs } }, select: { episodeSlug: true, personId: true, role: true } })
      : [],
  ]);
  return {
    people: new Map(people.map((p) => [p.id, p.name])),
    episodes: new Map(
      episodes.map((e) => [
        e.slug,
        { title: e.title, language: e.language, chapters: new Map(e.chapters.map((c) => [c.number, c.title])) },
      ]),
    ),
    topics: new Map(topics.map((t) => [t.id, t.name])),
    topicRefs: new Map(topics.map((t) => [t.id, { name: t.name, nameEn: t.nameEn }])),
    roles: new Map(participants.map((p) => [`${p.episodeSlug}/${p.personId}`, p.role])),
  };
}

/** Person id -> display name: all the header's search box needs on every page. */
export async function getPersonNames(): Promise<Record<string, string>> {
  const db = await getDb();
  const people = await db.person.findMany({ select: { id: true, name: true } });
  return Object.fromEntries(people.map((p) => [p.id, p.name]));
}
