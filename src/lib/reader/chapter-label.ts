// How a chapter is named where a page needs a label for it. A transcript without chapter headings
// is one chapter without a title: the reader shows no heading for it, and labels call it by the
// catalogue's Common.untitledChapter (全文 / Full transcript).

/** "03 Title", or the given label for an untitled chapter. */
export function chapterLabel(chapter: { number: number; title: string }, untitled: string): string {
  return chapter.title ? `${String(chapter.number).padStart(2, "0")} ${chapter.title}` : untitled;
}
