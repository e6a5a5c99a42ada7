import { useTranslations } from "next-intl";
import { TurnCard, type TurnCardSpeaker, type TurnListen } from "@/components/turn-card";
import type { Range } from "@/lib/search/highlight";
import type { TurnDTO } from "@/lib/data/episodes";
import { segmentTurns } from "@/lib/reader/reader-filter";
import type { TurnHtmlChannel } from "@/lib/reader/turn-html-channel";

/**
 * A chapter's turns. Turns the filter leaves out fold into "N hidden" lines that expand in place
 * (<details>: no JavaScript needed), so the context around what is shown is never lost.
 */
export function ChapterTurns({
  turns,
  matches,
  speakers,
  topicNames,
  found,
  listen,
  language,
  bodies,
}: {
  turns: TurnDTO[];
  matches: (turn: TurnDTO) => boolean;
  speakers: Map<string, TurnCardSpeaker>;
  topicNames: Map<string, string>;
  /** The find box's matches in each turn (turn id -> ranges, and the number of its first match). */
  found?: Map<string, { ranges: Range[]; firstId: number }>;
  /** The page has a player: turn and cue times play from there. */
  listen?: TurnListen;
  language: string;
  /** How turn bodies travel (TurnCard's `bodies`). */
  bodies?: TurnHtmlChannel | null;
}) {
  const t = useTranslations("Filter");
  const highlight = (turn: TurnDTO) => {
    const match = found?.get(turn.turnId);
    return match ? { text: turn.text, ranges: match.ranges, idPrefix: "find-", firstId: match.firstId } : undefined;
  };
  return (
    <div className="divide-y divide-stone-200 dark:divide-stone-800">
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
