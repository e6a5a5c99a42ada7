// Small text helpers shared by the format parsers.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/**
 * Joins pieces of one run of speech (caption lines, cues of a paragraph) the way the content
 * format reads cue lines back: with a space, or with nothing between two CJK characters.
 */
export function joinText(pieces: string[]): string {
  let out = "";
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    if (out && !(isCjk(out.at(-1)) && isCjk(piece[0]))) out += " ";
    out += piece;
  }
  return out;
}

/** Whether a piece of speech ends a sentence (for paragraph breaks and grouping words into cues). */
export function endsSentence(text: string): boolean {
  return /[.!?。！？…]["'”’»)）\]]*$/.test(text.trim());
}

/** Share of CJK characters among the letters of a text. */
export function cjkShare(text: string): number {
  let cjk = 0;
  let letters = 0;
  for (const char of text) {
    if (/\p{L}/u.test(char)) {
      letters++;
      if (isCjk(char)) cjk++;
    }
  }
  return letters === 0 ? 0 : cjk / letters;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Caption lines → one line of text: lines joined with a space, or with nothing between two CJK characters. */
export function collapseLines(text: string): string {
  return joinText(text.split(/\n/).map((line) => line.replace(/[\s\u00a0\u3000]+/g, " ")));
}

/** A function from character offsets to 1-based lines, for many look-ups in one text. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
