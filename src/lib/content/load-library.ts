// content/ -> a validated, typed Library. Reads files; no database. Every problem found is
// reported (file:line: what is wrong), and nothing is returned unless all of content/ is valid.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { ProblemList } from "./content-error.ts";
import { normaliseText, parseFrontMatter, splitFrontMatter, type SplitFile } from "./front-matter.ts";
import { nearestPassage, normaliseWhitespace } from "./nearest-passage.ts";
import { parseTranscript, type ParsedChapter, type ParsedTurn } from "./parse-transcript.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { slugifyName } from "./importers/plain-text-transcript.ts";
import {
  EpisodeFrontMatter,
  PersonFrontMatter,
  QuestionsFrontMatter,
  QuotesFrontMatter,
  ShowFrontMatter,
  Slug,
  TagsFrontMatter,
  TopicsFrontMatter,
  type Role,
} from "./schemas.ts";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const EPISODE_SEGMENTS = new Set(["episode.md", "transcript.md", "quotes.md", "tags.md", "questions.md", "README.md"]);

export interface Show {
  id: string;
  name: string;
  url: string | null;
  description: string;
}

export interface Person {
  id: string;
  name: string;
  affiliation: string | null;
  bio: string;
  /** Other names that find the person in search (people/<id>.md `aliases:`). */
  aliases: string[];
}

export interface Topic {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  keywords: string[];
}

export interface EpisodeParticipant {
  personId: string;
  role: Role;
  intro: string | null;
}

export interface Chapter extends ParsedChapter {
  /** Title in the published table of contents, when it differs from the heading. */
  tocTitle: string | null;
}

export interface Quote {
  id: string;
  turnId: string;
  text: string;
  topics: string[];
}

export interface Episode {
  slug: string;
  title: string;
  showId: string;
  publishedAt: string;
  language: string;
  source: { name: string; url: string | null; licence: string | null; note: string | null };
  /** The episode's audio (a feed's enclosure); duration in seconds. */
  audio: { url: string; type: string | null; duration: number | null } | null;
  /** The raw file the transcript was imported from. */
  imported: { file: string; format: string } | null;
  summary: string;
  summaryHtml: string;
  editorial: string | null;
  participants: EpisodeParticipant[];
  chapters: Chapter[];
  quotes: Quote[];
  manualTags: Array<{ turnId: string; topics: string[] }>;
  /** Corrections to the derived question-and-answer structure (questions.md). */
  questionCorrections: Array<{ turnId: string; asks: boolean }>;
}

export interface Library {
  shows: Show[];
  people: Person[];
  topics: Topic[];
  episodes: Episode[];
}

interface ReadFile {
  rel: string;
  split: SplitFile;
}

/** Reads one content file as UTF-8 text, reporting what keeps it from being one. */
function readContentFile(root: string, abs: string, problems: ProblemList): ReadFile | null {
  const rel = path.relative(path.dirname(root), abs) || abs;
  const size = statSync(abs).size;
  if (size > MAX_FILE_BYTES) {
    problems.add(rel, 1, `file is ${(size / 1024 / 1024).toFixed(1)} MB; content files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB: split the episode or remove pasted data`);
    return null;
  }
  const bytes = readFileSync(abs);
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const good = new TextDecoder("utf-8").decode(bytes).split("\uFFFD")[0] ?? "";
    const line = good.split("\n").length;
    problems.add(rel, line, "file is not valid UTF-8 (GBK or another legacy encoding?): convert it, e.g. `iconv -f GBK -t UTF-8`");
    return null;
  }
  if (raw.includes("\u0000")) {
    const line = raw.slice(0, raw.indexOf("\u0000")).split("\n").length;
    problems.add(rel, line, "file contains NUL bytes: it looks binary, not Markdown");
    return null;
  }
  const text = normaliseText(raw);
  if (text.trim() === "") {
    problems.add(rel, 1, "file is empty: write its front matter and body, or delete it");
    return null;
  }
  return { rel, split: splitFrontMatter(text) };
}

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .sort()
    .map((name) => path.join(dir, name));
}

function idFromFile(rel: string, abs: string, problems: ProblemList): string | null {
  const id = path.basename(abs, ".md");
  const result = Slug.safeParse(id);
  if (!result.success) {
    problems.add(rel, 1, `file name '${id}' is not a valid id: ${result.error.issues[0]?.message}`);
    return null;
  }
  return id;
}

function loadFrontMatterFile<S extends z.ZodType>(root: string, abs: string, schema: S, problems: ProblemList) {
  const file = readContentFile(root, abs, problems);
  if (!file) return null;
  const data = parseFrontMatter(file.rel, file.split, schema, problems);
  if (data === null) return null;
  return { file, data };
}

/** What every episode is checked against: shows, people and topics (small, read first). */
export interface SharedContent {
  shows: Show[];
  people: Person[];
  topics: Topic[];
  /** Ids of person files that exist but did not load (already reported). */
  brokenPeople: string[];
}

/** Reads and validates shows/, people/ and topics.md. */
export function loadSharedContent(root: string, problems: ProblemList): SharedContent {
  const shows: Show[] = [];
  for (const abs of listMarkdown(path.join(root, "shows"))) {
    const loaded = loadFrontMatterFile(root, abs, ShowFrontMatter, problems);
    const id = loaded && idFromFile(loaded.file.rel, abs, problems);
    if (!loaded || !id) continue;
    shows.push({ id, name: loaded.data.name, url: loaded.data.url ?? null, description: loaded.file.split.body.trim() });
  }

  const people: Person[] = [];
  // Ids of person files that exist but did not load: already reported, so not reported again
  // as "missing" wherever an episode names them.
  const brokenPeople: string[] = [];
  for (const abs of listMarkdown(path.join(root, "people"))) {
    const loaded = loadFrontMatterFile(root, abs, PersonFrontMatter, problems);
    const id = loaded && idFromFile(loaded.file.rel, abs, problems);
    if (!loaded || !id) {
      brokenPeople.push(path.basename(abs, ".md"));
      continue;
    }
    people.push({
      id,
      name: loaded.data.name,
      affiliation: loaded.data.affiliation ?? null,
      bio: loaded.file.split.body.trim(),
      aliases: loaded.data.aliases ?? [],
    });
  }

  const topics: Topic[] = [];
  const topicsPath = path.join(root, "topics.md");
  if (existsSync(topicsPath)) {
    const loaded = loadFrontMatterFile(root, topicsPath, TopicsFrontMatter, problems);
    if (loaded) {
      const seen = new Set<string>();
      for (const topic of loaded.data.topics) {
        if (seen.has(topic.id)) problems.add(loaded.file.rel, 1, `topic id '${topic.id}' is defined twice`);
        seen.add(topic.id);
        topics.push(topic);
      }
    }
  }
  return { shows, people, topics, brokenPeople };
}

/** The folder names under episodes/, sorted (the library's episode order before ranking). */
export function listEpisodeFolders(root: string): string[] {
  const episodesDir = path.join(root, "episodes");
  return existsSync(episodesDir)
    ? readdirSync(episodesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
}

/** What an episode is checked against, prepared once from the shared content. */
export function episodeContext(shared: SharedContent, quoteIds: Map<string, string> = new Map()): Known {
  return {
    showIds: new Set(shared.shows.map((s) => s.id)),
    peopleById: new Map(shared.people.map((p) => [p.id, p])),
    brokenPeople: new Set(shared.brokenPeople),
    topicIds: new Set(shared.topics.map((t) => t.id)),
    quoteIds,
  };
}

/**
 * Reads and validates one episode folder (episodes/<slug>/) against the shared content. Quote ids
 * are checked against `known.quoteIds` (the ids seen so far); every id the folder uses is also
 * appended to `known.quoteRefs`, when given, so that a caller that loads episodes separately can
 * check ids across episodes afterwards, as loadLibrary does in one pass.
 */
export function loadEpisodeFolder(root: string, slug: string, known: Known, problems: ProblemList): Episode | null {
  const dir = path.join(root, "episodes", slug);
  const relDir = path.relative(path.dirname(root), dir);
  const slugCheck = Slug.safeParse(slug);
  if (!slugCheck.success) {
    problems.add(relDir, 1, `episode folder name '${slug}' is not a valid slug: ${slugCheck.error.issues[0]?.message}`);
    return null;
  }
  for (const name of readdirSync(dir)) {
    if (!EPISODE_SEGMENTS.has(name)) {
      problems.add(path.join(relDir, name), 1, `unknown file in an episode folder; expected only ${[...EPISODE_SEGMENTS].join(", ")}`);
    }
  }
  return loadEpisode(root, dir, slug, known, problems);
}

export function loadLibrary(contentDir: string): Library {
  const root = path.resolve(contentDir);
  const problems = new ProblemList();
  if (!existsSync(root)) {
    problems.add(contentDir, 1, "content directory does not exist");
    problems.throwIfAny();
  }
  const shared = loadSharedContent(root, problems);
  const known = episodeContext(shared);
  const episodes: Episode[] = [];
  for (const slug of listEpisodeFolders(root)) {
    const episode = loadEpisodeFolder(root, slug, known, problems);
    if (episode) episodes.push(episode);
  }
  problems.throwIfAny();
  return { shows: shared.shows, people: shared.people, topics: shared.topics, episodes };
}

export interface Known {
  showIds: Set<string>;
  peopleById: Map<string, Person>;
  brokenPeople: Set<string>;
  topicIds: Set<string>;
  /** Quote id -> the quotes.md that used it last. */
  quoteIds: Map<string, string>;
  /** Every quote id used, with where, in the order seen (see loadEpisodeFolder). */
  quoteRefs?: Array<{ id: string; file: string; line: number }>;
}

function loadEpisode(root: string, dir: string, slug: string, known: Known, problems: ProblemList): Episode | null {
  const episodePath = path.join(dir, "episode.md");
  const transcriptPath = path.join(dir, "transcript.md");
  const relDir = path.relative(path.dirname(root), dir);
  if (!existsSync(episodePath)) {
    problems.add(path.join(relDir, "episode.md"), 1, "missing: every episode folder needs an episode.md with its metadata");
    return null;
  }
  const meta = loadFrontMatterFile(root, episodePath, EpisodeFrontMatter, problems);
  if (!meta) return null;
  const metaRel = meta.file.rel;
  const metaLine = (needle: string) => lineOfText(meta.file.split, needle);

  if (!known.showIds.has(meta.data.show)) {
    problems.add(metaRel, metaLine(`show:`), `show '${meta.data.show}' has no file content/shows/${meta.data.show}.md`);
  }
  const participants: EpisodeParticipant[] = [];
  const seen = new Set<string>();
  for (const p of meta.data.participants) {
    if (!known.peopleById.has(p.id) && !known.brokenPeople.has(p.id)) {
      problems.add(metaRel, metaLine(`id: ${p.id}`), `participant '${p.id}' has no file content/people/${p.id}.md`);
    }
    if (seen.has(p.id)) problems.add(metaRel, metaLine(`id: ${p.id}`), `participant '${p.id}' is listed twice`);
    seen.add(p.id);
    participants.push({ personId: p.id, role: p.role, intro: p.intro ?? null });
  }

  if (!existsSync(transcriptPath)) {
    problems.add(path.join(relDir, "transcript.md"), 1, "missing: every episode folder needs a transcript.md");
    return null;
  }
  const transcript = readContentFile(root, transcriptPath, problems);
  if (!transcript) return null;
  const byName = new Map<string, string>();
  for (const p of participants) {
    byName.set(p.personId.toLowerCase(), p.personId);
    const person = known.peopleById.get(p.personId);
    if (person) byName.set(person.name.toLowerCase(), p.personId);
  }
  const directory = {
    // By display name or id, case-insensitively; "Bill Xing" also finds the id bill-xing.
    resolve: (name: string) => byName.get(name.trim().toLowerCase()) ?? byName.get(slugifyName(name)),
    known: () => participants.map((p) => known.peopleById.get(p.personId)?.name ?? p.personId),
  };
  const problemsBefore = problems.problems.length;
  const parsedChapters = parseTranscript(
    transcript.rel,
    transcript.split.body,
    directory,
    problems,
    transcript.split.bodyStartLine - 1,
  );
  const contents = meta.data.contents;
  if (contents && contents.length !== parsedChapters.length) {
    problems.add(metaRel, metaLine("contents:"), `contents lists ${contents.length} chapters but transcript.md has ${parsedChapters.length}`);
  }
  const chapters: Chapter[] = parsedChapters.map((chapter, index) => {
    const tocTitle = contents?.[index]?.replace(/^\d+\s*/, "").trim() ?? null;
    return { ...chapter, tocTitle: tocTitle && tocTitle !== chapter.title ? tocTitle : null };
  });
  const turnsById = new Map<string, ParsedTurn>();
  for (const turn of chapters.flatMap((c) => c.turns)) turnsById.set(turn.turnId, turn);

  // When the transcript itself has problems its turn ids may be off: checking quotes and tags
  // against them would only repeat those problems. Their own fields are still checked.
  const transcriptOk = problems.problems.length === problemsBefore;
  const quotes = loadQuotes(root, dir, slug, transcriptOk ? turnsById : null, known, problems);
  const manualTags = loadTags(root, dir, transcriptOk ? turnsById : null, known, problems);
  const questionCorrections = loadQuestionCorrections(root, dir, transcriptOk ? turnsById : null, problems);

  return {
    slug,
    title: meta.data.title,
    showId: meta.data.show,
    publishedAt: meta.data.publishedAt,
    language: meta.data.language,
    source: {
      name: meta.data.source.name,
      url: meta.data.source.url ?? null,
      licence: meta.data.source.licence ?? null,
      note: meta.data.source.note ?? null,
    },
    audio: meta.data.audio
      ? { url: meta.data.audio.url, type: meta.data.audio.type ?? null, duration: meta.data.audio.duration ?? null }
      : null,
    imported: meta.data.imported ?? null,
    summary: meta.file.split.body.trim(),
    summaryHtml: renderMarkdown(meta.file.split.body),
    editorial: meta.data.editorial ?? null,
    participants,
    chapters,
    quotes,
    manualTags,
    questionCorrections,
  };
}

function loadQuestionCorrections(root: string, dir: string, turnsById: Map<string, ParsedTurn> | null, problems: ProblemList): Episode["questionCorrections"] {
  const abs = path.join(dir, "questions.md");
  if (!existsSync(abs)) return [];
  const loaded = loadFrontMatterFile(root, abs, QuestionsFrontMatter, problems);
  if (!loaded) return [];
  const seen = new Set<string>();
  for (const correction of loaded.data.corrections) {
    const line = lineOfText(loaded.file.split, `turn: ${correction.turn}`);
    if (seen.has(correction.turn)) problems.add(loaded.file.rel, line, `turn '${correction.turn}' is corrected twice`);
    seen.add(correction.turn);
    if (!turnsById) continue;
    const turn = turnsById.get(correction.turn);
    if (!turn) problems.add(loaded.file.rel, line, `correction for turn '${correction.turn}': no such turn in this episode`);
    else if (turn.kind !== "speech") problems.add(loaded.file.rel, line, `correction for '${correction.turn}': an editor's note never asks`);
  }
  return loaded.data.corrections.map((c) => ({ turnId: c.turn, asks: c.asks }));
}

function loadQuotes(
  root: string,
  dir: string,
  slug: string,
  turnsById: Map<string, ParsedTurn> | null,
  known: Known,
  problems: ProblemList,
): Quote[] {
  const abs = path.join(dir, "quotes.md");
  if (!existsSync(abs)) return [];
  const loaded = loadFrontMatterFile(root, abs, QuotesFrontMatter, problems);
  if (!loaded) return [];
  const rel = loaded.file.rel;
  const quotes: Quote[] = [];
  const seenInFile = new Map<string, number>();
  for (const quote of loaded.data.quotes) {
    const occurrence = seenInFile.get(quote.id) ?? 0;
    seenInFile.set(quote.id, occurrence + 1);
    const line = lineOfText(loaded.file.split, `id: ${quote.id}`, occurrence);
    known.quoteRefs?.push({ id: quote.id, file: rel, line });
    const previous = known.quoteIds.get(quote.id);
    if (previous) problems.add(rel, line, `quote id '${quote.id}' is already used in ${previous}`);
    known.quoteIds.set(quote.id, rel);
    for (const topic of quote.topics) {
      if (!known.topicIds.has(topic)) problems.add(rel, line, `quote '${quote.id}': unknown topic '${topic}' (not in content/topics.md)`);
    }
    if (!turnsById) continue;
    const turn = turnsById.get(quote.turn);
    if (!turn) {
      problems.add(rel, line, `quote '${quote.id}' points to turn '${quote.turn}', which episode '${slug}' does not have`);
      continue;
    }
    if (turn.kind !== "speech") {
      problems.add(rel, line, `quote '${quote.id}' points to '${quote.turn}', an editor's note: quotes are of speech`);
      continue;
    }
    const wanted = normaliseWhitespace(quote.text);
    const haystack = normaliseWhitespace(turn.text);
    if (!haystack.includes(wanted)) {
      const { passage } = nearestPassage(wanted, haystack);
      problems.add(rel, line, `quote '${quote.id}' is not in turn ${quote.turn}. Nearest passage: “${passage}”`);
      continue;
    }
    quotes.push({ id: quote.id, turnId: quote.turn, text: wanted, topics: quote.topics });
  }
  return quotes;
}

function loadTags(
  root: string,
  dir: string,
  turnsById: Map<string, ParsedTurn> | null,
  known: Known,
  problems: ProblemList,
): Array<{ turnId: string; topics: string[] }> {
  const abs = path.join(dir, "tags.md");
  if (!existsSync(abs)) return [];
  const loaded = loadFrontMatterFile(root, abs, TagsFrontMatter, problems);
  if (!loaded) return [];
  const rel = loaded.file.rel;
  for (const tag of loaded.data.tags) {
    const line = lineOfText(loaded.file.split, `turn: ${tag.turn}`);
    if (turnsById && !turnsById.has(tag.turn)) problems.add(rel, line, `tag for turn '${tag.turn}': no such turn in this episode`);
    for (const topic of tag.topics) {
      if (!known.topicIds.has(topic)) problems.add(rel, line, `tag for turn '${tag.turn}': unknown topic '${topic}' (not in content/topics.md)`);
    }
  }
  return loaded.data.tags.map((t) => ({ turnId: t.turn, topics: t.topics }));
}

/** The line of the front matter that contains `needle` (its n-th occurrence), for cross-file problems. */
function lineOfText(split: SplitFile, needle: string, occurrence = 0): number {
  const lines = (split.yaml ?? "").split("\n");
  let seen = -1;
  const index = lines.findIndex((line) => line.includes(needle) && ++seen === occurrence);
  return index === -1 ? split.yamlStartLine : split.yamlStartLine + index;
}
