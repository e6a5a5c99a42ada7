import { TurnCard, type TurnCardSpeaker, type TurnListen } from "@/components/turn-card";
import type { Range } from "@/lib/search/highlight";
import type { TurnDTO } from "@/lib/data/episodes";
import { segmentTurns } from "@/lib/reader/reader-filter";

/**
 * A chapter's turns. Turns the filter leaves out fold into "N 段已隐藏" lines that expand in
 * place (<details>: no JavaScript needed), so the context around what is shown is never lost.
 */
export function ChapterTurns({
  turns,
  matches,
  speakers,
  topicNames,
  found,
  listen,
}: {
  turns: TurnDTO[];
  matches: (turn: TurnDTO) => boolean;
  speakers: Map<string, TurnCardSpeaker>;
  topicNames: Map<string, string>;
  /** The find box's matches in each turn (turn id -> ranges, and the number of its first match). */
  found?: Map<string, { ranges: Range[]; firstId: number }>;
  /** The page has a player: turn and cue times play from there. */
  listen?: TurnListen;
}) {
  const highlight = (turn: TurnDTO) => {
    const match = found?.get(turn.turnId);
    return match ? { text: turn.text, ranges: match.ranges, idPrefix: "find-", firstId: match.firstId } : undefined;
  };
  return (
    <div className="divide-y divide-stone-100 dark:divide-stone-900">
      {segmentTurns(turns, matches).map((segment) =>
        segment.kind === "turn" ? (
          <TurnCard
            key={segment.turn.turnId}
            turn={segment.turn}
            speaker={speakers.get(segment.turn.speakerId ?? "") ?? null}
            topicNames={topicNames}
            highlight={highlight(segment.turn)}
            listen={listen}
          />
        ) : (
          <details key={`hidden-${segment.turns[0]!.turnId}`} data-hidden-turns={segment.turns.length} className="group/hidden py-2">
            <summary className="my-1 rounded-lg border border-dashed border-stone-300 px-3 py-2 text-center text-xs text-stone-500 hover:border-stone-400 hover:text-stone-800 dark:border-stone-700 dark:text-stone-400 dark:hover:text-stone-100">
              <span className="group-open/hidden:hidden">{segment.turns.length} 段已隐藏 · 展开</span>
              <span className="hidden group-open/hidden:inline">收起 {segment.turns.length} 段</span>
            </summary>
            <div className="border-l-2 border-stone-200 pl-3 opacity-80 dark:border-stone-800">
              {segment.turns.map((turn) => (
                <TurnCard
                  key={turn.turnId}
                  turn={turn}
                  speaker={speakers.get(turn.speakerId ?? "") ?? null}
                  topicNames={topicNames}
                  highlight={highlight(turn)}
                  listen={listen}
                />
              ))}
            </div>
          </details>
        ),
      )}
    </div>
  );
}
