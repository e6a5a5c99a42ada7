// Writing imported episodes into a library, all or nothing: the files are first written into a
// temporary copy of the library, which must load (every rule of the content format, quotes and
// tags of a re-imported episode still pointing at turns that exist); only then are they written
// to the library itself. An episode's slug is its folder: an existing one is replaced only with
// --force, and then only its episode.md and transcript.md. Existing people/ and shows/ files are
// never touched.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadLibrary, type Library } from "../load-library.ts";
import type { ContentFiles } from "./content-writer.ts";

export interface PlannedWrite {
  /** Path relative to the library root. */
  rel: string;
  content: string;
}

export interface Plan {
  writes: PlannedWrite[];
  /** People the episodes name who already have a file (reused, not rewritten). */
  reusedPeople: string[];
}

export class LibraryWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LibraryWriteError";
  }
}

export function planWrites(root: string, episodes: Array<{ slug: string; files: ContentFiles }>, force: boolean): Plan {
  const writes: PlannedWrite[] = [];
  const reusedPeople: string[] = [];
  const planned = new Set<string>();
  const existing: string[] = [];
  for (const { slug, files } of episodes) {
    const dir = path.join("episodes", slug);
    for (const [name, content] of [
      ["episode.md", files.episodeMd],
      ["transcript.md", files.transcriptMd],
    ] as const) {
      const rel = path.join(dir, name);
      if (planned.has(rel)) throw new LibraryWriteError(`two episodes would both be written to ${rel}: give them different slugs`);
      if (existsSync(path.join(root, rel))) existing.push(rel);
      planned.add(rel);
      writes.push({ rel, content });
    }
    for (const person of files.peopleMd) {
      const rel = path.join("people", `${person.id}.md`);
      if (existsSync(path.join(root, rel))) {
        if (!reusedPeople.includes(person.id)) reusedPeople.push(person.id);
        continue;
      }
      if (planned.has(rel)) continue;
      planned.add(rel);
      writes.push({ rel, content: person.markdown });
    }
    const showRel = path.join("shows", `${files.showMd.id}.md`);
    if (!existsSync(path.join(root, showRel)) && !planned.has(showRel)) {
      planned.add(showRel);
      writes.push({ rel: showRel, content: files.showMd.markdown });
    }
  }
  if (existing.length > 0 && !force) {
    throw new LibraryWriteError(
      `${existing.map((rel) => path.join(path.basename(root), rel)).join(", ")} already exist: pass --force to replace them (quotes.md, tags.md, people/ and shows/ are never touched)`,
    );
  }
  return { writes, reusedPeople };
}

/** Loads a temporary copy of the library with the planned files written into it: the whole library must still load. */
export function validatePlan(root: string, plan: Plan): Library {
  const tmp = mkdtempSync(path.join(tmpdir(), "podcast-kb-import-"));
  const copy = path.join(tmp, path.basename(root) || "content");
  try {
    if (existsSync(root)) cpSync(root, copy, { recursive: true });
    else mkdirSync(copy, { recursive: true });
    for (const write of plan.writes) {
      const file = path.join(copy, write.rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, write.content);
    }
    return loadLibrary(copy);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function applyPlan(root: string, plan: Plan): string[] {
  const written: string[] = [];
  for (const write of plan.writes) {
    const file = path.join(root, write.rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, write.content);
    written.push(file);
  }
  return written;
}

/** Whether a directory looks like a library (for a friendlier message when --content is wrong). */
export function isLibrary(root: string): boolean {
  return existsSync(root) && readdirSync(root).some((name) => ["episodes", "people", "shows", "topics.md"].includes(name));
}
