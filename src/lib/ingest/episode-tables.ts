// One episode's rows as the tables hold them, for both stores (sqlite-store.ts, postgres-store.ts):
// surrogate ids in library order, the column order of the schema (the same in both databases),
// and a search document per turn and per quote (filters and ranking columns; the tokens are the
// store's to index). Each store says where a row goes.
import type { SearchDocument } from "../search/sqlite-fts5/search-index.ts";
import type { IndexTokens } from "../search/tokenize.ts";
import type { EpisodeRows, TokenisedText } from "./episode-rows.ts";

export type EpisodeTable = "Episode" | "Participant" | "Chapter" | "Turn" | "Cue" | "TurnTopic" | "Quote" | "QuoteTopic";

/** A search document's columns besides its tokens (its rank and topics are the store's). */
export type SearchDocumentRow = Omit<SearchDocument, "episodeRank" | "topics" | "text">;

export interface EpisodeTableSink {
  /** A boolean column's value (SQLite stores 0 or 1). */
  boolean(value: boolean): unknown;
  row(table: EpisodeTable, values: unknown[]): void;
  chapterDocument(episodeSlug: string, chapterNumber: number, tokens: IndexTokens): void;
  document(row: SearchDocumentRow, tokens: TokenisedText): void;
}

/** The next surrogate ids; advanced as rows are written. */
export interface RowIds {
  chapter: number;
  turn: number;
  cue: number;
}

export function writeEpisodeTables(rows: EpisodeRows, ids: RowIds, sink: EpisodeTableSink): void {
  const e = rows.episode;
  sink.row("Episode", [
    e.slug,
    e.showId,
    e.title,
    e.publishedAt,
    e.language,
    e.sourceName,
    e.sourceUrl,
    e.sourceLicence,
    e.sourceNote,
    e.audioUrl,
    e.audioType,
    e.audioDuration,
    e.importedFile,
    e.importedFormat,
    e.summary,
    e.summaryHtml,
  ]);
  for (const p of rows.participants) sink.row("Participant", [rows.slug, p.personId, p.role, p.intro, p.ordinal]);
  const chapterIds = rows.chapters.map((chapter) => {
    const id = ids.chapter++;
    sink.row("Chapter", [id, rows.slug, chapter.number, chapter.title, chapter.tocTitle, chapter.startMs]);
    sink.chapterDocument(rows.slug, chapter.number, chapter.search);
    return id;
  });
  const turnPk = new Map<string, number>();
  const turnOfId = new Map<string, EpisodeRows["turns"][number]>();
  for (const t of rows.turns) {
    const id = ids.turn++;
    turnPk.set(t.turnId, id);
    turnOfId.set(t.turnId, t);
    sink.row("Turn", [
      id,
      rows.slug,
      t.turnId,
      t.ordinal,
      chapterIds[t.chapterIndex]!,
      t.speakerId,
      t.kind,
      t.markdown,
      t.text,
      t.html,
      t.startMs,
      t.endMs,
      sink.boolean(t.asks),
      t.exchange,
    ]);
    t.cues.forEach((cue, index) => sink.row("Cue", [ids.cue++, id, index + 1, cue.startMs, cue.endMs, cue.text]));
    for (const link of t.topics) sink.row("TurnTopic", [id, link.topicId, link.source]);
    sink.document(
      {
        kind: t.kind,
        episodeSlug: rows.slug,
        chapterNumber: rows.chapters[t.chapterIndex]!.number,
        turnPk: id,
        turnId: t.turnId,
        quoteId: null,
        speakerId: t.speakerId,
        position: t.ordinal * 2,
      },
      t.search,
    );
  }
  for (const quote of rows.quotes) {
    const pk = turnPk.get(quote.turnId)!;
    const turn = turnOfId.get(quote.turnId)!;
    sink.row("Quote", [quote.id, rows.slug, pk, quote.text, quote.ordinal]);
    for (const topicId of quote.topics) sink.row("QuoteTopic", [quote.id, topicId]);
    sink.document(
      {
        kind: "quote",
        episodeSlug: rows.slug,
        chapterNumber: rows.chapters[turn.chapterIndex]!.number,
        turnPk: pk,
        turnId: quote.turnId,
        quoteId: quote.id,
        speakerId: turn.speakerId,
        position: turn.ordinal * 2 + 1,
      },
      quote.search,
    );
  }
}
