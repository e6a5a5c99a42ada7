"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { messageTemplate } from "@/i18n/message-template";

/** "Copy the link to turn {id}" per interface language, formatted once (a reader has 2,000 of these). */
const linkLabels = new Map<string, (id: string) => string>();

/**
 * Copies a turn's permalink. Without JavaScript it is an ordinary link to the permalink page,
 * so the link can still be opened and copied from the address bar.
 */
export function CopyLinkButton({ href, turnId }: { href: string; turnId?: string }) {
  const t = useTranslations("Copy");
  const locale = useLocale();
  let linkLabel = linkLabels.get(locale);
  if (!linkLabel) linkLabels.set(locale, (linkLabel = messageTemplate((id) => t("copyLinkOf", { id }))));
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <a
      href={href}
      data-copy-link
      aria-label={state === "copied" ? t("copied") : turnId ? linkLabel(turnId) : undefined}
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
