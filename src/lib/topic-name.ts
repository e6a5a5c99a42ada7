import type { Locale } from "@/i18n/locales";

/**
 * Topics are named in the taxonomy in both languages (`name` in Chinese, `nameEn` in English):
 * the interface shows the one in its own language, so the name needs no `lang` of its own.
 */
export function topicName(topic: { name: string; nameEn: string }, locale: Locale): string {
  return locale === "en" ? topic.nameEn : topic.name;
}

/** The other language's name, shown beside the first (it carries this `lang`). */
export function otherTopicName(topic: { name: string; nameEn: string }, locale: Locale): { text: string; lang: string } {
  return locale === "en" ? { text: topic.name, lang: "zh-CN" } : { text: topic.nameEn, lang: "en" };
}
