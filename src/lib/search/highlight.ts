// Where a query's terms occur in a text, as [start, end) ranges of the ORIGINAL text (UTF-16
// offsets), and snippets around them. Pure. Rendering turns the ranges into <mark> React nodes.
import { classify, normaliseForSearch } from "./normalize";
import type { QueryTerm } from "./parse-query";

export type Range = [start: number, end: number];

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && classify(char) === "word";
}

/** Occurrences of one run in normalised text: CJK anywhere; words whole (or as a prefix). */
function occurrences(text: string, run: QueryTerm["runs"][number], prefix: boolean): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(run.text, from);
    if (at === -1) return out;
    from = at + 1;
    const end = at + run.text.length;
    if (run.kind === "word") {
      if (isWordChar(text[at - 1])) continue;
      if (!prefix && isWordChar(text[end])) continue;
      let stop = end;
      if (prefix) while (isWordChar(text[stop])) stop++;
      out.push([at, stop]);
    } else {
      out.push([at, end]);
    }
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

export function highlightRanges(original: string, terms: QueryTerm[]): Range[] {
  const { text, origin, originalLength } = normaliseForSearch(original);
  const back = (i: number) => (i < origin.length ? origin[i]! : originalLength);
  const found: Range[] = [];
  for (const term of terms) {
    if (term.negated) continue;
    term.runs.forEach((run, index) => {
      const prefix = term.prefix && index === term.runs.length - 1;
      for (const [s, e] of occurrences(text, run, prefix)) found.push([back(s), back(e)]);
    });
  }
  return merge(found);
}

/** Whether every positive term occurs in the text and no negated one does (same rules as search). */
export function matchesText(text: string, terms: QueryTerm[]): boolean {
  const normalised = normaliseForSearch(text).text;
  const has = (term: QueryTerm) =>
    term.runs.every((run, i) => occurrences(normalised, run, term.prefix && i === term.runs.length - 1).length > 0);
  return terms.some((t) => !t.negated) && terms.every((t) => (t.negated ? !has(t) : has(t)));
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
