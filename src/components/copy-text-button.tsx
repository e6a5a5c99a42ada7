"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** Copies a prepared text (e.g. a quote with its citation). Without JavaScript the text is shown to select. */
export function CopyTextButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("Copy");
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
          window.prompt(t("promptText"), text);
        }
      }}
      className="copy-button rounded-lg border border-stone-400 px-3 py-1.5 text-sm hover:border-stone-600 dark:border-stone-500"
    >
      <span aria-live="polite">{copied ? t("copied") : label}</span>
    </button>
  );
}
