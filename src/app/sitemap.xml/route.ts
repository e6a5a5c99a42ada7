import { sitemapUrls } from "@/lib/data/sitemap";
import { sitemapDocument, xmlResponse } from "@/lib/sitemap-xml";
import { siteUrl } from "@/lib/urls";

/**
 * GET /sitemap.xml: every page a reader can land on (episodes, chapters, turns, questions,
 * people, topics, quotes). A library of more than 50,000 pages gets an index of
 * /sitemaps/<n>.xml files instead, each within the protocol's limit.
 */
export async function GET() {
  const base = siteUrl();
  return xmlResponse(sitemapDocument(await sitemapUrls(base), base, undefined)!);
}
