// transcript.md -> chapters of turns. Pure: no file system, no database.
//
//   ## 01 大语言模型的差异与核心机制        a chapter: number, title
//   ## 02 Why channels need Taproot · 12:04   ... with a start time
//   ### Xuezhi Wang                       a turn: the speaker (participant id or display name)
//   ### Yizhou Zheng · 01:46:42           ... with a start time
//   ### Alice · 0:12:04.500–0:13:10       ... with a start and an end
//   ### Monica {#c2-03a}                   ... with an explicit id (for a turn inserted later)
//   paragraphs                            the speaker's words
//   [0:12:04.500] words                   a cue: a line that starts with its time (kept as data)
//   > 更新: …                              an editor's note (its own turn, kind "note")
//   words[^1]  …  [^1]: 更新: …            an inline editor's note (a note turn after this one)
//
// A transcript without any '##' heading is one chapter without a title.
//
// Turn ids: c<chapter>-<nn> for speech (nn counts the chapter's speech turns, from 01), and
// <speech id>-note<k> for the notes that follow a speech turn (c<chapter>-00-note<k> before the
// first one). An id depends only on positions inside its own chapter, so editing one chapter
// never changes a URL in another, and adding or removing a note never renumbers speech. A turn
// inserted into a chapter after publication can carry an explicit id ({#c2-03a}) so that no turn
// of that chapter is renumbered either.
import type { Blockquote, FootnoteDefinition, Heading, Paragraph, PhrasingContent, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { ProblemList } from "./content-error.ts";
import { markdownParser, renderBlocks } from "./render-markdown.ts";
import { formatTime, parseTime } from "./times.ts";

export type TurnKind = "speech" | "note";

/** A cue: the words of one line group of a timed transcript (one cue of the file it was imported from). */
export interface ParsedCue {
  startMs: number;
  /** Its own end, else the next cue's start, else its turn's end; null when none is known. */
  endMs: number | null;
  text: string;
  line: number;
}

export interface ParsedTurn {
  turnId: string;
  kind: TurnKind;
  /** Person id; null for editor notes, which are nobody's words. */
  speakerId: string | null;
  /** Whole seconds of startMs (what the reader shows next to the speaker). */
  startSeconds: number | null;
  /** The heading's start, else the first cue's; null when the transcript gives no time. */
  startMs: number | null;
  /** The heading's end, else the last cue's own end. */
  endMs: number | null;
  /** The cues the turn was merged from, in order (empty when it has none). */
  cues: ParsedCue[];
  markdown: string;
  /** Plain text: paragraphs separated by a blank line, note and cue markers removed. */
  text: string;
  html: string;
  line: number;
}

export interface ParsedChapter {
  number: number;
  /** "" for the one chapter of a transcript without '##' headings (the reader shows no heading). */
  title: string;
  startMs: number | null;
  line: number;
  turns: ParsedTurn[];
}

export interface SpeakerDirectory {
  /** Resolves a heading's speaker (participant id or display name) to a person id. */
  resolve(nameOrId: string): string | undefined;
  known(): string[];
}

const CHAPTER_HEADING = /^(\d{1,3})\s+(\S.*)$/;
const EXPLICIT_ID_SUFFIX = /\s+\{#([^}\s]*)\}$/;
/** ` · <start>` or ` · <start>–<end>` at the end of a heading (anything with a colon is checked as a time). */
const TIME_SUFFIX = /^(.*?)\s+·\s+(\d[\d.,]*:[\d:.,]*)(?:\s*[–-]\s*(\d[\d:.,]*))?$/;
/** `[<start>] ` or `[<start>–<end>] ` at the start of a line (`\[..\]` reads the same once parsed). */
const CUE_MARKER = /^\[(\d[\d.,]*:[\d:.,]*)(?:\s*[–-]\s*(\d[\d:.,]*))?\](?=\s|$)[ \t]*/;
const NESTED_CUE_MARKER = /\n\[\d[\d.,]*:[\d:.,]*(?:\s*[–-]\s*\d[\d:.,]*)?\](?=\s|$)/;
/** Explicit ids: c<chapter>-<lowercase letters/digits>, e.g. c2-03a for a turn inserted after c2-03. */
const EXPLICIT_ID = /^c(\d{1,4})-[a-z0-9]+$/;
/** Scripts written without spaces between words: two cue lines of them join with nothing between. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

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

/** What separates two lines of cues joined into one paragraph: nothing between CJK characters, else a space. */
export function cueJoiner(before: string, after: string): string {
  const last = [...before.trimEnd()].at(-1) ?? "";
  const first = [...after.trimStart()][0] ?? "";
  return CJK.test(last) && CJK.test(first) ? "" : " ";
}

interface OpenTurn {
  chapter: ParsedChapter;
  explicitId: string | null;
  speakerId: string;
  startMs: number | null;
  endMs: number | null;
  line: number;
  blocks: RootContent[];
  notes: Array<{ line: number; blocks: RootContent[]; label?: string; written: RootContent }>;
}

export function parseTranscript(
  file: string,
  source: string,
  speakers: SpeakerDirectory,
  problems: ProblemList,
  lineOffset = 0,
): ParsedChapter[] {
  const tree = markdownParser.parse(source);
  let chapters: ParsedChapter[] = [];
  const lineOf = (node: { position?: { start: { line: number } } }) => (node.position?.start.line ?? 1) + lineOffset;
  let chapter: ParsedChapter | undefined;
  /** The chapter without a title of a transcript whose turns come before any '##' heading. */
  let untitled: ParsedChapter | undefined;
  let turn: OpenTurn | undefined;
  let speechCount = 0;
  let sawTitle = false;
  const unknownSpeakers: Record<string, number> = {};
  let skipping = false;
  /** The last turn with a start time, and the last chapter with one: times go forward. */
  let lastTimedTurn: { ms: number; line: number } | undefined;
  let lastTimedChapter: { ms: number; line: number } | undefined;

  const timeAt = (label: string | undefined, line: number, what: string): number | null => {
    if (label === undefined) return null;
    const result = parseTime(label);
    if (result.ok) return result.ms;
    problems.add(file, line, `${what} ${result.message}`);
    return null;
  };
  const pushTurn = (t: ParsedTurn) => chapter?.turns.push(t);
  const openUntitledChapter = (line: number) => {
    chapter = untitled = { number: 1, title: "", startMs: null, line, turns: [] };
    chapters.push(chapter);
    speechCount = 0;
  };

  const closeTurn = () => {
    if (!turn) return;
    const open = turn;
    turn = undefined;
    const spoken = open.blocks.filter((b) => b.type !== "footnoteDefinition");
    if (spoken.length === 0) {
      problems.add(file, open.line, "this turn has no words: add the speaker's paragraphs under the heading, or remove it");
      return;
    }
    // A turn with an explicit id takes no number, so inserting one renumbers nothing.
    if (!open.explicitId) speechCount += 1;
    const turnId = open.explicitId ?? `c${open.chapter.number}-${String(speechCount).padStart(2, "0")}`;
    const { blocks: speech, cues } = extractCues(spoken, { file, problems, lineOf, timeAt });
    const startMs = open.startMs ?? cues[0]?.startMs ?? null;
    const endMs = open.endMs ?? cues.at(-1)?.explicitEndMs ?? null;
    const resolvedCues = resolveCues(cues, open, { file, problems });
    if (startMs !== null) {
      if (lastTimedTurn && startMs < lastTimedTurn.ms) {
        problems.add(
          file,
          open.line,
          `this turn starts at ${formatTime(startMs)}, before the turn on line ${lastTimedTurn.line} (${formatTime(lastTimedTurn.ms)}): turns go in time order`,
        );
      }
      lastTimedTurn = { ms: startMs, line: open.line };
    }
    // Footnote definitions inside the turn are inline editor notes: they become note turns.
    const footnotes = open.blocks.filter((b): b is FootnoteDefinition => b.type === "footnoteDefinition");
    const noteIdByLabel = new Map<string, string>();
    const allNotes: Array<{ line: number; blocks: RootContent[]; label?: string; written: RootContent }> = [
      ...footnotes.map((f) => ({ line: lineOf(f), blocks: f.children, label: f.label ?? f.identifier, written: f })),
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
      startSeconds: startMs === null ? null : Math.floor(startMs / 1000),
      startMs,
      endMs,
      cues: resolvedCues,
      markdown: sliceSource(source, spoken),
      text,
      html: renderBlocks(rendered),
      line: open.line,
    });
    allNotes.forEach((note, index) =>
      pushTurn(noteTurn(`${turnId}-note${index + 1}`, note.blocks, note.line, source, note.written)),
    );
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
        if (untitled) {
          // Reported once; the turns above are dropped so that chapter numbering starts again at 1.
          problems.add(
            file,
            untitled.line,
            `this turn comes before the first chapter heading (line ${lineOf(heading)}): once a transcript has '##' chapter headings, every turn must be inside a chapter; add a '## 01 <title>' heading above it`,
          );
          untitled = undefined;
          chapters = [];
        }
        const match = CHAPTER_HEADING.exec(text);
        const expected = chapters.length + 1;
        if (!match) {
          problems.add(file, lineOf(heading), `chapter heading must be '## <number> <title>', e.g. '## ${String(expected).padStart(2, "0")} 开源与竞争力'; found '## ${text}'`);
          chapter = { number: expected, title: text || "?", startMs: null, line: lineOf(heading), turns: [] };
        } else {
          const number = Number(match[1]);
          // Out of order: reported once; the chapter keeps its position so later ones are not reported too.
          if (number !== expected) problems.add(file, lineOf(heading), `chapter number ${number} is out of order: expected ${expected}`);
          let title = match[2]!.trim();
          let startMs: number | null = null;
          const timed = TIME_SUFFIX.exec(title);
          if (timed) {
            title = timed[1]!.trim();
            startMs = timeAt(timed[2], lineOf(heading), "chapter start time");
            if (timed[3] !== undefined) problems.add(file, lineOf(heading), `a chapter heading gives its start time only ('· ${timed[2]}'); found an end '${timed[3]}'`);
            if (startMs !== null) {
              if (lastTimedChapter && startMs < lastTimedChapter.ms) {
                problems.add(
                  file,
                  lineOf(heading),
                  `chapter ${expected} starts at ${formatTime(startMs)}, before the chapter on line ${lastTimedChapter.line} (${formatTime(lastTimedChapter.ms)}): chapters go in time order`,
                );
              }
              lastTimedChapter = { ms: startMs, line: lineOf(heading) };
            }
          }
          chapter = { number: expected, title, startMs, line: lineOf(heading), turns: [] };
        }
        chapters.push(chapter);
        speechCount = 0;
        continue;
      }
      if (heading.depth === 3) {
        closeTurn();
        if (!chapter) openUntitledChapter(lineOf(heading));
        const current = chapter!;
        const parsed = splitTurnHeading(text);
        const speakerId = speakers.resolve(parsed.name);
        if (!speakerId) {
          const others = text in unknownSpeakers;
          unknownSpeakers[text] = (unknownSpeakers[text] ?? 0) + 1;
          if (!others) problems.add(file, lineOf(heading), `'### ${text}' names no participant of this episode; known speakers: ${speakers.known().join(", ")}`);
          skipping = true; // its paragraphs belong to that (reported) turn: no further problems for them
          continue;
        }
        const startMs = timeAt(parsed.start, lineOf(heading), "start time");
        const endMs = timeAt(parsed.end, lineOf(heading), "end time");
        if (startMs !== null && endMs !== null && endMs < startMs) {
          problems.add(file, lineOf(heading), `this turn ends (${formatTime(endMs)}) before it starts (${formatTime(startMs)})`);
        }
        skipping = false;
        const explicitId = parsed.explicitId;
        if (explicitId !== null) {
          const idMatch = EXPLICIT_ID.exec(explicitId);
          if (!idMatch || Number(idMatch[1]) !== current.number) {
            problems.add(file, lineOf(heading), `turn id '{#${explicitId}}' must look like c${current.number}-03a: 'c', this chapter's number, '-', then lowercase letters and digits`);
          }
        }
        turn = { chapter: current, explicitId, speakerId, startMs, endMs, line: lineOf(heading), blocks: [], notes: [] };
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
      if (!chapter) openUntitledChapter(lineOf(node));
      const current = chapter!;
      if (turn) {
        turn.notes.push({ line: lineOf(node), blocks: (node as Blockquote).children, written: node });
      } else {
        // A note at the start of a chapter, before any speech: c<chapter>-00-note<k>.
        const base = `c${current.number}-00`;
        const noteCount = current.turns.filter((t) => t.turnId.startsWith(`${base}-note`)).length;
        pushTurn(noteTurn(`${base}-note${noteCount + 1}`, (node as Blockquote).children, lineOf(node), source, node));
      }
      continue;
    }
    if (node.type === "thematicBreak" || node.type === "definition" || skipping) continue;
    // Paragraphs, lists, tables, code, footnote definitions: the current turn's content.
    if (!turn) {
      problems.add(
        file,
        lineOf(node),
        chapter && chapter !== untitled
          ? `text with no speaker in chapter ${chapter.number}: start a turn with a '### <speaker>' heading above it, or make it an editor's note with '> '`
          : "text with no speaker: start a turn with a '### <speaker>' heading above it, or make it an editor's note with '> '",
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
  if (chapters.length === 0) {
    problems.add(file, 1, "the transcript has no chapters and no turns: write '### <speaker>' headings with their words under them (optionally inside '## 01 <title>' chapters)");
  }
  for (const c of chapters) {
    if (c.turns.length === 0) problems.add(file, c.line, `chapter ${c.number} has no turns: add '### <speaker>' turns under it or remove it`);
  }
  return chapters;
}

function splitTurnHeading(text: string): { name: string; start?: string; end?: string; explicitId: string | null } {
  let rest = text;
  let explicitId: string | null = null;
  const id = EXPLICIT_ID_SUFFIX.exec(rest);
  if (id) {
    explicitId = id[1]!;
    rest = rest.slice(0, id.index);
  }
  const timed = TIME_SUFFIX.exec(rest);
  if (timed) return { name: timed[1]!.trim(), start: timed[2], end: timed[3], explicitId };
  return { name: rest.trim(), explicitId };
}

interface CueDraft {
  startMs: number;
  explicitEndMs: number | null;
  line: number;
  /** False when the marker's time did not parse (already reported): no further checks. */
  valid: boolean;
  texts: string[];
  /** The hast properties of every span of this cue, filled in once its end is known. */
  spans: Array<Record<string, string>>;
}

interface CueContext {
  file: string;
  problems: ProblemList;
  lineOf: (node: { position?: { start: { line: number } } }) => number;
  timeAt: (label: string | undefined, line: number, what: string) => number | null;
}

type CueToken = { kind: "newline" } | { kind: "marker"; cue: CueDraft } | { kind: "node"; node: PhrasingContent };

/**
 * Finds the cue markers at the starts of lines of a turn's paragraphs. Returns the blocks with each
 * cue's words wrapped in a node that renders as <span data-cue-start data-cue-end> (the markers
 * themselves removed, cue lines joined by a space, or by nothing between CJK characters) and the
 * cues in order. Text after the last marker of a paragraph, or in a later paragraph or list without
 * one, belongs to that cue.
 */
function extractCues(blocks: RootContent[], context: CueContext): { blocks: RootContent[]; cues: CueDraft[] } {
  const cues: CueDraft[] = [];
  let current: CueDraft | null = null;
  let uncuedLine: number | null = null;
  const out = blocks.map((block): RootContent => {
    if (block.type !== "paragraph") {
      if (current) current.texts.push(toString(withoutFootnoteReferences(block)));
      else uncuedLine ??= context.lineOf(block);
      return block;
    }
    const tokens = tokenize(block, context, cues);
    if (!tokens.some((t) => t.kind === "marker")) {
      if (current) current.texts.push(toString(withoutFootnoteReferences(block)));
      else uncuedLine ??= context.lineOf(block);
      return block;
    }
    const segments: Array<{ cue: CueDraft | null; children: PhrasingContent[]; line: number }> = [
      { cue: current, children: [], line: context.lineOf(block) },
    ];
    tokens.forEach((token, index) => {
      if (token.kind === "marker") {
        segments.push({ cue: token.cue, children: [], line: token.cue.line });
        current = token.cue;
        return;
      }
      const segment = segments.at(-1)!;
      if (token.kind === "newline") {
        // The line break before a marker becomes the joiner between two cues.
        if (tokens[index + 1]?.kind !== "marker") segment.children.push({ type: "text", value: "\n" });
        return;
      }
      segment.children.push(token.node);
    });
    const children: PhrasingContent[] = [];
    let previousText = "";
    for (const segment of segments) {
      trimEnd(segment.children);
      if (segment.children.length === 0) {
        if (segment.cue && segment.cue !== segments[0]!.cue) {
          context.problems.add(context.file, segment.line, "this cue has no words: write them after its time, or remove the line");
        }
        continue;
      }
      const segmentText = toString(withoutFootnoteReferences({ type: "paragraph", children: segment.children }));
      if (children.length > 0) children.push({ type: "text", value: cueJoiner(previousText, segmentText) });
      previousText = segmentText;
      if (!segment.cue) {
        uncuedLine ??= segment.line;
        children.push(...segment.children);
        continue;
      }
      segment.cue.texts.push(segmentText);
      const properties: Record<string, string> = {};
      segment.cue.spans.push(properties);
      children.push({ type: "cue", data: { hName: "span", hProperties: properties }, children: segment.children } as unknown as PhrasingContent);
    }
    return { ...block, children } satisfies Paragraph;
  });
  if (cues.length > 0 && uncuedLine !== null) {
    context.problems.add(
      context.file,
      uncuedLine,
      "text before the first cue of a turn with cue times: start it with a '[H:MM:SS] ' marker, or move it into a turn of its own",
    );
  }
  return { blocks: out, cues };
}

function tokenize(paragraph: Paragraph, context: CueContext, cues: CueDraft[]): CueToken[] {
  const tokens: CueToken[] = [];
  let atLineStart = true;
  for (const child of paragraph.children) {
    if (child.type !== "text") {
      if (child.type !== "break" && NESTED_CUE_MARKER.test(toString(child))) {
        context.problems.add(
          context.file,
          context.lineOf(child),
          "a cue time inside formatting (emphasis, a link…): close the formatting at the end of the line before the cue",
        );
      }
      tokens.push({ kind: "node", node: child });
      atLineStart = child.type === "break";
      continue;
    }
    const firstLine = context.lineOf(child);
    child.value.split("\n").forEach((piece, index) => {
      if (index > 0) {
        tokens.push({ kind: "newline" });
        atLineStart = true;
      }
      let rest = piece;
      const marker = atLineStart ? CUE_MARKER.exec(piece) : null;
      if (marker) {
        const line = firstLine + index;
        const startMs = context.timeAt(marker[1], line, "cue time");
        const endMs = context.timeAt(marker[2], line, "cue end time");
        const previous = cues.at(-1);
        const cue: CueDraft = {
          startMs: startMs ?? previous?.startMs ?? 0,
          explicitEndMs: endMs,
          line,
          valid: startMs !== null && (marker[2] === undefined || endMs !== null),
          texts: [],
          spans: [],
        };
        cues.push(cue);
        tokens.push({ kind: "marker", cue });
        rest = piece.slice(marker[0].length);
      }
      if (rest !== "") {
        tokens.push({ kind: "node", node: { type: "text", value: rest } });
        atLineStart = false;
      }
    });
  }
  return tokens;
}

function trimEnd(children: PhrasingContent[]): void {
  while (children.length > 0) {
    const last = children.at(-1)!;
    if (last.type !== "text") return;
    const trimmed = last.value.trimEnd();
    if (trimmed !== "") {
      children[children.length - 1] = { ...last, value: trimmed };
      return;
    }
    children.pop();
  }
}

/** Checks the cues' order and bounds, gives each its end, and writes the times onto its spans. */
function resolveCues(cues: CueDraft[], turn: OpenTurn, context: { file: string; problems: ProblemList }): ParsedCue[] {
  const { file, problems } = context;
  const resolved: ParsedCue[] = [];
  cues.forEach((cue, index) => {
    const previous = cues[index - 1];
    const next = cues[index + 1];
    if (cue.valid) {
      if (cue.explicitEndMs !== null && cue.explicitEndMs < cue.startMs) {
        problems.add(file, cue.line, `this cue ends (${formatTime(cue.explicitEndMs)}) before it starts (${formatTime(cue.startMs)})`);
      }
      if (previous?.valid && cue.startMs < previous.startMs) {
        problems.add(
          file,
          cue.line,
          `cue at ${formatTime(cue.startMs)} starts before the cue above it (${formatTime(previous.startMs)}, line ${previous.line}): cues go in time order`,
        );
      }
      if (turn.startMs !== null && cue.startMs < turn.startMs) {
        problems.add(file, cue.line, `cue at ${formatTime(cue.startMs)} starts before its turn (${formatTime(turn.startMs)}, line ${turn.line})`);
      }
      const last = cue.explicitEndMs ?? cue.startMs;
      if (turn.endMs !== null && last > turn.endMs) {
        problems.add(file, cue.line, `cue at ${formatTime(cue.startMs)} runs past the end of its turn (${formatTime(turn.endMs)}, line ${turn.line})`);
      }
    }
    const endMs = cue.explicitEndMs ?? next?.startMs ?? turn.endMs;
    const text = cue.texts.reduce((joined, part) => (joined === "" ? part : joined + cueJoiner(joined, part) + part), "");
    for (const span of cue.spans) {
      span.dataCueStart = String(cue.startMs / 1000);
      if (endMs !== null) span.dataCueEnd = String(endMs / 1000);
    }
    resolved.push({ startMs: cue.startMs, endMs, text, line: cue.line });
  });
  return resolved;
}

/**
 * An editor's note turn. Its markdown is the note as written — the whole blockquote (`> …`) or
 * footnote definition (`[^label]: …`) — so that an export can write it back as it was.
 */
function noteTurn(turnId: string, blocks: RootContent[], line: number, source: string, written: RootContent): ParsedTurn {
  return {
    turnId,
    kind: "note",
    speakerId: null,
    startSeconds: null,
    startMs: null,
    endMs: null,
    cues: [],
    markdown: sliceSource(source, [written]),
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
    // A language-neutral marker (the note's number); the reader's interface names it ("编者注 1",
    // "Editor's note 1") when the page is rendered, so no interface language is stored in content.
    const number = /-note(\d+)$/.exec(target)?.[1] ?? "1";
    return { type: "link", url: `#${target}`, data: { hProperties: { dataNoteRef: "" } }, children: [{ type: "text", value: number }] };
  }
  if (!("children" in node)) return node;
  return {
    ...node,
    children: (node.children as RootContent[]).map((c) => linkFootnoteReferences(c, noteIds, file, problems, lineOf)),
  } as RootContent;
}
