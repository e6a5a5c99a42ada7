// Paths and helpers shared by tests that use the real seed interview. Tests never read the live
// content/ (editors change it): they use the fixture library tests/fixtures/library, a copy of the
// seed as it was curated, and private copies of it.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CONTENT_DIR = path.join(ROOT, "tests/fixtures/library");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
export const RAW_SEED = path.join(ROOT, "tests/fixtures/raw/000_ce162c0d91173b95.txt");
export const SEED_SLUG = "onboard-generative-ai-frontier";
export const SEED_DIR = `episodes/${SEED_SLUG}`;
/** The listening fixture library: one timed episode with audio (tests/e2e/serve.ts writes the audio). */
export const LISTENING_DIR = path.join(ROOT, "tests/fixtures/listening");
export const LISTENING_SLUG = "tuning-forks";
/** Episodes imported by `npm run import` from real files (WebVTT with voice tags, a diarised WebVTT),
 * a library of their own so that the seed library's exact counts stay what they are. The browser
 * tests serve them beside the listening library (tests/e2e/serve.ts). */
export const IMPORTED_DIR = path.join(ROOT, "tests/fixtures/imported");
/**
 * A long episode that tests/e2e/serve.ts generates into the listening library (2,000 timed turns in
 * 12 chapters, 5 s each, the first chapter 20 turns; src/lib/bench/synthetic-library.ts
 * writeLongEpisode), playing the listening episode's audio.
 */
export const LONG_SLUG = "three-hours";
/** The same length without chapter headings (one chapter of 2,000 turns), beside LONG_SLUG. */
export const ONE_CHAPTER_SLUG = "three-hours-one-chapter";

/** A private copy of the fixture library (named content/) that a test may break. */
export function copyContent(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-content-")), "content");
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a content copy; `edit` gets and returns the text. */
export function editFile(contentDir: string, relative: string, edit: (text: string) => string): void {
  const file = path.join(contentDir, relative);
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

/** 1-based line number of the first line containing `needle`. */
export function lineOf(contentDir: string, relative: string, needle: string): number {
  const lines = readFileSync(path.join(contentDir, relative), "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`'${needle}' not in ${relative}`);
  return index + 1;
}
