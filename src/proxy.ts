// Runs before every page and API route:
// 1. answers 400 for malformed URLs (bad ids, bad filter values) before any page renders, so a
//    page only ever sees well-formed parameters (unknown-but-well-formed ones become 404s);
// 2. sets a Content-Security-Policy with a fresh nonce per request. Next.js reads the nonce from
//    the request's CSP header and puts it on the inline scripts it needs; no other inline script
//    can run. Style attributes are allowed (style-src-attr): they cannot run code, and speaker
//    colours use one. The other security headers are set for every response in next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { malformedUrlReason } from "@/lib/route-params";
import { SECURITY_HEADERS } from "@/lib/security-headers";

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const reason = malformedUrlReason(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (reason) {
    if (request.nextUrl.pathname.startsWith("/api/"))
      return withSecurityHeaders(NextResponse.json({ error: "bad_request", message: reason }, { status: 400 }));
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>400 · 请求无效</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>400 · 请求无效</h1><p>${escapeHtml(reason)}</p><p><a href="/">回到节目列表</a></p></body></html>`;
    return withSecurityHeaders(
      new NextResponse(html, {
        status: 400,
        headers: {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        },
      }),
    );
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

function withSecurityHeaders(response: NextResponse): NextResponse {
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  return response;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const config = {
  // Everything but build assets (hashed files under /_next/static need no nonce).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
