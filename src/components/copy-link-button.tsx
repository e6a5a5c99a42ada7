"use client";

import { useState } from "react";

/**
 * Copies a turn's permalink. Without JavaScript it is an ordinary link to the permalink page,
 * so the link can still be opened and copied from the address bar.
 */
export function CopyLinkButton({ href, label = "复制链接" }: { href: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <a
      href={href}
      data-copy-link
      onClick={async (event) => {
        event.preventDefault();
        const url = new URL(href, window.location.origin).href;
        try {
          await navigator.clipboard.writeText(url);
          setState("copied");
        } catch {
          window.prompt("复制这个链接:", url);
          setState("failed");
        }
        window.setTimeout(() => setState("idle"), 2000);
      }}
      className="turn-action"
    >
      <span aria-live="polite">{state === "copied" ? "已复制 ✓" : label}</span>
    </a>
  );
}
