// transcript.md -> chapters of turns. Pure: no file system, no database.
//
//   ## 01 大语言模型的差异与核心机制        a chapter: number, title
//   ### Xuezhi Wang                       a turn: the speaker (participant id or display name)
//   ### Yizhou Zheng · 01:46:42           ... with a start time
//   ### Monica {#c2-03a}                   ... with an explicit id (for a turn inserted later)
//   paragraphs                            the speaker's words
//   > 更新: …                              an editor's note (its own turn, kind "note")
//   words[^1]  …  [^1]: 更新: …            an inline editor's note (a note turn after this one)
//
// Turn ids: c<chapter>-<nn> for speech (nn counts the chapter's speech turns, from 01), and
// <speech id>-note<k> for the notes that follow a speech turn (c<chapter>-00-note<k> before the
// first one). An id depends only on positions inside its own chapter, so editing one chapter
// never changes a URL in another, and adding or removing a note never renumbers speech. A turn
// inserted into a chapter after publication can carry an explicit id ({#c2-03a}) so that no turn
// of that chapter is renumbered either.
import type { Blockquote, FootnoteDefinition, Heading, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { ProblemList } from "./content-error.ts";
import { markdownParser, renderBlocks } from "./render-markdown.ts";

export type TurnKind = "speech" | "note";

export interface ParsedTurn {
  turnId: string;
  kind: TurnKind;
  /** Person id; null for editor notes, which are nobody's words. */
  speakerId: string | null;
  startSeconds: number | null;
  markdown: string;
  /** Plain text: paragraphs separated by a blank line, note markers removed. */
  text: string;
  html: string;
  line: number;
}

export interface ParsedChapter {
  number: number;
  title: string;
  line: number;
  turns: ParsedTurn[];
}

export interface SpeakerDirectory {
  /** Resolves a heading's speaker (participant id or display name) to a person id. */
  resolve(nameOrId: string): string | undefined;
  known(): string[];
}

const CHAPTER_HEADING = /^(\d{1,3})\s+(\S.*)$/;
const TURN_HEADING = /^(.+?)(?:\s+·\s+(\d{1,2}:\d{2}(?::\d{2})?))?(?:\s+\{#([^}\s]*)\})?$/;
/** Explicit ids: c<chapter>-<lowercase letters/digits>, e.g. c2-03a for a turn inserted after c2-03. */
const EXPLICIT_ID = /^c(\d{1,4})-[a-z0-9]+$/;

export function parseTimestamp(label: string): number {
  return label.split(":").reduce((seconds, part) => seconds * 60 + Number(part), 0);
}

export function formatTimestamp(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

interface OpenTurn {
  chapter: ParsedChapter;
  explicitId: string | null;
  speakerId: string;
  startSeconds: number | null;
  line: number;
  blocks: RootContent[];
  notes: Array<{ line: number; blocks: RootContent[]; label?: string }>;
}

export function parseTranscript(
  file: string,
  source: string,
  speakers: SpeakerDirectory,
  problems: ProblemList,
  lineOffset = 0,
): ParsedChapter[] {
  const tree = markdownParser.parse(source);
  const chapters: ParsedChapter[] = [];
  const lineOf = (node: { position?: { start: { line: number } } }) => (node.position?.start.line ?? 1) + lineOffset;
  let chapter: ParsedChapter | undefined;
  let turn: OpenTurn | undefined;
  let speechCount = 0;
  let sawTitle = false;
  const unknownSpeakers: Record<string, number> = {};
  let skipping = false;

  const pushTurn = (t: ParsedTurn) => chapter?.turns.push(t);

  const closeTurn = () => {
    if (!turn) return;
    const open = turn;
    turn = undefined;
    const speech = open.blocks.filter((b) => b.type !== "footnoteDefinition");
    if (speech.length === 0) {
      problems.add(file, open.line, "this turn has no words: add the speaker's paragraphs under the heading, or remove it");
      return;
    }
    // A turn with an explicit id takes no number, so inserting one renumbers nothing.
    if (!open.explicitId) speechCount += 1;
    const turnId = open.explicitId ?? `c${open.chapter.number}-${String(speechCount).padStart(2, "0")}`;
    // Footnote definitions inside the turn are inline editor notes: they become note turns.
    const footnotes = open.blocks.filter((b): b is FootnoteDefinition => b.type === "footnoteDefinition");
    const noteIdByLabel = new Map<string, string>();
    const allNotes = [
      ...footnotes.map((f) => ({ line: lineOf(f), blocks: f.children, label: f.label ?? f.identifier })),
      ...open.notes,
    ].sort((a, b) => a.line - b.line);
    allNotes.forEach((note, index) => {
      if (note.label) noteIdByLabel.set(note.label.toLowerCase(), `${turnId}-note${index + 1}`);
    });
    const text = speech.map((block) => toString(withoutFootnoteReferences(block))).join("\n\n").trim();
    for (const block of speech) {
      const dangling = /\[\^([^\]\s]+)\]/.exec(toString(withoutFootnoteReferences(block)));
      if (dangling) problems.add(file, lineOf(block), `note marker [^${dangling[1]}] has no '[^${dangling[1]}]: …' definition in the same turn`);
    }
    const rendered = speech.map((block) => linkFootnoteReferences(block, noteIdByLabel, file, problems, lineOf));
    pushTurn({
      turnId,
      kind: "speech",
      speakerId: open.speakerId,
      startSeconds: open.startSeconds,
      markdown: sliceSource(source, speech),
      text,
      html: renderBlocks(rendered),
      line: open.line,
    });
    allNotes.forEach((note, index) => pushTurn(noteTurn(`${turnId}-note${index + 1}`, note.blocks, note.line, source)));
  };

  for (const node of tree.children) {
    if (node.type === "heading") {
      const heading = node as Heading;
      const text = toString(heading).trim();
      if (heading.depth === 1) {
        if (sawTitle || chapters.length > 0) problems.add(file, lineOf(heading), "only one '# title' line is allowed, at the top of the transcript");
        sawTitle = true;
        continue;
      }
      if (heading.depth === 2) {
        closeTurn();
        skipping = false;
        const match = CHAPTER_HEADING.exec(text);
        const expected = chapters.length + 1;
        if (!match) {
          problems.add(file, lineOf(heading), `chapter heading must be '## <number> <title>', e.g. '## ${String(expected).padStart(2, "0")} 开源与竞争力'; found '## ${text}'`);
          chapter = { number: expected, title: text || "?", line: lineOf(heading), turns: [] };
        } else {
          const number = Number(match[1]);
          // Out of order: reported once; the chapter keeps its position so later ones are not reported too.
          if (number !== expected) problems.add(file, lineOf(heading), `chapter number ${number} is out of order: expected ${expected}`);
          chapter = { number: expected, title: match[2]!.trim(), line: lineOf(heading), turns: [] };
        }
        chapters.push(chapter);
        speechCount = 0;
        continue;
      }
      if (heading.depth === 3) {
        closeTurn();
        if (!chapter) {
          problems.add(file, lineOf(heading), "a turn comes before the first chapter: add a '## 01 <title>' heading above it");
          continue;
        }
        const match = TURN_HEADING.exec(text);
        const name = match?.[1]?.trim() ?? "";
        const speakerId = speakers.resolve(name);
        if (!speakerId) {
          const others = text in unknownSpeakers;
          unknownSpeakers[text] = (unknownSpeakers[text] ?? 0) + 1;
          if (!others) problems.add(file, lineOf(heading), `'### ${text}' names no participant of this episode; known speakers: ${speakers.known().join(", ")}`);
          skipping = true; // its paragraphs belong to that (reported) turn: no further problems for them
          continue;
        }
        const stamp = match?.[2];
        if (stamp && stamp.split(":").slice(1).some((part) => Number(part) > 59)) {
          problems.add(file, lineOf(heading), `start time '${stamp}' is not a valid time: minutes and seconds go up to 59`);
        }
        skipping = false;
        const explicitId = match?.[3] ?? null;
        if (explicitId !== null) {
          const idMatch = EXPLICIT_ID.exec(explicitId);
          if (!idMatch || Number(idMatch[1]) !== chapter.number) {
            problems.add(file, lineOf(heading), `turn id '{#${explicitId}}' must look like c${chapter.number}-03a: 'c', this chapter's number, '-', then lowercase letters and digits`);
          }
        }
        turn = { chapter, explicitId, speakerId, startSeconds: stamp ? parseTimestamp(stamp) : null, line: lineOf(heading), blocks: [], notes: [] };
        continue;
      }
      problems.add(file, lineOf(heading), `'${"#".repeat(heading.depth)}' headings are not part of the format: use '##' for chapters and '###' for turns`);
      continue;
    }
    if (node.type === "html") {
      problems.add(file, lineOf(node), "raw HTML is not allowed in a transcript: write plain Markdown");
      continue;
    }
    if (node.type === "blockquote") {
      if (!chapter) {
        problems.add(file, lineOf(node), "an editor's note comes before the first chapter: move it under a '## <number> <title>' heading");
        continue;
      }
      if (turn) {
        turn.notes.push({ line: lineOf(node), blocks: (node as Blockquote).children });
      } else {
        // A note at the start of a chapter, before any speech: c<chapter>-00-note<k>.
        const base = `c${chapter.number}-00`;
        const noteCount = chapter.turns.filter((t) => t.turnId.startsWith(`${base}-note`)).length;
        pushTurn(noteTurn(`${base}-note${noteCount + 1}`, (node as Blockquote).children, lineOf(node), source));
      }
      continue;
    }
    if (node.type === "thematicBreak" || node.type === "definition" || skipping) continue;
    // Paragraphs, lists, tables, code, footnote definitions: the current turn's content.
    if (!turn) {
      problems.add(
        file,
        lineOf(node),
        chapter
          ? `text with no speaker in chapter ${chapter.number}: start a turn with a '### <speaker>' heading above it, or make it an editor's note with '> '`
          : "text before the first chapter: transcripts start with a '## 01 <title>' heading",
      );
      continue;
    }
    if (turn.notes.length > 0 && node.type !== "footnoteDefinition") {
      problems.add(file, lineOf(node), "speech after an editor's note: start a new turn with a '### <speaker>' heading, or move the note below");
      continue;
    }
    turn.blocks.push(node);
  }
  closeTurn();

  const seenIds = new Map<string, number>();
  for (const t of chapters.flatMap((c) => c.turns)) {
    const first = seenIds.get(t.turnId);
    if (first !== undefined) problems.add(file, t.line, `turn id '${t.turnId}' is already used by the turn on line ${first}: give this turn another {#id}`);
    else seenIds.set(t.turnId, t.line);
  }
  if (chapters.length === 0) problems.add(file, 1, "the transcript has no chapters: add at least one '## 01 <title>' heading with turns under it");
  for (const c of chapters) {
    if (c.turns.length === 0) problems.add(file, c.line, `chapter ${c.number} has no turns: add '### <speaker>' turns under it or remove it`);
  }
  return chapters;
}

function noteTurn(turnId: string, blocks: RootContent[], line: number, source: string): ParsedTurn {
  return {
    turnId,
    kind: "note",
    speakerId: null,
    startSeconds: null,
    markdown: sliceSource(source, blocks),
    text: blocks.map((block) => toString(block)).join("\n\n").trim(),
    html: renderBlocks(blocks),
    line,
  };
}

function sliceSource(source: string, blocks: RootContent[]): string {
  const start = blocks[0]?.position?.start.offset;
  const end = blocks.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined) return "";
  return source.slice(start, end).trim();
}

function withoutFootnoteReferences<T extends RootContent>(node: T): T {
  if (!("children" in node)) return node;
  return {
    ...node,
    children: (node.children as RootContent[]).filter((c) => c.type !== "footnoteReference").map(withoutFootnoteReferences),
  } as T;
}

/** Turns `[^label]` into a link to the note turn it points to. */
function linkFootnoteReferences(
  node: RootContent,
  noteIds: Map<string, string>,
  file: string,
  problems: ProblemList,
  lineOf: (n: RootContent) => number,
): RootContent {
  if (node.type === "footnoteReference") {
    const target = noteIds.get((node.label ?? node.identifier).toLowerCase());
    if (!target) {
      problems.add(file, lineOf(node), `note marker [^${node.label ?? node.identifier}] has no '[^${node.label ?? node.identifier}]: …' definition in the same turn`);
      return { type: "text", value: "" };
    }
    return { type: "link", url: `#${target}`, title: "编者注", children: [{ type: "text", value: "[注]" }] };
  }
  if (!("children" in node)) return node;
  return {
    ...node,
    children: (node.children as RootContent[]).map((c) => linkFootnoteReferences(c, noteIds, file, problems, lineOf)),
  } as RootContent;
}
