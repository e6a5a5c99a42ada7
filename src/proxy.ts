// Answers 400 for malformed URLs (bad ids, bad filter values) before any page renders, so a page
// only ever sees well-formed parameters: unknown-but-well-formed ones become 404s in the page.
import { NextResponse, type NextRequest } from "next/server";
import { malformedUrlReason } from "@/lib/route-params";

export function proxy(request: NextRequest) {
  const reason = malformedUrlReason(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (!reason) return NextResponse.next();
  const wantsJson = request.nextUrl.pathname.startsWith("/api/");
  if (wantsJson) return NextResponse.json({ error: "bad_request", message: reason }, { status: 400 });
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>400 · 请求无效</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>400 · 请求无效</h1><p>${escapeHtml(reason)}</p><p><a href="/">回到节目列表</a></p></body></html>`;
  return new NextResponse(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const config = {
  matcher: [
    "/episodes/:path*",
    "/api/episodes/:path*",
    "/speakers/:path*",
    "/topics/:path*",
    "/search",
    "/api/search",
    "/quotes/:path*",
    "/api/quotes",
  ],
};
