// The sitemap documents: one urlset up to the protocol's limit, an index of numbered files beyond.
import { describe, expect, it } from "vitest";
import { sitemapDocument, urlset } from "../../src/lib/sitemap-xml.ts";

const urls = Array.from({ length: 7 }, (_, i) => ({ loc: `https://kb.example/p/${i}`, lastModified: "2023-12-08" }));
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

describe("sitemap documents", () => {
  it("lists every URL in /sitemap.xml while they fit in one file, and has no numbered files", () => {
    const xml = sitemapDocument(urls, "https://kb.example", undefined, 7)!;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect(locs(xml)).toEqual(urls.map((u) => u.loc));
    expect(xml).toContain("<lastmod>2023-12-08</lastmod>");
    expect(sitemapDocument(urls, "https://kb.example", 0, 7)).toBeNull();
  });

  it("becomes an index of numbered files, each within the limit, that together list every URL once", () => {
    const index = sitemapDocument(urls, "https://kb.example", undefined, 3)!;
    expect(index).toContain("<sitemapindex");
    expect(locs(index)).toEqual([
      "https://kb.example/sitemaps/0.xml",
      "https://kb.example/sitemaps/1.xml",
      "https://kb.example/sitemaps/2.xml",
    ]);
    const parts = [0, 1, 2].map((n) => locs(sitemapDocument(urls, "https://kb.example", n, 3)!));
    expect(parts.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(parts.flat()).toEqual(urls.map((u) => u.loc));
    expect(sitemapDocument(urls, "https://kb.example", 3, 3)).toBeNull();
  });

  it("escapes what XML would read as markup", () => {
    expect(urlset([{ loc: "https://kb.example/search?q=a&b=<c>" }])).toContain("<loc>https://kb.example/search?q=a&amp;b=&lt;c&gt;</loc>");
  });
});
