import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listTopics } from "@/lib/data/topics";
import { guessLanguage } from "@/lib/content-language";
import { otherTopicName, topicName } from "@/lib/topic-name";
import { topicUrl } from "@/lib/urls";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Topics");
  return { title: t("title"), description: t("description") };
}

export default async function TopicsPage() {
  const [topics, t, common, locale] = await Promise.all([listTopics(), getTranslations("Topics"), getTranslations("Common"), getLocale()]);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{t("intro")}</p>
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {topics.map((topic) => {
          const other = otherTopicName(topic, locale);
          return (
            <li
              key={topic.id}
              data-topic-card={topic.id}
              className="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
            >
              <Link href={topicUrl(topic.id)} className="font-semibold hover:underline">
                {topicName(topic, locale)}{" "}
                <span className="font-normal text-stone-600 dark:text-stone-400" lang={other.lang}>
                  {other.text}
                </span>
              </Link>
              <p className="mt-1 text-sm text-stone-700 dark:text-stone-300" lang={guessLanguage(topic.description, locale)}>
                {topic.description}
              </p>
              <p className="mt-1 text-xs text-stone-600 dark:text-stone-400" data-turn-count={topic.turnCount}>
                {common("turns", { count: topic.turnCount })}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
