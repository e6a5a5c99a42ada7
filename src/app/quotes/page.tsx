import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HighlightedText } from "@/components/highlighted-text";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { getLabels } from "@/lib/data/lookups";
import { listQuotes, type QuoteDTO } from "@/lib/data/quotes";
import { searchTurns } from "@/lib/data/search";
import { highlightRanges } from "@/lib/search/highlight";
import { parseQuery } from "@/lib/search/parse-query";
import { parseRouteQuery } from "@/lib/route-params";
import { quoteUrl, searchUrl, turnPermalinkFor } from "@/lib/urls";
import { FacetChips } from "../search/_components/facet-chips";

export const metadata: Metadata = { title: "金句", description: "访谈中经过核对的金句,可按发言人和话题筛选、可搜索。" };

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
  const [candidates, labels] = await Promise.all([listQuotes({ episode, ids: rankedIds }), getLabels()]);
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
      <h1 className="text-2xl font-bold">金句</h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">每一句都与原文逐字核对过;点开可看到它在访谈中的位置。</p>
      <form action="/quotes" method="get" role="search" className="mt-4 flex gap-2">
        <label htmlFor="quotes-q" className="sr-only">
          搜索金句
        </label>
        <input
          id="quotes-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="在金句中搜索"
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2 dark:border-stone-700 dark:bg-stone-900"
        />
        {speaker && <input type="hidden" name="speaker" value={speaker} />}
        {topic && <input type="hidden" name="topic" value={topic} />}
        <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 text-white dark:bg-stone-100 dark:text-stone-900">
          搜索
        </button>
      </form>
      <section
        aria-label="筛选"
        className="mt-4 space-y-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
      >
        <FacetChips
          name="speaker"
          title="发言人"
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
          title="话题"
          facets={topics.map((id) => ({
            id,
            label: labels.topics.get(id) ?? id,
            count: topicCount(id),
            selected: topic === id,
            href: here({ topic: topic === id ? undefined : id }),
          }))}
        />
      </section>
      <p className="mt-4 text-sm text-stone-500 dark:text-stone-400" data-testid="quotes-count">
        {quotes.length} 条金句
      </p>
      <ul className="mt-3 space-y-4">
        {quotes.map((quote) => (
          <li key={quote.id} data-quote={quote.id} data-speaker={quote.speakerId ?? ""}>
            <figure className="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
              <blockquote className="prose-turn text-lg leading-relaxed">
                “<HighlightedText text={quote.text} ranges={searching ? highlightRanges(quote.text, query) : []} />”
              </blockquote>
              <figcaption className="mt-3 flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-300">
                {quote.speakerId && quote.speakerName && <SpeakerAvatar id={quote.speakerId} name={quote.speakerName} size="sm" />}
                <span className="font-semibold">{quote.speakerName}</span>
                {quote.role && <RoleBadge role={quote.role} />}
                <span className="text-xs text-stone-500 dark:text-stone-400">
                  {quote.episodeTitle} · 第 {quote.chapter} 章
                </span>
                <span className="ml-auto flex gap-3 text-xs">
                  <Link href={quoteUrl(quote.id)} className="underline underline-offset-2" data-quote-link>
                    引用
                  </Link>
                  <Link href={turnPermalinkFor(quote.episode, quote.turnId, `"${quote.text}"`)} className="underline underline-offset-2">
                    看原文 →
                  </Link>
                </span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
      {quotes.length === 0 && (
        <p className="mt-6 text-center text-sm text-stone-600 dark:text-stone-300" data-testid="quotes-empty">
          没有符合条件的金句。
          <Link href="/quotes" className="underline">
            查看全部
          </Link>
        </p>
      )}
    </div>
  );
}
