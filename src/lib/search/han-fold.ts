// Traditional and Simplified Chinese as one script for search, from OpenCC's conversion tables
// (the opencc-js package ships them as data). Two characters that either table converts one into
// the other (發→发, 发→髮, 裡→裏→里 …) belong to one class; every character of a class folds to the
// same representative, at index time and at query time, so a query in either script finds text
// in either. Folding is per character and never changes how many characters a text has, so
// highlight offsets still land on the original characters.
//
// Phrases that the two scripts write with different words (軟體/软件, 資料庫/数据库) cannot be
// folded character by character; `traditionalPhraseVariants` gives a Traditional query its
// Mainland wording (OpenCC's Taiwan phrase table, reversed) as an alternative.
import STCharacters from "opencc-js/dict/STCharacters";
import TSCharacters from "opencc-js/dict/TSCharacters";
import TWPhrases from "opencc-js/dict/TWPhrases";
import TWVariants from "opencc-js/dict/TWVariants";
import HKVariants from "opencc-js/dict/HKVariants";

/** The tables whose character pairs define the classes (OpenCC file names). */
export const HAN_FOLD_TABLES = { TSCharacters, STCharacters, TWVariants, HKVariants } as const;

/** `"a b c|d e"` -> [["a", "b", "c"], ["d", "e"]]: each entry is a key and what it converts to. */
export function parseOpenccTable(table: string): string[][] {
  return table
    .split("|")
    .map((entry) => entry.split(" ").filter(Boolean))
    .filter((entry) => entry.length >= 2);
}

/** Every (from, to) pair of a table: both sides are single characters in the character tables. */
export function tablePairs(table: string): Array<[string, string]> {
  return parseOpenccTable(table).flatMap(([from, ...to]) => to.map((t): [string, string] => [from!, t]));
}

function buildFold(): { bmp: Uint16Array; astral: Map<string, string> } {
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let root = c;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(c, root);
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const simplifiedTargets = new Set(tablePairs(TSCharacters).map(([, s]) => s));
  for (const table of Object.values(HAN_FOLD_TABLES)) for (const [a, b] of tablePairs(table)) union(a, b);

  const classes = new Map<string, string[]>();
  for (const c of parent.keys()) {
    const root = find(c);
    classes.set(root, [...(classes.get(root) ?? []), c]);
  }
  // The representative: a character of the Basic Multilingual Plane (so folding a BMP character
  // never changes a text's UTF-16 length), preferably the Simplified form, then the lowest code point.
  const rank = (c: string) => [c.length === 1 ? 0 : 1, simplifiedTargets.has(c) ? 0 : 1, c.codePointAt(0)!] as const;
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<string, string>();
  for (const members of classes.values()) {
    const representative = [...members].sort((x, y) => {
      const [a, b] = [rank(x), rank(y)];
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    })[0]!;
    for (const member of members) {
      if (member === representative) continue;
      if (member.length === 1 && representative.length === 1) bmp[member.charCodeAt(0)] = representative.charCodeAt(0);
      else astral.set(member, representative);
    }
  }
  return { bmp, astral };
}

const FOLD = buildFold();

/** One character (a code point) in its script-neutral form; characters outside the tables are unchanged. */
export function foldHan(char: string): string {
  if (char.length === 1) {
    const to = FOLD.bmp[char.charCodeAt(0)]!;
    return to === 0 ? char : String.fromCharCode(to);
  }
  return FOLD.astral.get(char) ?? char;
}

/** Folds every character of a string (a query or a text already NFKC-normalised). */
export function foldHanText(text: string): string {
  let out = "";
  for (const char of text) out += foldHan(char);
  return out;
}

/** Whether a folded character had another form: a Traditional (or variant) character. */
export const isFoldedAway = (char: string) => foldHan(char) !== char;

/**
 * Phrases: Taiwan wording -> Mainland wording, both folded (软体 -> [软件], 资料库 -> [数据库]).
 * From OpenCC's TWPhrases (Mainland -> Taiwan), reversed. Only pairs that differ after folding.
 */
const TW_PHRASES: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [mainland, ...taiwan] of parseOpenccTable(TWPhrases)) {
    const to = foldHanText(mainland!);
    for (const tw of taiwan) {
      const from = foldHanText(tw);
      if (from === to || [...from].length < 2) continue;
      map.set(from, [...new Set([...(map.get(from) ?? []), to])]);
    }
  }
  return map;
})();
const MAX_PHRASE = Math.max(...[...TW_PHRASES.keys()].map((k) => [...k].length));

/**
 * A query run written in Traditional characters may use Taiwan wording: its Mainland wordings, as
 * alternatives (軟體 -> 软件, 資料庫 -> 数据库). `original` is the run as typed; `folded` the same run
 * folded. A run typed in Simplified gets none: 数据 must keep meaning 数据 (资料 is a different
 * word in Mainland usage), so exact search for Simplified text stays exact.
 */
export function traditionalPhraseVariants(original: string, folded: string, limit = 4): string[] {
  if (![...original].some(isFoldedAway)) return [];
  const chars = [...folded];
  const out: string[] = [];
  for (let start = 0; start < chars.length && out.length < limit; start++) {
    for (let length = Math.min(MAX_PHRASE, chars.length - start); length >= 2; length--) {
      const replacements = TW_PHRASES.get(chars.slice(start, start + length).join(""));
      if (!replacements) continue;
      for (const replacement of replacements)
        if (out.length < limit) out.push([...chars.slice(0, start), replacement, ...chars.slice(start + length)].join(""));
      break;
    }
  }
  return [...new Set(out)].filter((v) => v !== folded);
}
