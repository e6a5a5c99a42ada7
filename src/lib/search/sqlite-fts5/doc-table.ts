// What the SQLite engine knows of every search document without reading its row: kind, episode,
// chapter, speaker, library order and topics, in typed arrays indexed by search_doc.rowid. With
// it, counting facets over 2,000 matches, filtering matches by speaker or topic and ranking a broad
// query's window cost microseconds in JavaScript instead of 2,000 B-tree lookups each in SQL (at
// 1,000,000 turns those lookups were most of a search). The engine loads one table per database
// client and data version, in chunks between requests, and uses SQL until it is ready; both ways
// give the same results (tests/integration/search-doc-table.test.ts compares them).
//
// Memory: about 26 bytes per document plus 4 per topic link (about 30 MB at 1,000,000 turns).

import type { SearchFilters, SearchKind } from "../engine";
import type { EntityIndex } from "./entity-index";

export const KIND_CODES: Record<SearchKind, number> = { speech: 0, note: 1, quote: 2 };
/** kind[] of a rowid with no document (a gap left by an incremental ingest). */
export const NO_DOCUMENT = 255;

export interface DocTable {
  /** Largest rowid + 1. */
  readonly size: number;
  readonly kind: Uint8Array;
  /** Index into episodes. */
  readonly episode: Int32Array;
  readonly chapter: Int32Array;
  /** Index into speakers, -1 for none (an editor's note). */
  readonly speaker: Int32Array;
  readonly episodeRank: Int32Array;
  readonly position: Int32Array;
  /** The topics of rowid r are topicIds[topicStart[r] .. topicStart[r + 1]) (indexes into topics). */
  readonly topicStart: Int32Array;
  readonly topicIds: Int32Array;
  readonly episodes: readonly string[];
  readonly speakers: readonly string[];
  readonly topics: readonly string[];
  readonly episodeIndex: ReadonlyMap<string, number>;
  readonly speakerIndex: ReadonlyMap<string, number>;
  readonly topicIndex: ReadonlyMap<string, number>;
  /** The entities of the same data version (entity-index.ts), loaded with the table. */
  readonly entities: EntityIndex | null;
  /**
   * Every document's length in FTS5 tokens over all columns (search_fts_docsize), and the totals
   * FTS5's bm25() divides by (documents and tokens of search_fts, its averages record): what
   * BM25 needs besides phrase frequencies, so that the engine can rank a one-phrase query without
   * bm25() (engine.ts: phraseBm25). `ftsRows` is 0 when they were not loaded.
   */
  readonly tokens: Int32Array;
  readonly ftsRows: number;
  readonly ftsTokens: number;
  /**
   * How many documents hold each token in its column (uni, bi, words; fts5vocab 'col'), keyed
   * `column␁token`, for the tokens at least FREQUENT documents hold (documentFrequency()).
   */
  readonly frequencies: ReadonlyMap<string, number>;
  readonly frequenciesLoaded: boolean;
}

/**
 * Tokens fewer documents hold are not kept in the table's frequencies: most distinct tokens of a
 * library are rare (a real one has millions of distinct bigrams), and what the engine asks of a
 * rare token's frequency is only that it is small.
 */
export const FREQUENT = 64;

/**
 * The documents that hold a token in a column: exact from FREQUENT on; FREQUENT - 1 (an upper
 * bound) for a token fewer hold, or none. Null when the table's frequencies were not loaded.
 */
export function documentFrequency(table: DocTable, column: string, token: string): number | null {
  if (!table.frequenciesLoaded) return null;
  return table.frequencies.get(`${column}\u0001${token}`) ?? FREQUENT - 1;
}

/** The unsigned varints (SQLite's format, as FTS5 writes them) of a hex string, in order. */
export function varints(hex: string): number[] {
  const out: number[] = [];
  let value = 0;
  let bytes = 0;
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    bytes += 1;
    if (bytes === 9) {
      value = value * 256 + byte;
    } else {
      value = value * 128 + (byte & 0x7f);
      if (byte & 0x80) continue;
    }
    out.push(value);
    value = 0;
    bytes = 0;
  }
  return out;
}

/** Separators of the packed rows the loader reads (ids and slugs never hold control characters). */
export const FIELD = "\u001f";
export const RECORD = "\u001e";

/** Builds a table from packed chunks, in rowid order (the loader's SQL writes them). */
export class DocTableBuilder {
  private size = 0;
  private kind = new Uint8Array(1024).fill(NO_DOCUMENT);
  private episode = new Int32Array(1024);
  private chapter = new Int32Array(1024);
  private speaker = new Int32Array(1024);
  private episodeRank = new Int32Array(1024);
  private position = new Int32Array(1024);
  private topicStart = new Int32Array(1025);
  private topicIds = new Int32Array(1024);
  private tokens = new Int32Array(1024);
  private links = 0;
  private ftsRows = 0;
  private readonly frequencies = new Map<string, number>();
  private frequenciesLoaded = false;
  private ftsTokens = 0;
  private readonly episodes: string[] = [];
  private readonly speakers: string[] = [];
  private readonly topics: string[] = [];
  private readonly episodeIndex = new Map<string, number>();
  private readonly speakerIndex = new Map<string, number>();
  private readonly topicIndex = new Map<string, number>();

  private static intern(value: string, list: string[], index: Map<string, number>): number {
    let i = index.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      index.set(value, i);
    }
    return i;
  }

  private grow(rowid: number) {
    if (rowid < this.kind.length) return;
    let length = this.kind.length;
    while (length <= rowid) length *= 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, fill?: number): T => {
      const next = new (array.constructor as new (n: number) => T)(length);
      if (fill !== undefined) next.fill(fill);
      next.set(array);
      return next;
    };
    this.kind = grown(this.kind, NO_DOCUMENT);
    this.episode = grown(this.episode);
    this.chapter = grown(this.chapter);
    this.speaker = grown(this.speaker);
    this.episodeRank = grown(this.episodeRank);
    this.position = grown(this.position);
    this.tokens = grown(this.tokens);
    const starts = new Int32Array(length + 1);
    starts.set(this.topicStart);
    this.topicStart = starts;
  }

  /**
   * One chunk: documents as `rowid␟kind␟episodeSlug␟chapterNumber␟speakerId␟episodeRank␟position`
   * and topic links as `rowid␟topicId`, both ␞-separated and in rowid order, every rowid above the
   * previous chunk's.
   */
  addChunk(documents: string | null, topicLinks: string | null, sizes: string | null = null): void {
    const byRowid = new Map<number, number[]>();
    if (topicLinks)
      for (const record of topicLinks.split(RECORD)) {
        const [rowid, topic] = record.split(FIELD);
        const list = byRowid.get(Number(rowid)) ?? [];
        list.push(DocTableBuilder.intern(topic!, this.topics, this.topicIndex));
        byRowid.set(Number(rowid), list);
      }
    if (!documents) return;
    for (const record of documents.split(RECORD)) {
      const [rowidText, kind, episodeSlug, chapter, speakerId, episodeRank, position] = record.split(FIELD);
      const rowid = Number(rowidText);
      if (!Number.isInteger(rowid) || rowid < this.size) throw new Error(`doc table: rowid ${rowidText} out of order`);
      this.grow(rowid);
      // Rowids without a document (gaps) have no topics: their start is the previous end.
      for (let r = this.size; r <= rowid; r++) this.topicStart[r] = this.links;
      this.kind[rowid] = KIND_CODES[kind as SearchKind];
      this.episode[rowid] = DocTableBuilder.intern(episodeSlug!, this.episodes, this.episodeIndex);
      this.chapter[rowid] = Number(chapter);
      this.speaker[rowid] = speakerId ? DocTableBuilder.intern(speakerId, this.speakers, this.speakerIndex) : -1;
      this.episodeRank[rowid] = Number(episodeRank);
      this.position[rowid] = Number(position);
      for (const topic of byRowid.get(rowid) ?? []) {
        if (this.links === this.topicIds.length) {
          const grown = new Int32Array(this.topicIds.length * 2);
          grown.set(this.topicIds);
          this.topicIds = grown;
        }
        this.topicIds[this.links++] = topic;
      }
      this.size = rowid + 1;
      this.topicStart[this.size] = this.links;
    }
    // Document lengths: `rowid,hex(sz)` records, ;-separated (search_fts_docsize), of documents above.
    if (sizes)
      for (const record of sizes.split(";")) {
        const comma = record.indexOf(",");
        const rowid = Number(record.slice(0, comma));
        if (rowid < this.size) this.tokens[rowid] = varints(record.slice(comma + 1)).reduce((a, b) => a + b, 0);
      }
  }

  /** Document frequencies: [term, column, documents] triples (JSON), as fts5vocab 'col' gives them. */
  addFrequencies(rows: ReadonlyArray<readonly [string, string, number]>): void {
    this.frequenciesLoaded = true;
    for (const [term, column, documents] of rows)
      if (column !== "filters" && documents >= FREQUENT) this.frequencies.set(`${column}\u0001${term}`, documents);
  }

  /** FTS5's totals: its averages record (hex), a varint of documents then one of tokens per column. */
  setTotals(averages: string | null): void {
    const [rows = 0, ...columns] = averages ? varints(averages) : [];
    this.ftsRows = rows;
    this.ftsTokens = columns.reduce((a, b) => a + b, 0);
  }

  build(entities: EntityIndex | null = null): DocTable {
    return {
      entities,
      size: this.size,
      kind: this.kind,
      episode: this.episode,
      chapter: this.chapter,
      speaker: this.speaker,
      episodeRank: this.episodeRank,
      position: this.position,
      topicStart: this.topicStart,
      topicIds: this.topicIds,
      episodes: this.episodes,
      speakers: this.speakers,
      topics: this.topics,
      episodeIndex: this.episodeIndex,
      speakerIndex: this.speakerIndex,
      topicIndex: this.topicIndex,
      tokens: this.tokens,
      ftsRows: this.ftsRows,
      ftsTokens: this.ftsTokens,
      frequencies: this.frequencies,
      frequenciesLoaded: this.frequenciesLoaded,
    };
  }
}

/** The filters as table codes (null: no filter; -2: a value no document has, which matches nothing). */
export interface TableFilter {
  episode: number | null;
  kind: number | null;
  speaker: number | null;
  chapter: number | null;
  topic: number | null;
}

export function tableFilter(table: DocTable, filters: SearchFilters): TableFilter {
  // Empty values filter nothing, as in the engine's SQL (matchWithFilters).
  const code = (value: string | undefined, index: ReadonlyMap<string, number>) => (value ? (index.get(value) ?? -2) : null);
  return {
    episode: code(filters.episode, table.episodeIndex),
    kind: filters.kind ? (KIND_CODES[filters.kind] ?? -2) : null,
    speaker: code(filters.speaker, table.speakerIndex),
    chapter: filters.chapter === undefined ? null : filters.chapter,
    topic: code(filters.topic, table.topicIndex),
  };
}

export function hasTopic(table: DocTable, rowid: number, topic: number): boolean {
  for (let i = table.topicStart[rowid]!, end = table.topicStart[rowid + 1]!; i < end; i++) if (table.topicIds[i] === topic) return true;
  return false;
}

/** Whether a document passes the episode and kind filters (the facets' base). */
export function passesBase(table: DocTable, rowid: number, f: TableFilter): boolean {
  // An unknown value's code (-2) equals no document's.
  if (rowid >= table.size || table.kind[rowid] === NO_DOCUMENT) return false;
  return (f.episode === null || table.episode[rowid] === f.episode) && (f.kind === null || table.kind[rowid] === f.kind);
}

/** Whether a document passes every filter, as the FTS filter tokens would decide. */
export function passesAll(table: DocTable, rowid: number, f: TableFilter): boolean {
  return (
    passesBase(table, rowid, f) &&
    (f.speaker === null || table.speaker[rowid] === f.speaker) &&
    (f.chapter === null || table.chapter[rowid] === f.chapter) &&
    (f.topic === null || hasTopic(table, rowid, f.topic))
  );
}

export const hasAnyFilter = (filters: SearchFilters) =>
  Boolean(filters.episode || filters.kind || filters.speaker || filters.topic) || filters.chapter !== undefined;
