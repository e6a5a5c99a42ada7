// The body of an error the app answers before any page renders (src/proxy.ts: malformed URL;
// src/cli/serve.ts: method, URL length, parameter count): JSON under /api/, a small HTML page
// elsewhere. Never a stack trace or a path of the server.
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import { errorPage } from "./bad-request-page";
import { SECURITY_HEADERS } from "./security-headers";
const ERROR_CODES: Record<number, string> = { 400: "bad_request", 405: "method_not_allowed", 414: "uri_too_long" };

export type ErrorResponse = { status: number; headers: Record<string, string>; body: string };

export function errorResponse(
  pathname: string,
  status: number,
  message: string,
  extraHeaders: Record<string, string> = {},
  /** The reader's interface language (src/i18n/locales.ts negotiateLocale), for the HTML page. */
  locale: Locale = DEFAULT_LOCALE,
): ErrorResponse {
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]));
  headers["cache-control"] = "no-store";
  Object.assign(headers, extraHeaders);
  if (pathname.startsWith("/api/")) {
    headers["content-type"] = "application/json";
    return { status, headers, body: JSON.stringify({ error: ERROR_CODES[status] ?? "error", message }) };
  }
  headers["content-type"] = "text/html; charset=utf-8";
  headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";
  headers["vary"] = "Cookie, Accept-Language";
  const body = errorPage(locale, status, message);
  return { status, headers, body };
}
