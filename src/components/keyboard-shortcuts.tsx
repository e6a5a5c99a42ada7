"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/** Is the reader typing? Then no shortcut fires (a field, an editable element, a select). */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
}

// checkVisibility() also sees through a closed <details> (its content is content-visibility: hidden).
const visible = (element: Element) =>
  typeof element.checkVisibility === "function" ? element.checkVisibility() : (element as HTMLElement).offsetParent !== null;

/** The turns a reader can see, in document order (not those folded inside a closed "hidden" line). */
const turns = () => [...document.querySelectorAll<HTMLElement>("article[data-turn-id]")].filter(visible);
const chapters = () => [...document.querySelectorAll<HTMLElement>("section[data-chapter]")];

/** Where the reader is: the focused element, or (nothing focused) the top of the viewport. */
function position(): { element: Element | null; top: number } {
  const active = document.activeElement;
  if (active && active !== document.body && active.id !== "main") return { element: active, top: 0 };
  return { element: null, top: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0 };
}

const follows = (a: Element, b: Element) => Boolean(b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);

/** The next (direction 1) or previous (-1) of `candidates` from where the reader is. */
function step<T extends HTMLElement>(candidates: T[], direction: 1 | -1, owner: (el: Element) => T | null): T | undefined {
  const { element, top } = position();
  if (element) {
    const current = owner(element);
    if (current) {
      const index = candidates.indexOf(current);
      return candidates[index + direction];
    }
    return direction === 1 ? candidates.find((c) => follows(c, element)) : candidates.findLast((c) => follows(element, c));
  }
  return direction === 1
    ? candidates.find((c) => c.getBoundingClientRect().top >= top - 1)
    : candidates.findLast((c) => c.getBoundingClientRect().top < top - 1);
}

function focusAndShow(element: HTMLElement) {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "start" });
}

/**
 * Keyboard shortcuts for reading: j/k next/previous turn (focus and scroll), ]/[ or Shift+J/K
 * next/previous chapter, c copies the focused turn's link, ? shows the list. None fire while the
 * reader types in a field or holds Ctrl, Alt or Meta. On a chapter page, ]/[ go to the next or
 * previous chapter's page.
 */
export function KeyboardShortcuts() {
  const t = useTranslations("Shortcuts");
  const listen = useTranslations("Listen");
  const dialog = useRef<HTMLDialogElement>(null);
  const [announcement, setAnnouncement] = useState("");
  // A page with the listen-along player (an episode with audio) has its keys too: listed as well.
  const [withPlayer, setWithPlayer] = useState(false);

  useEffect(() => {
    const announce = (text: string) => {
      setAnnouncement("");
      window.setTimeout(() => setAnnouncement(text), 50);
    };
    const chapter = (direction: 1 | -1) => {
      const sections = chapters();
      if (sections.length > 0) {
        const target = step(sections, direction, (el) => el.closest<HTMLElement>("section[data-chapter]"));
        const heading = target?.querySelector<HTMLElement>("h2");
        if (heading) {
          heading.tabIndex = -1;
          focusAndShow(heading);
        }
        return;
      }
      const link = document.querySelector<HTMLAnchorElement>(`nav[data-pager="chapter"] a[rel="${direction === 1 ? "next" : "prev"}"]`);
      link?.click();
    };
    const onKey = async (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (dialog.current?.open) return; // the dialog handles its own keys (Esc closes it)
      const key = event.key;
      if (key === "?") {
        event.preventDefault();
        setWithPlayer(document.querySelector("[data-listen-dock]") !== null);
        dialog.current?.showModal();
      } else if (key === "j" || key === "k") {
        const target = step(turns(), key === "j" ? 1 : -1, (el) => el.closest<HTMLElement>("article[data-turn-id]"));
        if (target) {
          event.preventDefault();
          focusAndShow(target);
        }
      } else if (key === "]" || key === "J") {
        event.preventDefault();
        chapter(1);
      } else if (key === "[" || key === "K") {
        event.preventDefault();
        chapter(-1);
      } else if (key === "c") {
        const turn = document.activeElement?.closest<HTMLElement>("article[data-turn-id]");
        const href = turn?.querySelector<HTMLAnchorElement>("[data-copy-link]")?.getAttribute("href");
        if (!href) return;
        event.preventDefault();
        try {
          await navigator.clipboard.writeText(new URL(href, window.location.origin).href);
          announce(t("copied"));
        } catch {
          announce(t("copyFailed"));
        }
      }
    };
    document.addEventListener("keydown", onKey);
    document.documentElement.setAttribute("data-shortcuts", "ready");
    return () => document.removeEventListener("keydown", onKey);
  }, [t]);

  const rows: Array<[keys: string[], label: string]> = [
    [["j"], t("nextTurn")],
    [["k"], t("previousTurn")],
    [["]", "Shift+J"], t("nextChapter")],
    [["[", "Shift+K"], t("previousChapter")],
    [["c"], t("copyLink")],
    [["n"], t("nextMatch")],
    [["Shift+N"], t("previousMatch")],
    [["/"], t("search")],
    [["?"], t("help")],
  ];
  const playerRows: Array<[keys: string[], label: string]> = [
    [[t("space")], listen("shortcutPlay")],
    [["←", "→"], listen("shortcutSeek")],
    [["<", ">"], listen("shortcutSpeed")],
    [["p"], listen("shortcutPlayTurn")],
  ];
  const keyList = (list: Array<[keys: string[], label: string]>, testId: string) => (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid={testId}>
      {list.map(([keys, label]) => (
        <div key={label} className="contents">
          <dt className="whitespace-nowrap">
            {keys.map((k, i) => (
              <span key={k}>
                {i > 0 && <span className="mx-1 text-stone-600 dark:text-stone-400">{t("or")}</span>}
                <kbd className="rounded border border-stone-400 bg-stone-100 px-1.5 py-0.5 font-mono text-xs dark:border-stone-600 dark:bg-stone-800">
                  {k}
                </kbd>
              </span>
            ))}
          </dt>
          <dd>{label}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <span role="status" className="sr-only" data-testid="shortcut-status">
        {announcement}
      </span>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-dialog"
        className="shortcuts m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-stone-300 bg-white p-5 text-stone-900 shadow-xl backdrop:bg-stone-950/40 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
      >
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        {keyList(rows, "shortcuts-reader")}
        {withPlayer && (
          <>
            <h3 className="mt-4 text-sm font-semibold">{listen("player")}</h3>
            {keyList(playerRows, "shortcuts-player")}
          </>
        )}
        <p className="mt-3 text-xs text-stone-600 dark:text-stone-400">{t("readerOnly")}</p>
        <form method="dialog" className="mt-4 text-right">
          <button type="submit" className="rounded-lg border border-stone-400 px-3 py-1.5 text-sm dark:border-stone-500" autoFocus>
            {t("close")}
          </button>
        </form>
      </dialog>
    </>
  );
}
