// Where a query's terms occur in a text, as [start, end) ranges of the ORIGINAL text (UTF-16
// offsets), and snippets around them. Pure. Rendering turns the ranges into <mark> React nodes.
// It marks what the index matched: CJK variants anywhere in the folded text (so 語言 marks 语言 and
// 語言 alike, on the original characters), words by their stems (models marks model), phrases of
// words in order, a prefix by the stems it was expanded to (or by its start).
import { normaliseForSearch, runsOf } from "./normalize";
import { wordVariants, type ParsedQuery, type ResolvedQuery, type WordVariant } from "./parse-query";
import { wordTokensOf, type WordToken } from "./tokenize";

export type Range = [start: number, end: number];

function cjkOccurrences(text: string, needle: string, out: Range[]): void {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push([at, at + needle.length]);
}

function wordOccurrences(tokens: WordToken[], variant: WordVariant, out: Range[]): void {
  const n = variant.stems.length;
  const alternatives = variant.lastAlternatives ? new Set(variant.lastAlternatives) : null;
  const matchesAt = (token: WordToken, j: number) => {
    if (j < n - 1) return token.stem === variant.stems[j];
    if (alternatives) return alternatives.has(token.stem);
    if (variant.lastPrefix !== undefined) return token.surface.startsWith(variant.lastPrefix) || token.stem.startsWith(variant.lastPrefix);
    return token.stem === variant.stems[j];
  };
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) ok = matchesAt(tokens[i + j]!, j) && (j === 0 || !tokens[i + j]!.afterCjk);
    if (ok) out.push([tokens[i]!.start, tokens[i + n - 1]!.end]);
  }
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

/** Ranges of the original text matched by the query's positive terms (vocabulary: as resolved by an engine). */
export function highlightRanges(original: string, query: ParsedQuery | ResolvedQuery): Range[] {
  const { text, origin, originalLength } = normaliseForSearch(original);
  const back = (i: number) => (i < origin.length ? origin[i]! : originalLength);
  const vocabulary = "vocabulary" in query ? query.vocabulary : {};
  let tokens: WordToken[] | null = null;
  const found: Range[] = [];
  for (const term of query.terms) {
    if (term.negated) continue;
    for (const part of term.parts) {
      if (part.kind === "cjk") {
        for (const variant of new Set(part.variants)) cjkOccurrences(text, variant, found);
        continue;
      }
      tokens ??= wordTokensOf(runsOf(text));
      for (const variant of wordVariants(part, vocabulary)) wordOccurrences(tokens, variant, found);
    }
  }
  if (query.joins.length > 0) {
    tokens ??= wordTokensOf(runsOf(text));
    for (const join of query.joins) wordOccurrences(tokens, { stems: [join.stem] }, found);
  }
  return merge(found.map(([s, e]): Range => [back(s), back(e)]));
}

export interface Snippet {
  text: string;
  highlights: Range[];
}

/** A window of the text around its first highlight (the whole text when short). */
export function makeSnippet(original: string, ranges: Range[], length = 160): Snippet {
  const chars = [...original];
  if (chars.length <= length) return { text: original, highlights: ranges };
  // Work in UTF-16 offsets but never cut a surrogate pair.
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  let end = Math.min(original.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  const isLow = (i: number) => i > 0 && i < original.length && /[\udc00-\udfff]/.test(original[i]!);
  if (isLow(start)) start -= 1;
  if (isLow(end)) end += 1;
  const prefix = start > 0 ? "…" : "";
  const suffix = end < original.length ? "…" : "";
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Range => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: prefix + original.slice(start, end) + suffix, highlights };
}
