import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { HighlightedText } from "@/components/highlighted-text";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { getLabels } from "@/lib/data/lookups";
import { listQuotes, type QuoteDTO } from "@/lib/data/quotes";
import { searchTurns } from "@/lib/data/search";
import { highlightRanges } from "@/lib/search/highlight";
import { parseQuery } from "@/lib/search/parse-query";
import { parseRouteQuery } from "@/lib/route-params";
import { blockLanguage } from "@/lib/content-language";
import { topicName } from "@/lib/topic-name";
import { quoteUrl, searchUrl, turnPermalinkFor } from "@/lib/urls";
import { FacetChips } from "../search/_components/facet-chips";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Quotes");
  return { title: t("title"), description: t("description") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QuotesPage({ searchParams }: Props) {
  const parsed = parseRouteQuery("/quotes", await searchParams);
  if (!parsed.ok) notFound(); // the proxy answers 400 first
  const { q, speaker, topic, episode } = parsed.data;
  const query = parseQuery(q);
  const searching = query.searchable;
  // With a query, the search engine ranks the quotes; without one, they come in interview order.
  const rankedIds = searching
    ? (
        await searchTurns(
          { q, episode, speaker: undefined, topic: undefined, chapter: undefined, kind: "quote", facets: false, limit: 100, offset: 0 },
          { facets: false, near: false, entities: false },
        )
      ).hits.flatMap((h) => (h.quoteId ? [h.quoteId] : []))
    : undefined;
  const [candidates, labels, t, common, locale] = await Promise.all([
    listQuotes({ episode, ids: rankedIds }),
    getLabels(),
    getTranslations("Quotes"),
    getTranslations("Common"),
    getLocale(),
  ]);
  const topicLabel = (id: string) => {
    const ref = labels.topicRefs.get(id);
    return ref ? topicName(ref, locale) : id;
  };
  const bySpeaker = (x: QuoteDTO) => !speaker || x.speakerId === speaker;
  const byTopic = (x: QuoteDTO) => !topic || x.topics.includes(topic);
  const quotes = candidates.filter((x) => bySpeaker(x) && byTopic(x));
  const state = { q, speaker, topic, episode };
  const here = (changes: Partial<typeof state>) => searchUrl({ ...state, ...changes }, "/quotes");
  // A chip's count is what clicking it would show, given the other filter.
  const speakers = [...new Set(candidates.map((x) => x.speakerId).filter((s): s is string => !!s))];
  const topics = [...labels.topics.keys()].filter((t) => candidates.some((x) => x.topics.includes(t)));
  const speakerCount = (id: string) => candidates.filter((x) => x.speakerId === id && byTopic(x)).length;
  const topicCount = (id: string) => candidates.filter((x) => x.topics.includes(id) && bySpeaker(x)).length;

  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{t("intro")}</p>
      <form action="/quotes" method="get" role="search" aria-label={t("searchLabel")} className="mt-4 flex gap-2">
        <label htmlFor="quotes-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="quotes-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("searchPlaceholder")}
          className="min-w-0 flex-1 rounded-lg border border-stone-400 bg-white px-3 py-2 placeholder:text-stone-600 dark:border-stone-600 dark:bg-stone-900 dark:placeholder:text-stone-400"
        />
        {speaker && <input type="hidden" name="speaker" value={speaker} />}
        {topic && <input type="hidden" name="topic" value={topic} />}
        <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 text-white dark:bg-stone-100 dark:text-stone-900">
          {t("submit")}
        </button>
      </form>
      <section
        aria-label={t("filters")}
        className="mt-4 space-y-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
      >
        <FacetChips
          name="speaker"
          title={t("speaker")}
          facets={speakers.map((id) => ({
            id,
            label: labels.people.get(id) ?? id,
            count: speakerCount(id),
            selected: speaker === id,
            href: here({ speaker: speaker === id ? undefined : id }),
          }))}
        />
        <FacetChips
          name="topic"
          title={t("topic")}
          facets={topics.map((id) => ({
            id,
            label: topicLabel(id),
            count: topicCount(id),
            selected: topic === id,
            href: here({ topic: topic === id ? undefined : id }),
          }))}
        />
      </section>
      <p className="mt-4 text-sm text-stone-600 dark:text-stone-400" data-testid="quotes-count" data-count={quotes.length}>
        {t("count", { count: quotes.length })}
      </p>
      <ul className="mt-3 space-y-4">
        {quotes.map((quote) => (
          <li key={quote.id} data-quote={quote.id} data-speaker={quote.speakerId ?? ""}>
            <figure className="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <blockquote className="prose-turn text-lg leading-relaxed" lang={blockLanguage(quote.text, quote.language)}>
                “<HighlightedText text={quote.text} ranges={searching ? highlightRanges(quote.text, query) : []} />”
              </blockquote>
              <figcaption className="mt-3 flex flex-wrap items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
                {quote.speakerId && quote.speakerName && <SpeakerAvatar id={quote.speakerId} name={quote.speakerName} size="sm" />}
                <span className="font-semibold">{quote.speakerName}</span>
                {quote.role && <RoleBadge role={quote.role} />}
                <span className="text-xs text-stone-600 dark:text-stone-400">
                  <span lang={quote.language}>{quote.episodeTitle}</span> · {common("chapterN", { n: quote.chapter })}
                </span>
                <span className="ml-auto flex gap-3 text-xs">
                  <Link href={quoteUrl(quote.id)} className="underline underline-offset-2" data-quote-link>
                    {t("cite")}
                  </Link>
                  <Link
                    href={turnPermalinkFor(quote.episode, quote.turnId, `"${quote.text}"`)}
                    className="underline underline-offset-2"
                    data-quote-context
                  >
                    {t("inContext")}
                    <span aria-hidden="true"> →</span>
                  </Link>
                </span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      {quotes.length === 0 && (
        <p className="mt-6 text-center text-sm text-stone-700 dark:text-stone-300" data-testid="quotes-empty">
          {t("empty")}{" "}
          <Link href="/quotes" className="underline">
            {t("showAll")}
          </Link>
        </p>
      )}
    </div>
  );
}
