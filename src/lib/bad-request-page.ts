// The 400 page that src/proxy.ts answers for a malformed URL. The proxy runs before any page, so
// it cannot render the React layout: this is a small static page drawn to look like the site
// (header, message, a way back; light and dark), in the reader's interface language. The reason
// is the validator's technical message, shown under "details" and marked as English.
import type { Locale } from "@/i18n/locales";
import { MESSAGES } from "@/i18n/messages";

const STYLE = `
:root{color-scheme:light dark;--bg:#fafaf9;--fg:#1c1917;--muted:#44403c;--line:#e7e5e4;--card:#fff;--link:#0369a1}
@media (prefers-color-scheme:dark){:root{--bg:#0c0a09;--fg:#f5f5f4;--muted:#d6d3d1;--line:#292524;--card:#1c1917;--link:#7dd3fc}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.6}
header{border-bottom:1px solid var(--line)}
header a{display:inline-block;margin:0.75rem 1rem;font-weight:700;font-size:1.125rem;color:var(--fg);text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:4rem 1rem;text-align:center}
.code{font-family:ui-monospace,monospace;font-size:3rem;font-weight:700;color:var(--muted);margin:0}
h1{font-size:1.25rem;margin:1rem 0 0.5rem}
p{color:var(--muted)}
details{margin-top:1rem;text-align:left;background:var(--card);border:1px solid var(--line);border-radius:0.75rem;padding:0.5rem 1rem}
code{overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,summary:focus-visible{outline:2px solid var(--link);outline-offset:2px}
`;

/** The page for an error the app answers before rendering (400, 405, 414), in the reader's language. */
export function errorPage(locale: Locale, status: number, reason: string): string {
  const m = MESSAGES[locale];
  const text = m.HttpError[String(status) as keyof typeof m.HttpError] ?? m.HttpError["400"];
  return [
    "<!doctype html>",
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${status} · ${escapeHtml(text.title)} · ${escapeHtml(m.Site.name)}</title>`,
    `<link rel="icon" href="/icon.svg" type="image/svg+xml"><style>${STYLE}</style></head><body>`,
    `<header><a href="/">${escapeHtml(m.Site.name)}</a></header>`,
    `<main><p class="code">${status}</p><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p>`,
    `<p><a href="/">${escapeHtml(m.BadRequest.home)}</a></p>`,
    `<details><summary>${escapeHtml(m.BadRequest.details)}</summary><p><code lang="en">${escapeHtml(reason)}</code></p></details>`,
    `</main></body></html>`,
  ].join("");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const badRequestPage = (locale: Locale, reason: string) => errorPage(locale, 400, reason);
