// Question-and-answer structure around a turn, derived from the transcript. Pure.
// A turn asks when its speaker is a host, a co-host or another voice (someone outside the guest
// list, who comes in to ask), or when a guest's turn ends with a question mark. An exchange is an
// asking turn and the turns after it, up to the next asking turn or the end of the chapter.
export interface ExchangeTurn {
  turnId: string;
  kind: "speech" | "note";
  speakerId: string | null;
  chapterNumber: number;
  text: string;
}

const ASKING_ROLES = new Set(["host", "co-host", "other"]);

export function isQuestion(turn: ExchangeTurn, roleOf: (speakerId: string) => string | undefined): boolean {
  if (turn.kind !== "speech" || !turn.speakerId) return false;
  if (ASKING_ROLES.has(roleOf(turn.speakerId) ?? "")) return true;
  return /[?？]\s*$/.test(turn.text);
}

export interface Exchange<T extends ExchangeTurn> {
  question: T | null;
  answers: T[];
}

/** Splits an episode's turns (in order) into exchanges. */
export function deriveExchanges<T extends ExchangeTurn>(turns: T[], roleOf: (speakerId: string) => string | undefined): Exchange<T>[] {
  const exchanges: Exchange<T>[] = [];
  let current: Exchange<T> | undefined;
  let chapter: number | undefined;
  for (const turn of turns) {
    if (turn.chapterNumber !== chapter || isQuestion(turn, roleOf)) {
      current = { question: isQuestion(turn, roleOf) ? turn : null, answers: isQuestion(turn, roleOf) ? [] : [turn] };
      exchanges.push(current);
      chapter = turn.chapterNumber;
      continue;
    }
    current!.answers.push(turn);
  }
  return exchanges;
}

export function exchangeOf<T extends ExchangeTurn>(exchanges: Exchange<T>[], turnId: string): Exchange<T> | undefined {
  return exchanges.find((e) => e.question?.turnId === turnId || e.answers.some((a) => a.turnId === turnId));
}
