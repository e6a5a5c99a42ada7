import { useTranslations } from "next-intl";
import { TurnCard, type TurnCardSpeaker, type TurnListen } from "@/components/turn-card";
import type { Range } from "@/lib/search/highlight";
import type { TurnDTO } from "@/lib/data/episodes";
import { segmentTurns } from "@/lib/reader/reader-filter";
import type { TurnHtmlChannel } from "@/lib/reader/turn-html-channel";
import { CHAPTER_TURNS_CLASS, chapterTurnsHtml, turnCardLabels, type Translate, type TurnCardLabels } from "@/lib/reader/turn-card-html";
import { TurnHtml } from "@/components/turn-html";
import { cachedTurnCards } from "@/lib/reader/turn-card-cache";

/**
 * A chapter's turns. Turns the filter leaves out fold into "N hidden" lines that expand in place
 * (<details>: no JavaScript needed), so the context around what is shown is never lost.
 */
export function ChapterTurns(props: {
  turns: TurnDTO[];
  matches: (turn: TurnDTO) => boolean;
  speakers: Map<string, TurnCardSpeaker>;
  topicNames: Map<string, string>;
  /** The find box's matches in each turn (turn id -> ranges, and the number of its first match). */
  found?: Map<string, { ranges: Range[]; firstId: number }>;
  /** The page has a player: turn and cue times play from there. */
  listen?: TurnListen;
  language: string;
  /**
   * The reader: the cards are one HTML string (src/lib/reader/turn-card-html.ts) in one client leaf,
   * through the request's channel (a document request) or as a prop (null: an RSC request).
   * Elsewhere (undefined) <TurnCard> elements.
   */
  bodies?: TurnHtmlChannel | null;
  /**
   * The reader's plain view (no filter, no find): its cards' HTML is kept per episode (as read: one
   * object per data version) and interface language (src/lib/reader/turn-card-cache.ts).
   */
  cache?: { episode: object; locale: string };
}) {
  // PODCAST_KB_READER_TURNS=elements: <TurnCard> elements on the reader too, as before (bench:reader
  // measures both in one run).
  const { bodies, cache, ...rest } = props;
  if (bodies !== undefined && process.env.PODCAST_KB_READER_TURNS !== "elements")
    return <ReaderTurns {...rest} bodies={bodies} cache={cache} />;
  return <TurnCards {...rest} bodies={bodies} />;
}

type Props = Parameters<typeof ChapterTurns>[0];

/** The reader's turns: one HTML string in one client leaf (docs/decisions.md, "Turn cards as HTML on the reader"). */
function ReaderTurns({ bodies, cache, ...input }: Props & { bodies: TurnHtmlChannel | null }) {
  const labels = useTurnCardLabels();
  const make = () => chapterTurnsHtml({ ...input, labels });
  const first = input.turns[0]?.turnId ?? "";
  const html = cache ? cachedTurnCards(cache.episode, `${cache.locale}\n${first}\n${input.turns.length}`, make) : make();
  return bodies === null ? (
    <TurnHtml className={CHAPTER_TURNS_CLASS} data-turn-cards="" html={html} />
  ) : (
    <TurnHtml className={CHAPTER_TURNS_CLASS} data-turn-cards="" channel={bodies.id} entry={bodies.put(html)} />
  );
}

/** Elsewhere (a chapter's own page): <TurnCard> elements. */
function TurnCards({ turns, matches, speakers, topicNames, found, listen, language, bodies }: Omit<Props, "cache">) {
  const t = useTranslations("Filter");
  const highlight = (turn: TurnDTO) => {
    const match = found?.get(turn.turnId);
    return match ? { text: turn.text, ranges: match.ranges, idPrefix: "find-", firstId: match.firstId } : undefined;
  };
  return (
    <div className={CHAPTER_TURNS_CLASS}>
      {segmentTurns(turns, matches).map((segment) =>
        segment.kind === "turn" ? (
          <TurnCard
            key={segment.turn.turnId}
            turn={segment.turn}
            speaker={speakers.get(segment.turn.speakerId ?? "") ?? null}
            topicNames={topicNames}
            highlight={highlight(segment.turn)}
            listen={listen}
            language={language}
            bodies={bodies}
          />
        ) : (
          <details
            key={`hidden-${segment.turns[0]!.turnId}`}
            data-hidden-turns={segment.turns.length}
            className="hidden-turns group/hidden py-2"
          >
            <summary className="my-1 rounded-lg border border-dashed border-stone-400 px-3 py-2 text-center text-xs text-stone-700 hover:border-stone-600 hover:text-stone-900 dark:border-stone-600 dark:text-stone-300 dark:hover:text-stone-100">
              <span className="group-open/hidden:hidden">{t("hiddenTurns", { count: segment.turns.length })}</span>
              <span className="hidden group-open/hidden:inline">{t("collapse", { count: segment.turns.length })}</span>
            </summary>
            <div className="border-l-2 border-stone-200 pl-3 dark:border-stone-800">
              {segment.turns.map((turn) => (
                <TurnCard
                  key={turn.turnId}
                  turn={turn}
                  speaker={speakers.get(turn.speakerId ?? "") ?? null}
                  topicNames={topicNames}
                  highlight={highlight(turn)}
                  listen={listen}
                  language={language}
                  bodies={bodies}
                />
              ))}
            </div>
          </details>
        ),
      )}
    </div>
  );
}

/** The strings a turn card needs in the interface language, looked up once per rendering. */
function useTurnCardLabels(): TurnCardLabels {
  return turnCardLabels({
    TurnCard: useTranslations("TurnCard") as Translate,
    Common: useTranslations("Common") as Translate,
    Roles: useTranslations("Roles") as Translate,
    Copy: useTranslations("Copy") as Translate,
    Filter: useTranslations("Filter") as Translate,
  });
}
