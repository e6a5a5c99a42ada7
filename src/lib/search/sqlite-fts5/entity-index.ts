// The entities of one data version in memory (people, topics, shows, episodes, chapters: about
// 60,000 at 1,000,000 turns), so that naming them costs microseconds instead of two statements:
// the compact-key lookup (search_entity_key, a prefix range) and the title lookup (search_entity_fts,
// titles that hold every term of the query), whose FTS5 part read thousands of titles for a
// common word, or ran the query once per candidate title (`rowid IN (…) AND MATCH`), 10-40 ms at
// 1,000,000 turns. The engine builds one with its document table (doc-table.ts) and answers with
// SQL until it is loaded; both ways give the same entities (tests/integration/search-doc-table.test.ts).
//
// Titles are matched as FTS5 matches them: an inverted index of each title's tokens (the same
// tokens search_entity_fts holds: tokenize.ts) gives the titles that hold every token a phrase
// needs, and the query tree (postgres-tsvector/tsquery.ts, the FTS5 expression as a tree) is then
// evaluated on each candidate's own tokens with phrase positions (postgres-tsvector/bm25.ts).
import type { EntityKind } from "../entities";
import { matches, phraseInstances } from "../postgres-tsvector/bm25";
import type { Phrase, QueryNode, QueryTree } from "../postgres-tsvector/tsquery";
import { classify } from "../normalize";
import { indexTokens, RUN_SEPARATOR, WORD_BREAK } from "../tokenize";

export interface EntityRecord {
  /** search_entity.rowid */
  entity: number;
  kind: EntityKind;
  entityId: string;
  name: string;
  url: string;
  count: number;
  role: string | null;
  context: string | null;
  keyLength: number;
}

export interface EntityKeyRecord {
  key: string;
  entity: number;
  /** 1: the whole name or an alias; 0: one word of a person's name. */
  exact: number;
}

/** Code point order, which is SQLite's BINARY order of the same strings in UTF-8. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

type Column = "uni" | "bi" | "words";
const COLUMNS: ReadonlyArray<readonly [Column, string | null]> = [
  ["uni", null],
  ["bi", RUN_SEPARATOR],
  ["words", WORD_BREAK],
];

/** The column a query token is looked up in (fts5-match.ts: uni:"x", bi:"xy yz", words:"…"). */
export function columnOf(token: string): Column {
  const chars = [...token];
  if (chars.length <= 2 && classify(chars[0] ?? "") === "cjk") return chars.length === 1 ? "uni" : "bi";
  return "words";
}

const postingKey = (column: Column, token: string) => `${column}\u0001${token}`;

/**
 * Each phrase's instances in a text, from its tokens as FTS5 holds them (a title in
 * search_entity_fts, a document in search_fts: the same uni, bi and words columns).
 */
export function phraseCounts(phrases: readonly Phrase[], name: string): number[] {
  const tokens = indexTokens(name);
  const positions = new Map<string, number[]>();
  for (const [column, separator] of COLUMNS) {
    const text = tokens[column];
    let position = 0;
    for (const token of text ? text.split(" ") : []) {
      position += 1;
      if (token === separator) continue;
      const key = postingKey(column, token);
      const list = positions.get(key);
      if (list) list.push(position);
      else positions.set(key, [position]);
    }
  }
  const wordsPrefix = postingKey("words", "");
  const byPrefix = (prefix: string) =>
    [...positions]
      .filter(([key]) => key.startsWith(wordsPrefix + prefix))
      .flatMap(([, list]) => list)
      .sort((a, b) => a - b);
  return phrases.map((phrase) => phraseInstances(phrase, (token) => positions.get(postingKey(columnOf(token), token)) ?? [], byPrefix));
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

function union(lists: ReadonlyArray<readonly number[]>): number[] {
  if (lists.length === 1) return [...lists[0]!];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

export class EntityIndex {
  private readonly byRowid = new Map<number, EntityRecord>();
  /** By key (code point order), then entity: search_entity_key's primary key order. */
  private readonly keys: EntityKeyRecord[];
  /** Column + token -> the entities whose title holds it, ascending. */
  private readonly postings = new Map<string, number[]>();
  /** The distinct tokens of the words column, sorted, for prefixes. */
  private readonly words: string[];

  constructor(entities: readonly EntityRecord[], keys: readonly EntityKeyRecord[]) {
    const ordered = [...entities].sort((a, b) => a.entity - b.entity);
    const words = new Set<string>();
    for (const entity of ordered) {
      this.byRowid.set(entity.entity, entity);
      const tokens = indexTokens(entity.name);
      for (const [column, separator] of COLUMNS) {
        const text = tokens[column];
        for (const token of text ? text.split(" ") : []) {
          if (token === separator) continue;
          const key = postingKey(column, token);
          const list = this.postings.get(key);
          if (!list) this.postings.set(key, [entity.entity]);
          else if (list.at(-1) !== entity.entity) list.push(entity.entity);
          if (column === "words") words.add(token);
        }
      }
    }
    this.words = [...words].sort(compareCodePoints);
    this.keys = [...keys].sort((a, b) => compareCodePoints(a.key, b.key) || a.entity - b.entity);
  }

  get size(): number {
    return this.byRowid.size;
  }

  /** Keys that start with `compact`, in key order, at most `limit` (the SQL: k.key >= ? AND k.key < ? || U+10FFFF ORDER BY k.key LIMIT 200). */
  byKey(compact: string, limit: number): Array<EntityKeyRecord & { record: EntityRecord }> {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareCodePoints(this.keys[mid]!.key, compact) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<EntityKeyRecord & { record: EntityRecord }> = [];
    for (let i = lo; i < this.keys.length && out.length < limit && this.keys[i]!.key.startsWith(compact); i++) {
      const key = this.keys[i]!;
      const record = this.byRowid.get(key.entity);
      if (record) out.push({ ...key, record });
    }
    return out;
  }

  /**
   * The first `limit` entities (by rowid) whose title matches the query tree and whose compact
   * name has at most `maxLength` characters (the SQL: search_entity_fts MATCH … AND keyLength <= ? LIMIT 50).
   */
  byTitle(tree: QueryTree, maxLength: number, limit: number): EntityRecord[] {
    const candidates = this.candidates(tree, tree.root);
    // Without phrases of several tokens and without NOT, holding the tokens is matching.
    const exact = tree.phrases.every((p) => p.tokens.length === 1) && !hasNot(tree.root);
    const out: EntityRecord[] = [];
    for (const rowid of candidates) {
      const record = this.byRowid.get(rowid)!;
      if (record.keyLength > maxLength) continue;
      if (!exact && !matches(tree.root, phraseCounts(tree.phrases, record.name))) continue;
      out.push(record);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Entities that may match a node (every one that does, ascending): phrases by their tokens' postings. */
  private candidates(tree: QueryTree, node: QueryNode): number[] {
    switch (node.kind) {
      case "phrase": {
        const phrase = tree.phrases[node.index]!;
        let result: number[] | null = null;
        for (let j = 0; j < phrase.tokens.length; j++) {
          const token = phrase.tokens[j]!;
          const list =
            phrase.prefix && j === phrase.tokens.length - 1
              ? this.prefixPostings(token)
              : (this.postings.get(postingKey(columnOf(token), token)) ?? []);
          result = result === null ? [...list] : intersect(result, list);
          if (result.length === 0) break;
        }
        return result ?? [];
      }
      case "and":
        return (
          node.children.reduce<number[] | null>(
            (acc, child) => (acc === null ? this.candidates(tree, child) : intersect(acc, this.candidates(tree, child))),
            null,
          ) ?? []
        );
      case "or":
        return union(node.children.map((child) => this.candidates(tree, child)));
      case "not":
        return this.candidates(tree, node.left);
    }
  }

  private prefixPostings(prefix: string): number[] {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareCodePoints(this.words[mid]!, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const lists: number[][] = [];
    for (let i = lo; i < this.words.length && this.words[i]!.startsWith(prefix); i++)
      lists.push(this.postings.get(postingKey("words", this.words[i]!))!);
    return lists.length === 0 ? [] : union(lists);
  }
}

function hasNot(node: QueryNode): boolean {
  if (node.kind === "not") return true;
  if (node.kind === "phrase") return false;
  return node.children.some(hasNot);
}
