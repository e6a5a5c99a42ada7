// A resolved query (parse-query.ts) -> a PostgreSQL tsquery over the lexemes vector.ts stores, as
// a tree whose phrases are numbered in the order the SQLite engine's FTS5 expression names them
// (fts5-match.ts builds the same tree as text), so that BM25 is computed over the same phrases
// (bm25.ts). Pure. The tsquery is written literally from lexemes this module quotes itself (never
// through to_tsquery), so no input can produce a tsquery syntax error.
//
//   CJK part      1 character: '开'; longer: '开源' <-> '源模' (consecutive bigrams); variants |-ed
//   words part    's1' <-> 's2' over stems; a prefix last word as an OR of the stems the vocabulary
//                 expanded it to (or 'p':* when there are too many); joined and split forms |-ed
//   term          its parts &-ed; terms &-ed; -terms &!; "a b" also matches the word "ab"
import { bigrams } from "../tokenize";
import { wordVariants, type QueryPart, type QueryTerm, type ResolvedQuery, type WordVariant } from "../parse-query";
import { quoteLexeme } from "./vector";

/** One FTS5 phrase: consecutive tokens of one stream; the last may be a prefix. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

export type QueryNode =
  | { kind: "phrase"; index: number }
  | { kind: "and" | "or"; children: QueryNode[] }
  /** FTS5's binary NOT: `left` without `right`. */
  | { kind: "not"; left: QueryNode; right: QueryNode };

export interface QueryTree {
  root: QueryNode;
  /** Every phrase, in FTS5's order (its phrase numbers). */
  phrases: Phrase[];
}

class Builder {
  readonly phrases: Phrase[] = [];
  phrase(tokens: string[], prefix = false): QueryNode {
    this.phrases.push({ tokens, prefix });
    return { kind: "phrase", index: this.phrases.length - 1 };
  }
}

const or = (items: QueryNode[]): QueryNode => (items.length === 1 ? items[0]! : { kind: "or", children: items });
const and = (items: QueryNode[]): QueryNode => (items.length === 1 ? items[0]! : { kind: "and", children: items });

const cjk = (b: Builder, text: string) => {
  const chars = [...text];
  return chars.length === 1 ? b.phrase(chars) : b.phrase(bigrams(text));
};

function wordVariant(b: Builder, variant: WordVariant): QueryNode {
  const head = variant.stems.slice(0, -1);
  if (variant.lastAlternatives) return or(variant.lastAlternatives.map((last) => b.phrase([...head, last])));
  if (variant.lastPrefix !== undefined) return b.phrase([...head, variant.lastPrefix], true);
  return b.phrase(variant.stems);
}

function part(b: Builder, p: QueryPart, query: ResolvedQuery): QueryNode {
  if (p.kind === "cjk") return or([...new Set(p.variants)].map((v) => cjk(b, v)));
  return or(wordVariants(p, query.vocabulary).map((v) => wordVariant(b, v)));
}

const term = (b: Builder, t: QueryTerm, query: ResolvedQuery) => and(t.parts.map((p) => part(b, p, query)));

export interface TsQueries {
  /** The whole query, or null when there is nothing to search for. */
  match: QueryTree | null;
  /** Any positive term (OR): what a chapter title must match to boost its turns. */
  anyTerm: QueryTree | null;
}

/** The query as trees, in the order fts5Match() writes its expressions. */
export function tsQueries(query: ResolvedQuery): TsQueries {
  if (!query.searchable) return { match: null, anyTerm: null };
  // fts5Match() writes `any` and the match expression from the same term expressions, but each is
  // parsed by FTS5 on its own: two trees, each with its own phrase numbers.
  const match = new Builder();
  const positives: QueryNode[] = [];
  const joinAt = new Map(query.joins.map((j) => [j.first, j]));
  query.terms.forEach((t, index) => {
    if (t.negated) return;
    if (query.joins.some((j) => j.second === index)) return; // written out with the term before it
    const expression = term(match, t, query);
    const join = joinAt.get(index);
    if (join) {
      const next = term(match, query.terms[join.second]!, query);
      positives.push(or([and([expression, next]), match.phrase([join.stem])]));
    } else {
      positives.push(expression);
    }
  });
  let root = and(positives);
  for (const t of query.terms.filter((t) => t.negated)) root = { kind: "not", left: root, right: term(match, t, query) };

  const any = new Builder();
  const anyRoot = or(query.terms.filter((t) => !t.negated).map((t) => term(any, t, query)));
  return { match: { root, phrases: match.phrases }, anyTerm: { root: anyRoot, phrases: any.phrases } };
}

/** A phrase as tsquery text. */
export function phraseText(phrase: Phrase): string {
  const items = phrase.tokens.map((token, i) => quoteLexeme(token) + (phrase.prefix && i === phrase.tokens.length - 1 ? ":*" : ""));
  return items.length === 1 ? items[0]! : `(${items.join(" <-> ")})`;
}

/** A tree as tsquery text. */
export function tsqueryText(tree: QueryTree, node: QueryNode = tree.root): string {
  switch (node.kind) {
    case "phrase":
      return phraseText(tree.phrases[node.index]!);
    case "and":
      return `(${node.children.map((c) => tsqueryText(tree, c)).join(" & ")})`;
    case "or":
      return `(${node.children.map((c) => tsqueryText(tree, c)).join(" | ")})`;
    case "not":
      return `(${tsqueryText(tree, node.left)} & !${tsqueryText(tree, node.right)})`;
  }
}
