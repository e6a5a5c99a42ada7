import { NextResponse } from "next/server";
import { sitemapUrls } from "@/lib/data/sitemap";
import { sitemapDocument, xmlResponse } from "@/lib/sitemap-xml";
import { SitemapFileParam } from "@/lib/route-params";
import { siteUrl } from "@/lib/urls";

/** GET /sitemaps/<n>.xml: the n-th 50,000 pages of a large library, listed by /sitemap.xml's index. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = SitemapFileParam.safeParse((await params).file);
  if (!file.success) return NextResponse.json({ error: "bad_request", message: "expected a sitemap file such as 0.xml" }, { status: 400 });
  const base = siteUrl();
  const xml = sitemapDocument(await sitemapUrls(base), base, file.data);
  if (xml === null) return NextResponse.json({ error: "not_found", message: `there is no sitemap ${file.data}.xml` }, { status: 404 });
  return xmlResponse(xml);
}
