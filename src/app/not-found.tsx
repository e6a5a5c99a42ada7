import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NotFound");
  return { title: `404 · ${t("metaTitle")}`, robots: { index: false } };
}

export default async function NotFound() {
  const t = await getTranslations("NotFound");
  return (
    <div className="py-16 text-center" data-testid="not-found">
      <p className="font-mono text-5xl font-bold text-stone-500 dark:text-stone-400">404</p>
      <h1 className="mt-4 text-xl font-semibold">{t("title")}</h1>
      <p className="mx-auto mt-2 max-w-prose text-stone-700 dark:text-stone-300">{t("body")}</p>
      <p className="mt-6 flex flex-wrap justify-center gap-4">
        <Link href="/" className="underline underline-offset-2">
          {t("home")}
        </Link>
        <Link href="/search" className="underline underline-offset-2">
          {t("search")}
        </Link>
      </p>
    </div>
  );
}
