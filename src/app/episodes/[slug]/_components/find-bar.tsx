"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";

const DEBOUNCE_MS = 250;
const noSubscription = () => () => {};

/** The id of the n-th match (1-based) the reader marked: <mark id="find-3">. */
export const findMatchId = (n: number) => `find-${n}`;

/**
 * The reader's find box (?q=…). The server marks every match of the query in the episode
 * (<mark id="find-1">, …) and says how many there are, so without JavaScript it is a GET form and
 * a link to the first match. With JavaScript the query follows what is typed (the page is
 * re-rendered in place, not reloaded), and Enter / Shift+Enter, or n / N anywhere on the page,
 * move to the next or previous match.
 */
export function FindBar({
  query,
  total,
  hidden,
}: {
  /** The query the page was rendered with. */
  query: string;
  /** How many matches the server marked. */
  total: number;
  /** Other parameters of the reader's URL to keep (speaker and topic filters). */
  hidden: Array<[name: string, value: string]>;
}) {
  const t = useTranslations("Find");
  const router = useRouter();
  const pathname = usePathname();
  // What is typed, and the query the page had then; the query this box last asked for. A query the
  // box did not ask for (a filter link without ?q=) replaces what was typed.
  const [draft, setDraft] = useState({ base: query, text: query });
  const [asked, setAsked] = useState(query);
  const value = draft.base === query || asked === query ? draft.text : query;
  const setValue = (text: string) => setDraft({ base: query, text });
  // The match moved to, for the query it was moved to in (0: none yet).
  const [position, setPosition] = useState({ query, n: 0 });
  const current = position.query === query ? position.n : 0;
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, startTransition] = useTransition();
  const jumpAfterRender = useRef(false);

  const urlFor = useCallback(
    (q: string) => {
      const params = new URLSearchParams(hidden);
      if (q.trim()) params.set("q", q);
      const search = params.toString();
      return search ? `${pathname}?${search}` : pathname;
    },
    [hidden, pathname],
  );

  const apply = useCallback(
    (q: string, jump: boolean) => {
      jumpAfterRender.current = jump;
      setAsked(q);
      startTransition(() => router.replace(urlFor(q), { scroll: false }));
    },
    [router, urlFor],
  );

  const show = useCallback(
    (n: number) => {
      if (total === 0) return;
      const target = ((n - 1 + total) % total) + 1;
      document.querySelector("mark[data-find-current]")?.removeAttribute("data-find-current");
      const mark = document.getElementById(findMatchId(target));
      if (!mark) return;
      // A match inside folded-away turns ("N turns hidden") opens them.
      for (let details = mark.closest("details"); details; details = details.parentElement?.closest("details") ?? null) details.open = true;
      mark.setAttribute("data-find-current", "");
      mark.scrollIntoView({ block: "center" });
      setPosition({ query, n: target });
    },
    [total, query],
  );

  // A new render (another query): start again at the first match when the user asked to jump.
  useEffect(() => {
    document.querySelector("mark[data-find-current]")?.removeAttribute("data-find-current");
    if (jumpAfterRender.current && total > 0) show(1);
    jumpAfterRender.current = false;
  }, [query, total, show]);

  // Typing: follow the text after a pause.
  useEffect(() => {
    if (value === query) return;
    const timer = window.setTimeout(() => apply(value, true), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [value, query, apply]);

  // n / N anywhere (not while typing in a field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (typing || event.metaKey || event.ctrlKey || event.altKey || total === 0) return;
      if (event.key === "n") show(current + 1);
      else if (event.key === "N") show(current - 1);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [current, total, show]);

  const status =
    query.trim() === "" ? "" : total === 0 ? t("none") : current > 0 ? t("position", { current, total }) : t("count", { total });

  return (
    <form
      action={pathname}
      method="get"
      role="search"
      aria-label={t("label")}
      data-testid="find-bar"
      data-ready={ready ? "" : undefined}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (value !== query) apply(value, true);
        else show(current + 1);
      }}
    >
      {hidden.map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <label htmlFor="find-q" className="sr-only">
        {t("label")}
      </label>
      <input
        id="find-q"
        name="q"
        type="search"
        autoComplete="off"
        value={value}
        placeholder={t("placeholder")}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && event.shiftKey) {
            event.preventDefault();
            if (value === query) show(current - 1);
          }
        }}
        className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <button type="submit" className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm dark:border-stone-700">
        {t("submit")}
      </button>
      {ready && total > 0 && (
        <span className="flex gap-1">
          <button
            type="button"
            onClick={() => show(current - 1)}
            aria-label={t("previous")}
            className="rounded-lg border border-stone-300 px-2 py-1.5 text-sm dark:border-stone-700"
          >
            ↑
          </button>
          <button
            type="button"
            onClick={() => show(current + 1)}
            aria-label={t("next")}
            className="rounded-lg border border-stone-300 px-2 py-1.5 text-sm dark:border-stone-700"
          >
            ↓
          </button>
        </span>
      )}
      <output
        aria-live="polite"
        data-testid="find-status"
        data-total={query.trim() ? total : undefined}
        className="text-xs text-stone-600 dark:text-stone-300"
      >
        {pending ? "…" : status}
      </output>
      {!ready && total > 0 && (
        <a href={`#${findMatchId(1)}`} className="text-xs underline underline-offset-2">
          {t("first")}
        </a>
      )}
      {ready && total > 0 && current > 0 && (
        // While moving through the matches, their position and arrows stay on screen.
        <span
          data-testid="find-float"
          className="fixed right-4 bottom-[calc(var(--listen-dock,0px)+1rem)] z-30 flex items-center gap-2 rounded-full border border-stone-300 bg-white px-3 py-1.5 text-xs shadow-lg dark:border-stone-700 dark:bg-stone-900"
        >
          {t("position", { current, total })}
          <button type="button" onClick={() => show(current - 1)} aria-label={t("previous")} className="px-1">
            ↑
          </button>
          <button type="button" onClick={() => show(current + 1)} aria-label={t("next")} className="px-1">
            ↓
          </button>
        </span>
      )}
      {query.trim() !== "" && (
        <a
          href={urlFor("")}
          onClick={(event) => {
            event.preventDefault();
            setValue("");
            apply("", false);
          }}
          className="text-xs text-stone-600 underline underline-offset-2 dark:text-stone-400"
        >
          {t("clear")}
        </a>
      )}
    </form>
  );
}
