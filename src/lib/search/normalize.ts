// Text as search sees it: NFKC (full-width ＧＰＴ -> GPT, ideographic forms folded), lower case and
// Traditional/Simplified Chinese folded to one form (han-fold.ts: 語 -> 语), with a map from every normalised UTF-16 unit back to its offset in the original text, so that
// highlights found in the normalised form land on the original characters.

import { foldingSettings } from "./folding-settings";
import { foldHan } from "./han-fold";

export interface NormalisedText {
  text: string;
  /** origin[i] is the offset in the original of the character that produced text[i]. */
  origin: number[];
  /** Length of the original text (the end of the last character). */
  originalLength: number;
}

/**
 * One character folded: NFKC, then lower case, then Traditional/Simplified folding. ASCII and the
 * CJK Unified Ideographs block (no compatibility forms, no case) take a shortcut with the same
 * result: they are most of every transcript, and String.prototype.normalize per character is the
 * slow part of highlighting. Han folding maps a character to one character of the same UTF-16
 * length, so offsets into folded text still map back to the original.
 */
export function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : char;
  if (code >= 0x4e00 && code <= 0x9fff) return foldingSettings.hanFold ? foldHan(char) : char;
  const folded = char.normalize("NFKC").toLowerCase();
  if (!foldingSettings.hanFold) return folded;
  let out = "";
  for (const c of folded) out += foldHan(c);
  return out;
}

export function normaliseForSearch(original: string): NormalisedText {
  let text = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of original) {
    const folded = foldChar(char);
    text += folded;
    for (let i = 0; i < folded.length; i++) origin.push(offset);
    offset += char.length;
  }
  return { text, origin, originalLength: original.length };
}

export type CharClass = "cjk" | "word" | "separator";

export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
export const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * ASCII and the CJK Unified Ideographs block take a shortcut with the same result as the regular
 * expressions (tests/unit/search-folding.test.ts checks every code point of both): they are most
 * of every transcript, and highlighting classifies every character of every hit.
 */
export function classify(char: string): CharClass {
  const code = char.charCodeAt(0);
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? "word" : "separator";
  if (code >= 0x4e00 && code <= 0x9fff) return "cjk";
  if (CJK.test(char)) return "cjk";
  if (WORD.test(char)) return "word";
  return "separator";
}

export interface Run {
  kind: "cjk" | "word";
  text: string;
  /** Offsets in the string the runs were taken from. */
  start: number;
  end: number;
}

/** Maximal runs of CJK characters and of other letters/digits; everything else separates. */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let offset = 0;
  for (const char of text) {
    const kind = classify(char);
    const last = runs.at(-1);
    if (kind === "separator") {
      offset += char.length;
      continue;
    }
    if (last && last.kind === kind && last.end === offset) {
      last.text += char;
      last.end += char.length;
    } else {
      runs.push({ kind, text: char, start: offset, end: offset + char.length });
    }
    offset += char.length;
  }
  return runs;
}
