import Link from "next/link";
import { useTranslations } from "next-intl";
import { pageUrl } from "@/lib/urls";

export interface PagerLink {
  href: string;
  label: string;
  /** The label's language when it is content (a chapter title), not interface text. */
  lang?: string;
}

/**
 * Previous / next links (rel="prev"/"next"), with an optional link in the middle. `kind` names
 * what is paged (data-pager="chapter" lets the ]/[ shortcuts find the chapter links).
 */
export function Pager({
  label,
  previous,
  next,
  middle,
  kind,
}: {
  label: string;
  previous?: PagerLink;
  next?: PagerLink;
  middle?: PagerLink;
  kind?: string;
}) {
  const box = "rounded-lg border border-stone-300 px-3 py-2 hover:border-stone-500 dark:border-stone-700";
  return (
    <nav aria-label={label} className="pager flex justify-between gap-3 text-sm" data-pager={kind}>
      {previous ? (
        <Link rel="prev" href={previous.href} className={box}>
          <span aria-hidden="true">← </span>
          <span lang={previous.lang}>{previous.label}</span>
        </Link>
      ) : (
        <span />
      )}
      {middle && (
        <Link href={middle.href} className="px-3 py-2 text-stone-700 underline underline-offset-2 dark:text-stone-300">
          {middle.label}
        </Link>
      )}
      {next ? (
        <Link rel="next" href={next.href} className={`${box} text-right`}>
          <span lang={next.lang}>{next.label}</span>
          <span aria-hidden="true"> →</span>
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
  perPage,
  testId,
}: {
  url: string;
  page: number;
  pages: number;
  /** Episodes per page, when worth saying. */
  perPage?: number;
  testId: string;
}) {
  const t = useTranslations("Pager");
  if (pages <= 1) return null;
  return (
    <div className="mt-10" data-testid={testId}>
      <p className="mb-2 text-center text-sm text-stone-600 dark:text-stone-400">
        {t("pageOf", { page, pages })}
        {perPage ? ` · ${t("perPage", { count: perPage })}` : ""}
      </p>
      <Pager
        label={t("label")}
        previous={page > 1 ? { href: pageUrl(url, page - 1), label: t("newer") } : undefined}
        next={page < pages ? { href: pageUrl(url, page + 1), label: t("older") } : undefined}
      />
    </div>
  );
}
