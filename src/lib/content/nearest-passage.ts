/** Collapses runs of whitespace so that line wrapping never decides whether a quote matches. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The substring of `text` closest to `needle` by edit distance (Sellers' approximate
 * substring match, O(|needle|·|text|)). Used to show an editor what a failed quote nearly matched.
 */
export function nearestPassage(needle: string, text: string): { passage: string; distance: number } {
  const m = needle.length;
  const n = text.length;
  let previous = new Array<number>(n + 1).fill(0);
  let previousStart = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const current = new Array<number>(n + 1);
    const currentStart = new Array<number>(n + 1);
    current[0] = i;
    currentStart[0] = 0;
    for (let j = 1; j <= n; j++) {
      const substitute = previous[j - 1]! + (needle[i - 1] === text[j - 1] ? 0 : 1);
      const remove = previous[j]! + 1;
      const insert = current[j - 1]! + 1;
      if (substitute <= remove && substitute <= insert) {
        current[j] = substitute;
        currentStart[j] = previousStart[j - 1]!;
      } else if (remove <= insert) {
        current[j] = remove;
        currentStart[j] = previousStart[j]!;
      } else {
        current[j] = insert;
        currentStart[j] = currentStart[j - 1]!;
      }
    }
    previous = current;
    previousStart = currentStart;
  }
  let bestEnd = 0;
  for (let j = 1; j <= n; j++) if (previous[j]! < previous[bestEnd]!) bestEnd = j;
  return { passage: text.slice(previousStart[bestEnd], bestEnd), distance: previous[bestEnd]! };
}
