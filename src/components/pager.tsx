import Link from "next/link";
import { pageUrl } from "@/lib/urls";

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

/**
 * "Page n of m" over newer/older links, for lists of episodes in library order (newest first).
 * Renders nothing when everything fits on one page.
 */
export function EpisodePager({
  url,
  page,
  pages,
  note,
  testId,
}: {
  url: string;
  page: number;
  pages: number;
  note?: string;
  testId: string;
}) {
  if (pages <= 1) return null;
  return (
    <div className="mt-10" data-testid={testId}>
      <p className="mb-2 text-center text-sm text-stone-500 dark:text-stone-400">
        第 {page} / {pages} 页{note ? ` · ${note}` : ""}
      </p>
      <Pager
        label="分页"
        previous={page > 1 ? { href: pageUrl(url, page - 1), label: "较新的访谈" } : undefined}
        next={page < pages ? { href: pageUrl(url, page + 1), label: "较早的访谈" } : undefined}
      />
    </div>
  );
}
