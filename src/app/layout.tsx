import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/search-box";
import { getPersonNames } from "@/lib/data/lookups";
import "./globals.css";
import { siteUrl } from "@/lib/urls";

// Per request, not at module load: SITE_URL is a run-time setting (src/lib/config.ts).
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: "播客知识库", template: "%s · 播客知识库" },
    description: "把长篇播客访谈变成可阅读、可检索、可引用的知识库。",
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const speakerNames = await getPersonNames();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-stone-800"
        >
          跳到正文
        </a>
        <header className="sticky top-0 z-20 border-b border-stone-200 bg-stone-50/90 backdrop-blur dark:border-stone-800 dark:bg-stone-950/90">
          <nav aria-label="主导航" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-1 px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight">
              播客知识库
            </Link>
            <ul className="flex gap-4 text-sm text-stone-600 dark:text-stone-300">
              <li>
                <Link href="/" className="hover:text-stone-950 dark:hover:text-white">
                  节目
                </Link>
              </li>
              <li>
                <Link href="/speakers" className="hover:text-stone-950 dark:hover:text-white">
                  发言人
                </Link>
              </li>
              <li>
                <Link href="/topics" className="hover:text-stone-950 dark:hover:text-white">
                  话题
                </Link>
              </li>
              <li>
                <Link href="/quotes" className="hover:text-stone-950 dark:hover:text-white">
                  金句
                </Link>
              </li>
            </ul>
            <SearchBox speakerNames={speakerNames} />
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 pb-24 pt-6">
          {children}
        </main>
        <footer className="border-t border-stone-200 py-6 text-center text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
          内容来自 content/ 目录中的 Markdown 文稿 · 播客知识库
        </footer>
      </body>
    </html>
  );
}
