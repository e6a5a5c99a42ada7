// SQLite FTS5's bm25() (ext/fts5/fts5_aux.c), computed in JavaScript for the PostgreSQL engine
// from the same statistics, so both databases rank alike. Pure.
//
//   score = Σ over the query's phrases i: IDF(i) · f(i,D)·(k1+1) / (f(i,D) + k1·(1 − b + b·|D|/avgdl))
//   IDF(i) = ln((N − n(i) + 0.5) / (n(i) + 0.5)), at least 1e-6
// with k1 = 1.2, b = 0.75, N the documents, n(i) the documents holding phrase i, |D| the tokens of
// the document over every column, avgdl the mean of |D|, and f(i,D) the instances of phrase i in
// D that FTS5 reports: those of phrases whose AND-ancestors all match D (an AND that fails hides
// its phrases, as FTS5's iterators do), none under a NOT's right side. Operations are in FTS5's
// order, so equal inputs give equal doubles.
import type { Phrase, QueryNode, QueryTree } from "./tsquery";

const K1 = 1.2;
const B = 0.75;

/** Whether a node matches a document whose phrase instance counts are `counts`. */
export function matches(node: QueryNode, counts: readonly number[]): boolean {
  switch (node.kind) {
    case "phrase":
      return (counts[node.index] ?? 0) > 0;
    case "and":
      return node.children.every((c) => matches(c, counts));
    case "or":
      return node.children.some((c) => matches(c, counts));
    case "not":
      return matches(node.left, counts) && !matches(node.right, counts);
  }
}

/** The instance counts FTS5 reports for a matching document (see above). */
export function reportedCounts(tree: QueryTree, counts: readonly number[]): number[] {
  const out = tree.phrases.map(() => 0);
  const visit = (node: QueryNode, enabled: boolean) => {
    switch (node.kind) {
      case "phrase":
        out[node.index] = enabled ? (counts[node.index] ?? 0) : 0;
        return;
      case "and": {
        const on = enabled && matches(node, counts);
        for (const child of node.children) visit(child, on);
        return;
      }
      case "or":
        for (const child of node.children) visit(child, enabled);
        return;
      case "not":
        visit(node.left, enabled);
        visit(node.right, false);
        return;
    }
  };
  visit(tree.root, true);
  return out;
}

export function idf(documents: number, holding: number): number {
  const value = Math.log((documents - holding + 0.5) / (holding + 0.5));
  return value <= 0 ? 1e-6 : value;
}

/** FTS5's bm25() with its sign turned: larger is better. `idfs[i]` is needed where `frequencies[i]` > 0. */
export function bm25(frequencies: readonly number[], idfs: readonly number[], documentTokens: number, averageTokens: number): number {
  let score = 0;
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i]!;
    if (f === 0) continue; // adds exactly 0 in FTS5
    score += idfs[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * documentTokens) / averageTokens)));
  }
  return score;
}

/**
 * Instances of a phrase in a stream given each lexeme's positions: the starts p where token j is
 * at p + j for every j (the last token may be a prefix: any lexeme starting with it).
 */
export function phraseInstances(
  phrase: Phrase,
  positionsOf: (token: string) => readonly number[],
  prefixPositions?: (prefix: string) => readonly number[],
): number {
  const lists = phrase.tokens.map((token, j) =>
    phrase.prefix && j === phrase.tokens.length - 1 && prefixPositions ? prefixPositions(token) : positionsOf(token),
  );
  if (lists.some((l) => l.length === 0)) return 0;
  if (lists.length === 1) return lists[0]!.length;
  const sets = lists.slice(1).map((l) => new Set(l));
  let n = 0;
  for (const p of lists[0]!) if (sets.every((set, j) => set.has(p + j + 1))) n += 1;
  return n;
}
