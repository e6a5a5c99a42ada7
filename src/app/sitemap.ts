import type { MetadataRoute } from "next";
import { getEpisode, listEpisodes } from "@/lib/data/episodes";
import { listPeople } from "@/lib/data/people";
import { listQuotes } from "@/lib/data/quotes";
import { listTopics } from "@/lib/data/topics";
import { groupExchanges } from "@/lib/reader/exchanges";
import { chapterUrl, episodeUrl, exchangeUrl, questionsUrl, quoteUrl, speakerUrl, topicUrl, siteUrl } from "@/lib/urls";

/** Every page a reader can land on: episodes, chapters, turns, questions, people, topics, quotes. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = siteUrl();
  const [summaries, people, topics, quotes] = await Promise.all([listEpisodes(), listPeople(), listTopics(), listQuotes()]);
  const episodes = (await Promise.all(summaries.map((e) => getEpisode(e.slug)))).filter((e) => e !== null);
  const paths = [
    "/",
    "/speakers",
    "/topics",
    "/quotes",
    ...episodes.flatMap((e) => [
      episodeUrl(e.slug),
      questionsUrl(e.slug),
      ...e.chapters.map((c) => chapterUrl(e.slug, c.number)),
      ...e.chapters.flatMap((c) => c.turns.map((t) => t.url)),
      ...groupExchanges(e.chapters.flatMap((c) => c.turns)).map((x) => exchangeUrl(e.slug, x.n)),
    ]),
    ...people.map((p) => speakerUrl(p.id)),
    ...topics.map((t) => topicUrl(t.id)),
    ...quotes.map((q) => quoteUrl(q.id)),
  ];
  const lastModified = new Map(episodes.map((e) => [e.slug, e.publishedAt]));
  return paths.map((path) => ({ url: `${base}${path}`, lastModified: lastModified.get(path.split("/")[2] ?? "") }));
}
