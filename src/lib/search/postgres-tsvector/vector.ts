// The application's search tokens (tokenize.ts: CJK unigrams and bigrams, word stems, filter
// tokens; exactly what the SQLite engine stores in its FTS5 columns) as a PostgreSQL `tsvector`,
// written literally (never through to_tsvector, whose parser would split them again): the
// `simple` configuration's behaviour, with our tokens. Pure.
//
// One tsvector per document holds four kinds of lexemes that can never be equal (a CJK character,
// a pair of them, a word of letters or digits only, a filter token: a letter and hex digits), so
// no weights are needed to tell FTS5's columns apart, and a GIN index answers every lexeme without
// a recheck. Positions serve phrases (`<->`) and BM25's term frequencies: each stream (uni, bi,
// words) numbers its tokens from 1, and FTS5's separators (the bigram stream's "0" between CJK
// runs, the word stream's WORD_BREAK) are gaps of one position, so a phrase never spans them.
// Phrases never mix streams, so their numbers may overlap. Filter tokens carry no positions.
//
// tsvector has limits FTS5 has not: positions stop at 16,383 and a lexeme keeps at most 256 of
// them. A document beyond either ("long": ~16,000 CJK characters, or 的 more than 256 times) is
// stored without positions (every lexeme still answers presence exactly), and its bigram and word
// streams are cut into overlapping windows that fit (`search_chunk`), each holding every phrase a
// query can make (at most 500 characters: WINDOW_OVERLAP tokens), which the engine checks.
import { RUN_SEPARATOR, WORD_BREAK } from "../tokenize";

export const MAX_POSITION = 16_383;
export const MAX_POSITIONS_PER_LEXEME = 256;
/** A phrase has at most this many tokens (a 500-character query: 499 bigrams). */
export const WINDOW_OVERLAP = 500;
/**
 * Filter tokens carry a mark no word can start with: a tsvector has no columns, and a prefix
 * query ('k':*) must not reach the filter token of a kind (k…) as FTS5's `words:"k"*` does not.
 */
export const filterLexeme = (token: string) => `#${token}`;
/** PostgreSQL refuses lexemes of 2 KB and more. */
const MAX_LEXEME_BYTES = 2_000;

export interface DocumentTokens {
  uni: string;
  bi: string;
  words: string;
  /** Filter tokens (absent for chapter titles and entity names). */
  filters?: string;
}

export interface DocumentVector {
  /** The tsvector literal. */
  vector: string;
  /** Tokens in FTS5's terms (every column, separators included): BM25's document length. */
  tokenCount: number;
  /** Positions did not fit (see above): `vector` has none, `chunks` have them. */
  long: boolean;
  /** Long documents only: windows of the bigram and word streams, as tsvector literals. */
  chunks: string[];
  /** Distinct lexemes (for document frequencies). */
  lexemes: string[];
}

const split = (column: string | undefined) => (column ? column.split(" ") : []);

/** A lexeme as PostgreSQL can store it (words of 2 KB and more are cut at a character boundary). */
export function lexeme(token: string): string {
  if (token.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(token) <= MAX_LEXEME_BYTES) return token;
  let out = "";
  let bytes = 0;
  for (const char of token) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_LEXEME_BYTES) break;
    out += char;
  }
  return out;
}

/** A lexeme quoted for tsvector and tsquery input. */
export const quoteLexeme = (token: string) => `'${lexeme(token).replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

type Positions = Map<string, number[]>;

/** Lexeme -> positions (1-based) of a stream; separators leave a gap. */
function streamPositions(tokens: string[], separator: string | null, into: Positions = new Map()): { positions: Positions; last: number } {
  let position = 0;
  for (const token of tokens) {
    position += 1;
    if (token === separator) continue;
    const key = lexeme(token);
    const list = into.get(key);
    if (list) list.push(position);
    else into.set(key, [position]);
  }
  return { positions: into, last: position };
}

function literal(positions: Positions, bare: Iterable<string> = []): string {
  const parts: string[] = [];
  for (const [key, list] of positions) parts.push(`${quoteLexeme(key)}:${list.join(",")}`);
  for (const key of bare) if (!positions.has(key)) parts.push(quoteLexeme(key));
  return parts.join(" ");
}

const fits = (positions: Positions, last: number) =>
  last <= MAX_POSITION && [...positions.values()].every((list) => list.length <= MAX_POSITIONS_PER_LEXEME);

/**
 * Windows of a stream that fit tsvector's limits, overlapping by WINDOW_OVERLAP tokens, so every
 * run of at most WINDOW_OVERLAP + 1 consecutive tokens lies whole inside one of them. (A window
 * cannot be shorter than that: a stream repeating one token more than 256 times in 500 keeps only
 * 256 of its positions there, which only a phrase of that token repeated can notice.)
 */
function windows(tokens: string[], separator: string | null): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < tokens.length) {
    const counts = new Map<string, number>();
    let end = start;
    while (end < tokens.length && end - start < MAX_POSITION) {
      const token = tokens[end]!;
      const n = token === separator ? 0 : (counts.get(token) ?? 0) + 1;
      if (n > MAX_POSITIONS_PER_LEXEME && end - start > WINDOW_OVERLAP + 1) break;
      if (token !== separator) counts.set(token, n);
      end += 1;
    }
    out.push(literal(streamPositions(tokens.slice(start, end), separator).positions));
    if (end >= tokens.length) break;
    start = end - WINDOW_OVERLAP;
  }
  return out;
}

export function documentVector(tokens: DocumentTokens): DocumentVector {
  const uni = split(tokens.uni);
  const bi = split(tokens.bi);
  const words = split(tokens.words);
  const filters = split(tokens.filters).map((token) => lexeme(filterLexeme(token)));
  const tokenCount = uni.length + bi.length + words.length + filters.length;
  const u = streamPositions(uni, null);
  const b = streamPositions(bi, RUN_SEPARATOR);
  const w = streamPositions(words, WORD_BREAK);
  const lexemes = [...new Set([...u.positions.keys(), ...b.positions.keys(), ...w.positions.keys(), ...filters])];
  if (fits(u.positions, u.last) && fits(b.positions, b.last) && fits(w.positions, w.last)) {
    const all: Positions = new Map([...u.positions, ...b.positions, ...w.positions]);
    return { vector: literal(all, filters), tokenCount, long: false, chunks: [], lexemes };
  }
  return {
    vector: lexemes.map(quoteLexeme).join(" "),
    tokenCount,
    long: true,
    chunks: [...windows(bi, RUN_SEPARATOR), ...windows(words, WORD_BREAK)],
    lexemes,
  };
}
