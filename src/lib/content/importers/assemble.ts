// A parsed transcript (cues) → an episode draft (people, chapters, turns, paragraphs).
//
// Turns: consecutive cues of one speaker label make one turn. Labels are compared as the file
// writes them, before a speakers map renames them, so naming `SPEAKER_1` later (or naming two
// labels as one person) never moves a turn boundary, and turn ids stay what they were. A turn
// also ends at a chapter boundary, and where speech follows an editor's note.
//
// Paragraphs: files that have them (Markdown, HTML) keep theirs. Captions are grouped: a new
// paragraph starts after a pause of PARAGRAPH_PAUSE_MS or more between two cues, or after the
// first cue that ends a sentence once the paragraph holds PARAGRAPH_CHARS characters
// (PARAGRAPH_CHARS_CJK for Chinese and Japanese text, which says more per character), or, for
// captions cut mid-sentence that never end one at a cue's end, after any cue past twice that.
//
// Chapters: from `--chapters` (a chapter holds the cues that start at or after its start time;
// cues before the first chapter open it), else from the file's headings, else one untitled chapter.
import { episodeScopedId, personIdFor } from "./person-id.ts";
import { isUnnamedLabel, qaLabel, ROLE_WORDS } from "./speaker-label.ts";
import { cjkShare, endsSentence } from "./text.ts";
import { formatClock } from "./time.ts";
import type { TimedChapter } from "./chapters-json.ts";
import type { DraftChapter, DraftParagraph, DraftPerson, DraftTurn, EpisodeDraft } from "./draft.ts";
import { ImportError, type Cue, type Dropped, type ParsedTranscript, type Role, type SpeakerInfo } from "./types.ts";

export const PARAGRAPH_PAUSE_MS = 2000;
export const PARAGRAPH_CHARS = 500;
export const PARAGRAPH_CHARS_CJK = 250;
/** The label given to the voice of a file that names no speaker at all (Whisper). */
export const UNNAMED_VOICE = "Speaker";

export interface SpeakerMapEntry {
  name: string;
  role?: Role;
  id?: string;
}

export interface AssembleOptions {
  slug: string;
  showId: string;
  showName?: string;
  title?: string;
  date?: string;
  language?: string;
  /** Diarised or other labels → people (`--speakers map.yml`). */
  speakers?: Map<string, SpeakerMapEntry>;
  /** Chapters by time (`--chapters`, or a feed's podcast:chapters), replacing the file's headings. */
  chapters?: TimedChapter[];
  /** People the episode's metadata names beyond the file's own (a feed's podcast:person). */
  people?: SpeakerInfo[];
  source?: { name?: string; url?: string; licence?: string; note?: string };
  imported?: { file: string; format: string };
  /** Today, YYYY-MM-DD: the date of an episode whose file gives none. */
  today: string;
}

export interface AssembleResult {
  draft: EpisodeDraft;
  notices: string[];
  dropped: Dropped[];
  stats: { cues: number; turns: number; speakers: number; chapters: number; timedCues: number };
}

interface Voice {
  label: string;
  person: DraftPerson;
  unnamed: boolean;
}

export function assemble(parsed: ParsedTranscript, options: AssembleOptions): AssembleResult {
  const notices: string[] = [];
  const dropped: Dropped[] = [...parsed.dropped];
  const meta = parsed.meta;
  const cues = parsed.cues;
  if (cues.length === 0) throw new ImportError(1, "the file holds no speech: no cue, segment or paragraph with words");

  // Who speaks: carry a label forward over cues that name none.
  const known = [...(options.people ?? []), ...(meta.speakers ?? [])];
  const sole = known.length === 1 ? known[0]!.name : null;
  const labels: string[] = [];
  let current: string | null = null;
  for (const cue of cues) {
    current = cue.speaker ?? current;
    labels.push(current ?? sole ?? UNNAMED_VOICE);
  }
  if (labels.some((l) => l === UNNAMED_VOICE) && !cues.some((c) => c.speaker === UNNAMED_VOICE)) {
    notices.push(
      cues.some((c) => c.speaker !== null)
        ? `the first ${labels.findIndex((l) => l !== UNNAMED_VOICE)} cues name no speaker: they are '${UNNAMED_VOICE}' (name it with --speakers)`
        : `the file names no speaker: every cue is '${UNNAMED_VOICE}' (name the voice with --speakers map.yml, e.g. '${UNNAMED_VOICE}: Alice Smith')`,
    );
  }

  const voices = resolveVoices([...new Set(labels)], options, known, notices);
  for (const label of options.speakers?.keys() ?? []) {
    if (!voices.has(label)) notices.push(`--speakers names '${label}', which no cue uses`);
  }

  // Chapters: which cue starts each one.
  const chapterStarts = placeChapters(parsed, options, notices, dropped);

  const chapters: DraftChapter[] = [];
  let turn: DraftTurn | null = null;
  let turnLabel: string | null = null;
  let paragraph: DraftParagraph | null = null;
  let paragraphChars = 0;
  let previous: Cue | null = null;
  const limit = cjkShare(cues.map((c) => c.text).join("")) > 0.5 ? PARAGRAPH_CHARS_CJK : PARAGRAPH_CHARS;
  let lastTimed: Cue | null = null;
  for (const cue of cues) {
    if (cue.start === null) continue;
    if (lastTimed && cue.start < lastTimed.start!) {
      throw new ImportError(cue.line, `this starts at ${formatClock(cue.start)}, before the one above it (${formatClock(lastTimed.start!)}, line ${lastTimed.line}): the transcript's times must go forward`);
    }
    lastTimed = cue;
  }
  cues.forEach((cue, index) => {
    const mark = chapterStarts.get(index);
    if (mark || chapters.length === 0) {
      chapters.push({ title: mark?.title ?? null, start: mark?.start ?? null, leadingNotes: [], turns: [] });
      turn = null;
    }
    const chapter = chapters.at(-1)!;
    const label = labels[index]!;
    const voice = voices.get(label)!;
    if (cue.note) {
      if (turn && turnLabel === label) (turn as DraftTurn).notes.push([cue.text]);
      else chapter.leadingNotes.push([cue.text]);
      previous = cue;
      return;
    }
    const open = turn as DraftTurn | null;
    // A time after untimed words of the same turn: the content format cannot say when those words
    // began, so the timed words start a turn of their own (same speaker).
    const untimedSoFar = open !== null && cue.start !== null && open.paragraphs.every((p) => p.cues.every((c) => c.start === null));
    if (!open || turnLabel !== label || open.notes.length > 0 || untimedSoFar || cue.newTurn) {
      turn = { heading: voice.unnamed ? voice.person.id : voice.person.name, personId: voice.person.id, start: null, end: null, paragraphs: [], notes: [] };
      turnLabel = label;
      chapter.turns.push(turn);
      paragraph = null;
    }
    const t = turn as DraftTurn;
    let breaks = paragraph === null;
    if (!breaks && parsed.paragraphs === "explicit") breaks = cue.paragraph === true;
    if (!breaks && parsed.paragraphs === "derive" && previous) {
      const pause = cue.start !== null && previous.end !== null && cue.start - previous.end >= PARAGRAPH_PAUSE_MS;
      breaks = pause || (paragraphChars >= limit && endsSentence(previous.text)) || paragraphChars >= 2 * limit;
    }
    if (breaks) {
      paragraph = { cues: [] };
      paragraphChars = 0;
      t.paragraphs.push(paragraph);
    }
    (paragraph as DraftParagraph | null)!.cues.push({ start: cue.start, end: cue.end, text: cue.text });
    paragraphChars += cue.text.length;
    previous = cue;
  });

  // Turn times: the first cue's start and the last cue's end; chapter starts default to their first cue's.
  for (const chapter of chapters) {
    chapter.turns = chapter.turns.filter((t) => t.paragraphs.length > 0);
    for (const t of chapter.turns) {
      const all = t.paragraphs.flatMap((p) => p.cues);
      t.start = all[0]!.start;
      const ends = all.flatMap((c) => (c.end === null ? [] : [c.end]));
      t.end = t.start === null || all.at(-1)!.end === null ? null : Math.max(...ends);
    }
    // A chapter without a time of its own starts with its first words, when they have one.
    if (chapter.start === null && chapter.title !== null) chapter.start = chapter.turns[0]?.start ?? null;
  }

  const people = new Map<string, DraftPerson>();
  for (const chapter of chapters) for (const t of chapter.turns) people.set(t.personId, [...voices.values()].find((v) => v.person.id === t.personId)!.person);

  if (meta.tags?.length) notices.push(`tags ${meta.tags.join(", ")}: the content format has no episode tags (topics come from topics.md): left out`);
  const text = cues.map((c) => c.text).join(" ");
  const language = options.language ?? normaliseLanguage(meta.language) ?? detectLanguage(text);
  if (!options.language && !meta.language) notices.push(`language: '${language}', guessed from the text (pass --language to set it)`);
  const title = options.title ?? meta.title ?? null;
  if (!title) throw new ImportError(1, "the file gives no title: pass --title \"…\"");
  let publishedAt = options.date ?? meta.date;
  if (!publishedAt) {
    publishedAt = options.today;
    notices.push(`the file gives no date: publishedAt is today, ${options.today} (pass --date YYYY-MM-DD)`);
  }
  const draft: EpisodeDraft = {
    title,
    publishedAt,
    language,
    show: { id: options.showId, name: options.showName ?? meta.showName ?? options.showId },
    summary: meta.description ?? [],
    editorial: [],
    contents: [],
    source: {
      name: options.source?.name ?? meta.sourceName ?? options.showName ?? meta.showName ?? options.showId,
      url: options.source?.url ?? meta.sourceUrl,
      licence: options.source?.licence,
      note: options.source?.note ?? meta.sourceNote,
    },
    audio: meta.audio,
    imported: options.imported,
    participants: [...people.values()],
    chapters,
    precision: parsed.precision,
  };
  const turns = chapters.reduce((n, c) => n + c.turns.length, 0);
  return {
    draft,
    notices,
    dropped,
    stats: { cues: cues.filter((c) => !c.note).length, turns, speakers: people.size, chapters: chapters.length, timedCues: cues.filter((c) => c.start !== null).length },
  };
}

/** Labels → people: the speakers map first, then names the metadata gives, then the label itself. */
function resolveVoices(labels: string[], options: AssembleOptions, known: SpeakerInfo[], notices: string[]): Map<string, Voice> {
  const voices = new Map<string, Voice>();
  const byId = new Map<string, DraftPerson>();
  const listed = new Set(known.map((k) => k.name.toLowerCase()));
  for (const label of labels) {
    const mapped = options.speakers?.get(label);
    const info = matchKnown(label, known);
    const qa = qaLabel(label);
    let name: string;
    let id: string;
    let unnamed = false;
    if (mapped) {
      name = mapped.name;
      id = mapped.id ?? (personIdFor(mapped.name) || episodeScopedId(options.slug, mapped.name));
    } else if (info) {
      name = info.name;
      id = personIdFor(info.name) || episodeScopedId(options.slug, info.name);
    } else if (isUnnamedLabel(label) || !personIdFor(label)) {
      name = label;
      id = episodeScopedId(options.slug, label);
      unnamed = true;
    } else {
      name = label;
      id = personIdFor(label);
    }
    // Roles: the map's, the metadata's; questions are asked by hosts and answered by guests; a
    // voice the metadata does not list when it lists others is `other`; otherwise `guest`.
    const role: Role =
      mapped?.role ??
      info?.role ??
      (qa === "question" ? "host" : qa === "answer" ? "guest" : undefined) ??
      ROLE_WORDS[label] ??
      (known.length > 0 && !listed.has(name.toLowerCase()) ? "other" : "guest");
    const existing = byId.get(id);
    const person = existing ?? { id, name, role, intro: null, affiliation: null, bio: null };
    if (existing && existing.name !== name) notices.push(`'${label}' and '${existing.name}' are one person (${id})`);
    byId.set(id, person);
    voices.set(label, { label, person, unnamed: unnamed && !mapped });
  }
  return voices;
}

/** A label's entry among the names the metadata gives: the same name, or a first name only one of them has. */
function matchKnown(label: string, known: SpeakerInfo[]): SpeakerInfo | null {
  const l = label.toLowerCase();
  const exact = known.find((k) => k.name.toLowerCase() === l || k.aliases?.some((a) => a.toLowerCase() === l));
  if (exact) return exact;
  if (/\s/.test(label) || isUnnamedLabel(label)) return null;
  const byFirst = known.filter((k) => k.name.toLowerCase().split(/\s+/)[0] === l);
  return byFirst.length === 1 ? byFirst[0]! : null;
}

function placeChapters(parsed: ParsedTranscript, options: AssembleOptions, notices: string[], dropped: Dropped[]): Map<number, { title: string | null; start: number | null }> {
  const starts = new Map<number, { title: string | null; start: number | null }>();
  const cues = parsed.cues;
  if (options.chapters && options.chapters.length > 0) {
    if (!cues.some((c) => c.start !== null)) throw new ImportError(1, "--chapters places chapters by time, but this transcript has no times");
    if (parsed.chapters.length > 0) notices.push(`--chapters replaces the file's ${parsed.chapters.length} chapter headings`);
    let chapter = -1;
    let lastStart = 0;
    const owner: number[] = [];
    cues.forEach((cue) => {
      const at = cue.start ?? lastStart;
      lastStart = at;
      while (chapter + 1 < options.chapters!.length && options.chapters![chapter + 1]!.start <= at) chapter++;
      owner.push(Math.max(0, chapter));
    });
    owner.forEach((c, index) => {
      if (index === 0 || owner[index - 1] !== c) {
        const ch = options.chapters![c]!;
        starts.set(index, { title: ch.title ?? `Chapter ${c + 1}`, start: ch.start });
      }
    });
    options.chapters.forEach((ch, index) => {
      if (!owner.includes(index)) dropped.push({ line: ch.line, text: ch.title ?? String(ch.start / 1000), why: "a chapter with no speech in it (chapters file)" });
    });
    return starts;
  }
  let previousMark: (typeof parsed.chapters)[number] | null = null;
  for (const mark of parsed.chapters) {
    if (mark.start !== null && previousMark?.start != null && mark.start < previousMark.start) {
      throw new ImportError(mark.line, `this chapter starts at ${formatClock(mark.start)}, before the chapter above it (${formatClock(previousMark.start)}, line ${previousMark.line})`);
    }
    if (mark.start !== null) previousMark = mark;
    if (mark.cueIndex >= cues.length || starts.has(mark.cueIndex)) {
      dropped.push({ line: mark.line, text: mark.title, why: "a chapter heading with no speech under it" });
      continue;
    }
    starts.set(mark.cueIndex, { title: mark.title, start: mark.start });
  }
  return starts;
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: "en",
  spanish: "es",
  chinese: "zh",
  french: "fr",
  german: "de",
  portuguese: "pt",
  italian: "it",
  japanese: "ja",
  korean: "ko",
  dutch: "nl",
  russian: "ru",
};

/** `en`, `en-US`, `English`, `zh_CN` → a language tag the content format accepts; undefined when unreadable. */
export function normaliseLanguage(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim().replace(/_/g, "-");
  if (LANGUAGE_NAMES[v.toLowerCase()]) return LANGUAGE_NAMES[v.toLowerCase()];
  const match = /^([a-zA-Z]{2,3})(?:-([a-zA-Z0-9]{2,8}))?$/.exec(v);
  if (!match) return undefined;
  return match[2] ? `${match[1]!.toLowerCase()}-${match[2].length === 2 ? match[2].toUpperCase() : match[2]}` : match[1]!.toLowerCase();
}

const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "you", "that", "is", "to", "of", "it", "what", "we"],
  es: ["que", "de", "los", "las", "el", "es", "por", "para", "una", "pero"],
  fr: ["les", "des", "est", "que", "pas", "une", "pour", "dans", "vous", "mais"],
  de: ["und", "der", "die", "das", "ist", "nicht", "ich", "mit", "auch", "wir"],
  pt: ["que", "não", "uma", "para", "com", "você", "mais", "isso", "está", "os"],
  it: ["che", "non", "per", "una", "sono", "della", "anche", "questo", "gli", "il"],
  nl: ["het", "een", "niet", "dat", "van", "ook", "maar", "wij", "zijn", "je"],
};

/** The language of a text by its script (Chinese, Japanese, Korean) or its commonest words; `und` when unsure. */
export function detectLanguage(text: string): string {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) && cjkShare(text) > 0.3) return "ja";
  if (/\p{Script=Hangul}/u.test(text) && cjkShare(text) > 0.3) return "ko";
  if (cjkShare(text) > 0.3) return "zh-CN";
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = "und";
  let bestScore = 0;
  for (const [language, list] of Object.entries(STOPWORDS)) {
    const score = list.reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return bestScore >= Math.max(3, words.length * 0.03) ? best : "und";
}
