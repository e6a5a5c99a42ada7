// One transcript file → one episode draft: detect (or take) the format, parse, assemble. Pure:
// text in, draft out; the CLI reads files and writes the result (library-writer.ts).
import { assemble, type AssembleOptions, type SpeakerMapEntry } from "./assemble.ts";
import type { TimedChapter } from "./chapters-json.ts";
import type { EpisodeDraft } from "./draft.ts";
import { slugify } from "./person-id.ts";
import { detectFormat, formatByName } from "./registry.ts";
import { FORMAT_NAMES, ImportError, type Dropped, type EpisodeMeta, type FormatName, type ParsedTranscript, type SourceText, type SpeakerInfo } from "./types.ts";
import { webPageDraft } from "./web-page.ts";

export interface ImportOptions {
  slug: string;
  showId?: string;
  showName?: string;
  format?: FormatName;
  title?: string;
  date?: string;
  language?: string;
  speakers?: Map<string, SpeakerMapEntry>;
  chapters?: TimedChapter[];
  source?: { name?: string; url?: string; licence?: string; note?: string };
  /** What the episode's feed item says (title, date, description, audio …): it wins over the file's own. */
  meta?: EpisodeMeta;
  /** People the feed names, with roles. */
  people?: SpeakerInfo[];
  today: string;
}

export interface ImportResult {
  format: FormatName;
  parsed: ParsedTranscript;
  draft: EpisodeDraft;
  notices: string[];
  dropped: Dropped[];
  stats: { cues: number; turns: number; speakers: number; chapters: number; timedCues: number };
}

export function importTranscript(source: SourceText, options: ImportOptions): ImportResult {
  const format = options.format ? formatByName(options.format) : detectFormat(source);
  if (!format) throw new ImportError(1, `unknown format '${options.format}': supported formats are ${FORMAT_NAMES.join(", ")}`);
  const parsed = format.parse(source);
  const meta: EpisodeMeta = { ...parsed.meta, ...definedOnly(options.meta ?? {}) };
  const showName = options.showName ?? meta.showName;
  const showId = options.showId ?? (showName ? slugify(showName) : undefined);
  if (!showId) throw new ImportError(1, "the file does not name its show: pass --show <id> (created when missing)");
  const imported = { file: source.fileName, format: format.name };

  if (format.name === "web-page") {
    // The seed's layout keeps its own notes, contents and guest list: straight to a draft.
    const draft = webPageDraft(source, {
      showId,
      language: options.language ?? "zh-CN",
      sourceName: options.source?.name ?? showName ?? showId,
      sourceUrl: options.source?.url,
      sourceNote: options.source?.note,
      sourceLicence: options.source?.licence,
      imported,
    });
    if (options.title) draft.title = options.title;
    if (options.date) draft.publishedAt = options.date;
    if (options.showName) draft.show.name = options.showName;
    const turns = draft.chapters.reduce((n, c) => n + c.turns.length, 0);
    return {
      format: format.name,
      parsed,
      draft,
      notices: [],
      dropped: parsed.dropped,
      stats: { cues: parsed.cues.filter((c) => !c.note).length, turns, speakers: draft.participants.length, chapters: draft.chapters.length, timedCues: parsed.cues.filter((c) => c.start !== null).length },
    };
  }

  const assembleOptions: AssembleOptions = {
    slug: options.slug,
    showId,
    showName,
    title: options.title ?? meta.title ?? titleFromFileName(source.fileName),
    date: options.date ?? meta.date,
    language: options.language,
    speakers: options.speakers,
    chapters: options.chapters,
    people: options.people,
    source: options.source,
    imported,
    today: options.today,
  };
  const notices: string[] = [];
  if (!options.title && !meta.title) notices.push(`the file gives no title: '${assembleOptions.title}', from the file name (pass --title to set it)`);
  const result = assemble({ ...parsed, meta }, assembleOptions);
  return { format: format.name, parsed, draft: result.draft, notices: [...notices, ...result.notices], dropped: result.dropped, stats: result.stats };
}

/** `pc20-example_transcript.vtt` → `Pc20 example transcript`. */
export function titleFromFileName(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
  const words = stem.replace(/[-_.]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Untitled";
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}
