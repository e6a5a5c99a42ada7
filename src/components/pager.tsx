import Link from "next/link";

export interface PagerLink {
  href: string;
  label: string;
}

/** Previous / next links (rel="prev"/"next"), with an optional link in the middle. */
export function Pager({ label, previous, next, middle }: { label: string; previous?: PagerLink; next?: PagerLink; middle?: PagerLink }) {
  const box = "rounded-lg border border-stone-200 px-3 py-2 hover:border-stone-400 dark:border-stone-800";
  return (
    <nav aria-label={label} className="flex justify-between gap-3 text-sm">
      {previous ? (
        <Link rel="prev" href={previous.href} className={box}>
          ← {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {middle && (
        <Link href={middle.href} className="px-3 py-2 text-stone-500 underline-offset-2 hover:underline">
          {middle.label}
        </Link>
      )}
      {next ? (
        <Link rel="next" href={next.href} className={`${box} text-right`}>
          {next.label} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
