// Every URL the app hands out is built here, so links and the routes they point to agree.
import { formatMoment, type Moment } from "./listen/moment";

/**
 * The public origin for absolute URLs (sitemap, robots.txt, canonical links, structured data):
 * SITE_URL (validated when the server starts: src/lib/config.ts), else http://localhost:<PORT>.
 */
export function siteUrl(): string {
  const configured = process.env.SITE_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    } catch {
      // not a URL: src/cli/serve.ts refuses to start with it; `next dev` falls back to localhost
    }
  }
  return `http://localhost:${process.env.PORT || 3000}`;
}
export const episodeUrl = (slug: string) => `/episodes/${encodeURIComponent(slug)}`;
export const chapterUrl = (slug: string, number: number) => `${episodeUrl(slug)}/chapters/${number}`;
export const turnPermalink = (slug: string, turnId: string) => `${episodeUrl(slug)}/turns/${encodeURIComponent(turnId)}`;
export const turnInReader = (slug: string, turnId: string) => `${episodeUrl(slug)}#${encodeURIComponent(turnId)}`;
export const speakerUrl = (id: string) => `/speakers/${encodeURIComponent(id)}`;
export const topicUrl = (id: string) => `/topics/${encodeURIComponent(id)}`;
/** Page `page` of a paginated profile; page 1 is the bare URL. */
export const pageUrl = (url: string, page: number) => (page > 1 ? `${url}?page=${page}` : url);

export type SearchUrlParams = Partial<
  Record<"q" | "speaker" | "episode" | "chapter" | "topic" | "kind" | "offset", string | number | undefined>
>;

/** /search with the given parameters, in a stable order, leaving out empty ones. */
export function searchUrl(params: SearchUrlParams, path = "/search"): string {
  const query = new URLSearchParams();
  for (const key of ["q", "speaker", "episode", "chapter", "topic", "kind", "offset"] as const) {
    const value = params[key];
    if (value !== undefined && value !== "" && !(key === "offset" && Number(value) === 0)) query.set(key, String(value));
  }
  const string = query.toString();
  return string ? `${path}?${string}` : path;
}

/** A permalink that highlights a query's matches and scrolls to the first one. */
export const turnPermalinkFor = (slug: string, turnId: string, q: string) =>
  q.trim() ? `${turnPermalink(slug, turnId)}?q=${encodeURIComponent(q)}#match-1` : turnPermalink(slug, turnId);

export const questionsUrl = (slug: string) => `${episodeUrl(slug)}/questions`;
export const exchangeUrl = (slug: string, n: number) => `${questionsUrl(slug)}/${n}`;
export const quoteUrl = (id: string) => `/quotes/${encodeURIComponent(id)}`;
/** The transcript as a download in one export format (src/lib/content/exporters). */
export const transcriptExportUrl = (slug: string, format: string) =>
  `/api/episodes/${encodeURIComponent(slug)}/transcript?format=${format}`;
/** The episode's chapters as Podcasting 2.0 JSON chapters. */
export const chaptersExportUrl = (slug: string) => `/api/episodes/${encodeURIComponent(slug)}/chapters`;

/**
 * A page of the reader at a moment or a clip of the episode's audio: `path?…&t=12:04#c2-05` (the
 * turn's anchor brings it into view, with or without JavaScript; path "" makes a link relative to
 * the page it is on). `keep` are other parameters of the page to keep (the reader's filters).
 * The time is written as is: digits, `:`, `.` and `,` need no escaping in a query.
 */
export function momentUrl(path: string, moment: Moment, turnId?: string, keep: Array<[string, string]> = []): string {
  const kept = new URLSearchParams(keep).toString();
  return `${path}?${kept ? `${kept}&` : ""}t=${formatMoment(moment)}${turnId ? `#${encodeURIComponent(turnId)}` : ""}`;
}
