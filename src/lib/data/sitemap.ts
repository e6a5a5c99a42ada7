// Server-only: every page a reader can land on, for the sitemap. Read with lean queries (ids
// only), in library order: the site's own pages, then per episode its reader, question list,
// chapters, turns and exchanges, then people, topics and quotes.
import "server-only";
import { getDb } from "../db";
import { chapterUrl, episodeUrl, exchangeUrl, questionsUrl, quoteUrl, speakerUrl, topicUrl, turnPermalink } from "../urls";

export interface SitemapEntry {
  path: string;
  /** The episode's publication date for its pages (YYYY-MM-DD). */
  lastModified?: string;
}

/** Absolute URLs of every entry, for sitemapDocument(). */
export async function sitemapUrls(base: string): Promise<Array<{ loc: string; lastModified?: string }>> {
  return (await sitemapEntries()).map((e) => ({ loc: `${base}${e.path}`, lastModified: e.lastModified }));
}

export async function sitemapEntries(): Promise<SitemapEntry[]> {
  const db = await getDb();
  const [episodes, chapters, turns, exchanges, people, topics, quotes] = await Promise.all([
    db.episode.findMany({ orderBy: [{ publishedAt: "desc" }, { slug: "asc" }], select: { slug: true, publishedAt: true } }),
    db.chapter.findMany({ orderBy: [{ episodeSlug: "asc" }, { number: "asc" }], select: { episodeSlug: true, number: true } }),
    db.turn.findMany({ orderBy: [{ episodeSlug: "asc" }, { ordinal: "asc" }], select: { episodeSlug: true, turnId: true } }),
    db.$queryRaw<Array<{ episodeSlug: string; exchange: number | bigint }>>`
      SELECT DISTINCT "episodeSlug", "exchange" FROM "Turn" WHERE "exchange" IS NOT NULL ORDER BY "episodeSlug", "exchange"`,
    db.person.findMany({ orderBy: { name: "asc" }, select: { id: true } }),
    db.topic.findMany({ orderBy: { ordinal: "asc" }, select: { id: true } }),
    db.quote.findMany({ orderBy: [{ episodeSlug: "asc" }, { ordinal: "asc" }], select: { id: true } }),
  ]);
  const perEpisode = new Map(episodes.map((e) => [e.slug, [] as string[]]));
  for (const e of episodes) perEpisode.get(e.slug)!.push(episodeUrl(e.slug), questionsUrl(e.slug));
  for (const c of chapters) perEpisode.get(c.episodeSlug)?.push(chapterUrl(c.episodeSlug, c.number));
  for (const t of turns) perEpisode.get(t.episodeSlug)?.push(turnPermalink(t.episodeSlug, t.turnId));
  for (const x of exchanges) perEpisode.get(x.episodeSlug)?.push(exchangeUrl(x.episodeSlug, Number(x.exchange)));
  return [
    ...["/", "/speakers", "/topics", "/quotes"].map((path) => ({ path })),
    ...episodes.flatMap((e) => perEpisode.get(e.slug)!.map((path) => ({ path, lastModified: e.publishedAt.toISOString().slice(0, 10) }))),
    ...people.map((p) => ({ path: speakerUrl(p.id) })),
    ...topics.map((t) => ({ path: topicUrl(t.id) })),
    ...quotes.map((q) => ({ path: quoteUrl(q.id) })),
  ];
}
