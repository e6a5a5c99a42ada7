import Link from "next/link";
import { filterQuery, isFilterActive, toggle, type FilterChip, type ReaderFilter } from "@/lib/reader/reader-filter";

/** Speaker and topic chips. Each chip is a link to the filtered view: the URL is the state. */
export function FilterBar({
  basePath,
  view: { filter, chips, shownCount, totalCount, unknown },
}: {
  basePath: string;
  /** What readerView() derived from the episode and the URL. */
  view: {
    filter: ReaderFilter;
    chips: { speakers: FilterChip[]; topics: FilterChip[] };
    shownCount: number;
    totalCount: number;
    unknown: string[];
  };
}) {
  const row = (title: string, dimension: keyof ReaderFilter, list: FilterChip[]) => (
    <div className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 w-10 shrink-0 text-xs font-medium text-stone-500 dark:text-stone-400">{title}</span>
      {list.map((chip) => (
        <Link
          key={chip.id}
          href={`${basePath}${filterQuery(toggle(filter, dimension, chip.id))}`}
          scroll={false}
          data-filter-chip={`${dimension}:${chip.id}`}
          aria-pressed={chip.selected}
          aria-label={`${chip.selected ? "移除筛选" : "筛选"} ${chip.label}(${chip.count} 段)`}
          className={
            chip.selected
              ? "inline-flex items-center gap-1 rounded-full bg-stone-900 px-2.5 py-1 text-xs text-white dark:bg-stone-100 dark:text-stone-900"
              : chip.count === 0
                ? "inline-flex items-center gap-1 rounded-full border border-dashed border-stone-300 px-2.5 py-1 text-xs text-stone-400 dark:border-stone-700 dark:text-stone-500"
                : "inline-flex items-center gap-1 rounded-full border border-stone-300 px-2.5 py-1 text-xs text-stone-700 hover:border-stone-500 dark:border-stone-700 dark:text-stone-200 dark:hover:border-stone-400"
          }
        >
          {chip.label}
          <span className={chip.selected ? "opacity-80" : "text-stone-400 dark:text-stone-500"}>{chip.count}</span>
          {chip.selected && <span aria-hidden="true">×</span>}
        </Link>
      ))}
    </div>
  );
  return (
    <section aria-label="筛选" className="rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900">
      <div className="space-y-2">
        {row("发言人", "speakers", chips.speakers)}
        {row("话题", "topics", chips.topics)}
      </div>
      {(isFilterActive(filter) || unknown.length > 0) && (
        <p className="mt-3 flex flex-wrap items-center gap-3 border-t border-stone-100 pt-2 text-xs text-stone-600 dark:border-stone-800 dark:text-stone-300">
          <span data-testid="filter-summary">
            显示 {shownCount} / {totalCount} 段
          </span>
          {unknown.length > 0 && <span className="text-amber-700 dark:text-amber-300">已忽略未知的筛选值:{unknown.join("、")}</span>}
          <Link href={basePath} scroll={false} className="underline underline-offset-2">
            清除筛选
          </Link>
        </p>
      )}
    </section>
  );
}
