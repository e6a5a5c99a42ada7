import type { Metadata } from "next";
import Link from "next/link";
import { HighlightedText } from "@/components/highlighted-text";
import { RoleBadge } from "@/components/role-badge";
import { SpeakerAvatar } from "@/components/speaker-avatar";
import { getLabels } from "@/lib/data/lookups";
import { FACET_WINDOW, searchTurns } from "@/lib/data/search";
import { parseSearchParams, type SearchRequest } from "@/lib/search/search-params";
import { searchUrl, turnPermalinkFor } from "@/lib/urls";
import { EntityCards } from "@/components/entity-cards";
import { SEARCH_STRINGS } from "@/components/search-strings";
import type { Labels } from "@/lib/data/lookups";
import type { SearchHitDTO } from "@/lib/data/search";
import { FacetChips, type Facet } from "./_components/facet-chips";
import { chapterLabel as labelOfChapter } from "@/lib/reader/chapter-label";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const parsed = parseSearchParams(await searchParams);
  const q = parsed.ok ? parsed.request.q.trim() : "";
  return { title: q ? `搜索:${q}` : "搜索", robots: { index: false } };
}

const KINDS = [
  { id: undefined, label: "全部" },
  { id: "speech", label: "发言" },
  { id: "quote", label: "金句" },
  { id: "note", label: "编者注" },
] as const;

export default async function SearchPage({ searchParams }: Props) {
  const parsed = parseSearchParams(await searchParams);
  if (!parsed.ok) {
    // The proxy answers 400 before this renders; this is a second line of defence.
    return <p role="alert">{parsed.message}</p>;
  }
  const request = parsed.request;
  const result = await searchTurns(request);
  const labels = await getLabels([...result.hits.map((hit) => hit.episode), ...(request.episode ? [request.episode] : [])]);
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
  const facets = (key: "speaker" | "chapter" | "topic", counts: Record<string, number>, label: (id: string) => string): Facet[] =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en", { numeric: true }))
      .map(([id, count]) => ({ id, label: label(id), count, selected: String(state[key] ?? "") === id, href: toggled(key, id) }));
  const chapterLabel = (n: string) => {
    const title = request.episode ? labels.episodes.get(request.episode)?.chapters.get(Number(n)) : undefined;
    return title ? `${n.padStart(2, "0")} ${title}` : `第 ${n} 章`;
  };
  const activeFilters = [
    request.speaker && { key: "speaker", label: `发言人:${labels.people.get(request.speaker) ?? request.speaker}` },
    request.episode && { key: "episode", label: `节目:${labels.episodes.get(request.episode)?.title ?? request.episode}` },
    request.chapter !== undefined && { key: "chapter", label: `第 ${request.chapter} 章` },
    request.topic && { key: "topic", label: `话题:${labels.topics.get(request.topic) ?? request.topic}` },
    request.kind && { key: "kind", label: `类型:${KINDS.find((k) => k.id === request.kind)?.label}` },
  ].filter((f): f is { key: keyof SearchRequest; label: string } => Boolean(f));
  const exactHits = result.hits.filter((hit) => hit.match === "exact");
  const nearHits = result.hits.filter((hit) => hit.match === "near");
  const page = Math.floor(request.offset / request.limit) + 1;
  const pages = Math.max(1, Math.ceil(result.total / request.limit));

  return (
    <div>
      <h1 className="text-2xl font-bold">搜索</h1>
      <form action="/search" method="get" role="search" className="mt-4 flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          搜索访谈
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={request.q}
          placeholder="一个词、一句话、一个名字:开源、多模态、PaLM…"
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-base dark:border-stone-700 dark:bg-stone-900"
        />
        {(["speaker", "episode", "chapter", "topic", "kind"] as const).map((key) =>
          state[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(state[key])} /> : null,
        )}
        <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 text-white dark:bg-stone-100 dark:text-stone-900">
          搜索
        </button>
      </form>

      {request.q.trim() === "" ? (
        <div className="mt-8 text-sm leading-relaxed text-stone-600 dark:text-stone-300">
          <p>可以搜索任何一个字或词(中文一个字也行),英文单词不区分大小写,最后一个词按前缀匹配。</p>
          <ul className="mt-3 list-disc space-y-1 pl-5">
            <li>
              多个词用空格分开,需全部出现:
              <Link className="underline" href={searchUrl({ q: "开源 模型" })}>
                开源 模型
              </Link>
            </li>
            <li>
              用引号搜索完整短语:
              <Link className="underline" href={searchUrl({ q: '"in-context learning"' })}>
                &quot;in-context learning&quot;
              </Link>
            </li>
            <li>
              用减号排除:
              <Link className="underline" href={searchUrl({ q: "开源 -Stability" })}>
                开源 -Stability
              </Link>
            </li>
          </ul>
        </div>
      ) : (
        <>
          <nav aria-label="结果类型" className="mt-5 flex gap-1 border-b border-stone-200 text-sm dark:border-stone-800">
            {KINDS.map((kind) => (
              <Link
                key={kind.label}
                href={searchUrl({ ...state, kind: kind.id })}
                aria-current={request.kind === kind.id ? "page" : undefined}
                className={
                  request.kind === kind.id
                    ? "-mb-px border-b-2 border-stone-900 px-3 py-2 font-medium dark:border-stone-100"
                    : "px-3 py-2 text-stone-500 hover:text-stone-900 dark:text-stone-400 dark:hover:text-white"
                }
              >
                {kind.label}
              </Link>
            ))}
          </nav>
          <EntityCards entities={result.entities} />
          <p className="mt-3 text-sm text-stone-600 dark:text-stone-300" data-testid="search-total">
            “{request.q}” 共 {result.exact ? "" : "超过 "}
            {result.total} 条结果{result.facetsExact ? "" : `(结果太多,筛选项的计数只统计前 ${FACET_WINDOW} 条)`}
          </p>
          {result.total > 0 || activeFilters.length > 0 ? (
            <section
              aria-label="筛选"
              className="mt-3 space-y-2 rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
            >
              <FacetChips
                name="speaker"
                title="发言人"
                facets={facets("speaker", result.facets.speaker, (id) => labels.people.get(id) ?? id)}
              />
              <FacetChips name="chapter" title="章节" facets={facets("chapter", result.facets.chapter, chapterLabel)} />
              <FacetChips name="topic" title="话题" facets={facets("topic", result.facets.topic, (id) => labels.topics.get(id) ?? id)} />
            </section>
          ) : null}

          {result.total === 0 ? (
            <div
              className="mt-8 rounded-xl border border-dashed border-stone-300 p-6 text-center dark:border-stone-700"
              data-testid="search-empty"
            >
              <p className="font-medium">{nearHits.length > 0 ? SEARCH_STRINGS.noExact : "没有找到匹配的内容。"}</p>
              {activeFilters.length > 0 ? (
                <div className="mt-3 text-sm text-stone-600 dark:text-stone-300">
                  <p>试试去掉一个筛选条件:</p>
                  <ul className="mt-2 flex flex-wrap justify-center gap-2">
                    {activeFilters.map((filter) => (
                      <li key={filter.key}>
                        <Link
                          href={searchUrl({ ...state, [filter.key]: undefined })}
                          className="rounded-full border border-stone-300 px-3 py-1 hover:border-stone-500 dark:border-stone-700"
                        >
                          去掉 {filter.label}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">换一个词,或者少写几个字试试。</p>
              )}
            </div>
          ) : (
            <HitList hits={exactHits} start={request.offset + 1} labels={labels} q={request.q} />
          )}
          {nearHits.length > 0 && (
            <section aria-labelledby="near-heading" className="mt-10" data-testid="search-near">
              <h2 id="near-heading" className="border-b border-stone-200 pb-2 text-lg font-semibold dark:border-stone-800">
                {SEARCH_STRINGS.nearHeading}
              </h2>
              <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">{SEARCH_STRINGS.nearExplanation}</p>
              <HitList hits={nearHits} start={1} labels={labels} q={request.q} />
            </section>
          )}

          {pages > 1 && (
            <nav aria-label="分页" className="mt-8 flex items-center justify-between text-sm">
              {page > 1 ? (
                <Link
                  rel="prev"
                  href={searchUrl({ ...state, offset: request.offset - request.limit })}
                  className="rounded-lg border border-stone-200 px-3 py-2 dark:border-stone-800"
                >
                  ← 上一页
                </Link>
              ) : (
                <span />
              )}
              <span className="text-stone-500" data-testid="search-page">
                第 {page} / {pages} 页
              </span>
              {page < pages ? (
                <Link
                  rel="next"
                  href={searchUrl({ ...state, offset: request.offset + request.limit })}
                  className="rounded-lg border border-stone-200 px-3 py-2 dark:border-stone-800"
                >
                  下一页 →
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
                  <span className="text-xs font-semibold text-amber-800 dark:text-amber-300">编者注</span>
                )}
                {hit.kind === "quote" && (
                  <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-800 dark:bg-rose-950 dark:text-rose-200">金句</span>
                )}
                <span className="text-xs text-stone-500 dark:text-stone-400">
                  {episode?.title} · {labelOfChapter({ number: hit.chapter, title: episode?.chapters.get(hit.chapter) ?? "" })}
                </span>
              </span>
              <span className="prose-turn mt-2 block text-stone-800 dark:text-stone-200">
                <HighlightedText text={hit.snippet} ranges={hit.highlights} />
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
