// Podcasting 2.0 HTML transcripts (pc20-spec-transcripts.md, "HTML"):
//   <cite>Kevin:</cite> <time>0:00</time> <p>We have an update planned…</p>
// A <cite> names the speaker of the paragraphs after it (its trailing colon, as real files write
// it, is dropped); a <time> gives the start of the next paragraph; each <p> is a cue and a
// paragraph. Pages that name speakers inside the paragraph instead (<p><b>Kevin:</b> …</p> or
// <p>Kevin: …</p>) are read too. Entities are decoded; <script>, <style> and <head> are ignored.
import { parseDocument } from "htmlparser2";
import type { AnyNode, Element } from "domhandler";
import { splitSpeakerPrefix } from "./speaker-label.ts";
import { parseClock } from "./time.ts";
import { lineLocator } from "./text.ts";
import { collapseSpace, emptyTranscript, ImportError, type Cue, type ParsedTranscript, type SourceText, type TranscriptFormat } from "./types.ts";

function textOf(node: AnyNode): string {
  if (node.type === "text") return (node as unknown as { data: string }).data;
  if (node.type === "tag" || node.type === "root") {
    const element = node as Element;
    if (element.name === "br") return "\n";
    return element.children.map(textOf).join("");
  }
  return "";
}

const SKIP = new Set(["script", "style", "head", "title", "template", "noscript"]);

export function parsePodcastingHtml(source: SourceText): ParsedTranscript {
  const result = emptyTranscript("podcasting-html", "explicit", "s");
  const doc = parseDocument(source.text, { withStartIndices: true, decodeEntities: true });
  const lineOf = lineLocator(source.text);
  const cues: Cue[] = [];
  let speaker: string | null = null;
  let time: number | null = null;
  let sawCite = false;
  const walk = (node: AnyNode) => {
    if (node.type !== "tag" && node.type !== "root") return;
    const element = node as Element;
    const name = node.type === "root" ? "" : element.name.toLowerCase();
    if (SKIP.has(name)) return;
    const line = lineOf(element.startIndex ?? 0);
    if (name === "cite") {
      const label = collapseSpace(textOf(element)).replace(/\s*[:：]$/, "");
      if (!label) throw new ImportError(line, "a <cite> without a speaker's name");
      speaker = label;
      sawCite = true;
      return;
    }
    if (name === "time") {
      const label = collapseSpace(textOf(element)) || element.attribs.datetime || "";
      const ms = parseClock(label);
      if (ms === null) throw new ImportError(line, `cannot read the time '${label.slice(0, 30)}': expected 'M:SS', 'MM:SS' or 'H:MM:SS'`);
      time = ms;
      return;
    }
    if (name === "p") {
      let text = collapseSpace(textOf(element));
      if (!text) return;
      let label: string | null = null;
      if (!sawCite) {
        const prefix = splitSpeakerPrefix(text);
        if (prefix?.rest) {
          label = prefix.label;
          text = prefix.rest;
        }
      }
      cues.push({ speaker: label ?? speaker, start: time, end: null, text, line, paragraph: true });
      speaker = null;
      time = null;
      return;
    }
    element.children.forEach(walk);
  };
  walk(doc as unknown as AnyNode);
  result.cues = cues;
  return result;
}

export const podcastingHtml: TranscriptFormat = {
  name: "podcasting-html",
  description: "Podcasting 2.0 HTML: <cite>Name:</cite> <time>0:00</time> <p>…</p>",
  detect: ({ text }) => /<(?:cite|p|html|body)\b[^>]*>/i.test(text) && !/^\s*(?:<\?xml[^>]*>\s*)?<rss\b/i.test(text),
  parse: parsePodcastingHtml,
};
