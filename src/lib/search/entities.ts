// Names and things a query can name: people, topics, shows, episodes and chapters. Pure.
// The ingest turns a library into entity names (with aliases from the content: a person's
// `aliases:`, a topic's English name and keywords) and counts them over the search documents;
// a query is compared with their compact keys: folded (case, full-width, Traditional), without
// spaces or punctuation, so `yiwen li`, `YiwenLi` and `Yiwen-Li` all name Yiwen Li.
import type { Library } from "../content/load-library";
import { ROLES } from "../content/schemas";
import { chapterUrl, episodeUrl, speakerUrl, topicUrl } from "../urls";
import { normaliseForSearch, runsOf } from "./normalize";

export const ENTITY_KINDS = ["person", "topic", "show", "episode", "chapter"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface SearchEntityName {
  kind: EntityKind;
  /** Person, topic or show id; episode slug; "<slug>/<chapter number>" for a chapter. */
  id: string;
  name: string;
  url: string;
  /** Other names that find it (a person's aliases; a topic's English name and keywords). */
  aliases: string[];
  /** The words of a person's name (Yiwen Li: yiwen), each naming the person on its own. */
  nameWords?: string[];
  role?: string | null;
  /** A chapter's episode title. */
  context?: string | null;
  /** An episode's show (to count a show's episodes). */
  showId?: string;
}

/** A name's compact key: folded, letters, digits and CJK only ("Yiwen Li" -> "yiwenli"). */
export function compactKey(name: string): string {
  return runsOf(normaliseForSearch(name).text)
    .map((run) => run.text)
    .join("");
}

/** A show's place on the library page (its episodes are listed under its heading there). */
export const showUrl = (id: string) => `/#show-${encodeURIComponent(id)}`;

/** The entities of a library, in the order they are ranked among equals. */
/** What entityNames needs of an episode. */
export interface EntityEpisode {
  slug: string;
  title: string;
  showId: string;
  participants: ReadonlyArray<{ personId: string; role: string }>;
  chapters: ReadonlyArray<{ number: number; title: string; tocTitle: string | null }>;
}

export function entityNames(
  library: Pick<Library, "people" | "topics" | "shows"> & { episodes: readonly EntityEpisode[] },
): SearchEntityName[] {
  const roles = new Map<string, Map<string, number>>();
  for (const episode of library.episodes)
    for (const p of episode.participants) {
      const counts = roles.get(p.personId) ?? new Map<string, number>();
      counts.set(p.role, (counts.get(p.role) ?? 0) + 1);
      roles.set(p.personId, counts);
    }
  const commonestRole = (id: string) => {
    const counts = [...(roles.get(id) ?? new Map<string, number>())];
    counts.sort((a, b) => b[1] - a[1] || ROLES.indexOf(a[0] as never) - ROLES.indexOf(b[0] as never));
    return counts[0]?.[0] ?? null;
  };
  const words = (name: string) => {
    const parts = runsOf(normaliseForSearch(name).text).filter((r) => r.kind === "word" && r.text.length >= 3);
    return parts.length > 1 ? parts.map((r) => r.text) : [];
  };
  return [
    ...library.people.map((p): SearchEntityName => ({
      kind: "person",
      id: p.id,
      name: p.name,
      url: speakerUrl(p.id),
      aliases: p.aliases ?? [],
      nameWords: words(p.name),
      role: commonestRole(p.id),
    })),
    ...library.topics.map((t): SearchEntityName => ({
      kind: "topic",
      id: t.id,
      name: t.name,
      url: topicUrl(t.id),
      aliases: [t.nameEn, ...t.keywords],
    })),
    ...library.shows.map((s): SearchEntityName => ({ kind: "show", id: s.id, name: s.name, url: showUrl(s.id), aliases: [] })),
    ...library.episodes.map((e): SearchEntityName => ({
      kind: "episode",
      id: e.slug,
      name: e.title,
      url: episodeUrl(e.slug),
      aliases: [],
      showId: e.showId,
    })),
    ...library.episodes.flatMap((e) =>
      e.chapters.map((c): SearchEntityName => ({
        kind: "chapter",
        id: `${e.slug}/${c.number}`,
        name: c.title,
        url: chapterUrl(e.slug, c.number),
        aliases: c.tocTitle ? [c.tocTitle] : [],
        context: e.title,
      })),
    ),
  ];
}

/** How well a query names an entity: higher is better; 0 is not at all. */
export interface EntityKeyMatch {
  key: string;
  /** 1: the whole name or an alias; 0: one word of a person's name. */
  exact: number;
  kind: EntityKind;
  keyLength: number;
}

/** Shortest query (in characters of its compact key) that may name an entity by a prefix of it. */
export const MIN_ENTITY_PREFIX = 2;

/**
 * The score of one key that starts with the query's compact key: the whole name 3, a word of a
 * person's name 2, the start of a name 1 (a title only when the query covers half of it), else 0.
 */
export function entityKeyScore(query: string, match: EntityKeyMatch): number {
  const length = [...query].length;
  if (match.key === query) return match.exact ? 3 : 2;
  if (!match.key.startsWith(query) || length < MIN_ENTITY_PREFIX) return 0;
  if (!match.exact) return length >= 3 ? 1 : 0;
  const titled = match.kind === "episode" || match.kind === "chapter";
  return !titled || length * 2 >= match.keyLength ? 1 : 0;
}

export const KIND_ORDER: Record<EntityKind, number> = { person: 0, topic: 1, show: 2, episode: 3, chapter: 4 };
