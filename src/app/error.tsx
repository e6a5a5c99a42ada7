"use client";

// Shown when a page fails unexpectedly. Never shows the error's message or stack to the reader.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="py-16 text-center">
      <h1 className="text-xl font-semibold">页面暂时无法显示</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-300">请稍后再试。</p>
      <button type="button" onClick={reset} className="mt-6 rounded border border-stone-300 px-3 py-1.5 text-sm dark:border-stone-700">
        重试
      </button>
    </div>
  );
}
