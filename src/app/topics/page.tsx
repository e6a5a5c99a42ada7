import type { Metadata } from "next";
import Link from "next/link";
import { listTopics } from "@/lib/data/topics";
import { topicUrl } from "@/lib/urls";

export const metadata: Metadata = { title: "话题", description: "访谈涉及的话题,以及每个话题下的发言。" };

export default async function TopicsPage() {
  const topics = await listTopics();
  return (
    <div>
      <h1 className="text-2xl font-bold">话题</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">话题由关键词自动标注,并辅以编辑手工标注。</p>
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {topics.map((t) => (
          <li
            key={t.id}
            data-topic-card={t.id}
            className="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
          >
            <Link href={topicUrl(t.id)} className="font-semibold hover:underline">
              {t.name} <span className="font-normal text-stone-500">{t.nameEn}</span>
            </Link>
            <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{t.description}</p>
            <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">{t.turnCount} 段</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
