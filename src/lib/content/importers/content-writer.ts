// The one writer: an EpisodeDraft → the content format (content/README.md), every format's
// importer ends here. Markdown is produced by mdast-util-to-markdown, so text is escaped where
// Markdown would read it as syntax. Times (content/README.md, "Times, audio and where an episode
// came from"):
//   ## 02 Why channels need Taproot · 00:12:04            a chapter's start
//   ### Alice Smith · 00:12:04.500–00:13:10.000          a turn's start and end
//   [00:12:04.500] So the first thing to know is         a cue per line; it runs to the next
//   [00:12:07.250–00:12:09.000] that channels …          cue's start (or the turn's end) unless
//                                                       it writes its own end
// A transcript with one untitled chapter has no `##` heading at all.
import { toMarkdown } from "mdast-util-to-markdown";
import { gfmFootnoteToMarkdown } from "mdast-util-gfm-footnote";
import type { BlockContent, Paragraph, PhrasingContent, RootContent } from "mdast";
import { stringify as toYaml } from "yaml";
import { formatClock } from "./time.ts";
import { joinText } from "./text.ts";
import type { DraftCue, DraftPerson, DraftTurn, EpisodeDraft } from "./draft.ts";

export interface ContentFiles {
  episodeMd: string;
  transcriptMd: string;
  peopleMd: Array<{ id: string; markdown: string }>;
  showMd: { id: string; markdown: string };
}

/** Stands for a cue marker while toMarkdown escapes the text around it (private-use characters are never syntax). */
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
const PLACEHOLDER = new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, "g");
/** A line of text that would read as a cue marker once its `\[` is unescaped: its bracket becomes a character reference. */
const MARKER_LOOKALIKE = /^\\\[(?=\s*\d{1,3}:\d{1,2})/gm;

function textParagraph(text: string): Paragraph {
  return { type: "paragraph", children: [{ type: "text", value: text }] };
}

function escapeParagraph(text: string): string {
  return toMarkdown({ type: "root", children: [textParagraph(text) as BlockContent] }).trim();
}

export function writeContentFiles(draft: EpisodeDraft): ContentFiles {
  const fraction = draft.precision === "ms" ? "always" : "auto";
  const clock = (ms: number) => formatClock(ms, fraction);
  const range = (start: number | null, end: number | null) =>
    start === null ? "" : end === null || end === start ? clock(start) : `${clock(start)}–${clock(end)}`;

  // episode.md
  const frontMatter = {
    title: draft.title,
    show: draft.show.id,
    publishedAt: draft.publishedAt,
    language: draft.language,
    ...(draft.audio ? { audio: { ...draft.audio } } : {}),
    source: {
      name: draft.source.name,
      ...(draft.source.url ? { url: draft.source.url } : {}),
      ...(draft.source.licence ? { licence: draft.source.licence } : {}),
      ...(draft.source.note ? { note: draft.source.note } : {}),
    },
    ...(draft.imported ? { imported: { ...draft.imported } } : {}),
    participants: draft.participants.map((p) => ({ id: p.id, role: p.role, ...(p.intro ? { intro: p.intro } : {}) })),
    ...(draft.contents.length ? { contents: draft.contents } : {}),
    ...(draft.editorial.length ? { editorial: draft.editorial.join("\n") } : {}),
  };
  const summary = draft.summary.map(escapeParagraph).join("\n\n");
  const episodeMd = `---\n${toYaml(frontMatter, { lineWidth: 0 })}---\n${summary ? `\n${summary}\n` : ""}`;

  // transcript.md
  const markers: string[] = [];
  const blocks: RootContent[] = [{ type: "heading", depth: 1, children: [{ type: "text", value: draft.title }] }];
  draft.chapters.forEach((chapter, index) => {
    if (chapter.title !== null) {
      const number = String(index + 1).padStart(2, "0");
      const stamp = chapter.start === null ? "" : ` · ${clock(chapter.start)}`;
      blocks.push({ type: "heading", depth: 2, children: [{ type: "text", value: `${number} ${chapter.title}${stamp}` }] });
    }
    for (const note of chapter.leadingNotes) blocks.push({ type: "blockquote", children: note.map(textParagraph) });
    let noteCount = 0;
    for (const turn of chapter.turns) {
      const stamp = turn.start === null ? "" : ` · ${range(turn.start, turn.end)}`;
      blocks.push({ type: "heading", depth: 3, children: [{ type: "text", value: `${turn.heading}${stamp}` }] });
      const definitions: RootContent[] = [];
      const cues = turn.paragraphs.flatMap((p) => p.cues);
      let cueIndex = 0;
      for (const paragraph of turn.paragraphs) {
        if (paragraph.inlineNotes?.length) {
          // An untimed paragraph with inline notes (the seed's `(更新:…)`): footnotes at their places.
          const text = paragraph.cues.map((c) => c.text).join(" ");
          const children: PhrasingContent[] = [];
          let last = 0;
          for (const note of paragraph.inlineNotes) {
            noteCount += 1;
            const label = `c${index + 1}-${noteCount}`;
            children.push({ type: "text", value: text.slice(last, note.at) });
            children.push({ type: "footnoteReference", identifier: label, label });
            definitions.push({ type: "footnoteDefinition", identifier: label, label, children: [textParagraph(note.text)] });
            last = note.at;
          }
          children.push({ type: "text", value: text.slice(last) });
          blocks.push({ type: "paragraph", children: children.filter((c) => c.type !== "text" || c.value !== "") });
          cueIndex += paragraph.cues.length;
          continue;
        }
        blocks.push({ type: "paragraph", children: [{ type: "text", value: cueLines(paragraph.cues, cues, cueIndex, turn, markers, clock) }] });
        cueIndex += paragraph.cues.length;
      }
      blocks.push(...definitions);
      for (const note of turn.notes) blocks.push({ type: "blockquote", children: note.map(textParagraph) });
    }
  });
  const transcriptMd = toMarkdown({ type: "root", children: blocks }, { extensions: [gfmFootnoteToMarkdown()], bullet: "-" })
    .replace(MARKER_LOOKALIKE, "&#91;")
    .replace(PLACEHOLDER, (_, i: string) => markers[Number(i)]!);

  const peopleMd = draft.participants.map((person) => ({ id: person.id, markdown: personMarkdown(person) }));
  const showFront = {
    name: draft.show.name,
    ...(draft.show.url ? { url: draft.show.url } : {}),
    ...(draft.show.author ? { author: draft.show.author } : {}),
    ...(draft.show.image ? { image: draft.show.image } : {}),
  };
  const showBody = (draft.show.description ?? []).map(escapeParagraph).join("\n\n");
  const showMd = { id: draft.show.id, markdown: `---\n${toYaml(showFront, { lineWidth: 0 })}---\n${showBody ? `\n${showBody}\n` : ""}` };
  return { episodeMd, transcriptMd, peopleMd, showMd };
}

/**
 * One paragraph's cues as lines `[start] text` (`[start–end] text` when the cue ends before the
 * next one starts, or after the turn's end). A cue without a time continues the line before it.
 */
function cueLines(
  paragraph: DraftCue[],
  turnCues: DraftCue[],
  firstIndex: number,
  turn: DraftTurn,
  markers: string[],
  clock: (ms: number) => string,
): string {
  const lines: string[][] = [];
  const nextStarts = nextTimedStarts(turnCues);
  paragraph.forEach((cue, offset) => {
    const index = firstIndex + offset;
    if (cue.start === null) {
      if (lines.length === 0) lines.push([]);
      lines.at(-1)!.push(cue.text);
      return;
    }
    const impliedEnd = nextStarts[index] ?? turn.end;
    const marker = cue.end !== null && cue.end !== impliedEnd ? `[${clock(cue.start)}–${clock(cue.end)}]` : `[${clock(cue.start)}]`;
    markers.push(marker);
    lines.push([`${MARK_OPEN}${markers.length - 1}${MARK_CLOSE} ${cue.text}`]);
  });
  return lines.map((pieces) => joinText(pieces)).join("\n");
}

const nextStartsCache = new WeakMap<DraftCue[], Array<number | null>>();

/** For each cue of a turn, the start of the next cue with a time (null for none): computed once per turn. */
function nextTimedStarts(cues: DraftCue[]): Array<number | null> {
  let starts = nextStartsCache.get(cues);
  if (!starts) {
    starts = new Array<number | null>(cues.length).fill(null);
    let next: number | null = null;
    for (let i = cues.length - 1; i >= 0; i--) {
      starts[i] = next;
      if (cues[i]!.start !== null) next = cues[i]!.start;
    }
    nextStartsCache.set(cues, starts);
  }
  return starts;
}

function personMarkdown(person: DraftPerson): string {
  const fm = { name: person.name, ...(person.affiliation ? { affiliation: person.affiliation } : {}) };
  const bio = person.bio ?? "";
  return `---\n${toYaml(fm, { lineWidth: 0 })}---\n\n${bio ? escapeParagraph(bio) + "\n" : ""}`;
}
