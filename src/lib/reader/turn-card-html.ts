// The reader's turn cards as HTML strings (issue 12, part 4; docs/decisions.md, "Turn cards as
// HTML on the reader"). A CPU profile of the 2,000-turn reader put most of its ~1 s per request in
// React: the server components' rendering (RSC) and the server-side rendering of ~2,000 TurnCard
// element trees (~25 elements each), plus the garbage they leave; the inline RSC payload that
// carried those trees was 57 % of the page. Here a chapter part's cards are one string, written by
// plain string work that makes exactly what <TurnCard> (src/components/turn-card.tsx, as the reader
// renders it: plain <a> links, the body as a <div>) and <ChapterTurns> make, so that the part is one
// client leaf (<TurnHtml>) whose HTML reaches the server-side rendering through the request's
// channel (turn-html-channel.ts): React renders one element per part, and the RSC payload carries
// none of it. The DOM contracts (ids, data-* attributes, aria labels, classes) are the same;
// tests/unit/turn-card-html.test.ts compares the strings with React's rendering of <TurnCard>.
// Per-turn client behaviour lives elsewhere: copy-link is one delegated listener
// (src/components/turn-copy-links.tsx); times and cues play through the player's delegated click.
import type { TurnCardSpeaker, TurnCardTurn, TurnListen } from "@/components/turn-card";
import { blockLanguage } from "@/lib/content-language";
import { formatTimestamp } from "@/lib/content/parse-transcript";
import { formatClock } from "@/lib/content/times";
import { withCueTimeLinks } from "@/lib/listen/cue-links";
import type { Range } from "@/lib/search/highlight";
import { speakerHue, speakerInitial } from "@/lib/speaker-colour";
import { speakerUrl, topicUrl } from "@/lib/urls";
import { messageTemplate } from "@/i18n/message-template";
import { isRole } from "@/lib/roles";
import { MARK_CLASS } from "./mark-class";
import { markRangesInHtml } from "./mark-html";
import { labelNoteReferences } from "./note-references";
import { segmentTurns } from "./reader-filter";

/** The interface-language strings a card needs, looked up once per page (never per turn). */
export interface TurnCardLabels {
  /** Common.editorNote */
  editorNote: string;
  /** TurnCard.startTime */
  startTime: string;
  /** TurnCard.anchorPrefix */
  anchorPrefix: string;
  /** Common.topicsLabel */
  topicsLabel: string;
  /** Copy.copyLink */
  copyLink: string;
  /** Copy.copyLinkOf ({id}) */
  copyLinkOf: (id: string) => string;
  /** TurnCard.noteRef ({n}) */
  noteRef: (n: number) => string;
  /** Roles.<role> for the known roles; the role itself otherwise. */
  role: (role: string) => string;
  /** Filter.hiddenTurns and Filter.collapse ({count}). */
  hiddenTurns: (count: number) => string;
  collapse: (count: number) => string;
}

export interface TurnCardHtmlOptions {
  language: string;
  topicNames?: Map<string, string>;
  highlight?: { text: string; ranges: Range[]; idPrefix?: string; firstId?: number };
  listen?: TurnListen;
  labels: TurnCardLabels;
}

// React's escaping of text and attribute values (react-dom's escapeTextForBrowser).
const ESCAPE = /["&'<>]/;
const ESCAPES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };
export function escapeHtml(text: string): string {
  return ESCAPE.test(text) ? text.replace(/["&'<>]/g, (c) => ESCAPES[c]!) : text;
}

const ROLE_STYLES: Record<string, string> = {
  host: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  "co-host": "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  guest: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  other: "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
};

const NOTE_CLASS =
  "turn my-3 rounded-r-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-sm dark:border-amber-500 dark:bg-amber-950/40";
const PLAY_ICON = '<svg aria-hidden="true" viewBox="0 0 12 12" class="size-2.5 fill-current"><path d="M2.5 1.5v9l8-4.5z"></path></svg>';

/** One turn: what <TurnCard> renders on the reader, as HTML. */
export function turnCardHtml(turn: TurnCardTurn, speaker: TurnCardSpeaker | null, options: TurnCardHtmlOptions): string {
  const { labels, highlight, listen, topicNames } = options;
  const id = escapeHtml(turn.turnId);
  const isNote = turn.kind === "note";
  const start = listen && turn.startMs != null ? turn.startMs / 1000 : null;
  const lang = escapeHtml(blockLanguage(turn.text ?? highlight?.text ?? "", options.language));
  const highlightedHtml = highlight
    ? markRangesInHtml(turn.html, highlight.text, highlight.ranges, {
        idPrefix: highlight.idPrefix ?? "match-",
        firstId: highlight.firstId ?? 1,
      })
    : null;
  const html = labelNoteReferences(highlightedHtml ?? turn.html, labels.noteRef);

  let out = `<article id="${id}" data-turn-id="${id}" data-speaker="${escapeHtml(turn.speakerId ?? "")}" data-kind="${escapeHtml(turn.kind)}"`;
  if (start !== null) {
    out += ` data-turn-start="${start}"`;
    if (turn.endMs != null) out += ` data-turn-end="${turn.endMs / 1000}"`;
  }
  out += ` tabindex="-1" aria-labelledby="${id}-who" class="${isNote ? NOTE_CLASS : "turn group py-4"}"><header class="flex flex-wrap items-center gap-2">`;
  if (isNote)
    out += `<span id="${id}-who" class="text-xs font-semibold tracking-wide text-amber-900 dark:text-amber-200">${escapeHtml(labels.editorNote)}</span>`;
  else if (speaker) {
    out += `<span aria-hidden="true" style="--speaker-hue:${speakerHue(speaker.id)}" class="speaker-avatar h-8 w-8 text-sm">${escapeHtml(speakerInitial(speaker.name))}</span>`;
    out += `<a id="${id}-who" href="${escapeHtml(speakerUrl(speaker.id))}" class="turn-speaker font-semibold hover:underline">${escapeHtml(speaker.name)}</a>`;
    out += `<span data-role="${escapeHtml(speaker.role)}" class="rounded px-1.5 py-0.5 text-xs font-medium ${ROLE_STYLES[speaker.role] ?? ROLE_STYLES.other}">${escapeHtml(labels.role(speaker.role))}</span>`;
  } else out += `<span id="${id}-who" class="sr-only">${id}</span>`;
  if (listen && start !== null) {
    const clock = formatClock(start * 1000);
    out += `<a href="${escapeHtml(listen.href(start, turn.turnId))}" data-seek="${start}" aria-label="${escapeHtml(listen.playFromLabel(clock))}" class="turn-play">${PLAY_ICON}${clock}</a>`;
  } else if (turn.startSeconds !== null)
    out += `<time class="turn-time font-mono text-xs text-stone-600 dark:text-stone-400" title="${escapeHtml(labels.startTime)}">${formatTimestamp(turn.startSeconds)}</time>`;
  out += `<span class="turn-actions ml-auto flex items-center gap-1"><a href="#${id}" class="turn-anchor" data-turn-anchor="true"><span class="sr-only">${escapeHtml(labels.anchorPrefix)} </span>#${id}</a>`;
  out += `<a href="${escapeHtml(turn.url)}" data-copy-link="true" aria-label="${escapeHtml(labels.copyLinkOf(turn.turnId))}" class="turn-action"><span aria-live="polite">${escapeHtml(labels.copyLink)}</span></a></span></header>`;
  if (highlight && highlightedHtml === null) {
    out += `<div class="${isNote ? "mt-1" : "mt-2 pl-0 sm:pl-10"} prose-turn whitespace-pre-line" lang="${lang}" data-highlighted="true">`;
    out += markedText(highlight.text, highlight.ranges, highlight.idPrefix ?? "match-", highlight.firstId ?? 1);
    out += "</div>";
  } else {
    const className = isNote ? "prose-turn mt-1 text-stone-800 dark:text-stone-200" : "prose-turn mt-2 pl-0 sm:pl-10";
    const body = listen ? withCueTimeLinks(html, (s) => listen.href(s, turn.turnId)) : html;
    out += `<div lang="${lang}" class="${className}"${highlight ? ' data-highlighted=""' : ""}>${body}</div>`;
  }
  if (topicNames && turn.topics.length > 0 && !isNote) {
    out += `<ul class="turn-topics mt-2 flex flex-wrap gap-1.5 pl-0 sm:pl-10" aria-label="${escapeHtml(labels.topicsLabel)}">`;
    for (const topic of turn.topics)
      out += `<li><a href="${escapeHtml(topicUrl(topic))}" class="topic-chip">${escapeHtml(topicNames.get(topic) ?? topic)}</a></li>`;
    out += "</ul>";
  }
  return out + "</article>";
}

/** <HighlightedText>: the text with its ranges in <mark>. */
function markedText(text: string, ranges: Range[], idPrefix: string, firstId: number): string {
  let out = "";
  let at = 0;
  ranges.forEach(([start, end], index) => {
    if (start > at) out += escapeHtml(text.slice(at, start));
    out += `<mark id="${escapeHtml(`${idPrefix}${index + firstId}`)}" class="${MARK_CLASS}">${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  });
  if (at < text.length) out += escapeHtml(text.slice(at));
  return out;
}

/** A run of turns the filter leaves out: <ChapterTurns>' fold, with the cards inside. */
export function hiddenTurnsHtml(count: number, cards: string, labels: TurnCardLabels): string {
  return (
    `<details data-hidden-turns="${count}" class="hidden-turns group/hidden py-2">` +
    `<summary class="my-1 rounded-lg border border-dashed border-stone-400 px-3 py-2 text-center text-xs text-stone-700 hover:border-stone-600 hover:text-stone-900 dark:border-stone-600 dark:text-stone-300 dark:hover:text-stone-100">` +
    `<span class="group-open/hidden:hidden">${escapeHtml(labels.hiddenTurns(count))}</span>` +
    `<span class="hidden group-open/hidden:inline">${escapeHtml(labels.collapse(count))}</span></summary>` +
    `<div class="border-l-2 border-stone-200 pl-3 dark:border-stone-800">${cards}</div></details>`
  );
}

export interface ChapterTurnsHtmlInput<T extends TurnCardTurn & { turnId: string }> {
  turns: T[];
  matches: (turn: T) => boolean;
  speakers: Map<string, TurnCardSpeaker>;
  topicNames: Map<string, string>;
  /** The find box's matches in each turn (turn id -> ranges, and the number of its first match). */
  found?: Map<string, { ranges: Range[]; firstId: number }>;
  listen?: TurnListen;
  language: string;
  labels: TurnCardLabels;
}

/** A chapter's (or a chapter part's) turns: what <ChapterTurns> renders inside its list element. */
export function chapterTurnsHtml<T extends TurnCardTurn & { text: string; speakerId: string | null; topics: string[] }>(
  input: ChapterTurnsHtmlInput<T>,
): string {
  const { speakers, topicNames, found, listen, language, labels } = input;
  const card = (turn: T) => {
    const match = found?.get(turn.turnId);
    return turnCardHtml(turn, speakers.get(turn.speakerId ?? "") ?? null, {
      language,
      topicNames,
      highlight: match ? { text: turn.text, ranges: match.ranges, idPrefix: "find-", firstId: match.firstId } : undefined,
      listen,
      labels,
    });
  };
  let out = "";
  for (const segment of segmentTurns(input.turns, input.matches))
    out += segment.kind === "turn" ? card(segment.turn) : hiddenTurnsHtml(segment.turns.length, segment.turns.map(card).join(""), labels);
  return out;
}

/** The class of <ChapterTurns>' list element. */
export const CHAPTER_TURNS_CLASS = "divide-y divide-stone-200 dark:divide-stone-800";

/** A translator of one catalogue namespace (next-intl's useTranslations/getTranslations/createTranslator). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The labels from the catalogue's namespaces; messages with an argument formatted once per value. */
export function turnCardLabels(t: Record<"TurnCard" | "Common" | "Roles" | "Copy" | "Filter", Translate>): TurnCardLabels {
  const memo = <K>(format: (key: K) => string) => {
    const seen = new Map<K, string>();
    return (key: K) => {
      let value = seen.get(key);
      if (value === undefined) seen.set(key, (value = format(key)));
      return value;
    };
  };
  return {
    editorNote: t.Common("editorNote"),
    startTime: t.TurnCard("startTime"),
    anchorPrefix: t.TurnCard("anchorPrefix"),
    topicsLabel: t.Common("topicsLabel"),
    copyLink: t.Copy("copyLink"),
    copyLinkOf: messageTemplate((id) => t.Copy("copyLinkOf", { id })),
    noteRef: memo((n: number) => t.TurnCard("noteRef", { n })),
    role: memo((role: string) => (isRole(role) ? t.Roles(role) : role)),
    hiddenTurns: memo((count: number) => t.Filter("hiddenTurns", { count })),
    collapse: memo((count: number) => t.Filter("collapse", { count })),
  };
}
