// Question-and-answer structure of an episode, derived from the transcript. Pure.
// A turn asks when its speaker is a host, a co-host or another voice (someone outside the guest
// list, who comes in to ask), or when a guest's turn ends with a question mark; corrections in
// questions.md override that either way. An exchange is an asking turn and the turns after it, up
// to the next asking turn or the end of the chapter; follow-up questions open exchanges of their own.
export interface ExchangeTurn {
  turnId: string;
  kind: "speech" | "note";
  speakerId: string | null;
  chapterNumber: number;
  text: string;
}

const ASKING_ROLES = new Set(["host", "co-host", "other"]);

export function isQuestion(
  turn: ExchangeTurn,
  roleOf: (speakerId: string) => string | undefined,
  corrections?: Map<string, boolean>,
): boolean {
  if (turn.kind !== "speech" || !turn.speakerId) return false;
  const corrected = corrections?.get(turn.turnId);
  if (corrected !== undefined) return corrected;
  if (ASKING_ROLES.has(roleOf(turn.speakerId) ?? "")) return true;
  return /[?？]\s*$/.test(turn.text);
}

export interface Exchange<T extends ExchangeTurn> {
  question: T | null;
  answers: T[];
}

/** Splits an episode's turns (in order) into exchanges. */
export function deriveExchanges<T extends ExchangeTurn>(
  turns: T[],
  roleOf: (speakerId: string) => string | undefined,
  corrections?: Map<string, boolean>,
): Exchange<T>[] {
  const exchanges: Exchange<T>[] = [];
  let current: Exchange<T> | undefined;
  let chapter: number | undefined;
  for (const turn of turns) {
    const asks = isQuestion(turn, roleOf, corrections);
    if (turn.chapterNumber !== chapter || asks) {
      current = { question: asks ? turn : null, answers: asks ? [] : [turn] };
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

export interface NumberedExchange<T> {
  n: number;
  chapterNumber: number;
  question: T | null;
  answers: T[];
}

/** Groups turns that carry their exchange number (as stored by the ingest), in order. */
export function groupExchanges<T extends { exchange: number | null; asks: boolean; chapterNumber: number }>(
  turns: T[],
): NumberedExchange<T>[] {
  const byNumber = new Map<number, NumberedExchange<T>>();
  for (const turn of turns) {
    if (turn.exchange === null) continue;
    const entry = byNumber.get(turn.exchange) ?? { n: turn.exchange, chapterNumber: turn.chapterNumber, question: null, answers: [] };
    if (turn.asks) entry.question = turn;
    else entry.answers.push(turn);
    byNumber.set(turn.exchange, entry);
  }
  return [...byNumber.values()].sort((a, b) => a.n - b.n);
}
