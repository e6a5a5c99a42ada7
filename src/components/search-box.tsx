"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { HighlightedText } from "./highlighted-text";
import { useEntityDetails } from "./entity-details";
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

/** One row of the list: an entity the query names, a hit, or "see all results". */
type Option =
  | { type: "entity"; entity: SearchEntityDTO; href: string }
  | { type: "hit"; hit: Suggestion; href: string }
  | { type: "all"; href: string };

const DEBOUNCE_MS = 200;

/**
 * The header's search box, an ARIA combobox with a listbox popup (WAI-ARIA APG, "list
 * autocomplete"). Without JavaScript it is a plain GET form to /search. With it, "/" focuses it
 * from anywhere and results appear while typing (debounced): the people, topics, shows, episodes
 * and chapters the query names first, then passages (near matches under their own heading), then
 * "see all results". Focus stays in the box: the arrow keys move the active option
 * (aria-activedescendant), Enter opens it (or, with none active, the results page), Esc closes the
 * list and keeps the text (a second Esc clears it), Tab leaves the box as usual. Options are not
 * links, so nothing in the list takes focus; the number of results is announced through a status
 * region.
 */
export function SearchBox({ speakerNames }: { speakerNames: Record<string, string> }) {
  const t = useTranslations("SearchBox");
  const entityDetails = useEntityDetails();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ query: string; total: number; hits: Suggestion[]; entities: SearchEntityDTO[] } | null>(null);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();

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
        setResults({ query, total: data.total, hits: data.hits, entities: data.entities.slice(0, 3) });
        setActive(-1);
        // Results that arrive after the reader has left the box (Tab) do not reopen the list.
        setOpen(document.activeElement === input.current);
      } catch {
        // aborted or offline: keep what is shown
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [query]);

  const allResultsUrl = `/search?q=${encodeURIComponent(query)}`;
  const found: Option[] =
    // Only the answer to what is in the box: stale options would change under the reader's arrow keys.
    query.trim() === "" || !results || results.query !== query
      ? []
      : [
          ...results.entities.map((entity): Option => ({ type: "entity", entity, href: entity.url })),
          ...results.hits.map((hit): Option => ({ type: "hit", hit, href: turnPermalinkFor(hit.episode, hit.turnId, query) })),
        ];
  // The options: entities, up to six hits, then "see all results".
  const options: Option[] = found.length > 0 ? [...found, { type: "all", href: allResultsUrl }] : [];
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  const go = (url: string) => window.location.assign(url);
  const isNear = (option: Option | undefined) => option?.type === "hit" && option.hit.match === "near";

  return (
    <form
      action="/search"
      method="get"
      role="search"
      className="site-search relative order-last w-full sm:order-none sm:w-auto sm:max-w-xs sm:flex-1"
      onSubmit={(event) => {
        const option = options[active];
        if (expanded && option) {
          event.preventDefault();
          go(option.href);
        }
      }}
    >
      <label htmlFor="site-search" className="sr-only">
        {t("label")}
      </label>
      <input
        ref={input}
        id="site-search"
        name="q"
        type="search"
        autoComplete="off"
        placeholder={t("placeholder")}
        value={query}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={hintId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1 >= options.length ? 0 : i + 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
          } else if (event.key === "Escape") {
            // First Esc closes the list and keeps the text; the next one clears the box.
            event.preventDefault();
            if (expanded) setOpen(false);
            else setQuery("");
            setActive(-1);
          }
        }}
        className="w-full rounded-lg border border-stone-400 bg-white px-3 py-1.5 text-sm placeholder:text-stone-600 dark:border-stone-600 dark:bg-stone-900 dark:placeholder:text-stone-400"
      />
      <span id={hintId} className="sr-only">
        {t("hint")}
      </span>
      <span role="status" className="sr-only" data-testid="search-box-status">
        {results && query.trim() !== "" && results.query === query
          ? results.total === 0 && results.hits.length > 0
            ? t("statusNear", { count: results.hits.length })
            : t("status", { count: results.total })
          : ""}
      </span>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-30 mt-1 max-h-[70vh] overflow-auto rounded-xl border border-stone-300 bg-white p-1 shadow-lg sm:-right-40 dark:border-stone-700 dark:bg-stone-900"
      >
        {options.map((option, index) => {
          const common = {
            id: optionId(index),
            role: "option",
            "aria-selected": index === active,
            "data-href": option.href,
            onMouseDown: (event: React.MouseEvent) => event.preventDefault(), // keep focus in the box
            onClick: () => go(option.href),
          } as const;
          const className = `block cursor-pointer rounded-lg px-3 py-2 text-sm ${index === active ? "bg-stone-200 dark:bg-stone-700" : "hover:bg-stone-100 dark:hover:bg-stone-800"}`;
          if (option.type === "entity") {
            const { entity } = option;
            return (
              <li key={`entity:${entity.kind}:${entity.id}`} {...common} data-entity={`${entity.kind}:${entity.id}`} className={className}>
                <span className="font-semibold">{entity.name}</span>
                <span className="text-xs text-stone-600 dark:text-stone-300"> · {entityDetails(entity).join(" · ")}</span>
              </li>
            );
          }
          if (option.type === "all") {
            return (
              <li key="all" {...common} className={`${className} text-xs font-medium text-stone-700 dark:text-stone-200`}>
                {t("seeAll", { total: results?.total ?? 0 })}
                <span aria-hidden="true"> →</span>
              </li>
            );
          }
          const { hit } = option;
          return (
            <li key={`${hit.kind}:${hit.turnId}:${index}`} {...common} data-match={hit.match} className={className}>
              {/* The first near match says the ones from here on are near, not exact. */}
              {isNear(option) && !isNear(options[index - 1]) && (
                <span className="block pb-1 text-xs font-semibold text-stone-700 dark:text-stone-200" data-near-heading>
                  {t("nearHeading")}
                </span>
              )}
              <span className="block text-xs text-stone-600 dark:text-stone-300">
                {hit.speakerId ? (speakerNames[hit.speakerId] ?? hit.speakerId) : t("note")} · {t("chapterN", { n: hit.chapter })}
                {hit.kind === "quote" ? ` · ${t("quote")}` : ""}
              </span>
              <span className="line-clamp-2">
                <HighlightedText text={hit.snippet} ranges={hit.highlights} />
              </span>
            </li>
          );
        })}
      </ul>
    </form>
  );
}
