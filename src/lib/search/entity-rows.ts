// The entities of an ingested library (people, topics, shows, episodes, chapters) with their counts,
// read back from the relational tables by either store: the SQL is written once for both databases
// (quoted identifiers, standard casts) and each store runs it its way (sqlite-fts5/search-index.ts
// at once, ingest/postgres-store.ts with promises) and indexes the result its own way.
import type { Library } from "../content/load-library";
import type { Role } from "../content/schemas";
import { entityNames, type SearchEntityName } from "./entities";

/** Speech turns only: an editor's note counts toward no person, topic, episode or chapter. */
const COUNT_SQL = {
  person: `SELECT "speakerId" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn" WHERE "kind" = 'speech' AND "speakerId" IS NOT NULL GROUP BY "speakerId"`,
  topic: `SELECT tt."topicId" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "TurnTopic" tt JOIN "Turn" t ON t."id" = tt."turnPk" WHERE t."kind" = 'speech' GROUP BY tt."topicId"`,
  show: 'SELECT "showId" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Episode" GROUP BY "showId"',
  episode: `SELECT "episodeSlug" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn" WHERE "kind" = 'speech' GROUP BY "episodeSlug"`,
  chapter: `SELECT c."episodeSlug" || '/' || c."number" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn" t JOIN "Chapter" c ON c."id" = t."chapterId"
   WHERE t."kind" = 'speech' GROUP BY c."episodeSlug", c."number"`,
};

/** What the entities are made of, by name: each store runs every statement and hands the rows to entityRows(). */
export const ENTITY_SQL: Readonly<Record<string, string>> = {
  episodes: 'SELECT "slug", "title", "showId" FROM "Episode" ORDER BY "publishedAt" DESC, "slug"',
  chapters: 'SELECT "episodeSlug", "number", "title", "tocTitle" FROM "Chapter" ORDER BY "episodeSlug", "number"',
  participants: 'SELECT "episodeSlug", "personId", "role" FROM "Participant"',
  ...Object.fromEntries(Object.entries(COUNT_SQL).map(([kind, sql]) => [`count:${kind}`, sql])),
};

export interface EntityRows {
  episodes: Array<{ slug: string; title: string; showId: string }>;
  chapters: Array<{ episodeSlug: string; number: number; title: string; tocTitle: string | null }>;
  participants: Array<{ episodeSlug: string; personId: string; role: Role }>;
  /** "kind:id" -> turns (a show's: episodes). */
  counts: Map<string, number>;
}

/** The rows of every ENTITY_SQL statement, by its name. */
export function entityRows(results: Readonly<Record<string, unknown[]>>): EntityRows {
  const counts = new Map<string, number>();
  for (const kind of Object.keys(COUNT_SQL))
    for (const row of results[`count:${kind}`] as Array<{ key: string; n: number }>) counts.set(`${kind}:${row.key}`, Number(row.n));
  return {
    episodes: results.episodes as EntityRows["episodes"],
    chapters: results.chapters as EntityRows["chapters"],
    participants: results.participants as EntityRows["participants"],
    counts,
  };
}

/** The library's entities, in ranking order, and each one's count. */
export function libraryEntities(shared: Pick<Library, "people" | "topics" | "shows">, rows: EntityRows): SearchEntityName[] {
  const groupBy = <T extends { episodeSlug: string }>(list: T[]) => {
    const groups = new Map<string, T[]>();
    for (const row of list) groups.set(row.episodeSlug, [...(groups.get(row.episodeSlug) ?? []), row]);
    return groups;
  };
  const chaptersOf = groupBy(rows.chapters);
  const participantsOf = groupBy(rows.participants);
  return entityNames({
    ...shared,
    episodes: rows.episodes.map((e) => ({
      slug: e.slug,
      title: e.title,
      showId: e.showId,
      participants: (participantsOf.get(e.slug) ?? []).map((p) => ({ personId: p.personId, role: p.role })),
      chapters: (chaptersOf.get(e.slug) ?? []).map((c) => ({ number: c.number, title: c.title, tocTitle: c.tocTitle })),
    })),
  });
}

/** An entity's count. */
export const entityCount = (rows: EntityRows, entity: SearchEntityName) => rows.counts.get(`${entity.kind}:${entity.id}`) ?? 0;
