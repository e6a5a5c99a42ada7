// The message catalogue: one JSON file per interface language, the same keys in both (a unit test
// checks keys and ICU arguments). zh-CN is the reference shape the type checker knows.
import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import type { Locale } from "./locales";

export type Messages = typeof zhCN;
export const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

/** The namespaces client components use: only these reach the browser. */
export const CLIENT_NAMESPACES = [
  "Copy",
  "SearchBox",
  "Entities",
  "Roles",
  "Find",
  "Shortcuts",
  "ErrorPage",
  "Listen",
] as const satisfies ReadonlyArray<keyof Messages>;

export function clientMessages(locale: Locale): Pick<Messages, (typeof CLIENT_NAMESPACES)[number]> {
  const all = MESSAGES[locale];
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, all[ns]])) as Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;
}
