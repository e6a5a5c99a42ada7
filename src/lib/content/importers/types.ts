// The one shape every transcript format is parsed into: timed, attributed cues with the
// episode's metadata. Format modules (webvtt.ts, srt.ts, …) produce it; the assembler turns it
// into turns and chapters; the writer turns that into the content format (content/README.md).

/** Every format `npm run import` reads, by the name `--format` takes. */
export const FORMAT_NAMES = [
  "webvtt",
  "srt",
  "podcasting-json",
  "podcasting-html",
  "whisper-json",
  "whisper-tsv",
  "markdown",
  "web-page",
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** A problem in an input file, at a 1-based line: reported as `file:line: message`. */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "ImportError";
  }

  /** The message without its `line N: ` prefix. */
  get detail(): string {
    return this.message.replace(/^line \d+: /, "");
  }
}

/** One unit of speech as the file gives it: a caption, a segment, a paragraph. */
export interface Cue {
  /**
   * The speaker's label exactly as the file writes it (`Sarah`, `SPEAKER_1`, `问`), or null when
   * the file does not say: then it is the previous cue's speaker (SRT writes a name only where the
   * speaker changes), or nobody's name at all (Whisper).
   */
  speaker: string | null;
  /** Milliseconds from the start of the audio; null when the file gives none. */
  start: number | null;
  end: number | null;
  /** Plain text: tags and entities resolved, whitespace collapsed. Never empty. */
  text: string;
  /** 1-based line in the input where the cue starts. */
  line: number;
  /** The file starts a new paragraph here (Markdown, HTML `<p>`); other paragraph breaks are derived. */
  paragraph?: boolean;
  /** The file marks a change of speaker here, named or not (`>>` in broadcast and YouTube captions): a new turn. */
  newTurn?: boolean;
  /** An editor's note (a Markdown blockquote or footnote), not speech: kept as a note of the turn. */
  note?: boolean;
}

/** A chapter boundary found in the transcript file (a heading): it starts before `cueIndex`. */
export interface ChapterMark {
  title: string;
  start: number | null;
  cueIndex: number;
  line: number;
}

export type Role = "host" | "co-host" | "guest" | "other";

export interface SpeakerInfo {
  name: string;
  role?: Role;
  /** A short label the transcript uses for this person (`SA` for `Shaun Apps（SA）`). */
  aliases?: string[];
}

export interface Audio {
  url: string;
  type?: string;
  /** Seconds. */
  duration?: number;
}

/** What a file says about its episode beyond the words (YAML front matter, a feed item, JSON fields). */
export interface EpisodeMeta {
  title?: string;
  /** YYYY-MM-DD. */
  date?: string;
  /** Paragraphs of plain text: the episode's introduction. */
  description?: string[];
  language?: string;
  showName?: string;
  speakers?: SpeakerInfo[];
  audio?: Audio;
  tags?: string[];
  sourceUrl?: string;
  sourceName?: string;
  /** Who made the transcript, or other remarks about the source. */
  sourceNote?: string;
}

/** A line of the input that did not make it into the episode, and why. */
export interface Dropped {
  line: number;
  text: string;
  why: string;
}

export interface ParsedTranscript {
  format: FormatName;
  cues: Cue[];
  /** Headings in the file (Markdown); empty when the file has none. */
  chapters: ChapterMark[];
  meta: EpisodeMeta;
  /**
   * "explicit": the file has paragraphs (Markdown, HTML) and `Cue.paragraph` marks them;
   * "derive": captions, which the assembler groups into paragraphs (pauses, sentence ends).
   */
  paragraphs: "explicit" | "derive";
  /** Whether the file's times carry milliseconds (captions) or whole seconds (`Name: 00:01:07`). */
  precision: "ms" | "s";
  dropped: Dropped[];
}

/** The text of an input file, already normalised (no BOM, `\n` line ends), and its name. */
export interface SourceText {
  text: string;
  fileName: string;
}

export interface TranscriptFormat {
  name: FormatName;
  /** One line for `--help`. */
  description: string;
  /** Whether the content looks like this format (the file name is only a hint). */
  detect(source: SourceText): boolean;
  parse(source: SourceText): ParsedTranscript;
}

export function emptyTranscript(format: FormatName, paragraphs: ParsedTranscript["paragraphs"], precision: ParsedTranscript["precision"]): ParsedTranscript {
  return { format, cues: [], chapters: [], meta: {}, paragraphs, precision, dropped: [] };
}

/** Collapses runs of whitespace to one space, and trims. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

/** A speaker's name as a file writes it, without the colon some files leave on it (`Kevin:`). */
export function cleanSpeaker(name: string): string {
  return collapseSpace(name).replace(/\s*[:：]$/, "");
}
