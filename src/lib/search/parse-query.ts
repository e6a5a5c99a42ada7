// A reader's query -> terms -> an FTS5 MATCH expression. Pure, and total: any string at all
// (FTS5 operators, unbalanced quotes, emoji, control characters, 2,000 characters) gives either a
// valid expression or "nothing to search for" — never an FTS5 syntax error, because the
// expression is built only from tokens this module makes, each one double-quoted.
//
//   开源 模型         both terms (AND)
//   "in-context learning"   an exact phrase
//   -Stability       exclude turns containing it
//   infer            the last word also matches as a prefix: inference, inferred
import { normaliseForSearch, runsOf, type Run } from "./normalize";
import { bigrams } from "./tokenize";

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 12;

export interface QueryTerm {
  /** The term as normalised (NFKC, lower case), for display. */
  text: string;
  /** Its CJK runs and word runs, in order. */
  runs: Run[];
  phrase: boolean;
  negated: boolean;
  /** The last word run may match as a prefix (only for the last positive, unquoted term). */
  prefix: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The FTS5 MATCH expression, or null when the query has nothing to search for. */
  match: string | null;
  /** Any positive term (OR): what a chapter title must match to boost its turns. */
  anyTerm: string | null;
  /** The word that matches as a prefix (the last word of the last positive unquoted term), if any. */
  prefixWord: string | null;
}

export interface ParseOptions {
  /**
   * The indexed words that start with `prefixWord`, when the caller looked them up. The prefix
   * then becomes an OR of those exact words: FTS5 evaluates that lazily and stops at a LIMIT,
   * while a `*` prefix query without a prefix index first merges every matching word's postings.
   */
  prefixExpansion?: readonly string[];
}

/** Expansions longer than this stay a `*` prefix query (a short prefix of a large vocabulary). */
export const MAX_PREFIX_EXPANSION = 64;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

interface RawTerm {
  text: string;
  phrase: boolean;
  negated: boolean;
}

function splitTerms(query: string): RawTerm[] {
  const terms: RawTerm[] = [];
  const source = query.replace(CONTROL, " ").slice(0, MAX_QUERY_LENGTH);
  const pattern = /(-?)"([^"]*)("?)|(\S+)/g;
  for (const match of source.matchAll(pattern)) {
    if (match[4] !== undefined) {
      const word = match[4];
      const negated = word.length > 1 && word.startsWith("-");
      terms.push({ text: negated ? word.slice(1) : word, phrase: false, negated });
    } else {
      terms.push({ text: match[2] ?? "", phrase: true, negated: match[1] === "-" });
    }
  }
  return terms;
}

export function parseQuery(query: string, options: ParseOptions = {}): ParsedQuery {
  const terms: QueryTerm[] = [];
  for (const raw of splitTerms(query)) {
    const { text } = normaliseForSearch(raw.text);
    const runs = runsOf(text);
    if (runs.length === 0) continue; // punctuation only
    terms.push({ text: text.trim(), runs, phrase: raw.phrase, negated: raw.negated, prefix: false });
    if (terms.length === MAX_TERMS) break;
  }
  const lastPositive = [...terms].reverse().find((t) => !t.negated);
  if (lastPositive && !lastPositive.phrase && lastPositive.runs.at(-1)?.kind === "word") lastPositive.prefix = true;
  const prefixWord = lastPositive?.prefix ? lastPositive.runs.at(-1)!.text : null;
  const expansion = options.prefixExpansion;
  const usable = expansion && expansion.length > 0 && expansion.length <= MAX_PREFIX_EXPANSION ? expansion : undefined;
  const expression = (term: QueryTerm) => termExpression(term, usable);

  const positives = terms.filter((t) => !t.negated).map(expression);
  if (positives.length === 0) return { terms, match: null, anyTerm: null, prefixWord: null };
  const negatives = terms.filter((t) => t.negated).map(expression);
  const match = [positives.join(" AND "), ...negatives.map((n) => `NOT ${n}`)].join(" ");
  return { terms, match, anyTerm: positives.join(" OR "), prefixWord };
}

const quote = (tokens: string[]) => `"${tokens.join(" ").replace(/"/g, '""')}"`;

/**
 * A term's expression: CJK runs by unigram (1 character) or bigram phrase; consecutive word runs
 * (separated only by punctuation, as in GPT-3 or in-context) as one word phrase; parts AND-ed.
 */
function termExpression(term: QueryTerm, prefixExpansion: readonly string[] | undefined): string {
  const parts: string[] = [];
  let words: string[] = [];
  const flushWords = (isLast: boolean) => {
    if (words.length === 0) return;
    if (!(isLast && term.prefix)) parts.push(`words:${quote(words)}`);
    else if (!prefixExpansion) parts.push(`words:${quote(words)}*`);
    else {
      // The phrase with its last word replaced by each word it is a prefix of.
      const head = words.slice(0, -1);
      parts.push(`words:(${prefixExpansion.map((word) => quote([...head, word])).join(" OR ")})`);
    }
    words = [];
  };
  term.runs.forEach((run, index) => {
    if (run.kind === "word") {
      words.push(run.text);
      if (index === term.runs.length - 1) flushWords(true);
      return;
    }
    flushWords(false);
    const chars = [...run.text];
    parts.push(chars.length === 1 ? `uni:${quote(chars)}` : `bi:${quote(bigrams(run.text))}`);
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(" AND ")})`;
}
