"use client";

import { useEffect, useId, useRef, useState } from "react";
import { HighlightedText } from "./highlighted-text";
import { entityDetails, SEARCH_STRINGS } from "./search-strings";
import type { SearchEntityDTO } from "@/lib/data/search";
import type { Range } from "@/lib/search/highlight";
import { turnPermalinkFor } from "@/lib/urls";

interface Suggestion {
  turnId: string;
  episode: string;
  chapter: number;
  speakerId: string | null;
  kind: string;
  snippet: string;
  highlights: Range[];
  match: "exact" | "near";
}

/** One row of the list: an entity the query names, or a hit. */
type Option = { type: "entity"; entity: SearchEntityDTO; href: string } | { type: "hit"; hit: Suggestion; href: string };

const DEBOUNCE_MS = 200;

/**
 * The header's search box. Without JavaScript it is a plain GET form to /search. With it, "/"
 * focuses it from anywhere, results appear while typing (debounced), arrow keys move through
 * them, and Enter opens the highlighted result or, with none highlighted, the results page.
 */
export function SearchBox({ speakerNames }: { speakerNames: Record<string, string> }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ total: number; hits: Suggestion[]; entities: SearchEntityDTO[] } | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    input.current?.setAttribute("data-ready", ""); // live results and the "/" shortcut work from here on
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (query.trim() === "") return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(query)}&limit=6&facets=0`, { signal: controller.signal });
        if (!response.ok) return;
        const data = (await response.json()) as { total: number; hits: Suggestion[]; entities: SearchEntityDTO[] };
        setResults({ total: data.total, hits: data.hits, entities: data.entities.slice(0, 3) });
        setActive(-1);
        setOpen(true);
      } catch {
        // aborted or offline: keep what is shown
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query]);

  const options: Option[] =
    query.trim() === "" || !results
      ? []
      : [
          ...results.entities.map((entity): Option => ({ type: "entity", entity, href: entity.url })),
          ...results.hits.map((hit): Option => ({ type: "hit", hit, href: turnPermalinkFor(hit.episode, hit.turnId, query) })),
        ];
  const expanded = open && options.length > 0;

  return (
    <form
      action="/search"
      method="get"
      role="search"
      className="relative order-last w-full sm:order-none sm:w-auto sm:max-w-xs sm:flex-1"
      onSubmit={(event) => {
        const option = options[active];
        if (expanded && option) {
          event.preventDefault();
          window.location.assign(option.href);
        }
      }}
    >
      <label htmlFor="site-search" className="sr-only">
        搜索访谈
      </label>
      <input
        ref={input}
        id="site-search"
        name="q"
        type="search"
        autoComplete="off"
        placeholder="搜索 (按 / )"
        value={query}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(event) => setQuery(event.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((i) => Math.max(i - 1, -1));
          } else if (event.key === "Escape") {
            setOpen(false);
            setActive(-1);
          }
        }}
        className="w-full rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      {expanded && (
        <ul
          id={listId}
          role="listbox"
          aria-label="搜索建议"
          className="absolute left-0 right-0 top-full z-30 mt-1 max-h-[70vh] overflow-auto rounded-xl border border-stone-200 bg-white p-1 shadow-lg sm:-right-40 dark:border-stone-700 dark:bg-stone-900"
        >
          {options.map((option, index) => {
            const className = `block rounded-lg px-3 py-2 text-sm ${index === active ? "bg-stone-100 dark:bg-stone-800" : "hover:bg-stone-50 dark:hover:bg-stone-800/60"}`;
            const previous = options[index - 1];
            const isNear = (o: Option | undefined) => o?.type === "hit" && o.hit.match === "near";
            const firstNear = isNear(option) && !isNear(previous);
            if (option.type === "entity") {
              const { entity } = option;
              return (
                <li
                  key={`entity:${entity.kind}:${entity.id}`}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  data-entity={`${entity.kind}:${entity.id}`}
                >
                  <a href={option.href} className={className}>
                    <span className="font-semibold">{entity.name}</span>
                    <span className="text-xs text-stone-500 dark:text-stone-400"> · {entityDetails(entity).join(" · ")}</span>
                  </a>
                </li>
              );
            }
            const { hit } = option;
            return (
              <li
                key={`${hit.kind}:${hit.turnId}:${index}`}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                data-match={hit.match}
              >
                {firstNear && (
                  <span className="block px-3 pb-1 pt-2 text-xs font-semibold text-stone-500 dark:text-stone-400" data-near-heading>
                    {SEARCH_STRINGS.nearHeading}
                  </span>
                )}
                <a href={option.href} className={className}>
                  <span className="block text-xs text-stone-500 dark:text-stone-400">
                    {hit.speakerId ? (speakerNames[hit.speakerId] ?? hit.speakerId) : "编者注"} · 第 {hit.chapter} 章
                    {hit.kind === "quote" ? " · 金句" : ""}
                  </span>
                  <span className="line-clamp-2">
                    <HighlightedText text={hit.snippet} ranges={hit.highlights} />
                  </span>
                </a>
              </li>
            );
          })}
          <li role="option" aria-selected={false}>
            <a
              href={`/search?q=${encodeURIComponent(query)}`}
              className="block rounded-lg px-3 py-2 text-xs font-medium text-stone-600 hover:bg-stone-50 dark:text-stone-300 dark:hover:bg-stone-800/60"
            >
              查看全部 {results?.total ?? 0} 条结果 →
            </a>
          </li>
        </ul>
      )}
    </form>
  );
}
