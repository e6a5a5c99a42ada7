// Marks ranges of a turn's plain text inside the turn's HTML, so that a highlighted turn keeps its
// links, emphasis and cue spans (data-cue-start: the listen-along player follows them) instead of
// being shown as plain text. Ranges are offsets into the turn's text (what search and the find box
// match on); the text is the HTML's text content up to whitespace, so offsets are carried over by
// walking both, skipping whitespace that only one of them has. A match that crosses an element
// boundary (half in a link) becomes one <mark> per piece; only the first carries the id.
// Pure; returns null when the text does not line up with the HTML (the caller shows plain text).
import { DomUtils, parseDocument } from "htmlparser2";
import type { Range } from "../search/highlight";
import { MARK_CLASS } from "./mark-class";

type Node = ReturnType<typeof parseDocument>["children"][number];
type TextNode = Extract<Node, { type: "text" }>;

const isSpace = (c: string) => /\s/.test(c);

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Offsets in `text` (0..length) to offsets in `dom`, or null when they do not line up. */
function align(text: string, dom: string): Int32Array | null {
  const map = new Int32Array(text.length + 1);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    while (j < dom.length && dom[j] !== c && isSpace(dom[j]!)) j++;
    if (j < dom.length && dom[j] === c) map[i] = j++;
    else if (isSpace(c)) map[i] = j;
    else return null;
  }
  map[text.length] = j;
  return map;
}

export function markRangesInHtml(
  html: string,
  text: string,
  ranges: readonly Range[],
  options: { idPrefix?: string; firstId?: number } = {},
): string | null {
  const document = parseDocument(html, { decodeEntities: true });
  const texts = DomUtils.filter((node) => node.type === "text", document.children, true) as TextNode[];
  const dom = texts.map((node) => node.data).join("");
  const map = align(text, dom);
  if (!map) return null;
  // Each range in DOM offsets, with the number of its mark.
  const marks = ranges
    .map(([start, end], index) => ({
      start: map[start]!,
      end: end > start ? map[end - 1]! + 1 : map[start]!,
      n: index + (options.firstId ?? 1),
    }))
    .filter((range) => range.end > range.start);
  const labelled = new Set<number>();
  let offset = 0;
  for (const node of texts) {
    const from = offset;
    const to = offset + node.data.length;
    offset = to;
    const inside = marks.filter((m) => m.start < to && m.end > from);
    if (inside.length === 0) continue;
    let piecesHtml = "";
    let at = from;
    for (const m of inside) {
      const start = Math.max(m.start, from);
      const end = Math.min(m.end, to);
      if (start > at) piecesHtml += escapeText(dom.slice(at, start));
      const id = options.idPrefix && !labelled.has(m.n) ? ` id="${escapeAttribute(`${options.idPrefix}${m.n}`)}"` : "";
      labelled.add(m.n);
      piecesHtml += `<mark${id} class="${MARK_CLASS}">${escapeText(dom.slice(start, end))}</mark>`;
      at = end;
    }
    if (at < to) piecesHtml += escapeText(dom.slice(at, to));
    // (A copy: prepend() takes each piece out of the document it was parsed into.)
    for (const piece of [...parseDocument(piecesHtml, { decodeEntities: true }).children]) DomUtils.prepend(node, piece);
    DomUtils.removeElement(node);
  }
  return DomUtils.getInnerHTML(document, { encodeEntities: "utf8" });
}
