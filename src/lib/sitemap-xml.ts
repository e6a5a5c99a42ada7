// The sitemap protocol's two documents (https://www.sitemaps.org/protocol.html): a urlset, and
// the index that lists several urlsets when one would hold more than 50,000 URLs.
const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

export function urlset(urls: Array<{ loc: string; lastModified?: string }>): string {
  const body = urls
    .map((u) => `<url>\n<loc>${escapeXml(u.loc)}</loc>${u.lastModified ? `\n<lastmod>${escapeXml(u.lastModified)}</lastmod>` : ""}\n</url>`)
    .join("\n");
  return `${HEAD}<urlset ${NS}>\n${body}\n</urlset>\n`;
}

export function sitemapIndex(locs: string[]): string {
  return `${HEAD}<sitemapindex ${NS}>\n${locs.map((loc) => `<sitemap>\n<loc>${escapeXml(loc)}</loc>\n</sitemap>`).join("\n")}\n</sitemapindex>\n`;
}

export const xmlResponse = (xml: string) => new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8" } });

/** The sitemap protocol's limit on URLs in one file; beyond it /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * The document for /sitemap.xml (`file` undefined) or /sitemaps/<file>.xml, or null when there is
 * no such file. Up to `max` URLs, /sitemap.xml lists them all and there are no numbered files;
 * beyond, /sitemap.xml is an index of numbered files of `max` URLs each.
 */
export function sitemapDocument(
  urls: Array<{ loc: string; lastModified?: string }>,
  base: string,
  file: number | undefined,
  max = SITEMAP_MAX_URLS,
): string | null {
  if (file === undefined) {
    if (urls.length <= max) return urlset(urls);
    return sitemapIndex(Array.from({ length: Math.ceil(urls.length / max) }, (_, n) => `${base}/sitemaps/${n}.xml`));
  }
  const part = urls.length > max ? urls.slice(file * max, (file + 1) * max) : [];
  return part.length > 0 ? urlset(part) : null;
}
