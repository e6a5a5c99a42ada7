// The reader's turn cards as HTML (turn-card-html.ts), kept between requests (issue 12, part 4;
// docs/decisions.md, "Turn cards as HTML on the reader"). Writing a 2,000-turn episode's cards costs
// ~10-80 ms a request (more with a player: a link per cue); the result depends only on the episode as
// read, the interface language and the view. Only the plain view is kept (no filter, no find): its
// key is small and fixed, while filters and find queries are open-ended. Keyed by the episode's DTO
// object: getEpisode (src/lib/data/episodes.ts) hands out one object per episode and data version
// (db.ts dataVersion(): it changes with every ingest), so a re-ingested episode is a new object and
// never meets the HTML of the old one. Bounded by the characters kept, least recently used first out.

/** At most this many characters of HTML (UTF-16 code units: ≤ 2 bytes each), over all episodes. */
export const CACHED_CHARACTERS = 24_000_000;

interface Entry {
  parts: Map<string, string>;
  characters: number;
}

const entries = new Map<object, Entry>();
let characters = 0;

/** The HTML made by `make` for (episode, key), made once while it stays in the cache. */
export function cachedTurnCards(episode: object, key: string, make: () => string): string {
  let entry = entries.get(episode);
  const hit = entry?.parts.get(key);
  if (entry) {
    // Most recently used last.
    entries.delete(episode);
    entries.set(episode, entry);
  }
  if (hit !== undefined) return hit;
  const html = make();
  if (html.length > CACHED_CHARACTERS) return html;
  if (!entry) entries.set(episode, (entry = { parts: new Map(), characters: 0 }));
  entry.parts.set(key, html);
  entry.characters += html.length;
  characters += html.length;
  for (const [oldest, old] of entries) {
    if (characters <= CACHED_CHARACTERS) break;
    entries.delete(oldest);
    characters -= old.characters;
  }
  return html;
}

/** What the cache holds (for tests). */
export function turnCardCacheSize(): { episodes: number; characters: number } {
  return { episodes: entries.size, characters };
}
