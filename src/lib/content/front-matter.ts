// Splits a Markdown file into YAML front matter and body, parses the YAML with source
// positions, and validates it with a zod schema. Problems carry the line they are on.
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document, type Node } from "yaml";
import type { z } from "zod";
import type { ProblemList } from "./content-error.ts";

export interface SplitFile {
  /** The YAML between the --- fences, or null when the file has none. */
  yaml: string | null;
  /** 1-based line of the first YAML line. */
  yamlStartLine: number;
  body: string;
  /** 1-based line of the first body line. */
  bodyStartLine: number;
}

/** Normalises what editors and platforms add: a UTF-8 BOM and CRLF/CR line endings. */
export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") return { yaml: null, yamlStartLine: 1, body: text, bodyStartLine: 1 };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
  if (end === -1) return { yaml: null, yamlStartLine: 1, body: text, bodyStartLine: 1 };
  return {
    yaml: lines.slice(1, end).join("\n"),
    yamlStartLine: 2,
    body: lines.slice(end + 1).join("\n"),
    bodyStartLine: end + 2,
  };
}

/**
 * Parses front matter YAML and validates it. Returns the typed data, or null after adding
 * every problem (YAML syntax or schema) to `problems` with its line in the file.
 */
export function parseFrontMatter<Schema extends z.ZodType>(
  file: string,
  split: SplitFile,
  schema: Schema,
  problems: ProblemList,
): z.infer<Schema> | null {
  if (split.yaml === null) {
    problems.add(file, 1, "missing front matter: the file must start with a line '---', YAML fields, and a closing '---'");
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + split.yamlStartLine - 1;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.add(file, lineAt(error.pos[0]), `front matter is not valid YAML: ${error.message.split("\n")[0]}`);
    }
    return null;
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const issuePath = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    // An unknown key is reported on its parent; point at the key itself.
    if (issue.code === "unrecognized_keys" && issue.keys[0]) issuePath.push(issue.keys[0]);
    let line = split.yamlStartLine;
    // Walk up the path until a node with a position is found (a missing key has none).
    for (let depth = issuePath.length; depth >= 0; depth--) {
      const node = doc.getIn(issuePath.slice(0, depth), true);
      const key = depth > 0 ? keyNode(doc, issuePath.slice(0, depth)) : undefined;
      const located = key ?? (isNode(node) ? node : undefined);
      if (located?.range) {
        line = lineAt(located.range[0]);
        break;
      }
    }
    const where = issue.code === "unrecognized_keys" ? "front matter" : issuePath.length > 0 ? `'${issuePath.join(".")}'` : "front matter";
    problems.add(file, line, `${where}: ${issue.message}${fixHint(issue, issuePath)}`);
  }
  return null;
}

/** The key node of a mapping entry (its line is where the entry starts), when there is one. */
function keyNode(doc: Document, path: Array<string | number>): Node | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path.at(-1);
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/** How to fix the commonest front matter mistakes, appended to zod's message. */
function fixHint(issue: { code: string; input?: unknown; keys?: string[] }, path: Array<string | number>): string {
  const key = path.at(-1);
  if (issue.code === "invalid_type" && issue.input === undefined && typeof key === "string") return ` — add a line '${key}: …' (see content/README.md)`;
  if (issue.code === "unrecognized_keys") return " — remove it or fix its spelling (see content/README.md for the fields)";
  return "";
}
