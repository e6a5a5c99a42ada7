// A resolved query (parse-query.ts) -> an SQLite FTS5 MATCH expression over the columns that
// search-index.ts fills. Pure. The expression is built only from tokens this module quotes itself,
// so no input can produce an FTS5 syntax error.
//
//   CJK part      1 character: uni:"x"; longer: bi:"xy yz" (a phrase of consecutive bigrams);
//                 variants (軟體 -> 软体 | 软件) OR-ed
//   words part    words:"s1 s2" over stems; a prefix last word as an OR of the stems the
//                 vocabulary expanded it to (or "p"* when there are too many); joined and split
//                 forms OR-ed
//   term          its parts AND-ed; terms AND-ed; -terms NOT; "a b" also matches the word "ab"
import { bigrams } from "../tokenize";
import { wordVariants, type QueryPart, type QueryTerm, type ResolvedQuery, type WordVariant } from "../parse-query";

export const quote = (tokens: readonly string[]) => `"${tokens.join(" ").replace(/"/g, '""')}"`;

const or = (items: string[]) => (items.length === 1 ? items[0]! : `(${items.join(" OR ")})`);
const and = (items: string[]) => (items.length === 1 ? items[0]! : `(${items.join(" AND ")})`);

/** A CJK string's expression: its unigram, or the phrase of its bigrams. */
export const cjkExpression = (text: string) => {
  const chars = [...text];
  return chars.length === 1 ? `uni:${quote(chars)}` : `bi:${quote(bigrams(text))}`;
};

function wordVariantExpression(variant: WordVariant): string {
  const head = variant.stems.slice(0, -1);
  if (variant.lastAlternatives) return `words:${or(variant.lastAlternatives.map((last) => quote([...head, last])))}`;
  if (variant.lastPrefix !== undefined) return `words:${quote([...head, variant.lastPrefix])}*`;
  return `words:${quote(variant.stems)}`;
}

function partExpression(part: QueryPart, query: ResolvedQuery): string {
  if (part.kind === "cjk") return or([...new Set(part.variants)].map(cjkExpression));
  return or(wordVariants(part, query.vocabulary).map(wordVariantExpression));
}

export const termExpression = (term: QueryTerm, query: ResolvedQuery) => and(term.parts.map((p) => partExpression(p, query)));

export interface Fts5Match {
  /** The MATCH expression, or null when there is nothing to search for. */
  match: string | null;
  /** Any positive term (OR): what a chapter title must match to boost its turns. */
  anyTerm: string | null;
}

export function fts5Match(query: ResolvedQuery): Fts5Match {
  if (!query.searchable) return { match: null, anyTerm: null };
  const positives: string[] = [];
  const any: string[] = [];
  const joinAt = new Map(query.joins.map((j) => [j.first, j]));
  query.terms.forEach((term, index) => {
    if (term.negated) return;
    const expression = termExpression(term, query);
    any.push(expression);
    const join = joinAt.get(index);
    const previous = query.joins.find((j) => j.second === index);
    if (previous) return; // written out with the term before it
    if (join) {
      const next = termExpression(query.terms[join.second]!, query);
      positives.push(`((${expression} AND ${next}) OR words:${quote([join.stem])})`);
    } else {
      positives.push(expression);
    }
  });
  const negatives = query.terms.filter((t) => t.negated).map((t) => `NOT ${termExpression(t, query)}`);
  return { match: [positives.join(" AND "), ...negatives].join(" "), anyTerm: any.join(" OR ") };
}
