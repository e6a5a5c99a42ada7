import type { Range } from "@/lib/search/highlight";
import { MARK_CLASS } from "@/lib/reader/mark-class";

/** Text with its matched ranges wrapped in <mark>: React nodes, never an HTML string. */
export function HighlightedText({
  text,
  ranges,
  idPrefix,
  firstId = 1,
}: {
  text: string;
  ranges: Range[];
  /** Marks get ids `${idPrefix}${n}`, numbered from `firstId`. */
  idPrefix?: string;
  firstId?: number;
}) {
  const nodes: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], index) => {
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(
      <mark key={start} id={idPrefix ? `${idPrefix}${index + firstId}` : undefined} className={MARK_CLASS}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) nodes.push(text.slice(at));
  return <>{nodes}</>;
}
