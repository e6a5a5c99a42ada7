import Link from "next/link";
import { useTranslations } from "next-intl";
import { filterQuery, isFilterActive, toggle, type FilterChip, type ReaderFilter } from "@/lib/reader/reader-filter";

/**
 * Speaker and topic chips. Each chip is a link to the filtered view (the URL is the state); a
 * selected chip says so with aria-current and a visible check, and its link removes it.
 */
export function FilterBar({
  basePath,
  view: { filter, chips, shownCount, totalCount, shownNotes, unknown },
}: {
  basePath: string;
  /** What readerView() derived from the episode and the URL. */
  view: {
    filter: ReaderFilter;
    chips: { speakers: FilterChip[]; topics: FilterChip[] };
    /** Speech turns shown and in scope (notes count toward no one: they follow their turn). */
    shownCount: number;
    totalCount: number;
    shownNotes: number;
    unknown: string[];
  };
}) {
  const t = useTranslations("Filter");
  const row = (title: string, dimension: keyof ReaderFilter, list: FilterChip[]) => (
    <div role="group" aria-labelledby={`filter-${dimension}`} className="flex flex-wrap items-center gap-1.5">
      <span id={`filter-${dimension}`} className="mr-1 w-16 shrink-0 text-xs font-medium text-stone-700 dark:text-stone-300">
        {title}
      </span>
      {list.map((chip) => (
        <Link
          key={chip.id}
          href={`${basePath}${filterQuery(toggle(filter, dimension, chip.id))}`}
          scroll={false}
          data-filter-chip={`${dimension}:${chip.id}`}
          data-count={chip.count}
          data-selected={chip.selected ? "" : undefined}
          aria-current={chip.selected ? "true" : undefined}
          className={
            chip.selected
              ? "inline-flex items-center gap-1 rounded-full border border-stone-900 bg-stone-900 px-2.5 py-1 text-xs text-white dark:border-stone-100 dark:bg-stone-100 dark:text-stone-900"
              : chip.count === 0
                ? "inline-flex items-center gap-1 rounded-full border border-dashed border-stone-400 px-2.5 py-1 text-xs text-stone-600 dark:border-stone-600 dark:text-stone-400"
                : "inline-flex items-center gap-1 rounded-full border border-stone-400 px-2.5 py-1 text-xs text-stone-800 hover:border-stone-600 dark:border-stone-600 dark:text-stone-200 dark:hover:border-stone-400"
          }
        >
          {chip.selected && <span aria-hidden="true">✓</span>}
          {chip.label}
          <span className={chip.selected ? "" : "text-stone-600 dark:text-stone-400"}>
            {chip.count}
            <span className="sr-only"> ({t("chipCount", { count: chip.count })})</span>
          </span>
          {chip.selected && <span className="sr-only">, {t("selected")}</span>}
        </Link>
      ))}
    </div>
  );
  return (
    <section
      id="filters"
      aria-label={t("label")}
      tabIndex={-1}
      className="filter-bar rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="space-y-2">
        {row(t("speakers"), "speakers", chips.speakers)}
        {row(t("topics"), "topics", chips.topics)}
      </div>
      {(isFilterActive(filter) || unknown.length > 0) && (
        <p className="mt-3 flex flex-wrap items-center gap-3 border-t border-stone-200 pt-2 text-xs text-stone-700 dark:border-stone-800 dark:text-stone-300">
          <span data-testid="filter-summary" data-shown={shownCount} data-total={totalCount}>
            {t("shown", { shown: shownCount, total: totalCount })}
            {shownNotes > 0 && <> ({t("notesAlongside", { count: shownNotes })})</>}
          </span>
          {unknown.length > 0 && <span className="text-amber-800 dark:text-amber-300">{t("unknown", { values: unknown.join(", ") })}</span>}
          <Link href={basePath} scroll={false} className="underline underline-offset-2">
            {t("clear")}
          </Link>
        </p>
      )}
    </section>
  );
}
