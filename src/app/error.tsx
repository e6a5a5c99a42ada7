"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

// Shown when a page fails unexpectedly. Never shows the error's message or stack to the reader.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <div className="py-16 text-center" data-testid="error-page">
      <p className="font-mono text-5xl font-bold text-stone-500 dark:text-stone-400">500</p>
      <h1 className="mt-4 text-xl font-semibold">{t("title")}</h1>
      <p className="mx-auto mt-2 max-w-prose text-stone-700 dark:text-stone-300">{t("body")}</p>
      <p className="mt-6 flex flex-wrap items-center justify-center gap-4">
        <button type="button" onClick={reset} className="rounded border border-stone-400 px-3 py-1.5 text-sm dark:border-stone-500">
          {t("retry")}
        </button>
        <Link href="/" className="underline underline-offset-2">
          {t("home")}
        </Link>
      </p>
    </div>
  );
}
