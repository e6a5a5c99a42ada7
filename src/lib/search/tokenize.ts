// The application's own tokenizer for SQLite FTS5 (stored in `unicode61` columns, which then only
// split on spaces). CJK text has no spaces between words, and most Chinese words are one or two
// characters, so every CJK character is indexed as a unigram and every adjacent pair as a bigram:
//
//   "開源模型,GPT3 models"  ->  uni: "开 源 模 型"   bi: "开源 源模 模型"   words: "gpt 3 model"
//
// A 1-character query looks up the unigram; a 2-character query the bigram; a longer one is a
// phrase of consecutive bigrams ("开源模" = "开源 源模"). Runs of CJK text are separated in the
// bigram column by a filler token ("0", never a CJK query) so a phrase cannot span two runs. This
// gives exact-substring recall and precision for CJK queries of any length (up to folding: text is
// NFKC-folded, lower-cased and Traditional/Simplified-folded first, see normalize.ts).
//
// Other scripts are words: a run of letters and digits is split where letters meet digits
// (GPT3 = GPT-3 = GPT 3 = "gpt 3"), and each word is indexed by its stem (stem.ts: models ->
// model). Punctuation between words is ignored (in-context = "in context"); CJK text between
// them is not (a WORD_BREAK filler keeps them apart).
import { normaliseForSearch, runsOf, type Run } from "./normalize";
import { stemWord } from "./stem";

export const RUN_SEPARATOR = "0";
/** Between word runs that CJK text separates, so "GPT 模型 3" is not the phrase "gpt 3". */
export const WORD_BREAK = "ꟿ";

export interface IndexTokens {
  uni: string;
  bi: string;
  /** Stems of the word tokens, in order, with WORD_BREAK between runs that CJK text separates. */
  words: string;
}

export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const next = chars[i + 1];
    if (next !== undefined) out.push(chars[i]! + next);
  }
  return out;
}

const DIGIT = /\p{N}/u;

/** A word run split where letters meet digits: "gpt4o" -> gpt, 4, o (offsets in the run's string). */
export function splitWordRun(run: Pick<Run, "text" | "start">): Array<{ text: string; start: number; end: number }> {
  const pieces: Array<{ text: string; start: number; end: number }> = [];
  let offset = run.start;
  let previousDigit: boolean | null = null;
  for (const char of run.text) {
    const code = char.charCodeAt(0);
    const digit = code < 0x80 ? code >= 0x30 && code <= 0x39 : DIGIT.test(char);
    const last = pieces.at(-1);
    if (last && previousDigit === digit) {
      last.text += char;
      last.end += char.length;
    } else {
      pieces.push({ text: char, start: offset, end: offset + char.length });
    }
    previousDigit = digit;
    offset += char.length;
  }
  return pieces;
}

export interface WordToken {
  /** The word as folded (lower case). */
  surface: string;
  stem: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** True when CJK text stands between this word and the previous one (no phrase spans it). */
  afterCjk: boolean;
}

/** The word tokens of normalised text, in order. */
export function wordTokensOf(runs: Run[]): WordToken[] {
  const out: WordToken[] = [];
  let cjkSinceWord = false;
  for (const run of runs) {
    if (run.kind === "cjk") {
      cjkSinceWord = true;
      continue;
    }
    for (const piece of splitWordRun(run)) {
      out.push({ surface: piece.text, stem: stemWord(piece.text), start: piece.start, end: piece.end, afterCjk: cjkSinceWord });
      cjkSinceWord = false;
    }
  }
  return out;
}

export function indexTokens(original: string): IndexTokens & { surfaces: string[] } {
  const { text } = normaliseForSearch(original);
  const runs = runsOf(text);
  const uni: string[] = [];
  const bi: string[] = [];
  for (const run of runs) {
    if (run.kind !== "cjk") continue;
    uni.push(...run.text);
    const pairs = bigrams(run.text);
    if (pairs.length > 0) {
      if (bi.length > 0) bi.push(RUN_SEPARATOR);
      bi.push(...pairs);
    }
  }
  const words: string[] = [];
  const surfaces: string[] = [];
  for (const token of wordTokensOf(runs)) {
    if (token.afterCjk && words.length > 0) words.push(WORD_BREAK);
    words.push(token.stem);
    surfaces.push(token.surface);
  }
  return { uni: uni.join(" "), bi: bi.join(" "), words: words.join(" "), surfaces };
}
