// A catalogue message with one argument, formatted once and then filled in by string work. A page
// of 2,000 turns formats "Play from {time}" and "Copy the link to turn {id}" 2,000 times each, and
// each ICU formatting with an argument built a new message formatter (~50 ms a page each; issue 12).
// Only for arguments that are put in as they are ({time}, {id}): the message is formatted once with
// a marker in the argument's place; if the marker does not come out exactly once (a plural or a
// select on the argument), every value is formatted as before.

const MARKER = "\u{F8FF}\u{E000}";

export function messageTemplate(format: (value: string) => string): (value: string) => string {
  const pattern = format(MARKER);
  const at = pattern.indexOf(MARKER);
  if (at < 0 || pattern.indexOf(MARKER, at + MARKER.length) >= 0) return format;
  const before = pattern.slice(0, at);
  const after = pattern.slice(at + MARKER.length);
  return (value) => before + value + after;
}
