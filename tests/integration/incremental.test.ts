// Incremental ingest = full rebuild. A library (the seed plus synthetic episodes) is ingested in
// full, edited, and then brought up to date incrementally; the result must equal a full ingest
// of the edited library table by table, row for row (surrogate ids replaced by natural keys:
// tests/support/database-dump.ts), and return the same search results.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticLibrary } from "../../src/lib/bench/synthetic-library.ts";
import { ContentValidationError } from "../../src/lib/content/content-error.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { searchTurns } from "../../src/lib/data/search.ts";
import { ingestLibrary } from "../../src/lib/ingest/ingest-library.ts";
import { parseSearchParams } from "../../src/lib/search/search-params.ts";
import { dumpLibrary } from "../support/database-dump.ts";
import { DATABASES, freshDatabaseUrl, type DatabaseKind } from "../support/databases.ts";
import { CONTENT_DIR, MIGRATIONS_DIR, SEED_DIR, editFile } from "../support/seed.ts";

let base = "";
/** The database of the describe block running (each runs once per database). */
let kind: DatabaseKind = "sqlite";
const tempDatabasePath = () => freshDatabaseUrl(kind);

/** A library of the seed and six synthetic episodes of 40 turns. */
function library(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-incr-")), "content");
  cpSync(base, dir, { recursive: true });
  return dir;
}

const ingest = (contentDir: string, databaseUrl: string, full = false) =>
  ingestLibrary({ contentDir, databaseUrl, migrationsDir: MIGRATIONS_DIR, full, workers: 0 });

const QUERIES = ["模型", "开源", "model", "的", "GPT-3", "数据"];
async function searchResults(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const out: unknown[] = [];
  for (const q of QUERIES) {
    const parsed = parseSearchParams({ q, limit: "50" });
    if (!parsed.ok) throw new Error(q);
    const result = await searchTurns(parsed.request, { cache: false, facets: true });
    out.push({ ...result, hits: result.hits.map((hit) => ({ ...hit, turnPk: undefined })) });
  }
  return JSON.parse(JSON.stringify(out, (key, value) => (key === "turnPk" || key === "docId" ? undefined : value)));
}

/** Ingests `content` in full, applies `edit`, ingests incrementally; compares with a full ingest of the edited content. */
async function expectIncrementalEqualsFull(edit: (content: string) => void, expectWritten?: string[]) {
  const content = library();
  const live = tempDatabasePath();
  expect((await ingest(content, live)).mode).toBe("full");
  edit(content);
  const summary = await ingest(content, live);
  expect(summary.mode).toBe("incremental");
  if (expectWritten) expect(summary.changed.written.sort()).toEqual(expectWritten.sort());
  // A full ingest of the same content at the same path (the content folder is part of what is recorded).
  const full = tempDatabasePath();
  const moved = `${content}-full`;
  renameSync(content, moved);
  cpSync(moved, content, { recursive: true });
  expect((await ingest(content, full, true)).mode).toBe("full");
  const [a, b] = [await dumpLibrary(live), await dumpLibrary(full)];
  for (const table of Object.keys(b)) expect({ table, rows: a[table] }).toEqual({ table, rows: b[table] });
  expect(await searchResults(live)).toEqual(await searchResults(full));
  return summary;
}

describe.each(DATABASES)("incremental ingest (%s)", (database) => {
  beforeAll(() => {
    kind = database;
    base = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-incr-base-")), "content");
    writeSyntheticLibrary(CONTENT_DIR, loadLibrary(CONTENT_DIR), base, 6 * 40, 40);
    cpSync(path.join(CONTENT_DIR, SEED_DIR), path.join(base, SEED_DIR), { recursive: true });
  });

  it("writes nothing when nothing changed, and nothing when only modification times did", async () => {
    const summary = await expectIncrementalEqualsFull((content) => {
      const file = path.join(content, "episodes/synthetic-000002/transcript.md");
      writeFileSync(file, readFileSync(file));
    }, []);
    expect(summary.changed.removed).toEqual([]);
  });

  it("re-ingests only an edited episode", async () => {
    await expectIncrementalEqualsFull(
      (content) =>
        editFile(content, `${SEED_DIR}/transcript.md`, (t) => {
          expect(t).toContain("模型");
          return t.replace("模型", "模型模型 model GPT-3 新词汇zzyzx");
        }),
      ["onboard-generative-ai-frontier"],
    );
  });

  it("adds a newest episode (every other episode moves down one rank) and removes another", async () => {
    const summary = await expectIncrementalEqualsFull(
      (content) => {
        cpSync(path.join(content, "episodes/synthetic-000003"), path.join(content, "episodes/synthetic-000099"), { recursive: true });
        editFile(content, "episodes/synthetic-000099/episode.md", (t) => t.replace(/publishedAt: .*/, "publishedAt: 2030-01-01"));
        rmSync(path.join(content, "episodes/synthetic-000005"), { recursive: true });
      },
      ["synthetic-000099"],
    );
    expect(summary.changed.removed).toEqual(["synthetic-000005"]);
  });

  it("re-derives the episodes of a renamed person, and only a person's row for a new bio", async () => {
    await expectIncrementalEqualsFull(
      (content) => editFile(content, "people/bill-xing.md", (t) => t.replace(/\n---\n[\s\S]*$/, "\n---\n\nA new biography.\n")),
      [],
    );
    const renamed = await expectIncrementalEqualsFull((content) =>
      editFile(content, "people/bill-xing.md", (t) => t.replace(/name: .*/, "name: Bill X. Xing")),
    );
    expect(renamed.changed.written.length).toBe(7);
  });

  it("tags every turn again when topic keywords change, and only rewrites topics for a new description", async () => {
    const described = await expectIncrementalEqualsFull(
      (content) => editFile(content, "topics.md", (t) => t.replace(/description: .*/, "description: 新的说明。")),
      [],
    );
    expect(described.mode).toBe("incremental");
    const content = library();
    const live = tempDatabasePath();
    await ingest(content, live);
    editFile(content, "topics.md", (t) => t.replace(/keywords: \[/, "keywords: [合成, "));
    expect((await ingest(content, live)).mode).toBe("full");
  });

  it("builds the same database with parse workers as without", async () => {
    const content = library();
    const [single, parallel] = [tempDatabasePath(), tempDatabasePath()];
    await ingest(content, single, true);
    await ingestLibrary({ contentDir: content, databaseUrl: parallel, migrationsDir: MIGRATIONS_DIR, full: true, workers: 2 });
    expect(await dumpLibrary(parallel)).toEqual(await dumpLibrary(single));
  });

  it("reports a problem as a full ingest does, and changes nothing", async () => {
    const content = library();
    const live = tempDatabasePath();
    await ingest(content, live);
    const before = await dumpLibrary(live);
    // A quote id of the seed reused by a synthetic episode that sorts after it? The seed sorts first,
    // so the synthetic episode's quotes.md is where a full ingest reports it.
    const seedQuotes = readFileSync(path.join(content, SEED_DIR, "quotes.md"), "utf8");
    const firstId = /id: (\S+)/.exec(seedQuotes)![1]!;
    const turn = /turn: (\S+)/.exec(seedQuotes)![1]!;
    editFile(content, "episodes/synthetic-000001/transcript.md", (t) => t.replace("### ", "### Nobody Here\n\n话。\n\n### "));
    const incremental = await ingest(content, live).catch((error: unknown) => error);
    expect(incremental).toBeInstanceOf(ContentValidationError);
    const full = await ingest(content, tempDatabasePath(), true).catch((error: unknown) => error);
    expect((incremental as Error).message).toBe((full as Error).message);
    expect((incremental as Error).message).toMatch(/synthetic-000001\/transcript\.md:\d+: /);
    expect(await dumpLibrary(live)).toEqual(before);
    expect(firstId && turn).toBeTruthy();
  });

  it("reports a quote id used in an unchanged episode where a full ingest does", async () => {
    const content = library();
    const live = tempDatabasePath();
    await ingest(content, live);
    const seedQuotes = readFileSync(path.join(content, SEED_DIR, "quotes.md"), "utf8");
    // synthetic-000002 gets a copy of the seed's quotes.md with the seed's turns: its turn ids exist there too? Not
    // necessarily, so only the id collision is compared, as a full ingest reports it.
    writeFileSync(path.join(content, "episodes/synthetic-000002/quotes.md"), seedQuotes);
    const incremental = (await ingest(content, live).catch((error: unknown) => error)) as Error;
    const full = (await ingest(content, tempDatabasePath(), true).catch((error: unknown) => error)) as Error;
    expect(incremental).toBeInstanceOf(ContentValidationError);
    expect(incremental.message).toBe(full.message);
    expect(full.message).toContain("is already used in");
  });
});
