// The entities of an ingested library (people, topics, shows, episodes, chapters) and their counts,
// read back from the relational tables by either store: the SQL is written once for both databases
// (quoted identifiers, standard casts) and each store runs it its way (sqlite-fts5/search-index.ts
// at once, ingest/postgres-store.ts with promises) and indexes the result its own way.
import type { Library } from "../content/load-library";
import type { Role } from "../content/schemas";
import type { EpisodeRows } from "../ingest/episode-rows";
import { compactKey, entityNames, type SearchEntityName } from "./entities";
import type { EntityRecord } from "./sqlite-fts5/entity-index";

/** What the entities are made of, by name: each store runs every statement and hands the rows to entityRows(). */
export const ENTITY_SQL: Readonly<Record<string, string>> = {
  episodes: 'SELECT "slug", "title", "showId" FROM "Episode" ORDER BY "publishedAt" DESC, "slug"',
  chapters: 'SELECT "episodeSlug", "number", "title", "tocTitle" FROM "Chapter" ORDER BY "episodeSlug", "number"',
  participants: 'SELECT "episodeSlug", "personId", "role" FROM "Participant"',
};

/**
 * What one episode in the database adds to its entities' counts ("kind:id" -> n), as EntityCounts
 * counts it from the episode's rows: an incremental ingest subtracts it before the episode goes.
 * `param` is the database's placeholder for the episode's slug (SQLite `@slug`, PostgreSQL `$1`).
 */
export const episodeCountSql = (param: string) => `
  SELECT 'person:' || "speakerId" AS "key", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn"
    WHERE "episodeSlug" = ${param} AND "kind" = 'speech' AND "speakerId" IS NOT NULL GROUP BY "speakerId"
  UNION ALL SELECT 'topic:' || tt."topicId", CAST(COUNT(*) AS INTEGER) FROM "TurnTopic" tt JOIN "Turn" t ON t."id" = tt."turnPk"
    WHERE t."episodeSlug" = ${param} AND t."kind" = 'speech' GROUP BY tt."topicId"
  UNION ALL SELECT 'show:' || "showId", 1 FROM "Episode" WHERE "slug" = ${param}
  UNION ALL SELECT 'episode:' || "episodeSlug", CAST(COUNT(*) AS INTEGER) FROM "Turn"
    WHERE "episodeSlug" = ${param} AND "kind" = 'speech' GROUP BY "episodeSlug"
  UNION ALL SELECT 'chapter:' || c."episodeSlug" || '/' || c."number", CAST(COUNT(*) AS INTEGER) FROM "Turn" t JOIN "Chapter" c ON c."id" = t."chapterId"
    WHERE t."episodeSlug" = ${param} AND t."kind" = 'speech' GROUP BY c."episodeSlug", c."number"`;

/** Each entity's count, "kind:id" -> n (a show's: episodes). */
export const ENTITY_COUNT_SQL = 'SELECT "kind" || \':\' || "entityId" AS "key", "count" AS "n" FROM "search_entity"';

/**
 * What each entity's card counts, kept as episodes are written and removed instead of counted
 * over the whole library at the end (five GROUP BYs over every turn: 7 s at 1,000,000 turns, most
 * of an incremental ingest): speech turns of a person, a topic, an episode, a chapter; a show's
 * episodes. An editor's note counts toward nothing, as on every page and in the API. A full ingest
 * starts from nothing; an incremental one from the counts written last (ENTITY_COUNT_SQL), minus
 * what each removed or rewritten episode held (episodeCountSql), plus what each written one holds.
 */
export class EntityCounts {
  private readonly counts: Map<string, number>;

  constructor(initial: Iterable<{ key: string; n: number | string }> = []) {
    this.counts = new Map([...initial].map((row) => [row.key, Number(row.n)]));
  }

  /** An episode written: its rows' counts are added. */
  addEpisode(rows: Pick<EpisodeRows, "slug" | "episode" | "chapters" | "turns">): void {
    this.add(`show:${rows.episode.showId}`);
    for (const turn of rows.turns)
      this.addTurn({
        kind: turn.kind,
        episodeSlug: rows.slug,
        chapterNumber: rows.chapters[turn.chapterIndex]!.number,
        speakerId: turn.speakerId,
        topics: turn.topics.map((link) => link.topicId),
      });
  }

  /** One show's episode (an episode written without its rows: the search index built from documents). */
  addShowEpisode(showId: string): void {
    this.add(`show:${showId}`);
  }

  /** One document: a speech turn counts toward its speaker, topics, episode and chapter; a note or quote toward nothing. */
  addTurn(turn: { kind: string; episodeSlug: string; chapterNumber: number; speakerId: string | null; topics: readonly string[] }): void {
    if (turn.kind !== "speech") return;
    if (turn.speakerId) this.add(`person:${turn.speakerId}`);
    for (const topic of turn.topics) this.add(`topic:${topic}`);
    this.add(`episode:${turn.episodeSlug}`);
    this.add(`chapter:${turn.episodeSlug}/${turn.chapterNumber}`);
  }

  private add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** An episode about to be removed: what it held (episodeCountSql's rows) is taken away. */
  subtract(rows: Iterable<{ key: string; n: number | string }>): void {
    for (const { key, n } of rows) this.counts.set(key, (this.counts.get(key) ?? 0) - Number(n));
  }

  of(entity: Pick<SearchEntityName, "kind" | "id">): number {
    return this.counts.get(`${entity.kind}:${entity.id}`) ?? 0;
  }
}

export interface EntityRows {
  episodes: Array<{ slug: string; title: string; showId: string }>;
  chapters: Array<{ episodeSlug: string; number: number; title: string; tocTitle: string | null }>;
  participants: Array<{ episodeSlug: string; personId: string; role: Role }>;
}

/** The rows of every ENTITY_SQL statement, by its name. */
export function entityRows(results: Readonly<Record<string, unknown[]>>): EntityRows {
  return {
    episodes: results.episodes as EntityRows["episodes"],
    chapters: results.chapters as EntityRows["chapters"],
    participants: results.participants as EntityRows["participants"],
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

/** One row of search_entity with its keys (search_entity_key), as both stores write them. */
export type EntityTableRow = Omit<EntityRecord, "entity"> & {
  /** Its place in ranking order, from 1: search_entity's rowid (SQLite) or id (PostgreSQL). */
  id: number;
  /** [key, exact]: its name and aliases (1) and a person's name words (0), the first of each key only. */
  keys: Array<readonly [string, number]>;
};

/** The rows that name `entities` (in ranking order), each with its count. */
export function entityTableRows(
  entities: readonly SearchEntityName[],
  countOf: (entity: SearchEntityName, index: number) => number,
): EntityTableRow[] {
  return entities.map((entity, index) => {
    const keys = new Map<string, number>();
    for (const alias of [entity.name, ...entity.aliases]) {
      const key = compactKey(alias);
      if (key && !keys.has(key)) keys.set(key, 1);
    }
    for (const word of entity.nameWords ?? []) if (!keys.has(word)) keys.set(word, 0);
    return {
      id: index + 1,
      kind: entity.kind,
      entityId: entity.id,
      name: entity.name,
      url: entity.url,
      count: countOf(entity, index),
      role: entity.role ?? null,
      context: entity.context ?? null,
      keyLength: [...compactKey(entity.name)].length,
      keys: [...keys],
    };
  });
}

/** What turns the entity tables holding `before` into `after`: rows whose id stays and whose keys and title do not change are updated in place. */
export interface EntityTableChanges {
  /** Same id, entity, name and keys: their other columns are set. */
  update: EntityTableRow[];
  /** Rows (as they were) whose keys and title go. */
  remove: EntityTableRow[];
  /** Rows written anew (after `remove`). */
  insert: EntityTableRow[];
}

const sameKeys = (a: EntityTableRow["keys"], b: EntityTableRow["keys"]) => {
  if (a.length !== b.length) return false;
  if (a.length === 1) return a[0]![0] === b[0]![0] && a[0]![1] === b[0]![1]; // most titles: one key
  const keysOf = (keys: EntityTableRow["keys"]) => keys.map(([key, exact]) => `${key}\u0000${exact}`).sort();
  const x = keysOf(a);
  const y = keysOf(b);
  return x.every((key, i) => key === y[i]);
};

/**
 * The least that turns `before` into `after`: an incremental ingest changes the counts of a few
 * entities and, when an episode is added or removed, the ids of those after it in ranking order
 * (which the stores may choose to rewrite whole instead).
 */
export function entityTableChanges(before: readonly EntityTableRow[], after: readonly EntityTableRow[]): EntityTableChanges {
  const byId = new Map(before.map((row) => [row.id, row]));
  const changes: EntityTableChanges = { update: [], remove: [], insert: [] };
  for (const row of after) {
    const old = byId.get(row.id);
    byId.delete(row.id);
    if (old && old.kind === row.kind && old.entityId === row.entityId && old.name === row.name && sameKeys(old.keys, row.keys)) {
      if (
        old.url !== row.url ||
        old.count !== row.count ||
        old.role !== row.role ||
        old.context !== row.context ||
        old.keyLength !== row.keyLength
      )
        changes.update.push(row);
      continue;
    }
    if (old) changes.remove.push(old);
    changes.insert.push(row);
  }
  changes.remove.push(...byId.values());
  return changes;
}

/** The entity tables' rows as stored: search_entity's rows and search_entity_key's [key, entity, exact]. */
export function storedEntityRows(
  rows: ReadonlyArray<Omit<EntityTableRow, "keys">>,
  keys: ReadonlyArray<{ key: string; entity: number; exact: number }>,
): EntityTableRow[] {
  const keysOf = new Map<number, Array<readonly [string, number]>>();
  for (const { key, entity, exact } of keys) {
    const list = keysOf.get(Number(entity));
    if (list) list.push([key, Number(exact)]);
    else keysOf.set(Number(entity), [[key, Number(exact)]]);
  }
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    count: Number(row.count),
    keyLength: Number(row.keyLength),
    keys: keysOf.get(Number(row.id)) ?? [],
  }));
}
