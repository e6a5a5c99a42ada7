// The body of an error the app answers before any page renders (src/proxy.ts: malformed URL;
// src/cli/serve.ts: method, URL length, parameter count): JSON under /api/, a small HTML page
// elsewhere. Never a stack trace or a path of the server.
import { SECURITY_HEADERS } from "./security-headers";

const TITLES: Record<number, string> = {
  400: "400 · 请求无效",
  405: "405 · 不支持的请求方法",
  414: "414 · 网址过长",
};
const ERROR_CODES: Record<number, string> = { 400: "bad_request", 405: "method_not_allowed", 414: "uri_too_long" };

export type ErrorResponse = { status: number; headers: Record<string, string>; body: string };

export function errorResponse(pathname: string, status: number, message: string, extraHeaders: Record<string, string> = {}): ErrorResponse {
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]));
  headers["cache-control"] = "no-store";
  Object.assign(headers, extraHeaders);
  if (pathname.startsWith("/api/")) {
    headers["content-type"] = "application/json";
    return { status, headers, body: JSON.stringify({ error: ERROR_CODES[status] ?? "error", message }) };
  }
  const title = TITLES[status] ?? String(status);
  headers["content-type"] = "text/html; charset=utf-8";
  headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6"><h1>${title}</h1><p>${escapeHtml(message)}</p><p><a href="/">回到节目列表</a></p></body></html>`;
  return { status, headers, body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
