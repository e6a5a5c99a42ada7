import { NextResponse } from "next/server";
import { sitemapUrls } from "@/lib/data/sitemap";
import { sitemapDocument, xmlResponse } from "@/lib/sitemap-xml";
import { siteUrl } from "@/lib/urls";

/** GET /sitemaps/<n>.xml: the n-th 50,000 pages of a large library, listed by /sitemap.xml's index. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^(\d{1,6})\.xml$/.exec((await params).file);
  if (!match) return NextResponse.json({ error: "bad_request", message: "expected a sitemap file such as 0.xml" }, { status: 400 });
  const base = siteUrl();
  const xml = sitemapDocument(await sitemapUrls(base), base, Number(match[1]));
  if (xml === null) return NextResponse.json({ error: "not_found", message: `there is no sitemap ${match[1]}.xml` }, { status: 404 });
  return xmlResponse(xml);
}
