import type { Metadata } from "next";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { HighlightedText } from "@/components/highlighted-text";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { getLabels } from "@/lib/data/lookups";
import { FACET_WINDOW, searchTurns } from "@/lib/data/search";
import { parseSearchParams, type SearchRequest } from "@/lib/search/search-params";
import { blockLanguage } from "@/lib/content-language";
import { topicName } from "@/lib/topic-name";
import { searchUrl, turnPermalinkFor } from "@/lib/urls";
import { EntityCards } from "@/components/entity-cards";
import type { Labels } from "@/lib/data/lookups";
import type { SearchHitDTO } from "@/lib/data/search";
import { FacetChips, type Facet } from "./_components/facet-chips";
import { chapterLabel as labelOfChapter } from "@/lib/reader/chapter-label";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [parsed, t] = await Promise.all([searchParams.then(parseSearchParams), getTranslations("Search")]);
  const q = parsed.ok ? parsed.request.q.trim() : "";
  return { title: q ? t("metaTitleQuery", { q }) : t("metaTitle"), robots: { index: false } };
}

const KINDS = [
  { id: undefined, label: "kindAll" },
  { id: "speech", label: "kindSpeech" },
  { id: "quote", label: "kindQuote" },
  { id: "note", label: "kindNote" },
] as const;

export default async function SearchPage({ searchParams }: Props) {
  const parsed = parseSearchParams(await searchParams);
  if (!parsed.ok) {
    // The proxy answers 400 before this renders; this is a second line of defence.
    return <p role="alert">{parsed.message}</p>;
  }
  const request = parsed.request;
  const [result, t, common, locale] = await Promise.all([
    searchTurns(request),
    getTranslations("Search"),
    getTranslations("Common"),
    getLocale(),
  ]);
  const labels = await getLabels([...result.hits.map((hit) => hit.episode), ...(request.episode ? [request.episode] : [])]);
  const topicLabel = (id: string) => {
    const topic = labels.topicRefs.get(id);
    return topic ? topicName(topic, locale) : id;
  };
  const filterEpisodeLanguage = request.episode ? labels.episodes.get(request.episode)?.language : undefined;
  const state = {
    q: request.q,
    speaker: request.speaker,
    episode: request.episode,
    chapter: request.chapter,
    topic: request.topic,
    kind: request.kind,
  };
  const toggled = (key: "speaker" | "chapter" | "topic", value: string) =>
    searchUrl({ ...state, [key]: String(state[key] ?? "") === value ? undefined : value });
  const facets = (
    key: "speaker" | "chapter" | "topic",
    counts: Record<string, number>,
    label: (id: string) => { text: string; lang?: string },
  ): Facet[] =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en", { numeric: true }))
      .map(([id, count]) => ({
        id,
        label: label(id).text,
        lang: label(id).lang,
        count,
        selected: String(state[key] ?? "") === id,
        href: toggled(key, id),
      }));
  const chapterLabel = (n: string) => {
    const title = request.episode ? labels.episodes.get(request.episode)?.chapters.get(Number(n)) : undefined;
    return title ? { text: `${n.padStart(2, "0")} ${title}`, lang: filterEpisodeLanguage } : { text: common("chapterN", { n }) };
  };
  // Example queries on the help screen (words of the library, the same in every interface language).
  const EXAMPLES = { all: t("exampleAll"), phrase: t("examplePhrase"), exclude: t("exampleExclude") };
  const kindLabel = (id: string | undefined) => t(KINDS.find((k) => k.id === id)?.label ?? "kindAll");
  const activeFilters = [
    request.speaker && { key: "speaker", label: t("filterSpeaker", { name: labels.people.get(request.speaker) ?? request.speaker }) },
    request.episode && {
      key: "episode",
      label: t("filterEpisode", { title: labels.episodes.get(request.episode)?.title ?? request.episode }),
    },
    request.chapter !== undefined && { key: "chapter", label: common("chapterN", { n: request.chapter }) },
    request.topic && { key: "topic", label: t("filterTopic", { name: topicLabel(request.topic) }) },
    request.kind && { key: "kind", label: t("filterKind", { kind: kindLabel(request.kind) }) },
  ].filter((f): f is { key: keyof SearchRequest; label: string } => Boolean(f));
  const exactHits = result.hits.filter((hit) => hit.match === "exact");
  const nearHits = result.hits.filter((hit) => hit.match === "near");
  const page = Math.floor(request.offset / request.limit) + 1;
  const pages = Math.max(1, Math.ceil(result.total / request.limit));

  return (
    <div>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form action="/search" method="get" role="search" aria-label={t("title")} className="mt-4 flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          {t("label")}
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={request.q}
          placeholder={t("placeholder")}
          className="min-w-0 flex-1 rounded-lg border border-stone-400 bg-white px-3 py-2 text-base placeholder:text-stone-600 dark:border-stone-600 dark:bg-stone-900 dark:placeholder:text-stone-400"
        />
        {(["speaker", "episode", "chapter", "topic", "kind"] as const).map((key) =>
          state[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(state[key])} /> : null,
        )}
        <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 text-white dark:bg-stone-100 dark:text-stone-900">
          {t("submit")}
        </button>
      </form>

      {request.q.trim() === "" ? (
        <div className="mt-8 text-sm leading-relaxed text-stone-700 dark:text-stone-300">
          <p>{t("helpIntro")}</p>
          {/* The examples are queries on the library's content, not interface text. */}
          <ul className="mt-3 list-disc space-y-1 pl-5">
            <li>
              {t("helpAll")}{" "}
              <Link className="underline" href={searchUrl({ q: EXAMPLES.all })} lang="zh-CN">
                {EXAMPLES.all}
              </Link>
            </li>
            <li>
              {t("helpPhrase")}{" "}
              <Link className="underline" href={searchUrl({ q: EXAMPLES.phrase })} lang="en">
                {EXAMPLES.phrase}
              </Link>
            </li>
            <li>
              {t("helpExclude")}{" "}
              <Link className="underline" href={searchUrl({ q: EXAMPLES.exclude })} lang="zh-CN">
                {EXAMPLES.exclude}
              </Link>
            </li>
          </ul>
        </div>
      ) : (
        <>
          <nav aria-label={t("kinds")} className="mt-5 flex gap-1 border-b border-stone-200 text-sm dark:border-stone-800">
            {KINDS.map((kind) => (
              <Link
                key={kind.label}
                href={searchUrl({ ...state, kind: kind.id })}
                aria-current={request.kind === kind.id ? "page" : undefined}
                className={
                  request.kind === kind.id
                    ? "-mb-px border-b-2 border-stone-900 px-3 py-2 font-medium dark:border-stone-100"
                    : "px-3 py-2 text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-white"
                }
              >
                {t(kind.label)}
              </Link>
            ))}
          </nav>
          <EntityCards entities={result.entities} />
          <p className="mt-3 text-sm text-stone-700 dark:text-stone-300" data-testid="search-total" data-total={result.total}>
            {result.exact ? t("total", { q: request.q, total: result.total }) : t("totalAtLeast", { q: request.q, total: result.total })}
            {result.facetsExact ? "" : t("facetsInexact", { window: FACET_WINDOW })}
          </p>
          {result.total > 0 || activeFilters.length > 0 ? (
            <section
              aria-label={t("filters")}
              className="mt-3 space-y-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
            >
              <FacetChips
                name="speaker"
                title={t("speaker")}
                facets={facets("speaker", result.facets.speaker, (id) => ({ text: labels.people.get(id) ?? id }))}
              />
              <FacetChips name="chapter" title={t("chapter")} facets={facets("chapter", result.facets.chapter, chapterLabel)} />
              <FacetChips
                name="topic"
                title={t("topic")}
                facets={facets("topic", result.facets.topic, (id) => ({ text: topicLabel(id) }))}
              />
            </section>
          ) : null}

          {result.total === 0 ? (
            <div
              className="mt-8 rounded-xl border border-dashed border-stone-300 p-6 text-center dark:border-stone-700"
              data-testid="search-empty"
            >
              <p className="font-medium">{nearHits.length > 0 ? t("noExact") : t("empty")}</p>
              {activeFilters.length > 0 ? (
                <div className="mt-3 text-sm text-stone-700 dark:text-stone-300">
                  <p>{t("removeFilterHint")}</p>
                  <ul className="mt-2 flex flex-wrap justify-center gap-2">
                    {activeFilters.map((filter) => (
                      <li key={filter.key}>
                        <Link
                          href={searchUrl({ ...state, [filter.key]: undefined })}
                          className="rounded-full border border-stone-300 px-3 py-1 hover:border-stone-500 dark:border-stone-700"
                        >
                          {t("removeFilter", { filter: filter.label })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{t("tryOther")}</p>
              )}
            </div>
          ) : (
            <HitList hits={exactHits} start={request.offset + 1} labels={labels} q={request.q} />
          )}
          {nearHits.length > 0 && (
            <section aria-labelledby="near-heading" className="mt-10" data-testid="search-near">
              <h2 id="near-heading" className="border-b border-stone-200 pb-2 text-lg font-semibold dark:border-stone-800">
                {t("nearHeading")}
              </h2>
              <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{t("nearExplanation")}</p>
              <HitList hits={nearHits} start={1} labels={labels} q={request.q} />
            </section>
          )}

          {pages > 1 && (
            <nav aria-label={t("pagination")} className="mt-8 flex items-center justify-between text-sm">
              {page > 1 ? (
                <Link
                  rel="prev"
                  href={searchUrl({ ...state, offset: request.offset - request.limit })}
                  className="rounded-lg border border-stone-200 px-3 py-2 dark:border-stone-800"
                >
                  <span aria-hidden="true">← </span>
                  {t("previous")}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-stone-600 dark:text-stone-400" data-testid="search-page">
                {t("pageOf", { page, pages })}
              </span>
              {page < pages ? (
                <Link
                  rel="next"
                  href={searchUrl({ ...state, offset: request.offset + request.limit })}
                  className="rounded-lg border border-stone-200 px-3 py-2 dark:border-stone-800"
                >
                  {t("next")}
                  <span aria-hidden="true"> →</span>
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}

/** Hits as linked cards: speaker, role, episode and chapter, the snippet with its highlights. */
function HitList({ hits, start, labels, q }: { hits: SearchHitDTO[]; start: number; labels: Labels; q: string }) {
  const t = useTranslations("Search");
  const common = useTranslations("Common");
  const locale = useLocale();
  return (
    <ol className="mt-6 space-y-4" start={start}>
      {hits.map((hit) => {
        const episode = labels.episodes.get(hit.episode);
        const name = hit.speakerId ? (labels.people.get(hit.speakerId) ?? hit.speakerId) : null;
        const role = hit.speakerId ? labels.roles.get(`${hit.episode}/${hit.speakerId}`) : undefined;
        return (
          <li
            key={`${hit.kind}:${hit.turnId}:${hit.quoteId ?? ""}`}
            data-search-hit={hit.turnId}
            data-hit-key={`${hit.kind}:${hit.turnId}:${hit.quoteId ?? ""}`}
            data-kind={hit.kind}
            data-speaker={hit.speakerId ?? ""}
            data-match={hit.match}
          >
            <Link
              href={turnPermalinkFor(hit.episode, hit.turnId, q)}
              className="block rounded-xl border border-stone-200 bg-white p-4 hover:border-stone-400 dark:border-stone-800 dark:bg-stone-900 dark:hover:border-stone-600"
            >
              <span className="flex flex-wrap items-center gap-2 text-sm">
                {hit.speakerId && name ? (
                  <>
                    <SpeakerAvatar id={hit.speakerId} name={name} size="sm" />
                    <span className="font-semibold">{name}</span>
                    {role && <RoleBadge role={role} />}
                  </>
                ) : (
                  <span className="text-xs font-semibold text-amber-900 dark:text-amber-200">{common("editorNote")}</span>
                )}
                {hit.kind === "quote" && (
                  <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-900 dark:bg-rose-950 dark:text-rose-200">
                    {t("quoteBadge")}
                  </span>
                )}
                <span className="text-xs text-stone-600 dark:text-stone-400" lang={episode?.language}>
                  {episode?.title} ·{" "}
                  {labelOfChapter({ number: hit.chapter, title: episode?.chapters.get(hit.chapter) ?? "" }, common("untitledChapter"))}
                </span>
              </span>
              <span
                className="prose-turn mt-2 block text-stone-800 dark:text-stone-200"
                lang={blockLanguage(hit.snippet, episode?.language ?? locale)}
              >
                <HighlightedText text={hit.snippet} ranges={hit.highlights} />
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
