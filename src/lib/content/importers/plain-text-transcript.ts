// The plain-text layout of an interview as published on a web page, converted to the content
// format. Pure: text in, structured episode and Markdown out; the CLI writes the files.
//
// Layout understood (line by line; blank lines separate paragraphs):
//   <site chrome…>                   dropped
//   <title>                          the line above the 来源/发布日期 line
//   来源:…  发布日期:YYYY-MM-DD …    publication date; the line itself is chrome
//   导读:<teaser…>                   the site's truncated excerpt of what follows: dropped when it is one
//   <introduction paragraphs>        the 导读 (summary)
//   本期嘉宾:                         then one line per guest: "<Name>,<intro>"
//   <Show> 主播:                      then "<Name>: <intro>" for each host
//   <other lines>                    editorial remarks (e.g. 文字有删减和整理。)
//   目录                              then "NN <title>" lines: the published table of contents
//   NN<title>                        a chapter heading in the body (numbering restarts at 01)
//   <Name>[HH:MM:SS]                 a line holding only a speaker's name starts a turn
//   <paragraphs>                     the speaker's words
//   更新:… / …链接直达 -->            editor's notes, not speech; "(更新:…)" inside a paragraph too
//   赞助本站 | 相关内容 | Copyright…  the site footer: everything from here on is dropped
import { normaliseText } from "../front-matter.ts";
import { parseTimestamp } from "../parse-transcript.ts";
import { writeContentFiles, type ContentFiles } from "./content-writer.ts";
import type { DraftPerson, EpisodeDraft } from "./draft.ts";
import { personIdFor } from "./person-id.ts";
import { ImportError } from "./types.ts";

export { ImportError };

export interface ImportedPerson {
  id: string;
  name: string;
  /** The introduction exactly as printed, without the name. */
  intro: string | null;
  role: "host" | "guest" | "other";
}

export interface ImportedTurn {
  speakerName: string;
  startSeconds: number | null;
  line: number;
  /** Speech paragraphs, with inline notes cut out and kept in `inlineNotes`. */
  paragraphs: Array<{ text: string; line: number; inlineNotes: Array<{ at: number; text: string }> }>;
  /** Editor's notes that follow the speech, paragraph by paragraph (one note each run). */
  notes: Array<Array<{ text: string; line: number }>>;
}

export interface ImportedChapter {
  number: number;
  title: string;
  line: number;
  turns: ImportedTurn[];
}

export interface ImportedEpisode {
  title: string;
  publishedAt: string | null;
  showName: string | null;
  summary: string[];
  editorial: string[];
  contents: string[];
  people: ImportedPerson[];
  chapters: ImportedChapter[];
  /** Every input line that did not make it into the episode, with its number: the site chrome. */
  dropped: Array<{ line: number; text: string }>;
}

const META_LINE = /发布日期[:：]\s*(\d{4}-\d{2}-\d{2})/;
const TEASER = /^导读[:：]/;
const GUESTS_HEADER = /^本期嘉宾[:：]?$/;
const HOSTS_HEADER = /^(.*?)\s*主播[:：]?$/;
const CONTENTS_HEADER = /^目录[:：]?$/;
const NUMBERED = /^(\d{1,2})\s*(\S.*)$/;
const PERSON_LINE = /^([A-Za-z][A-Za-z.'\- ]{0,40}?)\s*[,，:：]\s*(.+)$/;
const FOOTER = /^(赞助本站|相关内容|热门栏目|上一篇|下一篇|Copyright\b|版权所有)/;
const TIMESTAMP_SUFFIX = /^(.*?)\s*(\d{1,2}:\d{2}:\d{2})$/;
const UNKNOWN_SPEAKER = /^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$/;
const NOTE_PARAGRAPH = /^更新[:：]|链接直达|-->\s*$/;
const INLINE_NOTE = /[(（](更新[:：][^)）]*)[)）]/g;

/** A person's id from their name (pinyin for Chinese names): see person-id.ts. */
export function slugifyName(name: string): string {
  return personIdFor(name);
}

interface Line {
  n: number;
  text: string;
}

export function importPlainTextTranscript(raw: string): ImportedEpisode {
  const all: Line[] = normaliseText(raw)
    .split("\n")
    .map((text, index) => ({ n: index + 1, text: text.replace(/[\u00a0\u3000]/g, " ").trim() }));
  const dropped: ImportedEpisode["dropped"] = [];
  const drop = (line: Line) => {
    if (line.text) dropped.push({ line: line.n, text: line.text });
  };

  // Header: everything above the title is site chrome.
  const metaIndex = all.findIndex((l) => META_LINE.test(l.text));
  let cursor = 0;
  let title: string;
  let publishedAt: string | null = null;
  if (metaIndex >= 0) {
    const titleIndex = findLastIndex(all.slice(0, metaIndex), (l) => l.text !== "");
    if (titleIndex < 0) throw new ImportError(all[metaIndex]!.n, "no title line above the 来源/发布日期 line");
    all.slice(0, titleIndex).forEach(drop);
    title = all[titleIndex]!.text;
    publishedAt = META_LINE.exec(all[metaIndex]!.text)![1]!;
    drop(all[metaIndex]!);
    cursor = metaIndex + 1;
  } else {
    const first = all.findIndex((l) => l.text !== "");
    if (first < 0) throw new ImportError(1, "the file is empty");
    title = all[first]!.text;
    cursor = first + 1;
  }

  const next = () => all[cursor];
  const paragraphsUntil = (stop: (l: Line) => boolean): Line[] => {
    const out: Line[] = [];
    while (cursor < all.length && !stop(all[cursor]!)) {
      if (all[cursor]!.text) out.push(all[cursor]!);
      cursor++;
    }
    return out;
  };

  // Introduction (导读) up to the guest list, the contents, or (when neither exists) the body.
  const isFirstHeading = (l: Line) => {
    const match = NUMBERED.exec(l.text);
    if (!match || Number(match[1]) !== 1) return false;
    const following = all.slice(all.indexOf(l) + 1).find((x) => x.text);
    return following !== undefined && speakerOf(following.text, new Map()) !== null;
  };
  const isSectionStart = (l: Line) => GUESTS_HEADER.test(l.text) || CONTENTS_HEADER.test(l.text) || FOOTER.test(l.text) || isFirstHeading(l);
  let intro = paragraphsUntil(isSectionStart);
  const teaser = intro[0];
  if (teaser && TEASER.test(teaser.text)) {
    const body = teaser.text.replace(TEASER, "").replace(/(\.\.\.|…)+$/, "");
    const following = intro.slice(1).map((l) => l.text).join("");
    if (squash(following).startsWith(squash(body))) {
      drop(teaser); // the site's truncated excerpt of the paragraphs that follow: a duplicate
      intro = intro.slice(1);
    } else {
      intro = [{ n: teaser.n, text: teaser.text.replace(TEASER, "").trim() }, ...intro.slice(1)];
    }
  }

  const people: ImportedPerson[] = [];
  const addPerson = (name: string, role: ImportedPerson["role"], introText: string | null, line: number) => {
    const id = slugifyName(name);
    if (!id) throw new ImportError(line, `cannot make an id from the name '${name}': give the person a Latin-letter name`);
    if (people.some((p) => p.id === id)) throw new ImportError(line, `'${name}' is listed twice`);
    people.push({ id, name, intro: introText, role });
  };

  let showName: string | null = null;
  const editorial: string[] = [];
  if (next() && GUESTS_HEADER.test(next()!.text)) {
    cursor++;
    for (const line of paragraphsUntil((l) => HOSTS_HEADER.test(l.text) || CONTENTS_HEADER.test(l.text))) {
      const match = PERSON_LINE.exec(line.text);
      if (!match) throw new ImportError(line.n, `expected a guest line '<Name>,<introduction>' under 本期嘉宾, found '${line.text.slice(0, 40)}'`);
      addPerson(match[1]!.trim(), "guest", match[2]!.trim(), line.n);
    }
  }
  if (next() && HOSTS_HEADER.test(next()!.text)) {
    showName = HOSTS_HEADER.exec(next()!.text)![1]!.trim() || null;
    cursor++;
    for (const line of paragraphsUntil((l) => CONTENTS_HEADER.test(l.text) || NUMBERED.test(l.text))) {
      const match = PERSON_LINE.exec(line.text);
      if (match && editorial.length === 0) addPerson(match[1]!.trim(), "host", match[2]!.trim(), line.n);
      else editorial.push(line.text);
    }
  }

  // Table of contents: numbered lines after 目录, until the numbering starts again at 01.
  const contents: string[] = [];
  if (next() && CONTENTS_HEADER.test(next()!.text)) {
    cursor++;
    while (cursor < all.length) {
      const line = all[cursor]!;
      if (line.text) {
        const match = NUMBERED.exec(line.text);
        if (!match || Number(match[1]) !== contents.length + 1) break;
        contents.push(`${match[1]} ${match[2]!.trim()}`);
      }
      cursor++;
    }
  }

  // Body: chapters of turns, until the site footer.
  const knownSpeakers = new Map(people.map((p) => [p.name, p]));
  const chapters: ImportedChapter[] = [];
  let turn: ImportedTurn | undefined;
  // A numbered line is a chapter heading only when a speaker line follows it.
  const nextLineIsSpeaker = (index: number) => {
    const following = all.slice(index + 1).find((l) => l.text);
    return following !== undefined && speakerOf(following.text, knownSpeakers) !== null;
  };
  for (; cursor < all.length; cursor++) {
    const line = all[cursor]!;
    if (!line.text) continue;
    if (FOOTER.test(line.text)) {
      all.slice(cursor).forEach(drop);
      break;
    }
    const heading = NUMBERED.exec(line.text);
    if (heading && Number(heading[1]) === chapters.length + 1 && line.text.length <= 60 && nextLineIsSpeaker(cursor)) {
      chapters.push({ number: Number(heading[1]), title: heading[2]!.trim(), line: line.n, turns: [] });
      turn = undefined;
      continue;
    }
    const speaker = speakerOf(line.text, knownSpeakers);
    if (speaker) {
      const chapter = chapters.at(-1);
      if (!chapter) throw new ImportError(line.n, `speaker line '${line.text}' comes before the first chapter heading ('01 <title>')`);
      if (!knownSpeakers.has(speaker.name)) {
        addPerson(speaker.name, "other", null, line.n);
        knownSpeakers.set(speaker.name, people.at(-1)!);
      }
      turn = { speakerName: speaker.name, startSeconds: speaker.startSeconds, line: line.n, paragraphs: [], notes: [] };
      chapter.turns.push(turn);
      continue;
    }
    if (!turn) {
      if (chapters.length === 0) {
        throw new ImportError(line.n, `text before the first chapter heading: expected a line like '01 <chapter title>', found '${line.text.slice(0, 40)}'`);
      }
      throw new ImportError(line.n, `text with no speaker: a turn starts with a line holding only the speaker's name, found '${line.text.slice(0, 40)}'`);
    }
    if (NOTE_PARAGRAPH.test(line.text)) {
      const lastNote = turn.notes.at(-1);
      const previous = all.slice(0, cursor).reverse().find((l) => l.text);
      if (lastNote && previous && lastNote.at(-1)?.line === previous.n) lastNote.push({ text: line.text, line: line.n });
      else turn.notes.push([{ text: line.text, line: line.n }]);
      continue;
    }
    if (turn.notes.length > 0) {
      throw new ImportError(line.n, "speech after an editor's note in the same turn: put the note at the end of the turn");
    }
    turn.paragraphs.push(splitInlineNotes(line));
  }

  if (chapters.length === 0) {
    // A '01 …' line that is not followed by a speaker line is the likeliest culprit: point at it.
    const heading = all.find((l) => NUMBERED.exec(l.text)?.[1] === "01" || NUMBERED.exec(l.text)?.[1] === "1");
    const following = heading && all.slice(all.indexOf(heading) + 1).find((l) => l.text);
    if (heading && following) {
      throw new ImportError(following.n, `text with no speaker after chapter heading '${heading.text}': a turn starts with a line holding only the speaker's name, found '${following.text.slice(0, 40)}'`);
    }
    throw new ImportError(all.length, "no chapter headings found: expected lines like '01 <chapter title>'");
  }
  for (const chapter of chapters) {
    if (chapter.turns.length === 0) throw new ImportError(chapter.line, `chapter ${chapter.number} has no speaker lines`);
    for (const t of chapter.turns) {
      if (t.paragraphs.length === 0) throw new ImportError(t.line, `'${t.speakerName}' says nothing: a speaker line must be followed by paragraphs`);
    }
  }

  return {
    title,
    publishedAt,
    showName,
    summary: intro.map((l) => l.text),
    editorial,
    contents,
    people,
    chapters,
    dropped,
  };
}

function speakerOf(text: string, known: Map<string, ImportedPerson>): { name: string; startSeconds: number | null } | null {
  const stamped = TIMESTAMP_SUFFIX.exec(text);
  const name = stamped ? stamped[1]!.trim() : text;
  const startSeconds = stamped ? parseTimestamp(stamped[2]!) : null;
  if (known.has(name) || UNKNOWN_SPEAKER.test(name)) return { name, startSeconds };
  return null;
}

function splitInlineNotes(line: Line): ImportedTurn["paragraphs"][number] {
  const inlineNotes: Array<{ at: number; text: string }> = [];
  let text = "";
  let last = 0;
  for (const match of line.text.matchAll(INLINE_NOTE)) {
    text += line.text.slice(last, match.index);
    inlineNotes.push({ at: text.length, text: match[1]!.trim() });
    last = match.index + match[0].length;
  }
  text += line.text.slice(last);
  return { text, line: line.n, inlineNotes };
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Serialising to the content format (see content/README.md): through the one writer.

export type EpisodeFiles = ContentFiles;

export interface EpisodeOptions {
  showId: string;
  language: string;
  sourceName: string;
  sourceUrl?: string;
  sourceNote?: string;
  sourceLicence?: string;
  /** The raw file this came from, for episode.md's `imported`. */
  imported?: { file: string; format: string };
}

/** The page's episode as a draft for the writer. */
export function toDraft(episode: ImportedEpisode, options: EpisodeOptions): EpisodeDraft {
  const participants: DraftPerson[] = episode.people.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    intro: p.intro,
    affiliation: p.intro?.split(/[,，。]/)[0]?.trim() || null,
    bio: p.intro,
  }));
  const byName = new Map(episode.people.map((p) => [p.name, p.id]));
  return {
    title: episode.title,
    publishedAt: episode.publishedAt ?? "1970-01-01",
    language: options.language,
    show: { id: options.showId, name: episode.showName ?? options.showId },
    summary: episode.summary,
    editorial: episode.editorial,
    contents: episode.contents,
    source: { name: options.sourceName, url: options.sourceUrl, licence: options.sourceLicence, note: options.sourceNote },
    imported: options.imported,
    participants,
    chapters: episode.chapters.map((chapter) => ({
      title: chapter.title,
      start: null,
      leadingNotes: [],
      turns: chapter.turns.map((turn) => ({
        heading: turn.speakerName,
        personId: byName.get(turn.speakerName) ?? slugifyName(turn.speakerName),
        start: turn.startSeconds === null ? null : turn.startSeconds * 1000,
        end: null,
        paragraphs: turn.paragraphs.map((p) => ({ cues: [{ start: null, end: null, text: p.text }], inlineNotes: p.inlineNotes })),
        notes: turn.notes.map((note) => note.map((p) => p.text)),
      })),
    })),
    precision: "s",
  };
}

export function toContentFiles(episode: ImportedEpisode, options: EpisodeOptions): EpisodeFiles {
  return writeContentFiles(toDraft(episode, options));
}
