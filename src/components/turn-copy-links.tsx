"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

/** How long a copied link says so (as <CopyLinkButton>). */
const COPIED_MS = 2000;

/**
 * The reader's copy-link buttons (src/lib/reader/turn-card-html.ts writes them as HTML, inside
 * `[data-turn-cards]`): one delegated listener for all of them, doing what <CopyLinkButton> does for
 * one. A click copies the turn's permalink and the button says "Copied" for two seconds (its text
 * and accessible name); if the clipboard refuses, the link is offered in a prompt. Without
 * JavaScript the button is an ordinary link to the permalink page. Renders nothing.
 */
export function TurnCopyLinks() {
  const t = useTranslations("Copy");
  useEffect(() => {
    const copied = t("copied");
    const timers = new WeakMap<HTMLElement, { timer: number; label: string | null; text: string }>();
    const onClick = async (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("[data-turn-cards] a[data-copy-link]");
      if (!link || event.defaultPrevented) return;
      event.preventDefault();
      const text = link.querySelector<HTMLElement>("[aria-live]");
      const url = new URL(link.getAttribute("href") ?? "", window.location.origin).href;
      const idle = timers.get(link) ?? { timer: 0, label: link.getAttribute("aria-label"), text: text?.textContent ?? "" };
      window.clearTimeout(idle.timer);
      try {
        await navigator.clipboard.writeText(url);
        link.setAttribute("aria-label", copied);
        if (text) text.textContent = copied;
      } catch {
        window.prompt(t("promptLink"), url);
      }
      idle.timer = window.setTimeout(() => {
        timers.delete(link);
        if (idle.label === null) link.removeAttribute("aria-label");
        else link.setAttribute("aria-label", idle.label);
        if (text) text.textContent = idle.text;
      }, COPIED_MS);
      timers.set(link, idle);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [t]);
  return null;
}
