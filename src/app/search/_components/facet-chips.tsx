import Link from "next/link";

export interface Facet {
  id: string;
  label: string;
  count: number;
  selected: boolean;
  href: string;
}

/** One row of facet chips: each is a link to the search with that filter toggled. */
export function FacetChips({ title, facets, name }: { title: string; facets: Facet[]; name: string }) {
  if (facets.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-facet={name}>
      <span className="mr-1 w-10 shrink-0 text-xs font-medium text-stone-500 dark:text-stone-400">{title}</span>
      {facets.map((facet) => (
        <Link
          key={facet.id}
          href={facet.href}
          data-facet-chip={`${name}:${facet.id}`}
          aria-pressed={facet.selected}
          className={
            facet.selected
              ? "inline-flex items-center gap-1 rounded-full bg-stone-900 px-2.5 py-1 text-xs text-white dark:bg-stone-100 dark:text-stone-900"
              : "inline-flex items-center gap-1 rounded-full border border-stone-300 px-2.5 py-1 text-xs text-stone-700 hover:border-stone-500 dark:border-stone-700 dark:text-stone-200"
          }
        >
          {facet.label}
          <span className={facet.selected ? "opacity-80" : "text-stone-400 dark:text-stone-500"}>{facet.count}</span>
          {facet.selected && <span aria-hidden="true">×</span>}
        </Link>
      ))}
    </div>
  );
}
