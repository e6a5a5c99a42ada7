// One validated episode -> every row the database holds for it, as plain data (no ids across
// episodes, no database): what the full and the incremental ingest both write, and what a parse
// worker sends to the thread that writes. Everything that depends on the episode alone is
// derived here, search tokens included, so that the writer only binds values.
import type { Episode } from "../content/load-library.ts";
import { deriveExchanges } from "../reader/exchanges.ts";
import { filterTokens, indexTokens, vocabularyOf, type IndexTokens, type SearchDocument } from "../search/sqlite-fts5/search-index.ts";

export interface TokenisedText extends IndexTokens {
  /** The `filters` column of a search document (empty for chapter titles). */
  filters: string;
}

export interface TurnRow {
  turnId: string;
  /** 1-based, in the episode. */
  ordinal: number;
  /** Index into EpisodeRows.chapters. */
  chapterIndex: number;
  speakerId: string | null;
  kind: "speech" | "note";
  markdown: string;
  text: string;
  html: string;
  startMs: number | null;
  endMs: number | null;
  asks: boolean;
  exchange: number | null;
  cues: Array<{ startMs: number; endMs: number | null; text: string }>;
  topics: Array<{ topicId: string; source: "keyword" | "manual" }>;
  search: TokenisedText;
}

export interface EpisodeRows {
  slug: string;
  publishedAt: string;
  episode: {
    slug: string;
    showId: string;
    title: string;
    /** UTC midnight of publishedAt, as Prisma's SQLite adapter stores a DateTime. */
    publishedAt: string;
    language: string;
    sourceName: string;
    sourceUrl: string | null;
    sourceLicence: string | null;
    sourceNote: string | null;
    audioUrl: string | null;
    audioType: string | null;
    audioDuration: number | null;
    importedFile: string | null;
    importedFormat: string | null;
    summary: string;
    summaryHtml: string;
  };
  participants: Array<{ personId: string; role: string; intro: string | null; ordinal: number }>;
  chapters: Array<{ number: number; title: string; tocTitle: string | null; startMs: number | null; search: IndexTokens }>;
  turns: TurnRow[];
  quotes: Array<{ id: string; turnId: string; text: string; ordinal: number; topics: string[]; search: TokenisedText }>;
  /** Distinct words of the episode's search vocabulary (turns, quotes, chapter titles). */
  words: string[];
}

/** Derives an episode's rows. `tagTopics` is the keyword matcher of the library's topics. */
export function deriveEpisodeRows(episode: Episode, tagTopics: (text: string) => string[]): EpisodeRows {
  const manual = new Map(episode.manualTags.map((t) => [t.turnId, t.topics]));
  const roles = new Map(episode.participants.map((p) => [p.personId, p.role]));
  const exchanges = deriveExchanges(
    episode.chapters.flatMap((c) => c.turns.map((t) => ({ ...t, chapterNumber: c.number }))),
    (id) => roles.get(id),
    new Map(episode.questionCorrections.map((c) => [c.turnId, c.asks])),
  );
  const exchangeOfTurn = new Map<string, { n: number; asks: boolean }>();
  exchanges.forEach((exchange, index) => {
    if (exchange.question) exchangeOfTurn.set(exchange.question.turnId, { n: index + 1, asks: true });
    for (const answer of exchange.answers) exchangeOfTurn.set(answer.turnId, { n: index + 1, asks: false });
  });
  const vocabulary = new Set<string>();
  const tokens = (text: string) => {
    const t = indexTokens(text);
    for (const word of vocabularyOf(t)) vocabulary.add(word);
    return t;
  };

  const chapters: EpisodeRows["chapters"] = [];
  const turns: TurnRow[] = [];
  const turnByTurnId = new Map<string, TurnRow>();
  let ordinal = 0;
  episode.chapters.forEach((chapter, chapterIndex) => {
    chapters.push({
      number: chapter.number,
      title: chapter.title,
      tocTitle: chapter.tocTitle,
      startMs: chapter.startMs,
      search: tokens(chapter.title),
    });
    for (const turn of chapter.turns) {
      ordinal += 1;
      const links = new Map<string, "keyword" | "manual">();
      if (turn.kind === "speech") for (const topicId of tagTopics(turn.text)) links.set(topicId, "keyword");
      for (const topicId of manual.get(turn.turnId) ?? []) links.set(topicId, "manual");
      const doc: SearchDocumentFilters = {
        kind: turn.kind,
        episodeSlug: episode.slug,
        chapterNumber: chapter.number,
        speakerId: turn.speakerId,
        topics: [...links.keys()],
      };
      const row: TurnRow = {
        turnId: turn.turnId,
        ordinal,
        chapterIndex,
        speakerId: turn.speakerId,
        kind: turn.kind,
        markdown: turn.markdown,
        text: turn.text,
        html: turn.html,
        startMs: turn.startMs,
        endMs: turn.endMs,
        asks: exchangeOfTurn.get(turn.turnId)?.asks ?? false,
        exchange: exchangeOfTurn.get(turn.turnId)?.n ?? null,
        cues: turn.cues.map((cue) => ({ startMs: cue.startMs, endMs: cue.endMs, text: cue.text })),
        topics: [...links].map(([topicId, source]) => ({ topicId, source })),
        search: { ...tokens(turn.text), filters: filterTokens(doc) },
      };
      turns.push(row);
      turnByTurnId.set(turn.turnId, row);
    }
  });

  const quotes: EpisodeRows["quotes"] = episode.quotes.map((quote, index) => {
    const turn = turnByTurnId.get(quote.turnId)!;
    const doc: SearchDocumentFilters = {
      kind: "quote",
      episodeSlug: episode.slug,
      chapterNumber: chapters[turn.chapterIndex]!.number,
      speakerId: turn.speakerId,
      topics: quote.topics,
    };
    return {
      id: quote.id,
      turnId: quote.turnId,
      text: quote.text,
      ordinal: index,
      topics: quote.topics,
      search: { ...tokens(quote.text), filters: filterTokens(doc) },
    };
  });

  return {
    slug: episode.slug,
    publishedAt: episode.publishedAt,
    episode: {
      slug: episode.slug,
      showId: episode.showId,
      title: episode.title,
      publishedAt: `${episode.publishedAt}T00:00:00.000+00:00`,
      language: episode.language,
      sourceName: episode.source.name,
      sourceUrl: episode.source.url,
      sourceLicence: episode.source.licence,
      sourceNote: episode.source.note,
      audioUrl: episode.audio?.url ?? null,
      audioType: episode.audio?.type ?? null,
      audioDuration: episode.audio?.duration ?? null,
      importedFile: episode.imported?.file ?? null,
      importedFormat: episode.imported?.format ?? null,
      summary: episode.summary,
      summaryHtml: episode.summaryHtml,
    },
    participants: episode.participants.map((p, index) => ({ personId: p.personId, role: p.role, intro: p.intro, ordinal: index })),
    chapters,
    turns,
    quotes,
    words: [...vocabulary],
  };
}

type SearchDocumentFilters = Pick<SearchDocument, "kind" | "episodeSlug" | "chapterNumber" | "speakerId" | "topics">;

/** The library order of episodes (search_doc.episodeRank): newest first, then by slug. */
export function rankEpisodes(episodes: Iterable<{ slug: string; publishedAt: string }>): Map<string, number> {
  const sorted = [...episodes].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug));
  return new Map(sorted.map((e, rank) => [e.slug, rank]));
}
