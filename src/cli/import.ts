// npm run import -- <raw-file> --slug <episode-slug> [--show <id>] [--language zh-CN]
//                   [--source-name <name>] [--source-url <url>] [--content content] [--force]
// Converts a plain-text transcript (speaker-name lines, paragraphs; see the importer's header)
// into content/episodes/<slug>/{episode,transcript}.md. Never touches curated files: quotes.md,
// tags.md and existing people/ and shows/ files are left as they are.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ImportError, importPlainTextTranscript, slugifyName, toContentFiles } from "../lib/content/importers/plain-text-transcript.ts";
import { Slug } from "../lib/content/schemas.ts";

const Options = z.object({
  file: z.string().min(1),
  slug: Slug,
  show: Slug.optional(),
  language: z.string().default("zh-CN"),
  "source-name": z.string().optional(),
  "source-url": z.url().optional(),
  "source-note": z.string().optional(),
  content: z.string().default("content"),
  force: z.boolean().default(false),
});

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      slug: { type: "string" },
      show: { type: "string" },
      language: { type: "string" },
      "source-name": { type: "string" },
      "source-url": { type: "string" },
      "source-note": { type: "string" },
      content: { type: "string" },
      force: { type: "boolean" },
    },
  });
  const parsed = Options.safeParse({ ...values, file: positionals[0] });
  if (!parsed.success || positionals.length !== 1) {
    console.error(
      "usage: npm run import -- <raw-file> --slug <episode-slug> [--show <id>] [--language zh-CN] [--source-name <name>] [--source-url <url>] [--content content] [--force]",
    );
    if (!parsed.success) for (const issue of parsed.error.issues) console.error(`  --${issue.path.join(".")}: ${issue.message}`);
    return 2;
  }
  const options = parsed.data;
  if (!existsSync(options.file)) {
    console.error(`${options.file}: no such file`);
    return 1;
  }
  let episode;
  try {
    episode = importPlainTextTranscript(readFileSync(options.file, "utf8"));
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(`${options.file}:${error.line}: ${error.message.replace(/^line \d+: /, "")}`);
      return 1;
    }
    throw error;
  }
  const showId = options.show ?? (episode.showName ? slugifyName(episode.showName) : undefined);
  if (!showId) {
    console.error(`${options.file}: no '<Show> 主播:' line names the show: pass --show <id>`);
    return 1;
  }
  const files = toContentFiles(episode, {
    showId,
    language: options.language,
    sourceName: options["source-name"] ?? episode.showName ?? showId,
    sourceUrl: options["source-url"],
    sourceNote: options["source-note"],
  });

  const root = path.resolve(options.content);
  const episodeDir = path.join(root, "episodes", options.slug);
  const targets = [path.join(episodeDir, "episode.md"), path.join(episodeDir, "transcript.md")];
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0 && !options.force) {
    console.error(
      `${existing.map((f) => path.relative(process.cwd(), f)).join(", ")} already exist: pass --force to replace them (quotes.md, tags.md, people/ and shows/ are never touched)`,
    );
    return 1;
  }
  mkdirSync(episodeDir, { recursive: true });
  writeFileSync(targets[0]!, files.episodeMd);
  writeFileSync(targets[1]!, files.transcriptMd);
  const written = targets.map((t) => path.relative(process.cwd(), t));
  mkdirSync(path.join(root, "people"), { recursive: true });
  for (const person of files.peopleMd) {
    const file = path.join(root, "people", `${person.id}.md`);
    if (existsSync(file)) continue;
    writeFileSync(file, person.markdown);
    written.push(path.relative(process.cwd(), file));
  }
  const showFile = path.join(root, "shows", `${showId}.md`);
  if (!existsSync(showFile)) {
    mkdirSync(path.dirname(showFile), { recursive: true });
    writeFileSync(showFile, `---\nname: ${JSON.stringify(episode.showName ?? showId)}\n---\n`);
    written.push(path.relative(process.cwd(), showFile));
  }

  const turns = episode.chapters.flatMap((c) => c.turns);
  const perSpeaker = new Map<string, number>();
  for (const t of turns) perSpeaker.set(t.speakerName, (perSpeaker.get(t.speakerName) ?? 0) + 1);
  const notes = turns.reduce((n, t) => n + t.notes.length + t.paragraphs.reduce((m, p) => m + p.inlineNotes.length, 0), 0);
  console.log(`Imported “${episode.title}”`);
  console.log(`  chapters: ${episode.chapters.length}; turns: ${turns.length}; editor's notes: ${notes}`);
  console.log(`  turns per speaker: ${[...perSpeaker].map(([name, n]) => `${name} ${n}`).join(", ")}`);
  console.log(`  dropped as site chrome (${episode.dropped.length} lines):`);
  for (const line of episode.dropped) console.log(`    ${line.line}: ${line.text.slice(0, 60)}`);
  console.log(`  wrote: ${written.join(", ")}`);
  return 0;
}

process.exit(main());
