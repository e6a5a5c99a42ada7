// Runs before every page and API route:
// 1. answers 400 for malformed URLs (bad ids, bad filter values) before any page renders, so a
//    page only ever sees well-formed parameters (unknown-but-well-formed ones become 404s); every
//    route's parameters are declared in ROUTES (src/lib/route-params.ts);
// 2. sets a Content-Security-Policy with a fresh nonce per request. Next.js reads the nonce from
//    the request's CSP header and puts it on the inline scripts it needs; no other inline script
//    can run. Style attributes are allowed (style-src-attr): they cannot run code, and speaker
//    colours use one. The other security headers are set for every response in next.config.ts.
//    Media (the reader's <audio>) may come only from the origins of the library's audio URLs,
//    read from the database per request (src/lib/data/media.ts), and from the page's own origin
//    (the transcript's WebVTT <track>); API answers load no media.
import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, negotiateLocale } from "@/i18n/locales";
import { audioOrigins } from "@/lib/data/media";
import { mediaSrcDirective } from "@/lib/listen/media-origins";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";
import { malformedUrlReason } from "@/lib/route-params";
import { errorResponse } from "@/lib/error-response";

export function contentSecurityPolicy(nonce: string, dev: boolean, mediaOrigins: string[] = [], page = true): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    mediaSrcDirective(mediaOrigins, page),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Read APIs may be kept by browsers and shared caches for a minute (docs/decisions.md). */
export const API_CACHE_CONTROL = "public, max-age=60";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const reason = malformedUrlReason(pathname, request.nextUrl.searchParams);
  if (reason) {
    const locale = negotiateLocale({
      cookie: request.cookies.get(LOCALE_COOKIE)?.value,
      acceptLanguage: request.headers.get("accept-language"),
    });
    const { status, headers, body } = errorResponse(pathname, 400, reason, {}, locale);
    return new NextResponse(body, { status, headers });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const api = pathname.startsWith("/api/");
  const media = api ? [] : await audioOrigins().catch(() => []); // no database yet: no media
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", media, !api);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (pathname.startsWith("/api/")) response.headers.set("cache-control", API_CACHE_CONTROL);
  // Pages are written in the reader's interface language (cookie, else Accept-Language).
  else response.headers.append("vary", "Cookie, Accept-Language");
  return response;
}

export const config = {
  // Everything but build assets (hashed files under /_next/static need no nonce).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|manifest.webmanifest).*)"],
};
