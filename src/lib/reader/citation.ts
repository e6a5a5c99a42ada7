/**
 * A quote as text with its citation: “…” — Xuezhi Wang, OnBoard!, 2023, ch. 1. The citation is a
 * fixed bibliographic format (the same whatever the interface language), not interface text.
 */
export function quoteCitation(
  quote: { text: string; speakerName: string | null; showName: string; publishedAt: string; chapter: number },
  url?: string,
): string {
  const who = quote.speakerName ?? "editor's note";
  const citation = `“${quote.text}” — ${who}, ${quote.showName}, ${quote.publishedAt.slice(0, 4)}, ch. ${quote.chapter}`;
  return url ? `${citation}\n${url}` : citation;
}
