// next-intl's per-request configuration (found by the plugin in next.config.ts): the interface
// language of this request and its messages. Server components read them with getTranslations().
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, negotiateLocale } from "./locales";
import { MESSAGES } from "./messages";

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale({
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  return {
    locale,
    messages: MESSAGES[locale],
    // Dates in the library are calendar dates (2023-12-08): formatted in UTC they never shift a day.
    timeZone: "UTC",
  };
});
