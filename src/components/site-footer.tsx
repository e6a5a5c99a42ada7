import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What a reader can do here, where to go, and how the keyboard helps; hidden in print. */
export async function SiteFooter() {
  const [t, nav] = await Promise.all([getTranslations("Footer"), getTranslations("Layout")]);
  const link = "underline-offset-2 hover:underline";
  return (
    <footer className="site-footer border-t border-stone-200 py-8 text-sm text-stone-600 dark:border-stone-800 dark:text-stone-300">
      <div className="mx-auto max-w-5xl space-y-3 px-4">
        <p>{t("about")}</p>
        <nav aria-label={t("linksLabel")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link href="/" className={link}>
                {nav("library")}
              </Link>
            </li>
            <li>
              <Link href="/speakers" className={link}>
                {nav("speakers")}
              </Link>
            </li>
            <li>
              <Link href="/topics" className={link}>
                {nav("topics")}
              </Link>
            </li>
            <li>
              <Link href="/quotes" className={link}>
                {nav("quotes")}
              </Link>
            </li>
            <li>
              <Link href="/search" className={link}>
                {nav("search")}
              </Link>
            </li>
          </ul>
        </nav>
        <p>
          {t("languageNote")} {t("shortcuts")}
        </p>
      </div>
    </footer>
  );
}
