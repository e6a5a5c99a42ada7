// Near matches for half-remembered quotes. Pure. When the exact search finds fewer than a handful
// of hits, the query is taken apart into tokens: the character bigrams of its CJK runs (a single
// character as itself) and the stems of its words. A passage is a near match when it contains most
// of them (more than half) close together: within a window a few times the query's length. Near
// matches are ranked by how many of the tokens that window holds, then by how short it is.
//
//   大模型的能力   -> 大模 模型 型的 的能 能力   "…大模型…的推理能力…" holds 大模 模型 能力 (3 of 5)
//   fine tune 数据很重要 -> fine tune 数据 据很 很重 重要
import { normaliseForSearch, runsOf } from "./normalize";
import type { ParsedQuery } from "./parse-query";
import { bigrams, wordTokensOf } from "./tokenize";
import type { Range } from "./highlight";

/** Fewer exact hits than this, and near matches follow them. */
export const NEAR_THRESHOLD = 5;
/** At most this many near matches are shown. */
export const MAX_NEAR_HITS = 10;
/** Tokens of a query taken into account (the first ones). */
export const MAX_NEAR_TOKENS = 16;
/** Fewer tokens than this and a near match would be the exact AND search again. */
export const MIN_NEAR_TOKENS = 3;

export interface NearToken {
  kind: "uni" | "bi" | "word";
  /** A CJK character or bigram (folded), or a word's stem. */
  text: string;
}

export interface NearPlan {
  tokens: NearToken[];
  /** How many of the tokens a passage must hold: more than half. */
  need: number;
  /** Characters (folded query) the tokens come from: the window is a few times this. */
  queryLength: number;
}

/** The tokens of a query's positive terms, or null when it has too few for near matching. */
export function nearPlan(query: ParsedQuery): NearPlan | null {
  const tokens: NearToken[] = [];
  const seen = new Set<string>();
  let queryLength = 0;
  const add = (token: NearToken) => {
    const key = `${token.kind}:${token.text}`;
    if (seen.has(key) || tokens.length >= MAX_NEAR_TOKENS) return;
    seen.add(key);
    tokens.push(token);
  };
  for (const term of query.terms) {
    if (term.negated) continue;
    for (const part of term.parts) {
      if (part.kind === "cjk") {
        const chars = [...part.text];
        queryLength += chars.length;
        if (chars.length === 1) add({ kind: "uni", text: part.text });
        else for (const pair of bigrams(part.text)) add({ kind: "bi", text: pair });
      } else {
        for (const piece of part.pieces) {
          queryLength += piece.surface.length + 1;
          add({ kind: "word", text: piece.stem });
        }
      }
    }
  }
  if (tokens.length < MIN_NEAR_TOKENS) return null;
  return { tokens, need: Math.floor(tokens.length / 2) + 1, queryLength };
}

/** The window (in folded characters) within which a near match's tokens must stand. */
export const nearWindow = (plan: NearPlan) => Math.max(24, 4 * plan.queryLength);

export interface NearScore {
  /** Distinct tokens inside the best window. */
  covered: number;
  /** Length of that window in characters of the folded text (shorter is closer together). */
  span: number;
  /** The tokens' occurrences inside the window, as ranges of the ORIGINAL text. */
  highlights: Range[];
}

/** How a text holds the plan's tokens: the best window, or null when it holds fewer than `need`. */
export function scoreNear(original: string, plan: NearPlan): NearScore | null {
  const { text, origin, originalLength } = normaliseForSearch(original);
  const occurrences: Array<{ token: number; start: number; end: number }> = [];
  let words: ReturnType<typeof wordTokensOf> | null = null;
  plan.tokens.forEach((token, index) => {
    if (token.kind === "word") {
      words ??= wordTokensOf(runsOf(text));
      for (const w of words) if (w.stem === token.text) occurrences.push({ token: index, start: w.start, end: w.end });
      return;
    }
    for (let at = text.indexOf(token.text); at !== -1; at = text.indexOf(token.text, at + 1))
      occurrences.push({ token: index, start: at, end: at + token.text.length });
  });
  if (new Set(occurrences.map((o) => o.token)).size < plan.need) return null;
  occurrences.sort((a, b) => a.start - b.start || a.end - b.end);

  // Slide a window of at most `limit` characters over the occurrences: the most distinct tokens,
  // then the shortest span.
  const limit = nearWindow(plan);
  const inWindow = new Map<number, number>();
  let best: { covered: number; span: number; from: number; to: number } | null = null;
  let left = 0;
  let rightmostEnd = 0;
  for (let right = 0; right < occurrences.length; right++) {
    const occurrence = occurrences[right]!;
    inWindow.set(occurrence.token, (inWindow.get(occurrence.token) ?? 0) + 1);
    rightmostEnd = Math.max(rightmostEnd, occurrence.end);
    while (occurrence.end - occurrences[left]!.start > limit) {
      const dropped = occurrences[left]!.token;
      const n = inWindow.get(dropped)! - 1;
      if (n === 0) inWindow.delete(dropped);
      else inWindow.set(dropped, n);
      left++;
    }
    // Shrink from the left while the window keeps every token it holds.
    while (left < right && (inWindow.get(occurrences[left]!.token) ?? 0) > 1) {
      inWindow.set(occurrences[left]!.token, inWindow.get(occurrences[left]!.token)! - 1);
      left++;
    }
    const covered = inWindow.size;
    const span = occurrence.end - occurrences[left]!.start;
    if (!best || covered > best.covered || (covered === best.covered && span < best.span)) best = { covered, span, from: left, to: right };
  }
  if (!best || best.covered < plan.need) return null;
  const back = (i: number) => (i < origin.length ? origin[i]! : originalLength);
  const ranges = occurrences.slice(best.from, best.to + 1).map((o): Range => [back(o.start), back(o.end)]);
  return { covered: best.covered, span: best.span, highlights: mergeRanges(ranges) };
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

/** Near matches best first: more tokens together, then a shorter window, then library order. */
export const compareNear = (a: NearScore, b: NearScore) => b.covered - a.covered || a.span - b.span;

/**
 * Which AND-groups of tokens an engine should look for, from the most complete down: every
 * passage holding `need` of the plan's tokens holds one of the groups of the last level. With
 * more tokens than `maxGroupTokens`, the groups are built from the rarest ones (by `rarity`,
 * smaller = rarer), and a passage needs correspondingly fewer of them.
 */
export function nearLevels(plan: NearPlan, present: readonly number[], maxGroupTokens = 6): number[][][] {
  // Tokens absent from the library cannot be held: a passage needs `need` of the present ones.
  if (present.length < plan.need) return [];
  const chosen = present.slice(0, maxGroupTokens);
  const minimum = Math.max(1, plan.need - (present.length - chosen.length));
  const levels: number[][][] = [];
  for (let size = chosen.length; size >= minimum; size--) levels.push(combinations(chosen, size));
  return levels;
}

function combinations<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const pick = (start: number, acc: T[]) => {
    if (acc.length === size) return void out.push([...acc]);
    for (let i = start; i <= items.length - (size - acc.length); i++) pick(i + 1, [...acc, items[i]!]);
  };
  pick(0, []);
  return out;
}
