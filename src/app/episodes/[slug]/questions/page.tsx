import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { loadEpisodeOr404 } from "../_components/load-episode";
import { EpisodeBreadcrumb } from "../_components/episode-breadcrumb";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { blockLanguage } from "@/lib/content-language";
import { groupExchanges } from "@/lib/reader/exchanges";
import { excerpt } from "@/lib/reader/excerpt";
import { exchangeUrl, questionsUrl } from "@/lib/urls";

type Props = { params: Promise<{ slug: string }> };

const load = async (params: Props["params"]) => loadEpisodeOr404((await params).slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [episode, t] = await Promise.all([load(params), getTranslations("Questions")]);
  return {
    title: t("metaTitle", { episode: episode.title }),
    description: t("metaDescription", { episode: episode.title }),
    alternates: { canonical: questionsUrl(episode.slug) },
  };
}

export default async function QuestionsPage({ params }: Props) {
  const [episode, t, common] = await Promise.all([load(params), getTranslations("Questions"), getTranslations("Common")]);
  const exchanges = groupExchanges(episode.chapters.flatMap((c) => c.turns));
  const people = new Map(episode.participants.map((p) => [p.id, p]));
  const lang = episode.language;
  return (
    <article>
      <EpisodeBreadcrumb episode={episode} />
      <h1 className="mt-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{t("intro", { count: exchanges.length })}</p>
      {episode.chapters.map((chapter) => (
        <section
          key={chapter.number}
          className="mt-8"
          aria-labelledby={chapter.title ? `questions-chapter-${chapter.number}` : undefined}
          aria-label={chapter.title ? undefined : common("untitledChapter")}
        >
          {chapter.title && (
            <h2
              id={`questions-chapter-${chapter.number}`}
              className="border-b border-stone-200 pb-1 text-lg font-semibold dark:border-stone-800"
            >
              <span className="mr-2 font-mono text-stone-600 dark:text-stone-400">{String(chapter.number).padStart(2, "0")}</span>
              <span lang={lang}>{chapter.title}</span>
            </h2>
          )}
          <ol className="mt-2 divide-y divide-stone-200 dark:divide-stone-800">
            {exchanges
              .filter((e) => e.chapterNumber === chapter.number)
              .map((exchange) => {
                const asker = exchange.question?.speakerId ? people.get(exchange.question.speakerId) : undefined;
                const answerers = [
                  ...new Set(exchange.answers.flatMap((a) => (a.speakerId && a.speakerId !== asker?.id ? [a.speakerId] : []))),
                ].map((id) => people.get(id)!);
                return (
                  <li key={exchange.n} data-question={exchange.n} className="py-3">
                    <Link href={exchangeUrl(episode.slug, exchange.n)} className="group block rounded">
                      <span className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-mono text-xs text-stone-600 dark:text-stone-400">Q{exchange.n}</span>
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
                            className="text-xs text-stone-600 dark:text-stone-400"
                            data-answerers={answerers.map((a) => a.id).join(" ")}
                          >
                            <span aria-hidden="true">→ </span>
                            <span className="sr-only">{t("answeredBy")} </span>
                            {answerers.map((a) => a.name).join(", ")}
                          </span>
                        )}
                      </span>
                      <span
                        className="mt-1 block text-stone-800 group-hover:underline dark:text-stone-200"
                        lang={exchange.question ? blockLanguage(exchange.question.text, lang) : undefined}
                      >
                        {exchange.question ? excerpt(exchange.question.text, 80) : t("noQuestion")}
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
