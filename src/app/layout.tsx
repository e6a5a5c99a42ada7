import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { LanguageSwitch } from "@/components/language-switch";
import { SearchBox } from "@/components/search-box";
import { SiteFooter } from "@/components/site-footer";
import { clientMessages } from "@/i18n/messages";
import { getPersonNames } from "@/lib/data/lookups";
import "./globals.css";
import { siteUrl } from "@/lib/urls";

// Per request, not at module load: SITE_URL is a run-time setting (src/lib/config.ts), and the
// interface language is the request's.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Site");
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: t("name"), template: t("titleTemplate", { title: "%s" }) },
    description: t("description"),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [speakerNames, locale, t] = await Promise.all([getPersonNames(), getLocale(), getTranslations("Layout")]);
  const navLink = "rounded hover:text-stone-950 dark:hover:text-white";
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
        <NextIntlClientProvider messages={clientMessages(locale)}>
          {/* Drawn above the sticky header when focused (z-50 > z-20). The header is sticky from the
              sm breakpoint up: on a phone it would take a fifth of the screen, so it scrolls away. */}
          <a href="#main" className="skip-link">
            {t("skipToMain")}
          </a>
          <header className="site-header relative z-20 sm:sticky sm:top-0 border-b border-stone-200 bg-stone-50/95 backdrop-blur dark:border-stone-800 dark:bg-stone-950/95">
            <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
              <nav aria-label={t("navLabel")} className="flex flex-wrap items-center gap-x-5 gap-y-1">
                <Link href="/" className="rounded text-lg font-bold tracking-tight">
                  {(await getTranslations("Site"))("name")}
                </Link>
                <ul className="flex gap-4 text-sm text-stone-700 dark:text-stone-300">
                  <li>
                    <Link href="/" className={navLink}>
                      {t("library")}
                    </Link>
                  </li>
                  <li>
                    <Link href="/speakers" className={navLink}>
                      {t("speakers")}
                    </Link>
                  </li>
                  <li>
                    <Link href="/topics" className={navLink}>
                      {t("topics")}
                    </Link>
                  </li>
                  <li>
                    <Link href="/quotes" className={navLink}>
                      {t("quotes")}
                    </Link>
                  </li>
                </ul>
              </nav>
              <SearchBox speakerNames={speakerNames} />
              <LanguageSwitch />
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 pb-24 pt-6 outline-none">
            {children}
          </main>
          <SiteFooter />
          <KeyboardShortcuts />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
