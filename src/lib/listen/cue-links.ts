// A timed turn's cues as places to play from. The ingest renders each cue's words as
// <span data-cue-start="724.5" data-cue-end="727.25"> (sanitised HTML: text never holds a raw "<",
// attribute values never a raw quote, so the pattern below only ever meets real tags). On a page
// with a player, each cue gets a link before its words: `<a class="cue-time" href="…" data-seek="724.5">12:04</a>`,
// an ordinary link to ?t= without JavaScript, a seek with it. A cue whose words the formatting
// split into several spans gets one link, before the first. Pure string work; the href is escaped.
import { formatClock } from "../content/times";

const CUE_SPAN = /<span data-cue-start="(\d+(?:\.\d+)?)"/g;

export function withCueTimeLinks(html: string, href: (start: number) => string): string {
  if (!html.includes("data-cue-start")) return html;
  let last: string | null = null;
  return html.replace(CUE_SPAN, (span: string, start: string) => {
    if (start === last) return span;
    last = start;
    const seconds = Number(start);
    return `<a class="cue-time" href="${escapeAttribute(href(seconds))}" data-seek="${start}">${formatClock(seconds * 1000)}</a>${span}`;
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
