// A reader's query -> terms, each made of parts with their variants. Pure and total: any string at
// all (FTS5 operators, unbalanced quotes, emoji, control characters, 2,000 characters) gives terms
// or "nothing to search for". It knows nothing of any database: an engine (engines/*) turns the
// resolved query into its own query language, and the highlighter marks the same variants.
//
//   开源 模型         both terms (AND)
//   "in-context learning"   an exact phrase
//   -Stability       exclude turns containing it
//   infer            the last word also matches as a prefix: inference, inferred
//
// Text is folded as the index folds it (NFKC, lower case, Traditional -> one form: 語言 = 语言).
// Variants a term matches besides its own text:
//   - a Traditional run's Mainland wording (軟體 -> 软件; han-fold.ts), and
//   - for words: their stems (models -> model), letters and digits apart (GPT3 = GPT-3 = GPT 3),
//     two words written as one (in-context -> incontext; in context -> incontext), and one word
//     written as two indexed words (incontext -> in context; needs the vocabulary, see resolveQuery).
import { isFoldedAway, traditionalPhraseVariants } from "./han-fold";
import { normaliseForSearch, runsOf } from "./normalize";
import { stemWord } from "./stem";
import { splitWordRun } from "./tokenize";

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 12;
/** Expansions longer than this stay a prefix query on stems (a short prefix of a large vocabulary). */
export const MAX_PREFIX_EXPANSION = 64;
/** A word is looked up as two indexed words written together only from this length on. */
const MIN_COMPOUND = 4;

export interface WordPiece {
  /** The word as folded (lower case). */
  surface: string;
  stem: string;
}

export type QueryPart =
  /** A run of CJK characters, folded; `variants` starts with `text` itself. */
  | { kind: "cjk"; text: string; variants: string[] }
  /** Consecutive words separated only by punctuation: one phrase. The last may be a prefix. */
  | { kind: "words"; pieces: WordPiece[]; prefix: boolean };

export interface QueryTerm {
  /** The term as normalised, for display. */
  text: string;
  /** Its parts in order; a term matches where every part does (AND). */
  parts: QueryPart[];
  phrase: boolean;
  negated: boolean;
  /** The last word matches as a prefix (only the last positive, unquoted term ending in a word). */
  prefix: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The word that matches as a prefix (the last word of the last positive unquoted term), if any. */
  prefixWord: string | null;
  /** Words that may be two indexed words written together (incontext): the vocabulary says. */
  compounds: string[];
  /** Adjacent one-word terms that may also be written as one word: "in context" -> incontext. */
  joins: Array<{ first: number; second: number; stem: string }>;
  /** Whether there is anything to search for (a positive term). */
  searchable: boolean;
}

/** What an engine looked up in its vocabulary of indexed words for one query. */
export interface Vocabulary {
  /** Stems of the indexed words that start with `prefixWord`; null when there are too many to list. */
  prefixStems?: string[] | null;
  /** Compound word -> its splits into two indexed words. */
  splits?: ReadonlyMap<string, ReadonlyArray<readonly [WordPiece, WordPiece]>>;
}

export interface ResolvedQuery extends ParsedQuery {
  vocabulary: Vocabulary;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
const LETTERS = /^\p{L}+$/u;

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

/** A raw term's parts: CJK runs, and consecutive word runs (punctuation between them) as one phrase. */
function partsOf(raw: string): { text: string; parts: QueryPart[] } {
  const { text, origin } = normaliseForSearch(raw);
  const parts: QueryPart[] = [];
  let pieces: WordPiece[] = [];
  const flush = () => {
    if (pieces.length > 0) parts.push({ kind: "words", pieces, prefix: false });
    pieces = [];
  };
  for (const run of runsOf(text)) {
    if (run.kind === "cjk") {
      flush();
      // The run as typed (before folding) tells whether it was written in Traditional characters.
      const typed = raw.slice(origin[run.start]!, run.end < origin.length ? origin[run.end]! : raw.length);
      parts.push({ kind: "cjk", text: run.text, variants: [run.text, ...traditionalPhraseVariants(typed, run.text)] });
    } else {
      for (const piece of splitWordRun(run)) pieces.push({ surface: piece.text, stem: stemWord(piece.text) });
    }
  }
  flush();
  return { text: text.trim(), parts };
}

export function parseQuery(query: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  for (const raw of splitTerms(query)) {
    const { text, parts } = partsOf(raw.text);
    if (parts.length === 0) continue; // punctuation only
    terms.push({ text, parts, phrase: raw.phrase, negated: raw.negated, prefix: false });
    if (terms.length === MAX_TERMS) break;
  }
  const lastPositive = [...terms].reverse().find((t) => !t.negated);
  const lastPart = lastPositive?.parts.at(-1);
  let prefixWord: string | null = null;
  if (lastPositive && !lastPositive.phrase && lastPart?.kind === "words") {
    lastPositive.prefix = true;
    lastPart.prefix = true;
    prefixWord = lastPart.pieces.at(-1)!.surface;
  }
  const compounds = new Set<string>();
  for (const term of terms)
    for (const part of term.parts)
      if (part.kind === "words" && part.pieces.length === 1 && isCompoundCandidate(part.pieces[0]!.surface))
        compounds.add(part.pieces[0]!.surface);
  return {
    terms,
    prefixWord,
    compounds: [...compounds],
    joins: termJoins(terms),
    searchable: terms.some((t) => !t.negated),
  };
}

const isCompoundCandidate = (word: string) => word.length >= MIN_COMPOUND && LETTERS.test(word);
const singleWord = (term: QueryTerm | undefined) =>
  term && !term.negated && !term.phrase && term.parts.length === 1 && term.parts[0]!.kind === "words" && term.parts[0]!.pieces.length === 1
    ? term.parts[0]!.pieces[0]!
    : null;

/** Adjacent positive one-word terms of letters, paired left to right without overlap. */
function termJoins(terms: QueryTerm[]): ParsedQuery["joins"] {
  const joins: ParsedQuery["joins"] = [];
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = singleWord(terms[i]);
    const b = singleWord(terms[i + 1]);
    if (!a || !b || !LETTERS.test(a.surface) || !LETTERS.test(b.surface)) continue;
    joins.push({ first: i, second: i + 1, stem: stemWord(a.surface + b.surface) });
    i++;
  }
  return joins;
}

/** The strings a vocabulary lookup for `compounds` needs: every head and tail of two letters or more. */
export function compoundHalves(word: string): string[] {
  const out: string[] = [];
  for (let i = 2; i <= word.length - 2; i++) out.push(word.slice(0, i), word.slice(i));
  return out;
}

/** Splits of a word into two words that the vocabulary (a set of indexed surfaces) holds. */
export function splitsFromVocabulary(word: string, has: (surface: string) => boolean, limit = 3): Array<[WordPiece, WordPiece]> {
  const out: Array<[WordPiece, WordPiece]> = [];
  for (let i = 2; i <= word.length - 2 && out.length < limit; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (has(head) && has(tail)) out.push([piece(head), piece(tail)]);
  }
  return out;
}

const piece = (surface: string): WordPiece => ({ surface, stem: stemWord(surface) });

/**
 * The query with no prefix: its last word matches as written (and by its stem), not as the start of
 * longer words. The data layer asks for it when the whole query is the name of a person, topic,
 * show, episode or chapter (`yiwen li`): a name typed in full is not the start of other words, and
 * expanding its last word (li -> like, line, little …) finds turns that do not name it.
 */
export function withoutPrefix(parsed: ParsedQuery): ParsedQuery {
  if (parsed.prefixWord === null) return parsed;
  return {
    ...parsed,
    prefixWord: null,
    terms: parsed.terms.map((term) =>
      term.prefix
        ? {
            ...term,
            prefix: false,
            parts: term.parts.map((part) => (part.kind === "words" && part.prefix ? { ...part, prefix: false } : part)),
          }
        : term,
    ),
  };
}

export function resolveQuery(parsed: ParsedQuery, vocabulary: Vocabulary = {}): ResolvedQuery {
  return { ...parsed, vocabulary };
}

/** One way a words part can be written: a phrase of stems, the last one possibly a prefix. */
export interface WordVariant {
  stems: string[];
  /** The last stem stands for these stems (a prefix expanded by the vocabulary). */
  lastAlternatives?: string[];
  /** The last word is a prefix the vocabulary did not expand: match stems (and words) starting with it. */
  lastPrefix?: string;
}

/**
 * Every way a words part matches: its phrase of stems (with the prefix expanded), adjacent words
 * joined into one (in-context -> incontext), and a word split into two indexed words.
 */
export function wordVariants(part: Extract<QueryPart, { kind: "words" }>, vocabulary: Vocabulary): WordVariant[] {
  const stems = part.pieces.map((p) => p.stem);
  const variants: WordVariant[] = [];
  if (part.prefix) {
    const last = part.pieces.at(-1)!;
    const expansion = vocabulary.prefixStems;
    if (expansion === undefined || expansion === null) variants.push({ stems, lastPrefix: last.surface });
    else variants.push({ stems, lastAlternatives: [...new Set([last.stem, ...expansion])].slice(0, MAX_PREFIX_EXPANSION + 1) });
  } else {
    variants.push({ stems });
  }
  const letters = part.pieces.every((p) => LETTERS.test(p.surface));
  if (letters && part.pieces.length >= 2 && part.pieces.length <= 4)
    for (let i = 0; i + 1 < part.pieces.length; i++)
      variants.push({
        stems: [...stems.slice(0, i), stemWord(part.pieces[i]!.surface + part.pieces[i + 1]!.surface), ...stems.slice(i + 2)],
      });
  if (part.pieces.length === 1)
    for (const [head, tail] of vocabulary.splits?.get(part.pieces[0]!.surface) ?? []) variants.push({ stems: [head.stem, tail.stem] });
  return variants;
}

/** Whether the query names Traditional characters anywhere (for display: "also searched as …"). */
export const hasTraditional = (query: string) => [...query].some(isFoldedAway);
