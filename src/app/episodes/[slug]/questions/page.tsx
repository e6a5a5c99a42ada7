import type { Metadata } from "next";
import Link from "next/link";
import { loadEpisodeOr404 } from "../_components/load-episode";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { episodeUrl, exchangeUrl, questionsUrl } from "@/lib/urls";

type Props = { params: Promise<{ slug: string }> };

const load = async (params: Props["params"]) => loadEpisodeOr404((await params).slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const episode = await load(params);
  return {
    title: `问题索引 · ${episode.title}`,
    description: `《${episode.title}》中的每一个问题:谁问的、谁回答、在哪一章。`,
    alternates: { canonical: questionsUrl(episode.slug) },
  };
}

export default async function QuestionsPage({ params }: Props) {
  const episode = await load(params);
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  const people = new Map(episode.participants.map((p) => [p.id, p]));
  return (
    <article>
      <p className="text-sm text-stone-500 dark:text-stone-400">
        <Link href={episodeUrl(episode.slug)} className="hover:underline">
          {episode.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">问题索引</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">
        {exchanges.length} 个问题。问答结构由文稿推断(主持人与其他提问者的发言、以问号结尾的嘉宾发言),并经编辑校正。
      </p>
      {episode.chapters.map((chapter) => (
        <section key={chapter.number} className="mt-8">
          {chapter.title && (
            <h2 className="border-b border-stone-200 pb-1 text-lg font-semibold dark:border-stone-800">
              <span className="mr-2 font-mono text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
              {chapter.title}
            </h2>
          )}
          <ol className="mt-2 divide-y divide-stone-100 dark:divide-stone-900">
            {exchanges
              .filter((e) => e.chapterNumber === chapter.number)
              .map((exchange) => {
                const asker = exchange.question?.speakerId ? people.get(exchange.question.speakerId) : undefined;
                const answerers = [
                  ...new Set(exchange.answers.flatMap((a) => (a.speakerId && a.speakerId !== asker?.id ? [a.speakerId] : []))),
                ].map((id) => people.get(id)!);
                return (
                  <li key={exchange.n} data-question={exchange.n} className="py-3">
                    <Link href={exchangeUrl(episode.slug, exchange.n)} className="group block">
                      <span className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-mono text-xs text-stone-400">Q{exchange.n}</span>
                        {asker && (
                          <>
                            <SpeakerAvatar id={asker.id} name={asker.name} size="sm" />
                            <span className="font-semibold" data-asker={asker.id}>
                              {asker.name}
                            </span>
                            <RoleBadge role={asker.role} />
                          </>
                        )}
                        {answerers.length > 0 && (
                          <span
                            className="text-xs text-stone-500 dark:text-stone-400"
                            data-answerers={answerers.map((a) => a.id).join(" ")}
                          >
                            → {answerers.map((a) => a.name).join("、")}
                          </span>
                        )}
                      </span>
                      <span className="mt-1 block text-stone-800 group-hover:underline dark:text-stone-200">
                        {exchange.question ? excerpt(exchange.question.text, 80) : "(本章开头,没有提问)"}
                      </span>
                    </Link>
                  </li>
                );
              })}
          </ol>
        </section>
      ))}
    </article>
  );
}
