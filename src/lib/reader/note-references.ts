// Turn HTML is stored language-neutral: a speech turn links to its editor's note with
// <a href="#c6-05-note1" data-note-ref="">1</a> (made by the parser; Markdown cannot write that
// attribute). When a page renders, the marker gets its name in the reader's interface language.
// Pure string work on HTML the ingest produced and sanitised; the label is escaped.

const NOTE_REF = /<a href="#([^"<>]*?-note(\d+))" data-note-ref="">/g;

export function labelNoteReferences(html: string, label: (n: number) => string): string {
  if (!html.includes("data-note-ref")) return html;
  return html.replace(NOTE_REF, (_, target: string, n: string) => {
    const name = escapeAttribute(label(Number(n)));
    return `<a href="#${target}" data-note-ref="" aria-label="${name}" title="${name}">`;
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
