import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { LOCALES, LOCALE_AUTONYMS } from "@/i18n/locales";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";

/**
 * The interface language switch: a form posting to /language, which sets the cookie and returns
 * to this page (same URL). It offers the other language, written in that language.
 */
export async function LanguageSwitch() {
  const [locale, t, headerList] = await Promise.all([getLocale(), getTranslations("Language"), headers()]);
  const returnTo = headerList.get(REQUEST_PATH_HEADER) ?? "/";
  return (
    <form method="post" action="/language" className="flex items-center" data-testid="language-switch">
      <input type="hidden" name="return" value={returnTo} />
      {LOCALES.filter((l) => l !== locale).map((other) => (
        <button
          key={other}
          type="submit"
          name="locale"
          value={other}
          lang={other}
          title={t("switchHint")}
          className="rounded-md border border-stone-300 px-2 py-1 text-sm text-stone-700 hover:border-stone-500 hover:text-stone-950 dark:border-stone-600 dark:text-stone-200 dark:hover:border-stone-400 dark:hover:text-white"
        >
          {LOCALE_AUTONYMS[other]}
        </button>
      ))}
    </form>
  );
}
