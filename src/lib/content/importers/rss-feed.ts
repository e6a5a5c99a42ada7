// A podcast's RSS feed (RSS 2.0 with the iTunes and Podcasting 2.0 namespaces), read for
// `npm run import -- feed.xml --feed`:
//   channel: title, itunes:author (or managingEditor), itunes:image / image/url, description
//            (or itunes:summary), link, language, podcast:person
//   item:    title, guid, pubDate, description (HTML → paragraphs), enclosure (url, type),
//            itunes:duration, podcast:person (role, group), podcast:transcript (url, type,
//            language, rel), podcast:chapters (url, type)
// Item people replace the channel's (pc20-spec-tag-person.md). htmlparser2 in XML mode reads
// the feed; a feed that is not well-formed enough to find a channel is an error.
import { parseDocument } from "htmlparser2";
import type { AnyNode, Element } from "domhandler";
import { parseClock } from "./time.ts";
import { lineLocator } from "./text.ts";
import { collapseSpace, ImportError, type Audio, type Role, type SpeakerInfo } from "./types.ts";

export interface FeedLink {
  url: string;
  type: string | null;
  language: string | null;
  rel: string | null;
}

export interface FeedPerson extends SpeakerInfo {
  group: string;
  rawRole: string;
}

export interface FeedItem {
  /** 1-based position in the feed. */
  index: number;
  line: number;
  guid: string | null;
  title: string;
  date: string | null;
  description: string[];
  audio: Audio | null;
  people: FeedPerson[];
  transcripts: FeedLink[];
  chapters: FeedLink | null;
  language: string | null;
}

export interface Feed {
  title: string;
  author: string | null;
  image: string | null;
  description: string[];
  link: string | null;
  language: string | null;
  people: FeedPerson[];
  items: FeedItem[];
}

const children = (element: Element, name: string): Element[] =>
  element.children.filter((c): c is Element => c.type === "tag" && (c as Element).name.toLowerCase() === name);
const child = (element: Element, name: string): Element | undefined => children(element, name)[0];

function textOf(node: AnyNode): string {
  if (node.type === "text" || node.type === "cdata") {
    if (node.type === "cdata") return (node as unknown as { children: AnyNode[] }).children.map(textOf).join("");
    return (node as unknown as { data: string }).data;
  }
  if (node.type === "tag") return (node as Element).children.map(textOf).join("");
  return "";
}

const valueOf = (element: Element | undefined): string | null => {
  if (!element) return null;
  const text = collapseSpace(textOf(element));
  return text || null;
};

const BLOCK = new Set(["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table", "section"]);

/** An HTML fragment (a feed's description) → paragraphs of plain text. */
export function htmlToParagraphs(html: string): string[] {
  const doc = parseDocument(html, { decodeEntities: true });
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const text = collapseSpace(current);
    if (text) paragraphs.push(text);
    current = "";
  };
  const walk = (node: AnyNode) => {
    if (node.type === "text") current += (node as unknown as { data: string }).data;
    else if (node.type === "tag" || node.type === "root") {
      const element = node as Element;
      const name = node.type === "tag" ? element.name.toLowerCase() : "";
      if (name === "script" || name === "style") return;
      if (name === "br") {
        flush();
        return;
      }
      const block = BLOCK.has(name);
      if (block) flush();
      element.children.forEach(walk);
      if (block) flush();
    }
  };
  walk(doc as unknown as AnyNode);
  flush();
  return paragraphs;
}

/** `3725`, `1:02:05`, `62:05` → seconds. */
export function parseDuration(text: string | null): number | undefined {
  if (!text) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text.trim())) return Number(text.trim());
  const ms = parseClock(text);
  return ms === null ? undefined : ms / 1000;
}

const ROLES: Record<string, Role> = { host: "host", "co-host": "co-host", cohost: "co-host", guest: "guest" };

function readPeople(parent: Element): FeedPerson[] {
  const people: FeedPerson[] = [];
  for (const person of children(parent, "podcast:person")) {
    const name = valueOf(person);
    if (!name) continue; // the spec says a person is never blank; real feeds have empty ones
    const rawRole = (person.attribs.role ?? "host").trim().toLowerCase();
    people.push({ name, role: ROLES[rawRole] ?? "other", group: (person.attribs.group ?? "cast").trim().toLowerCase(), rawRole });
  }
  return people;
}

function rfc822Date(text: string | null): string | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export function parseFeed(xml: string): Feed {
  const doc = parseDocument(xml, { xmlMode: true, withStartIndices: true, decodeEntities: true });
  const lineOf = lineLocator(xml);
  const find = (nodes: AnyNode[], name: string): Element | undefined => {
    for (const node of nodes) {
      if (node.type !== "tag") continue;
      const element = node as Element;
      if (element.name.toLowerCase() === name) return element;
      const inner = find(element.children, name);
      if (inner) return inner;
    }
    return undefined;
  };
  const channel = find(doc.children, "channel");
  if (!channel) throw new ImportError(1, "not an RSS feed: no <channel> element");
  const title = valueOf(child(channel, "title"));
  if (!title) throw new ImportError(lineOf(channel.startIndex ?? 0), "the feed's <channel> has no <title>");
  const itunesImage = child(channel, "itunes:image")?.attribs.href ?? null;
  const image = itunesImage ?? valueOf(child(child(channel, "image") ?? channel, "url"));
  const author = valueOf(child(channel, "itunes:author")) ?? valueOf(child(channel, "managingeditor"))?.replace(/^.*\((.*)\)\s*$/, "$1") ?? null;
  const descriptionHtml = valueOf(child(channel, "description")) ?? valueOf(child(channel, "itunes:summary"));
  const channelPeople = readPeople(channel);
  const channelLanguage = valueOf(child(channel, "language"));

  const items: FeedItem[] = children(channel, "item").map((item, i) => {
    const line = lineOf(item.startIndex ?? 0);
    const itemTitle = valueOf(child(item, "title")) ?? valueOf(child(item, "itunes:title"));
    if (!itemTitle) throw new ImportError(line, `item ${i + 1} has no <title>`);
    const enclosure = child(item, "enclosure");
    const duration = parseDuration(valueOf(child(item, "itunes:duration")));
    const audio: Audio | null =
      enclosure?.attribs.url && /^https?:\/\//.test(enclosure.attribs.url)
        ? { url: enclosure.attribs.url, ...(enclosure.attribs.type ? { type: enclosure.attribs.type } : {}), ...(duration !== undefined ? { duration } : {}) }
        : null;
    const people = readPeople(item);
    const links = (name: string): FeedLink[] =>
      children(item, name)
        .filter((e) => e.attribs.url)
        .map((e) => ({ url: e.attribs.url!.trim(), type: e.attribs.type ?? null, language: e.attribs.language ?? null, rel: e.attribs.rel ?? null }));
    const description = valueOf(child(item, "description")) ?? valueOf(child(item, "content:encoded")) ?? valueOf(child(item, "itunes:summary"));
    return {
      index: i + 1,
      line,
      guid: valueOf(child(item, "guid")),
      title: itemTitle,
      date: rfc822Date(valueOf(child(item, "pubdate"))),
      description: description ? htmlToParagraphs(description) : [],
      audio,
      people: people.length ? people : channelPeople,
      transcripts: links("podcast:transcript"),
      chapters: links("podcast:chapters")[0] ?? null,
      language: channelLanguage,
    };
  });
  return {
    title,
    author,
    image,
    description: descriptionHtml ? htmlToParagraphs(descriptionHtml) : [],
    link: valueOf(child(channel, "link")),
    language: channelLanguage,
    people: channelPeople,
    items,
  };
}

/** Transcript formats in the order the importer prefers them, by MIME type (WebVTT carries the most). */
const PREFERENCE = ["text/vtt", "application/json", "application/x-subrip", "application/srt", "text/srt", "text/html", "text/plain"];

export function preferredTranscripts(links: FeedLink[]): FeedLink[] {
  const rank = (link: FeedLink) => {
    const index = PREFERENCE.indexOf((link.type ?? "").toLowerCase().split(";")[0]!.trim());
    return index === -1 ? PREFERENCE.length : index;
  };
  return [...links].sort((a, b) => rank(a) - rank(b));
}
