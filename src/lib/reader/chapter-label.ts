// How a chapter is named where a page needs a label for it. A transcript without chapter headings
// is one chapter without a title: the reader shows no heading for it, and labels call it 全文.

/** The label of the one chapter of a transcript without chapter headings. */
export const UNTITLED_CHAPTER_LABEL = "全文";

/** "03 Title", or 全文 for an untitled chapter. */
export function chapterLabel(chapter: { number: number; title: string }): string {
  return chapter.title ? `${String(chapter.number).padStart(2, "0")} ${chapter.title}` : UNTITLED_CHAPTER_LABEL;
}
