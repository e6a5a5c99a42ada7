/** A quote as text with its citation: “…” — Xuezhi Wang, OnBoard!, 2023, ch. 1 */
export function quoteCitation(
  quote: { text: string; speakerName: string | null; showName: string; publishedAt: string; chapter: number },
  url?: string,
): string {
  const who = quote.speakerName ?? "编者注";
  const citation = `“${quote.text}” — ${who}, ${quote.showName}, ${quote.publishedAt.slice(0, 4)}, ch. ${quote.chapter}`;
  return url ? `${citation}\n${url}` : citation;
}
