import Link from "next/link";
import { useTranslations } from "next-intl";
import { CopyLinkButton } from "./copy-link-button";
import { HighlightedText } from "./highlighted-text";
import type { Range } from "@/lib/search/highlight";
import { RoleBadge } from "./role-badge";
import { SpeakerAvatar } from "./speaker-avatar";
import { blockLanguage } from "@/lib/content-language";
import { formatTimestamp } from "@/lib/content/parse-transcript";
import { formatClock } from "@/lib/content/times";
import { withCueTimeLinks } from "@/lib/listen/cue-links";
import { markRangesInHtml } from "@/lib/reader/mark-html";
import { labelNoteReferences } from "@/lib/reader/note-references";
import { speakerUrl, topicUrl } from "@/lib/urls";
import type { TurnHtmlChannel } from "@/lib/reader/turn-html-channel";
import { TurnHtml } from "./turn-html";

export interface TurnCardTurn {
  turnId: string;
  kind: "speech" | "note";
  speakerId: string | null;
  /** Sanitised at ingest (rehype-sanitize, GitHub's allow-list); never raw content. */
  html: string;
  /** The plain text, when known: decides the block's `lang` together with the episode's language. */
  text?: string;
  startSeconds: number | null;
  /** Start and end in milliseconds (for playing from the turn). */
  startMs?: number | null;
  endMs?: number | null;
  topics: string[];
  url: string;
}

/**
 * On a page with a player: the turn's time and each cue's time play from there (links to the
 * page at ?t= without JavaScript; the player turns a click into a seek), and the turn carries its
 * times as data-turn-start / data-turn-end (seconds) for following along.
 */
export interface TurnListen {
  /** The page at this moment of the audio, with the turn in view. */
  href: (start: number, turnId: string) => string;
  /** The accessible name of the turn's time ("Play from 12:04"). */
  playFromLabel: (clock: string) => string;
}

export interface TurnCardSpeaker {
  id: string;
  name: string;
  role: string;
}

/** One turn of a transcript. The element's id is the turn id, so #c2-05 scrolls to it. */
export function TurnCard({
  turn,
  speaker,
  language,
  topicNames,
  anchorHref,
  highlight,
  listen,
  bodies,
}: {
  turn: TurnCardTurn;
  speaker: TurnCardSpeaker | null;
  /** The episode's language (content is shown as written and marked with its own `lang`). */
  language: string;
  topicNames?: Map<string, string>;
  /** Where the turn's "#" anchor points: its place in the current page by default. */
  anchorHref?: string;
  /**
   * Mark these ranges of the turn's text (in its HTML); marks get ids `${idPrefix}${firstId}`, …
   * (match-1, match-2, … by default).
   */
  highlight?: { text: string; ranges: Range[]; idPrefix?: string; firstId?: number };
  /** The page has a player: times play from there. */
  listen?: TurnListen;
  /**
   * The reader: the body is the client leaf <TurnHtml>, through the request's channel (a document
   * request) or as a prop (null: an RSC request), so that the RSC payload does not carry it twice
   * (src/lib/reader/turn-html-channel.ts). Elsewhere (undefined) a plain element.
   */
  bodies?: TurnHtmlChannel | null;
}) {
  // The reader (bodies given) links to speakers and topics with plain <a>: next/link's client
  // component cost ~50 ms of server time per 2,000-turn page (issue 12), and prefetching the few
  // distinct speaker and topic pages a transcript links to thousands of times buys little there.
  const PageLink = bodies === undefined ? Link : "a";
  const t = useTranslations("TurnCard");
  const common = useTranslations("Common");
  const isNote = turn.kind === "note";
  const start = listen && turn.startMs != null ? turn.startMs / 1000 : null;
  const lang = blockLanguage(turn.text ?? highlight?.text ?? "", language);
  // Matches are marked inside the turn's HTML (links, emphasis and cue spans kept); plain text
  // with marks only if the text does not line up with the HTML.
  const highlightedHtml = highlight
    ? markRangesInHtml(turn.html, highlight.text, highlight.ranges, {
        idPrefix: highlight.idPrefix ?? "match-",
        firstId: highlight.firstId ?? 1,
      })
    : null;
  // Editor-note markers get their name in the interface language.
  const html = labelNoteReferences(highlightedHtml ?? turn.html, (n) => t("noteRef", { n }));
  return (
    <article
      id={turn.turnId}
      data-turn-id={turn.turnId}
      data-speaker={turn.speakerId ?? ""}
      data-kind={turn.kind}
      data-turn-start={start ?? undefined}
      data-turn-end={start !== null && turn.endMs != null ? turn.endMs / 1000 : undefined}
      tabIndex={-1}
      aria-labelledby={`${turn.turnId}-who`}
      className={
        isNote
          ? "turn my-3 rounded-r-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-sm dark:border-amber-500 dark:bg-amber-950/40"
          : "turn group py-4"
      }
    >
      <header className="flex flex-wrap items-center gap-2">
        {isNote ? (
          <span id={`${turn.turnId}-who`} className="text-xs font-semibold tracking-wide text-amber-900 dark:text-amber-200">
            {common("editorNote")}
          </span>
        ) : speaker ? (
          <>
            <SpeakerAvatar id={speaker.id} name={speaker.name} />
            <PageLink id={`${turn.turnId}-who`} href={speakerUrl(speaker.id)} className="turn-speaker font-semibold hover:underline">
              {speaker.name}
            </PageLink>
            <RoleBadge role={speaker.role} />
          </>
        ) : (
          <span id={`${turn.turnId}-who`} className="sr-only">
            {turn.turnId}
          </span>
        )}
        {listen && start !== null ? (
          <a
            href={listen.href(start, turn.turnId)}
            data-seek={start}
            aria-label={listen.playFromLabel(formatClock(start * 1000))}
            className="turn-play"
          >
            <svg aria-hidden="true" viewBox="0 0 12 12" className="size-2.5 fill-current">
              <path d="M2.5 1.5v9l8-4.5z" />
            </svg>
            {formatClock(start * 1000)}
          </a>
        ) : (
          turn.startSeconds !== null && (
            <time className="turn-time font-mono text-xs text-stone-600 dark:text-stone-400" title={t("startTime")}>
              {formatTimestamp(turn.startSeconds)}
            </time>
          )
        )}
        <span className="turn-actions ml-auto flex items-center gap-1">
          <a href={anchorHref ?? `#${turn.turnId}`} className="turn-anchor" data-turn-anchor>
            <span className="sr-only">{t("anchorPrefix")} </span>#{turn.turnId}
          </a>
          <CopyLinkButton href={turn.url} turnId={turn.turnId} />
        </span>
      </header>
      {highlight && highlightedHtml === null ? (
        <div className={`${isNote ? "mt-1" : "mt-2 pl-0 sm:pl-10"} prose-turn whitespace-pre-line`} lang={lang} data-highlighted>
          <HighlightedText
            text={highlight.text}
            ranges={highlight.ranges}
            idPrefix={highlight.idPrefix ?? "match-"}
            firstId={highlight.firstId ?? 1}
          />
        </div>
      ) : (
        <TurnBody
          lang={lang}
          className={isNote ? "prose-turn mt-1 text-stone-800 dark:text-stone-200" : "prose-turn mt-2 pl-0 sm:pl-10"}
          highlighted={!!highlight}
          html={listen ? withCueTimeLinks(html, (s) => listen.href(s, turn.turnId)) : html}
          bodies={bodies}
        />
      )}
      {topicNames && turn.topics.length > 0 && !isNote && (
        <ul className="turn-topics mt-2 flex flex-wrap gap-1.5 pl-0 sm:pl-10" aria-label={common("topicsLabel")}>
          {turn.topics.map((topic) => (
            <li key={topic}>
              <PageLink href={topicUrl(topic)} className="topic-chip">
                {topicNames.get(topic) ?? topic}
              </PageLink>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function TurnBody({
  lang,
  className,
  highlighted,
  html,
  bodies,
}: {
  lang: string;
  className: string;
  highlighted: boolean;
  html: string;
  bodies?: TurnHtmlChannel | null;
}) {
  const props = { lang, className, "data-highlighted": highlighted ? "" : undefined };
  if (bodies === undefined) return <div {...props} dangerouslySetInnerHTML={{ __html: html }} />;
  if (bodies === null) return <TurnHtml {...props} html={html} />;
  return <TurnHtml {...props} channel={bodies.id} entry={bodies.put(html)} />;
}
