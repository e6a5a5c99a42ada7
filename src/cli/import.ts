// npm run import -- <file> --slug <slug> [options]     one transcript → one episode
// npm run import -- <feed.xml> --feed [--item <guid or number>]   a show and its episodes
// Thin shell: reads files, calls src/lib/content/importers, writes nothing unless the whole
// result loads as part of the library (see library-writer.ts). `--help` says everything.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ContentValidationError } from "../lib/content/content-error.ts";
import { normaliseText } from "../lib/content/front-matter.ts";
import { Slug } from "../lib/content/schemas.ts";
import { parseChaptersJson, type TimedChapter } from "../lib/content/importers/chapters-json.ts";
import { writeContentFiles } from "../lib/content/importers/content-writer.ts";
import { importTranscript, type ImportOptions, type ImportResult } from "../lib/content/importers/import-episode.ts";
import { applyPlan, LibraryWriteError, planWrites, validatePlan } from "../lib/content/importers/library-writer.ts";
import { slugify } from "../lib/content/importers/person-id.ts";
import { FORMATS, looksLikeFeed } from "../lib/content/importers/registry.ts";
import { parseFeed, preferredTranscripts, type FeedItem, type FeedLink } from "../lib/content/importers/rss-feed.ts";
import { parseSpeakersMap } from "../lib/content/importers/speakers-map.ts";
import { FORMAT_NAMES, ImportError, type FormatName } from "../lib/content/importers/types.ts";

const HELP = `Bring a podcast in: convert a transcript (or a feed's episodes) into content/.

Usage:
  npm run import -- <file> --slug <episode-slug> [options]
  npm run import -- <feed.xml> --feed [--item <guid or number>] [options]

Formats (detected from the file's content; --format overrides):
${FORMATS.map((f) => `  ${f.name.padEnd(16)} ${f.description}`).join("\n")}
  rss (--feed)     an RSS feed: the show, and each item's title, date, description, enclosure,
                   podcast:person (roles), podcast:transcript and podcast:chapters files

Options:
  --slug <slug>          the episode's id and folder name (lowercase words joined by '-');
                         with --feed, made from each item's title unless one --item is imported
  --show <id>            the show (content/shows/<id>.md, created when missing); default: from the
                         feed, the front matter's show/podcast, or the web page's '<Show> 主播:' line
  --show-name <name>     the show's name when the show file is created
  --format <name>        one of: ${FORMAT_NAMES.join(", ")}
  --chapters <file>      a Podcasting 2.0 chapters JSON: chapters placed into the transcript by time
  --speakers <map.yml>   names for the transcript's labels, one per line:
                           SPEAKER_1: Alice Smith
                           Speaker 0: { name: Bob Lee, role: host }      (host, co-host, guest, other)
                         naming speakers later changes no turn id
  --title <text>         the episode's title (default: the file's, else its file name)
  --date <YYYY-MM-DD>    the publication date (default: the file's, else today)
  --language <tag>       e.g. en, zh-CN (default: the file's, else guessed from the text)
  --source-name <name>   where the transcript comes from (default: the show's name)
  --source-url <url>     … its address
  --licence <text>       … its licence or attribution line (e.g. "CC0 1.0")
  --source-note <text>   … any remark on the source
  --content <dir>        the library to write into (default: content)
  --force                replace an existing episode's episode.md and transcript.md (quotes.md,
                         tags.md, people/ and shows/ are never touched)
  --feed                 the file is an RSS feed
  --item <guid|number>   with --feed: import only this item (by guid, or 1 for the feed's first)
  --fetch                with --feed: download transcripts and chapters that are not beside the
                         feed (by default only local files are read: a file named like the URL's
                         last part, next to the feed)
  -h, --help             this text

Nothing is written unless the whole result loads as part of the library; every problem is
reported as file:line: what is wrong.

Examples:
  npm run import -- episode.vtt --slug my-show-42 --show my-show
  npm run import -- episode.srt --slug my-show-42 --show my-show --chapters chapters.json
  npm run import -- interview.md --slug zhang-san-2024 --show my-show --speakers speakers.yml
  npm run import -- whisper.json --slug talk --show talks --title "A talk" --speakers map.yml
  npm run import -- feed.xml --feed --item 3
`;

const Options = z.object({
  file: z.string().min(1, "name the file to import"),
  slug: Slug.optional(),
  show: Slug.optional(),
  "show-name": z.string().trim().min(1).optional(),
  format: z.enum(FORMAT_NAMES, { error: `must be one of: ${FORMAT_NAMES.join(", ")}` }).optional(),
  chapters: z.string().optional(),
  speakers: z.string().optional(),
  title: z.string().trim().min(1).optional(),
  date: z.iso.date({ error: "must be a date written YYYY-MM-DD" }).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as 'en' or 'zh-CN'")
    .optional(),
  "source-name": z.string().trim().min(1).optional(),
  "source-url": z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).optional(),
  "source-note": z.string().trim().min(1).optional(),
  licence: z.string().trim().min(1).optional(),
  content: z.string().default("content"),
  force: z.boolean().default(false),
  feed: z.boolean().default(false),
  item: z.string().optional(),
  fetch: z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

class CliError extends Error {}

/** A file as UTF-8 text (BOM and CRLF normalised), or a file:line error. */
function readText(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file}: no such file`);
  return decode(readFileSync(file), file);
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return normaliseText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    const good = new TextDecoder("utf-8").decode(bytes).split("\uFFFD")[0] ?? "";
    throw new CliError(
      `${file}:${good.split("\n").length}: not valid UTF-8 (GBK or another legacy encoding?): convert it, e.g. \`iconv -f GBK -t UTF-8\``,
    );
  }
}

/** Runs a parser on a file's text; its ImportError becomes `file:line: message`. */
function located<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(`${file}:${error.line}: ${error.detail}`);
    throw error;
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function report(result: ImportResult, slug: string, file: string): void {
  const { draft, stats } = result;
  const perSpeaker = new Map<string, number>();
  for (const turn of draft.chapters.flatMap((c) => c.turns)) {
    const name = draft.participants.find((p) => p.id === turn.personId)?.name ?? turn.heading;
    perSpeaker.set(name, (perSpeaker.get(name) ?? 0) + 1);
  }
  console.log(`Imported “${draft.title}” from ${file} (${result.format}) as episodes/${slug}`);
  console.log(
    `  chapters: ${stats.chapters}; turns: ${stats.turns}; cues: ${stats.cues} (${stats.timedCues} with times); speakers: ${stats.speakers}`,
  );
  console.log(`  turns per speaker: ${[...perSpeaker].map(([name, n]) => `${name} ${n}`).join(", ")}`);
  for (const notice of result.notices) console.log(`  note: ${notice}`);
  if (result.dropped.length > 0) {
    console.log(`  left out (${result.dropped.length}):`);
    for (const d of result.dropped.slice(0, 30)) console.log(`    ${file}:${d.line}: ${d.why}: ${d.text.slice(0, 60)}`);
    if (result.dropped.length > 30) console.log(`    … and ${result.dropped.length - 30} more`);
  }
}

function readChapters(file: string): TimedChapter[] {
  const text = readText(file);
  const { chapters, dropped } = located(file, () => parseChaptersJson(text));
  for (const d of dropped) console.log(`  note: ${file}:${d.line}: ${d.why}: ${d.text}`);
  return chapters;
}

function commonOptions(options: Options): Omit<ImportOptions, "slug"> {
  return {
    showId: options.show,
    showName: options["show-name"],
    format: options.format as FormatName | undefined,
    title: options.title,
    date: options.date,
    language: options.language,
    speakers: options.speakers ? located(options.speakers, () => parseSpeakersMap(readText(options.speakers!))) : undefined,
    chapters: options.chapters ? readChapters(options.chapters) : undefined,
    source: { name: options["source-name"], url: options["source-url"], licence: options.licence, note: options["source-note"] },
    today: today(),
  };
}

async function readLinked(
  link: FeedLink,
  feedFile: string,
  fetchAllowed: boolean,
): Promise<{ text: string; name: string } | { error: string }> {
  const dir = path.dirname(path.resolve(feedFile));
  let url: URL | null = null;
  try {
    url = new URL(link.url);
  } catch {
    url = null;
  }
  if (!url || url.protocol === "file:") {
    const local = url ? url.pathname : path.resolve(dir, decodeURIComponent(link.url));
    if (existsSync(local)) return { text: readText(local), name: path.basename(local) };
    return { error: `${link.url} is not a file beside the feed` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { error: `${link.url}: only http(s) links are read` };
  const besides = path.join(dir, path.basename(decodeURIComponent(url.pathname)));
  if (path.basename(besides) && existsSync(besides) && statSync(besides).isFile())
    return { text: readText(besides), name: path.basename(besides) };
  if (!fetchAllowed)
    return { error: `${link.url} is not beside the feed (as ${path.basename(besides) || "?"}); pass --fetch to download it` };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: "follow" });
    if (!response.ok) return { error: `${link.url}: HTTP ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > 20 * 1024 * 1024) return { error: `${link.url}: larger than 20 MB` };
    return { text: decode(bytes, link.url), name: path.basename(url.pathname) || "transcript" };
  } catch (error) {
    return { error: `${link.url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function itemSlug(item: FeedItem, showId: string): string {
  let slug = slugify(item.title);
  if (!slug) slug = slugify(item.guid ?? "") || `item-${item.index}`;
  if (!slug.startsWith(showId)) slug = `${showId}-${slug}`;
  if (slug.length > 80) slug = slug.slice(0, 80).replace(/-[^-]*$/, "");
  return slug;
}

async function importFeed(options: Options): Promise<Array<{ slug: string; result: ImportResult; file: string }>> {
  const xml = readText(options.file);
  const feed = located(options.file, () => parseFeed(xml));
  const showId = options.show ?? slugify(feed.title);
  if (!Slug.safeParse(showId).success) throw new CliError(`${options.file}: cannot make a show id from '${feed.title}': pass --show <id>`);
  let items = feed.items;
  if (options.item !== undefined) {
    const wanted = options.item;
    const byGuid = items.filter((i) => i.guid === wanted);
    const byIndex = /^\d+$/.test(wanted) ? items.filter((i) => i.index === Number(wanted)) : [];
    items = byGuid.length ? byGuid : byIndex;
    if (items.length === 0)
      throw new CliError(`${options.file}: no item with guid or number '${wanted}' (the feed has ${feed.items.length} items)`);
  }
  if (options.slug && items.length > 1) throw new CliError("--slug names one episode: with --feed, pass --item too (or leave --slug out)");
  const base = commonOptions(options);
  const done: Array<{ slug: string; result: ImportResult; file: string }> = [];
  const skipped: string[] = [];
  for (const item of items) {
    const slug = options.slug ?? itemSlug(item, showId);
    const links = preferredTranscripts(item.transcripts);
    let source: { text: string; name: string } | null = null;
    const problems: string[] = [];
    for (const link of links) {
      const read = await readLinked(link, options.file, options.fetch);
      if ("error" in read) problems.push(read.error);
      else {
        source = read;
        break;
      }
    }
    if (!source) {
      skipped.push(
        `${options.file}:${item.line}: item ${item.index} “${item.title}”: ${links.length === 0 ? "no podcast:transcript" : `no transcript could be read (${problems.join("; ")})`}: skipped`,
      );
      continue;
    }
    let chapters = base.chapters;
    if (!chapters && item.chapters) {
      const read = await readLinked(item.chapters, options.file, options.fetch);
      if ("error" in read) console.log(`  note: item ${item.index}: chapters not read (${read.error})`);
      else chapters = located(read.name, () => parseChaptersJson(read.text).chapters);
    }
    const cast = item.people.filter((p) => p.group === "cast");
    const result = located(source.name, () =>
      importTranscript(
        { text: source.text, fileName: source.name },
        {
          ...base,
          slug,
          showId,
          showName: options["show-name"] ?? feed.title,
          chapters,
          people: cast,
          language: options.language ?? item.language ?? undefined,
          source: { ...base.source, name: base.source?.name ?? feed.title, url: base.source?.url },
          meta: {
            title: item.title,
            date: item.date ?? undefined,
            description: item.description,
            audio: item.audio ?? undefined,
          },
        },
      ),
    );
    // The feed's cast are the episode's people, also when the transcript does not name them.
    for (const person of cast) {
      const id = slugify(person.name);
      if (id && !result.draft.participants.some((p) => p.id === id)) {
        result.draft.participants.push({ id, name: person.name, role: person.role ?? "other", intro: null, affiliation: null, bio: null });
      }
    }
    result.draft.show = {
      id: showId,
      name: options["show-name"] ?? feed.title,
      url: feed.link && /^https?:\/\//.test(feed.link) ? feed.link : undefined,
      author: feed.author ?? undefined,
      image: feed.image && /^https?:\/\//.test(feed.image) ? feed.image : undefined,
      description: feed.description,
    };
    done.push({ slug, result, file: source.name });
  }
  for (const line of skipped) console.log(`  ${line}`);
  if (done.length === 0)
    throw new CliError(
      `${options.file}: no item was imported: ${items.length === 1 ? skipped[0] : "none has a transcript that could be read"}`,
    );
  return done;
}

async function main(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        slug: { type: "string" },
        show: { type: "string" },
        "show-name": { type: "string" },
        format: { type: "string" },
        chapters: { type: "string" },
        speakers: { type: "string" },
        title: { type: "string" },
        date: { type: "string" },
        language: { type: "string" },
        "source-name": { type: "string" },
        "source-url": { type: "string" },
        "source-note": { type: "string" },
        licence: { type: "string" },
        content: { type: "string" },
        force: { type: "boolean" },
        feed: { type: "boolean" },
        item: { type: "string" },
        fetch: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n(npm run import -- --help lists every option)`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const parsed = Options.safeParse({ ...values, file: positionals[0] });
  if (!parsed.success || positionals.length !== 1) {
    console.error("usage: npm run import -- <file> --slug <episode-slug> [--show <id>] [options]   (--help lists them all)");
    if (positionals.length > 1) console.error(`  one file at a time: got ${positionals.join(", ")}`);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        console.error(`  ${issue.path[0] === "file" ? "<file>" : `--${issue.path.join(".")}`}: ${issue.message}`);
    return 2;
  }
  const options = parsed.data;
  try {
    let episodes: Array<{ slug: string; result: ImportResult; file: string }>;
    if (options.feed) {
      episodes = await importFeed(options);
    } else {
      const text = readText(options.file);
      if (!options.format && looksLikeFeed(text))
        throw new CliError(`${options.file}: this is an RSS feed: import it with --feed [--item <guid or number>]`);
      if (!options.slug) throw new CliError("--slug <episode-slug> is required: the episode's id and folder name, e.g. --slug my-show-42");
      const fileName = path.basename(options.file);
      const result = located(options.file, () => importTranscript({ text, fileName }, { ...commonOptions(options), slug: options.slug! }));
      episodes = [{ slug: options.slug, result, file: options.file }];
    }
    const root = path.resolve(options.content);
    const plan = planWrites(
      root,
      episodes.map((e) => ({ slug: e.slug, files: writeContentFiles(e.result.draft) })),
      options.force,
    );
    try {
      validatePlan(root, plan);
    } catch (error) {
      if (error instanceof ContentValidationError) {
        throw new CliError(
          `the imported episode would not load, so nothing was written:\n${error.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join("\n")}`,
        );
      }
      throw error;
    }
    for (const e of episodes) report(e.result, e.slug, e.file);
    if (plan.reusedPeople.length > 0) {
      console.log(
        `  people already in the library, used as they are: ${plan.reusedPeople.join(", ")} (if one of them is someone else, give the speaker another id with --speakers)`,
      );
    }
    const written = applyPlan(root, plan);
    console.log(`  wrote: ${written.map((f) => path.relative(process.cwd(), f)).join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof LibraryWriteError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exit(await main(process.argv.slice(2)));
