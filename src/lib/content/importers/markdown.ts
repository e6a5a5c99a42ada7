// Markdown and plain-text transcripts, as people write them:
//   ---                                  YAML front matter: title, date, speakers, media/audio,
//   title: …                             tags, summary, language, show … (mapped to the episode;
//   ---                                  fields with no place in it are reported)
//   # Title                              a lone top heading is the title
//   ## 1. Introduction  /  # 开场         the shallowest other headings are chapters (numbered or
//                                        not; a time in them, `(00:05:12)` or `· 00:05:12`, is kept)
//   **Jerod Santo:** text                speaker labels start a turn: bold (Changelog), plain
//   Jerod Santo: text                    `Name: text`, full-width `张三：…`, a line `Name: HH:MM:SS`
//   Elle Mouton: 00:00:00                before the paragraphs (bitcointranscripts), `Speaker 0:`,
//   张三：… / Shaun Apps（SA）：… / SA：…   initials introduced as `Full Name（XX）` then used alone,
//   问：… 答：… / Q: … A: …                questions and answers (the answer is the front matter's
//                                        speaker when it names exactly one)
//   ### Alice Smith · 00:12:04.500       the content format itself (turn headings, cue lines)
//   [00:12:04.500] text  \[08:24\] text   times: a cue starts at each
//   > note   /  [^1]: note               editor's notes, kept as notes of the turn
// A paragraph (a blank line ends one) is a cue; a time inside it starts another cue. A paragraph
// without a label continues the speaker before it. Text before the first label is the episode's
// introduction, unless the front matter names exactly one speaker (a monologue).
import { parseDocument } from "yaml";
import type { RootContent } from "mdast";
import { splitFrontMatter } from "../front-matter.ts";
import { markdownParser } from "../render-markdown.ts";
import { isDiarisedLabel, looksLikeName, qaLabel, ROLE_WORDS, splitAlias } from "./speaker-label.ts";
import { parseClock } from "./time.ts";
import { collapseLines, joinText } from "./text.ts";
import {
  collapseSpace,
  emptyTranscript,
  ImportError,
  type Cue,
  type EpisodeMeta,
  type ParsedTranscript,
  type Role,
  type SourceText,
  type SpeakerInfo,
  type TranscriptFormat,
} from "./types.ts";

const TIME = String.raw`\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?`;
/** `[08:24]`, `\[01:04:02.14\]`, `[0:12:40.100–0:12:44.000]`: a time in square brackets, escaped or not. */
const BRACKET_TIME = new RegExp(String.raw`\\?\[\s*(${TIME})(?:\s*[–—-]\s*(${TIME}))?\s*\\?\]`, "g");
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A time at the end of a heading or label: ` · 00:12:04.500–00:13:10.000`, ` (00:05:12)`, ` [00:05]`, ` 00:05:12`. */
const TRAILING_TIME = new RegExp(String.raw`^(.*?)\s*(?:·\s*|[(（]\s*|\\?\[\s*)?(${TIME})(?:\s*[–—-]\s*(${TIME}))?\s*(?:[)）]|\\?\])?$`);
const LEADING_TIME = new RegExp(String.raw`^(?:\\?\[\s*|[(（]\s*)?(${TIME})(?:\s*[–—-]\s*(${TIME}))?(?:\s*\\?\]|\s*[)）])?(?:\s+|$)`);
const EXPLICIT_ID = /\s*\{#[^}\s]*\}\s*$/;
const BOLD_LABEL = /^(?:\*\*|__)([^*_\n]{1,60}?)\s*(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：])\s*([\s\S]*)$/;
const PLAIN_LABEL = /^([^:：\n]{1,60}?)\s*(?:：\s*|:(?:\s+|$))([\s\S]*)$/;

interface Line {
  text: string;
  n: number;
}

interface Label {
  /** Written as a label no sentence is: bold, alone on its line with a time, with initials, Q/A, diarised. */
  strong: boolean;
  name: string;
  rest: string;
  start: number | null;
  end: number | null;
}

/** Characters that may start Markdown syntax inside a paragraph. */
const INLINE_SYNTAX = /[*_`[\]<>!&~|\\]|https?:|www\./;
const BLOCK_SYNTAX = /^\s{0,3}(?:[-+*]\s|\d{1,9}[.)]\s|#|>|\|)/m;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * A paragraph's Markdown → its plain text (link text without its target, no images or HTML).
 * Parsing is the costly part (remark builds its tokenizer per call), so text without syntax, or
 * with nothing but backslash escapes (Changelog's `\[laughter\]`), takes a short way.
 */
function plainText(markdown: string): string {
  if (!BLOCK_SYNTAX.test(markdown)) {
    if (!INLINE_SYNTAX.test(markdown)) return collapseLines(markdown);
    const unescaped = markdown.replace(ESCAPE, "");
    if (!INLINE_SYNTAX.test(unescaped)) return collapseLines(markdown.replace(ESCAPE, "$1"));
  }
  const tree = markdownParser.parse(markdown);
  const out: string[] = [];
  const inline = (node: RootContent): string => {
    switch (node.type) {
      case "text":
      case "inlineCode":
        return node.value;
      case "break":
        return " ";
      case "html":
      case "image":
      case "imageReference":
      case "footnoteReference":
        return "";
      default:
        return "children" in node ? (node.children as RootContent[]).map(inline).join("") : "";
    }
  };
  for (const block of tree.children) {
    if (block.type === "list") {
      for (const item of block.children) out.push(item.children.map(inline).join(" "));
    } else if (block.type === "code") {
      out.push(block.value);
    } else if (block.type === "heading" || block.type === "thematicBreak" || block.type === "definition") {
      out.push(block.type === "heading" ? inline(block) : "");
    } else out.push(inline(block));
  }
  return collapseLines(joinText(out.map((piece) => collapseLines(piece))));
}

/** A time range at the end of a heading or label, split off. */
function trailingTime(text: string): { rest: string; start: number | null; end: number | null } {
  const match = TRAILING_TIME.exec(text);
  if (match) {
    const start = parseClock(match[2]!);
    const end = match[3] ? parseClock(match[3]) : null;
    if (start !== null && match[1]!.trim()) return { rest: match[1]!.trim(), start, end };
  }
  return { rest: text, start: null, end: null };
}

function leadingTime(text: string): { rest: string; start: number | null; end: number | null } {
  const match = LEADING_TIME.exec(text);
  if (match) {
    const start = parseClock(match[1]!);
    if (start !== null) return { rest: text.slice(match[0].length), start, end: match[2] ? parseClock(match[2]) : null };
  }
  return { rest: text, start: null, end: null };
}

function asDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, "0")}-${iso[3]!.padStart(2, "0")}`;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

const AUDIO_FILE = /\.(?:mp3|m4a|aac|ogg|oga|opus|wav|flac|mp4|m4v|webm)(?:[?#]|$)/i;

/** Maps front matter fields onto the episode; returns the fields it had no place for. */
function readFrontMatter(data: Record<string, unknown>, meta: EpisodeMeta): string[] {
  const unused: string[] = [];
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? collapseSpace(String(value)) : undefined);
  const speakers: SpeakerInfo[] = [];
  const addSpeakers = (value: unknown, role?: Role) => {
    const list = Array.isArray(value) ? value : [value];
    for (const entry of list) {
      if (typeof entry === "string" && entry.trim()) speakers.push({ name: collapseSpace(entry), ...(role ? { role } : {}) });
      else if (entry && typeof entry === "object" && typeof (entry as { name?: unknown }).name === "string") {
        const e = entry as { name: string; role?: unknown };
        const given = typeof e.role === "string" ? e.role.toLowerCase().replace(/[\s_]+/g, "-") : undefined;
        const r = given === "host" || given === "co-host" || given === "guest" || given === "other" ? given : role;
        speakers.push({ name: collapseSpace(e.name), ...(r ? { role: r } : {}) });
      }
    }
  };
  for (const [key, value] of Object.entries(data)) {
    const k = key.toLowerCase();
    if (k === "title") meta.title = text(value);
    else if (["date", "publishedat", "published", "pubdate", "published_at"].includes(k)) meta.date = asDate(value);
    else if (["speakers", "speaker", "participants", "people"].includes(k)) addSpeakers(value);
    else if (["hosts", "host"].includes(k)) addSpeakers(value, "host");
    else if (["guests", "guest"].includes(k)) addSpeakers(value, "guest");
    else if (["media", "audio", "enclosure", "mp3", "audio_url", "audiourl"].includes(k)) {
      const url = typeof value === "string" ? value.trim() : value && typeof value === "object" ? (value as { url?: unknown }).url : undefined;
      if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
        unused.push(key);
        continue;
      }
      const object = typeof value === "object" && value ? (value as { type?: unknown; duration?: unknown }) : {};
      const type = typeof object.type === "string" ? object.type : undefined;
      if (AUDIO_FILE.test(url) || (type && /^(audio|video)\//.test(type))) {
        meta.audio = { url, ...(type ? { type } : {}), ...(typeof object.duration === "number" ? { duration: object.duration } : {}) };
      } else {
        // A page about the episode (Spotify, YouTube …), not a file a player can play.
        meta.sourceNote = [meta.sourceNote, `Media: ${url}`].filter(Boolean).join("; ");
      }
    } else if (["tags", "keywords", "categories", "topics"].includes(k)) {
      const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
      meta.tags = list.map((t) => text(t)).filter((t): t is string => !!t);
    } else if (["summary", "description", "excerpt", "abstract"].includes(k)) {
      const t = typeof value === "string" ? value : undefined;
      if (t) meta.description = t.split(/\n\s*\n/).map(collapseSpace).filter(Boolean);
    } else if (["language", "lang", "locale"].includes(k)) meta.language = text(value);
    else if (["show", "podcast", "series", "channel", "program"].includes(k)) meta.showName = text(value);
    else if (["transcript_by", "transcriber", "transcribed_by", "transcriptby"].includes(k)) {
      const by = text(value);
      if (by) meta.sourceNote = [`Transcript by ${by}`, meta.sourceNote].filter(Boolean).join("; ");
    } else if (["source", "url", "link", "canonical", "permalink"].includes(k) && typeof value === "string" && /^https?:\/\//.test(value.trim())) {
      meta.sourceUrl = value.trim();
    } else unused.push(key);
  }
  if (speakers.length) meta.speakers = speakers;
  return unused;
}

interface Block {
  kind: "heading" | "text" | "note" | "break";
  depth?: number;
  text: string;
  n: number;
  /** Lines of a text block. */
  lines?: Line[];
}

/** Groups body lines into headings, paragraphs (text blocks), blockquote notes and breaks. */
function toBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: Line[] = [];
  let note: Line[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "text", text: paragraph.map((l) => l.text).join("\n"), n: paragraph[0]!.n, lines: paragraph });
    if (note.length) blocks.push({ kind: "note", text: note.map((l) => l.text).join("\n"), n: note[0]!.n });
    paragraph = [];
    note = [];
  };
  for (const line of lines) {
    const text = line.text;
    if (fence !== null) {
      paragraph.push(line);
      if (text.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (/^\s*(```|~~~)/.test(text)) {
      fence = text.trim().slice(0, 3);
      paragraph.push(line);
      continue;
    }
    if (text.trim() === "") {
      flush();
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", depth: heading[1]!.length, text: heading[2]!, n: line.n });
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(text)) {
      flush();
      blocks.push({ kind: "break", text, n: line.n });
      continue;
    }
    if (/^\s*>/.test(text)) {
      if (paragraph.length) flush();
      note.push({ text: text.replace(/^\s*>\s?/, ""), n: line.n });
      continue;
    }
    if (/^\[\^[^\]]+\]:\s*/.test(text)) {
      flush();
      note.push({ text: text.replace(/^\[\^[^\]]+\]:\s*/, ""), n: line.n });
      continue;
    }
    if (note.length) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

interface LabelRules {
  known: Map<string, string>;
  accepted: Set<string>;
}

/** The speaker label at the start of a line, if there is one. */
function labelOf(text: string, rules: LabelRules, counting = false): Label | null {
  const lead = leadingTime(text.trim());
  const body = lead.rest;
  const bold = BOLD_LABEL.exec(body);
  let name: string | null = null;
  let rest = "";
  let strong = false;
  if (bold) {
    name = bold[1]!.trim();
    rest = bold[2]!;
    strong = true;
  } else {
    const plain = PLAIN_LABEL.exec(body);
    if (plain) {
      name = plain[1]!.trim();
      rest = plain[2]!;
    } else {
      // `Speaker 1  0:03` (Otter) or `Alice 00:01:07` alone on a line: a label with a time, no colon.
      const stamped = trailingTime(body);
      if (stamped.start !== null && /\s{1,}\S+$/.test(body) && (isDiarisedLabel(stamped.rest) || rules.known.has(stamped.rest.toLowerCase()))) {
        return { strong: true, name: stamped.rest, rest: "", start: stamped.start, end: stamped.end };
      }
      return null;
    }
  }
  const timed = trailingTime(name);
  if (timed.start !== null) name = timed.rest;
  // Markdown's marks are no part of a name, except the underscore of diarised labels (`SPEAKER_00:`).
  if (!name || (!isDiarisedLabel(name) && /[[\]()*_`<>]/.test(name.replace(/[（(][^)）]*[)）]$/, "")))) return null;
  const bare = splitAlias(name)?.name ?? name;
  // `Elle Mouton: 00:00:00` alone on a line is a label however often the name occurs.
  if (leadingTime(rest).start !== null && leadingTime(rest).rest.trim() === "") strong = true;
  const isKnown = rules.known.has(name.toLowerCase()) || rules.known.has(bare.toLowerCase());
  const plausible = looksLikeName(name) || looksLikeName(bare) || isKnown || (strong && name.length <= 40) || name in ROLE_WORDS;
  if (!plausible) return null;
  if (!counting && !strong && !isKnown && !rules.accepted.has(name) && !qaLabel(name) && !isDiarisedLabel(name) && !splitAlias(name) && !(name in ROLE_WORDS)) return null;
  // A time right after the label (`Elle Mouton: 00:00:00`, `**Jerod Santo:** \[00:04:02.03\] Yeah.`).
  let start = timed.start;
  let end = timed.end;
  const after = leadingTime(rest);
  if (after.start !== null) {
    start = after.start;
    end = after.end;
    rest = after.rest;
  }
  if (lead.start !== null && start === null) {
    start = lead.start;
    end = lead.end;
  }
  strong ||= qaLabel(name) !== null || isDiarisedLabel(name) || splitAlias(name) !== null || name in ROLE_WORDS;
  return { strong, name, rest: rest.trim(), start, end };
}

export function parseMarkdown(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("markdown", "explicit", "s");
  const meta = result.meta;
  const split = splitFrontMatter(source.text);
  let contentFormat = false;
  if (split.yaml !== null) {
    const doc = parseDocument(split.yaml, { prettyErrors: false });
    if (doc.errors.length) {
      const error = doc.errors[0]!;
      const line = split.yaml.slice(0, error.pos[0]).split("\n").length + split.yamlStartLine - 1;
      throw new ImportError(line, `front matter is not valid YAML: ${error.message.split("\n")[0]}`);
    }
    const data = doc.toJS() as unknown;
    if (data && typeof data === "object" && !Array.isArray(data)) {
      // The content format's own episode.md (`participants: [{ id, role }]`, as the Markdown export writes it).
      const participants = (data as { participants?: unknown }).participants;
      contentFormat = Array.isArray(participants) && participants.length > 0 && participants.every((p) => p && typeof p === "object" && typeof (p as { id?: unknown }).id === "string");
      for (const key of readFrontMatter(data as Record<string, unknown>, meta)) {
        const index = split.yaml.split("\n").findIndex((l) => l.startsWith(`${key}:`));
        result.dropped.push({ line: split.yamlStartLine + Math.max(0, index), text: `${key}: …`, why: "a front matter field with no place in the episode" });
      }
    }
  }
  const lines: Line[] = split.body.split("\n").map((text, i) => ({ text, n: split.bodyStartLine + i }));
  const blocks = toBlocks(lines);

  // Who may be a label: names the front matter gives, with their initials.
  const known = new Map<string, string>();
  for (const s of meta.speakers ?? []) {
    known.set(s.name.toLowerCase(), s.name);
    for (const a of s.aliases ?? []) known.set(a.toLowerCase(), s.name);
  }
  const rules: LabelRules = { known, accepted: new Set() };
  // Plain `Name: text` labels are taken when the name is known, used twice, or written in a way no
  // sentence is (bold, with a time, with initials). Others (`Note: …` once) stay text.
  const counts = new Map<string, number>();
  for (const block of blocks) {
    if (block.kind !== "text") continue;
    for (const line of block.lines!) {
      const label = labelOf(line.text, rules, true);
      if (label) counts.set(label.name, (counts.get(label.name) ?? 0) + 1);
    }
  }
  for (const [name, count] of counts) {
    if (count >= 2) rules.accepted.add(name);
    // `Shaun Apps（SA）` introduces the initials the file then uses alone: `SA：`.
    const alias = splitAlias(name);
    if (alias && !isDiarisedLabel(name)) known.set(alias.alias.toLowerCase(), alias.name);
  }
  const alsoLabelled = [...counts.keys()].filter((n) => rules.accepted.has(n)).length;
  for (const [name] of counts) {
    // A name used once is a label too when the file has other labels and it reads as a full name.
    if (alsoLabelled >= 1 && /^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u.test(name)) rules.accepted.add(name);
  }

  // Headings: a lone `#` at the top is the title; the shallowest other level holds chapters,
  // unless its headings are speakers (`### Alice Smith · 00:01:02`, the content format's turns).
  const headings = blocks.filter((b) => b.kind === "heading");
  const nameOfHeading = (b: Block) => trailingTime(b.text.replace(EXPLICIT_ID, "")).rest;
  const levels = [...new Set(headings.map((h) => h.depth!))].sort();
  const speakerLevels = new Set<number>();
  for (const level of levels) {
    const names = headings.filter((h) => h.depth === level).map(nameOfHeading);
    const repeated = names.filter((n) => names.indexOf(n) !== names.lastIndexOf(n) || known.has(n.toLowerCase())).length;
    const named = names.every((n) => looksLikeName(n) || known.has(n.toLowerCase()));
    // In the content format (front matter with `participants: [{ id }]`) `###` headings are turns, however few and whoever speaks.
    if (named && ((contentFormat && level === 3) || (names.length >= 2 && repeated / names.length >= 0.5))) speakerLevels.add(level);
  }
  let titleBlock: Block | null = null;
  const ones = headings.filter((h) => h.depth === 1 && !speakerLevels.has(1));
  const firstContent = blocks.find((b) => b.kind !== "break");
  if (ones.length === 1 && firstContent === ones[0] && headings.some((h) => h.depth! > 1 && !speakerLevels.has(h.depth!))) titleBlock = ones[0]!;
  else if (ones.length === 1 && headings.filter((h) => !speakerLevels.has(h.depth!)).length === 1 && firstContent === ones[0]) titleBlock = ones[0]!;
  const chapterLevel = Math.min(...headings.filter((h) => h !== titleBlock && !speakerLevels.has(h.depth!)).map((h) => h.depth!), 7);

  const aliases = new Map<string, string>();
  const speakerOf = (label: string): string => {
    const alias = splitAlias(label);
    if (alias && !isDiarisedLabel(label)) {
      aliases.set(alias.alias, alias.name);
      return alias.name;
    }
    return aliases.get(label) ?? known.get(label.toLowerCase()) ?? label;
  };
  // A file whose front matter names one speaker: the answerer of Q/A, and the voice of a file with no labels at all.
  const namedSpeaker = meta.speakers?.length === 1 ? meta.speakers[0]!.name : null;
  const anyLabel = blocks.some((b) => b.kind === "text" && b.lines!.some((l) => labelOf(l.text, rules) !== null)) || speakerLevels.size > 0;
  const soleSpeaker = anyLabel ? null : namedSpeaker;

  const cues: Cue[] = [];
  let speaker: string | null = null;
  let pendingTime: { start: number | null; end: number | null } = { start: null, end: null };
  const intro: string[] = [];
  // A label alone in its paragraph (`Elle Mouton: 00:00:00`, then a blank line): its line, for the words below.
  let pendingLabelLine: number | null = null;
  // The end a content-format turn heading writes (`### Alice · 00:00:00.000–00:00:06.500`): its last cue's, unless that cue writes its own.
  let headingEnd: number | null = null;
  let turnFirstCue = 0;
  const closeTurn = () => {
    const last = cues.slice(turnFirstCue).filter((c) => !c.note).at(-1);
    if (headingEnd !== null && last && last.start !== null && last.end === null) last.end = headingEnd;
    headingEnd = null;
    turnFirstCue = cues.length;
  };

  const addCues = (raw: string, line: number, startsParagraph: boolean) => {
    // Split at every bracketed time; text before the first belongs to the pending time.
    const pieces: Array<{ text: string; start: number | null; end: number | null }> = [];
    let last = 0;
    let current = { start: pendingTime.start, end: pendingTime.end };
    pendingTime = { start: null, end: null };
    for (const match of raw.matchAll(BRACKET_TIME)) {
      const before = raw.slice(last, match.index);
      if (before.trim() || pieces.length === 0) pieces.push({ text: before, ...current });
      current = { start: parseClock(match[1]!), end: match[2] ? parseClock(match[2]) : null };
      last = match.index + match[0].length;
    }
    pieces.push({ text: raw.slice(last), ...current });
    let first = startsParagraph;
    for (const piece of pieces) {
      const text = plainText(piece.text);
      if (!text) {
        if (piece.start !== null && piece === pieces.at(-1)) pendingTime = { start: piece.start, end: piece.end };
        continue;
      }
      cues.push({ speaker, start: piece.start, end: piece.end, text, line, paragraph: first });
      first = false;
    }
  };

  for (const block of blocks) {
    if (block.kind === "break") continue;
    if (block.kind === "heading") {
      pendingLabelLine = null;
      if (block === titleBlock) {
        meta.title ??= plainText(block.text);
        continue;
      }
      if (speakerLevels.has(block.depth!)) {
        const name = nameOfHeading(block);
        const timed = trailingTime(block.text.replace(EXPLICIT_ID, ""));
        closeTurn();
        speaker = speakerOf(name);
        pendingTime = { start: timed.start, end: null };
        headingEnd = timed.end;
        // The heading's start is the turn's; its end is the last cue's, kept by the cues themselves.
        continue;
      }
      if (block.depth === chapterLevel) {
        const timed = trailingTime(block.text);
        const leading = leadingTime(timed.rest);
        const titleText = plainText(leading.rest.replace(/^(?:[一二三四五六七八九十百]+\s*[、.．:：]\s*|[(（][一二三四五六七八九十百\d]+[)）]\s*|第[一二三四五六七八九十百\d]+[章节部分集]\s*[:：、]?\s*|(?:chapter|part)\s+\d+\s*[.:：-]?\s*)/i, ""));
        result.chapters.push({ title: titleText || plainText(block.text), start: timed.start ?? leading.start, cueIndex: cues.length, line: block.n });
        continue;
      }
      result.dropped.push({ line: block.n, text: block.text, why: "a heading below the chapter level" });
      continue;
    }
    if (block.kind === "note") {
      const text = plainText(block.text);
      if (!text) continue;
      if (speaker === null) {
        intro.push(text);
        continue;
      }
      cues.push({ speaker, start: null, end: null, text, line: block.n, paragraph: true, note: true });
      continue;
    }
    // A paragraph: its lines, each possibly starting with a label.
    let buffer: string[] = [];
    let bufferLine = block.n;
    let startsParagraph = true;
    let labelAbove: boolean = pendingLabelLine !== null;
    if (pendingLabelLine !== null) bufferLine = pendingLabelLine;
    pendingLabelLine = null;
    const flushText = () => {
      const raw = buffer.join("\n");
      buffer = [];
      if (!raw.trim()) return;
      if (speaker === null) {
        if (soleSpeaker) speaker = soleSpeaker;
        else {
          const text = plainText(raw);
          if (text) {
            intro.push(text);
            result.dropped.push({ line: bufferLine, text: text.slice(0, 80), why: "text before the first speaker label: kept as the episode's introduction" });
          }
          return;
        }
      }
      addCues(raw, bufferLine, startsParagraph);
      startsParagraph = false;
    };
    for (const line of block.lines!) {
      const label = labelOf(line.text, rules);
      if (label) {
        flushText();
        let name = speakerOf(label.name);
        if (qaLabel(label.name) === "answer" && namedSpeaker) name = namedSpeaker;
        closeTurn();
        speaker = name;
        pendingTime = { start: label.start, end: label.end };
        startsParagraph = true;
        bufferLine = line.n;
        labelAbove = true;
        if (label.rest) buffer.push(label.rest);
        continue;
      }
      // Words right under a `Name: 00:01:07` line belong to it: the label's line stays the cue's.
      if (buffer.length === 0 && !labelAbove) bufferLine = line.n;
      labelAbove = false;
      buffer.push(line.text);
    }
    flushText();
    const lastLine = block.lines!.at(-1)!;
    pendingLabelLine = buffer.length === 0 && labelAbove && labelOf(lastLine.text, rules) ? lastLine.n : null;
  }
  closeTurn();
  if (intro.length && !meta.description) meta.description = intro;
  // `1. Intro`, `02 Topic`: numbers counting up from 1 are numbering (the writer numbers chapters
  // itself); a title that merely starts with a number (`10 things …`) keeps it.
  const numbered = result.chapters.map((c) => /^(\d{1,3})\s*(?:[.)、:：-]\s*|\s+)(\S.*)$/.exec(c.title));
  if (numbered.length > 0 && numbered.every((m, i) => m && Number(m[1]) === i + 1)) {
    result.chapters.forEach((c, i) => (c.title = numbered[i]![2]!));
  }
  result.cues = cues;
  if (cues.length === 0) {
    const hint = blocks.length === 0 ? "the file has no text" : "no speaker labels found ('Name: text', '**Name:** text', 'Name: 00:01:02' on its own line, '张三：…', 'Q:'/'A:')";
    throw new ImportError(Math.max(1, lines.at(-1)?.n ?? 1), `${hint}; or name the one speaker in the front matter ('speaker: Name')`);
  }
  if (result.chapters.length > 0 && result.chapters[0]!.cueIndex > 0 && cues.slice(0, result.chapters[0]!.cueIndex).some((c) => !c.note)) {
    // Speech before the first chapter heading: it opens chapter 1.
    result.dropped.push({ line: cues[0]!.line, text: cues[0]!.text.slice(0, 60), why: "speech before the first chapter heading: put into chapter 1" });
    result.chapters[0]!.cueIndex = 0;
  }
  if (cues.some((c) => c.start !== null && c.start % 1000 !== 0)) result.precision = "ms";
  return result;
}

/** Whether text looks like a transcript with speaker labels (the fallback format). */
function detectMarkdown({ text }: SourceText): boolean {
  if (/^---\s*\n[\s\S]*?\n---\s*(\n|$)/.test(text)) return true;
  const lines = text.split("\n");
  const rules: LabelRules = { known: new Map(), accepted: new Set() };
  const counts = new Map<string, number>();
  for (const line of lines) {
    const label = labelOf(line, rules, true);
    if (label?.strong) return true;
    if (label) counts.set(label.name, (counts.get(label.name) ?? 0) + 1);
  }
  return [...counts.values()].some((n) => n >= 2) || /^#{1,3}\s+\S/m.test(text);
}

export const markdown: TranscriptFormat = {
  name: "markdown",
  description: "Markdown or plain text: '**Name:** text', 'Name: text', 'Name: HH:MM:SS' lines, '张三：', Q/A, [MM:SS] times, YAML front matter, #/## chapters",
  detect: detectMarkdown,
  parse: parseMarkdown,
};
