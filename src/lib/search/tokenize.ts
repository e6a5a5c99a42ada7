// The application's own tokenizer for SQLite FTS5 (stored in `unicode61` columns, which then only
// split on spaces). CJK text has no spaces between words, and most Chinese words are one or two
// characters, so every CJK character is indexed as a unigram and every adjacent pair as a bigram:
//
//   "开源模型,GPT-3"  ->  uni: "开 源 模 型"   bi: "开源 源模 模型"   words: "gpt 3"
//
// A 1-character query looks up the unigram; a 2-character query the bigram; a longer one is a
// phrase of consecutive bigrams ("开源模" = "开源 源模"). Runs of CJK text are separated in the
// bigram column by a filler token ("0", never a CJK query) so a phrase cannot span two runs. This
// gives exact-substring recall and precision for CJK queries of any length. Other scripts are
// indexed as lower-cased words; punctuation between words is ignored (GPT-3 = "gpt 3"), CJK text
// between them is not (a WORD_BREAK filler keeps them apart).
import { normaliseForSearch, runsOf } from "./normalize";

export const RUN_SEPARATOR = "0";
/** Between word runs that CJK text separates, so "GPT 模型 3" is not the phrase "gpt 3". */
export const WORD_BREAK = "ꟿ";

export interface IndexTokens {
  uni: string;
  bi: string;
  words: string;
}

export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export function indexTokens(original: string): IndexTokens {
  const { text } = normaliseForSearch(original);
  const uni: string[] = [];
  const bi: string[] = [];
  const words: string[] = [];
  let cjkSinceWord = false;
  for (const run of runsOf(text)) {
    if (run.kind === "word") {
      if (cjkSinceWord && words.length > 0) words.push(WORD_BREAK);
      words.push(run.text);
      cjkSinceWord = false;
      continue;
    }
    cjkSinceWord = true;
    uni.push(...run.text);
    const pairs = bigrams(run.text);
    if (pairs.length > 0) {
      if (bi.length > 0) bi.push(RUN_SEPARATOR);
      bi.push(...pairs);
    }
  }
  return { uni: uni.join(" "), bi: bi.join(" "), words: words.join(" ") };
}
