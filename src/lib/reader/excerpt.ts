/** The start of a text, on one line, cut at `length` characters (not UTF-16 units) with an ellipsis. */
export function excerpt(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > length ? `${chars.slice(0, length).join("")}…` : flat;
}
