import Link from "next/link";
import { useTranslations } from "next-intl";

export interface Facet {
  id: string;
  label: string;
  /** The label's language when it is content (a chapter title). */
  lang?: string;
  count: number;
  selected: boolean;
  href: string;
}

/**
 * One row of facet chips: each is a link to the search with that filter toggled. A selected chip
 * says so with aria-current and a visible check; its link removes the filter.
 */
export function FacetChips({ title, facets, name }: { title: string; facets: Facet[]; name: string }) {
  const t = useTranslations("Filter");
  if (facets.length === 0) return null;
  return (
    <div role="group" aria-labelledby={`facet-${name}`} className="flex flex-wrap items-center gap-1.5" data-facet={name}>
      <span id={`facet-${name}`} className="mr-1 w-16 shrink-0 text-xs font-medium text-stone-700 dark:text-stone-300">
        {title}
      </span>
      {facets.map((facet) => (
        <Link
          key={facet.id}
          href={facet.href}
          data-facet-chip={`${name}:${facet.id}`}
          data-count={facet.count}
          data-selected={facet.selected ? "" : undefined}
          aria-current={facet.selected ? "true" : undefined}
          className={
            facet.selected
              ? "inline-flex items-center gap-1 rounded-full border border-stone-900 bg-stone-900 px-2.5 py-1 text-xs text-white dark:border-stone-100 dark:bg-stone-100 dark:text-stone-900"
              : "inline-flex items-center gap-1 rounded-full border border-stone-400 px-2.5 py-1 text-xs text-stone-800 hover:border-stone-600 dark:border-stone-600 dark:text-stone-200"
          }
        >
          {facet.selected && <span aria-hidden="true">✓</span>}
          <span lang={facet.lang}>{facet.label}</span>
          <span className={facet.selected ? "" : "text-stone-600 dark:text-stone-400"} data-facet-count>
            {facet.count}
          </span>
          {facet.selected && <span className="sr-only">, {t("selected")}</span>}
        </Link>
      ))}
    </div>
  );
}
