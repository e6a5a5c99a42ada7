// JSON input with line numbers: JSON.parse knows no positions, so a small scan finds where each
// element of a top-level array starts, for `file:line: what is wrong` on a bad segment.
import { lineAt } from "./text.ts";
import { ImportError } from "./types.ts";

/** Parses JSON, reporting a syntax error at its line. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's message names no position for some errors: find the first one with a small scan.
    const offset = firstSyntaxError(text);
    const what = message.replace(/, ".*" is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)/, "");
    throw new ImportError(lineAt(text, offset ?? 0), `not valid JSON: ${what}`);
  }
}

/** 1-based lines where the elements of the array under top-level key `key` start. */
export function elementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let stringStart = -1;
  let lastKey: string | null = null;
  let arrayDepth = -1; // depth inside the wanted array, once found
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && arrayDepth === -1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (arrayDepth !== -1 && depth === arrayDepth && expectValue && !/[\s,\]]/.test(c)) {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === "{" || c === "[") {
      depth++;
      if (c === "[" && depth === 2 && lastKey === key && arrayDepth === -1) {
        arrayDepth = depth;
        expectValue = true;
      }
    } else if (c === "}" || c === "]") {
      if (depth === arrayDepth && c === "]") return lines;
      depth--;
    } else if (c === "," && depth === arrayDepth) {
      expectValue = true;
    }
  }
  return lines;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Offset of the first syntax error in a JSON text (a strict recursive-descent scan), or null. */
export function firstSyntaxError(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    } else if (c === "[") {
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!match) fail();
      i += match![0].length;
    }
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (offset) {
    return typeof offset === "number" ? offset : null;
  }
}
