"use client";

import { useState } from "react";

/** Copies a prepared text (e.g. a quote with its citation). Without JavaScript the text is shown to select. */
export function CopyTextButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      data-copy-text
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          window.setTimeout(() => setCopied(false), 2000);
        } catch {
          window.prompt("复制这段文字:", text);
        }
      }}
      className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm hover:border-stone-500 dark:border-stone-700"
    >
      <span aria-live="polite">{copied ? "已复制 ✓" : label}</span>
    </button>
  );
}
