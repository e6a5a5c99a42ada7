// `--speakers map.yml`: names for the labels a transcript uses.
//   SPEAKER_1: Alice Smith                     a label and the person's name
//   Speaker 0: { name: Bob Lee, role: host }   … with a role (host, co-host, guest, other)
//   问: { name: 李四, id: li-si }               … or the id of a person already in people/
// Turns are cut by the labels as written, so applying a map changes no turn id.
import { LineCounter, parseDocument, isMap, isScalar } from "yaml";
import { z } from "zod";
import { Role, Slug } from "../schemas.ts";
import type { SpeakerMapEntry } from "./assemble.ts";
import { ImportError } from "./types.ts";

const Name = z.string({ error: "expected a name, or { name, role, id }" }).trim().min(1, "the name must not be empty");
const Entry = z.strictObject({ name: Name, role: Role.optional(), id: Slug.optional() });

export function parseSpeakersMap(text: string): Map<string, SpeakerMapEntry> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const error = doc.errors[0]!;
    throw new ImportError(lineCounter.linePos(error.pos[0]).line, `not valid YAML: ${error.message.split("\n")[0]}`);
  }
  if (!isMap(doc.contents)) throw new ImportError(1, "expected lines 'LABEL: Name', e.g. 'SPEAKER_1: Alice Smith'");
  const map = new Map<string, SpeakerMapEntry>();
  for (const pair of doc.contents.items) {
    const line = isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : 1;
    const label = isScalar(pair.key) ? String(pair.key.value).trim() : "";
    if (!label) throw new ImportError(line, "a label must not be empty");
    const value = pair.value && typeof (pair.value as { toJSON?: unknown }).toJSON === "function" ? (pair.value as { toJSON(): unknown }).toJSON() : isScalar(pair.value) ? pair.value.value : null;
    const parsed = value !== null && typeof value === "object" ? Entry.safeParse(value) : Name.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ImportError(line, `'${label}': ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    }
    map.set(label, typeof parsed.data === "string" ? { name: parsed.data } : parsed.data);
  }
  return map;
}
