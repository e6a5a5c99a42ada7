"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Copies a turn's permalink. Without JavaScript it is an ordinary link to the permalink page,
 * so the link can still be opened and copied from the address bar.
 */
export function CopyLinkButton({ href, turnId }: { href: string; turnId?: string }) {
  const t = useTranslations("Copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <a
      href={href}
      data-copy-link
      aria-label={state === "copied" ? t("copied") : turnId ? t("copyLinkOf", { id: turnId }) : undefined}
      onClick={async (event) => {
        event.preventDefault();
        const url = new URL(href, window.location.origin).href;
        try {
          await navigator.clipboard.writeText(url);
          setState("copied");
        } catch {
          window.prompt(t("promptLink"), url);
          setState("failed");
        }
        window.setTimeout(() => setState("idle"), 2000);
      }}
      className="turn-action"
    >
      <span aria-live="polite">{state === "copied" ? t("copied") : t("copyLink")}</span>
    </a>
  );
}
