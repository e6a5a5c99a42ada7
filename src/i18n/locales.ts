// The interface languages and how a request's language is chosen. Pure: no Next.js imports, so
// the proxy, the request config, route handlers and unit tests share it.
//
// Order of precedence: an explicit choice (the header's switch, kept in the `locale` cookie), then
// the browser's Accept-Language, then the default. URLs never carry the language: every permalink
// is the same address in both languages.

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
/** The language of a request that states none (no cookie, no Accept-Language): crawlers, curl. */
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** Used when Accept-Language is present but names neither Chinese nor English. */
export const FALLBACK_FOR_OTHER_LANGUAGES: Locale = "en";
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The interface language a language tag asks for (zh, zh-Hans-CN, zh-TW → zh-CN; en-GB → en). */
export function localeForTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** Accept-Language entries by preference (q descending, then order); q=0 entries dropped. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const quality = q === undefined ? 1 : Number(q);
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag !== "" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

export function negotiateLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  if (!acceptLanguage || acceptLanguage.trim() === "") return DEFAULT_LOCALE;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    if (tag === "*") return DEFAULT_LOCALE;
    const locale = localeForTag(tag);
    if (locale) return locale;
  }
  return FALLBACK_FOR_OTHER_LANGUAGES;
}

/** Each language's name in itself: what the switch shows, the same in every interface language. */
export const LOCALE_AUTONYMS: Record<Locale, string> = { "zh-CN": "中文", en: "English" };
