// The real ingest, on SQLite (throwaway files) and on PostgreSQL (throwaway schemas, when the
// tests have a server: tests/support/databases.ts): counts, stable ids, and that a failed, refused
// or killed ingest (killed at named moments: src/lib/ingest/halt-point.ts) leaves the served
// library as it was. Then what only SQLite has: the copy an incremental ingest applies its delta to,
// and the journal an ingest of the earlier in-place kind could leave.
import { createHash } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ContentValidationError } from "../../src/lib/content/content-error.ts";
import { getEpisode } from "../../src/lib/data/episodes.ts";
import { resolveDatabase } from "../../src/lib/database-url.ts";
import type { HaltPoint } from "../../src/lib/ingest/halt-point.ts";
import { dumpDatabase } from "../support/database-dump.ts";
import { CONTENT_DIR, ROOT, SEED_DIR, SEED_SLUG, copyContent, editFile } from "../support/seed.ts";
import { ingestInto, tempDatabasePath } from "../support/ingest.ts";
import {
  DATABASES,
  countRows,
  freshDatabaseUrl,
  ingestUrl,
  leftovers,
  queryRows,
  servedState,
  turnsOf,
  type DatabaseKind,
} from "../support/databases.ts";

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** The database's own consistency check: SQLite's integrity_check; PostgreSQL's catalog answers for the search index. */
async function integrityCheck(databaseUrl: string): Promise<string> {
  const target = resolveDatabase(databaseUrl);
  if (target.kind === "sqlite") {
    const sqlite = new Database(target.path, { readonly: true });
    try {
      return (sqlite.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
    } finally {
      sqlite.close();
    }
  }
  const [row] = await queryRows<{ ok: boolean }>(databaseUrl, `SELECT to_regclass('"search_doc"') IS NOT NULL AS "ok"`);
  return row?.ok ? "ok" : "search_doc missing";
}

describe.each(DATABASES)("ingest (%s)", (kind) => {
  const fresh = () => freshDatabaseUrl(kind);

  it("loads the whole seed and reports what it wrote", async () => {
    const db = fresh();
    const summary = await ingestUrl(db, CONTENT_DIR);
    expect(summary).toMatchObject({ shows: 1, episodes: 1, chapters: 6, turns: 70, participants: 5, people: 5, quotes: 24, topics: 14 });
    const bySpeaker = await queryRows(
      db,
      `SELECT "speakerId", CAST(COUNT(*) AS INTEGER) AS "n" FROM "Turn" WHERE "kind" = 'speech' GROUP BY "speakerId" ORDER BY "speakerId"`,
    );
    expect(bySpeaker).toEqual([
      { speakerId: "bill-xing", n: 4 },
      { speakerId: "monica", n: 22 },
      { speakerId: "xuezhi-wang", n: 15 },
      { speakerId: "yiwen-li", n: 15 },
      { speakerId: "yizhou-zheng", n: 12 },
    ]);
    const [topicLinks] = await queryRows<{ n: number }>(
      db,
      `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "TurnTopic" WHERE "source" = 'manual'`,
    );
    expect(topicLinks!.n).toBeGreaterThanOrEqual(7);
  });

  it("gives identical turn ids when unchanged content is ingested again", async () => {
    const first = fresh();
    const second = fresh();
    await ingestUrl(first, CONTENT_DIR);
    await ingestUrl(second, CONTENT_DIR);
    expect([...(await turnsOf(second))]).toEqual([...(await turnsOf(first))]);
  });

  it("changes no URL outside a chapter when a turn is added to or removed from it", async () => {
    // Curated files refer to turns of the edited chapters; they are not what this test is about.
    const withoutCuration = () => {
      const dir = copyContent();
      rmSync(path.join(dir, SEED_DIR, "quotes.md"));
      rmSync(path.join(dir, SEED_DIR, "tags.md"));
      return dir;
    };
    const before = fresh();
    await ingestUrl(before, withoutCuration());
    const original = await turnsOf(before);

    const added = withoutCuration();
    editFile(added, `${SEED_DIR}/transcript.md`, (t) =>
      t.replace("## 02 参数和数据会成为模型能力瓶颈吗\n", "## 02 参数和数据会成为模型能力瓶颈吗\n\n### Monica\n\n新加的一段开场。\n"),
    );
    const removed = withoutCuration();
    editFile(removed, `${SEED_DIR}/transcript.md`, (t) => t.replace(/### Bill Xing\n\n关于大模型能力提升的问题[^\n]*\n\n/, ""));

    for (const [content, chapter, delta] of [
      [added, "c2-", 1],
      [removed, "c5-", -1],
    ] as const) {
      const db = fresh();
      await ingestUrl(db, content);
      const after = await turnsOf(db);
      const outside = (m: Map<string, string>) => [...m].filter(([id]) => !id.startsWith(chapter));
      expect(outside(after)).toEqual(outside(original));
      expect(after.size).toBe(original.size + delta);
    }
  });

  it("changes no URL at all when an inserted turn carries an explicit id", async () => {
    const before = fresh();
    await ingestUrl(before, CONTENT_DIR);
    const inserted = copyContent();
    editFile(inserted, `${SEED_DIR}/transcript.md`, (t) =>
      t.replace("### Bill Xing\n", "### Monica {#c2-03a}\n\n补充的一个追问。\n\n### Bill Xing\n"),
    );
    const db = fresh();
    await ingestUrl(db, inserted);
    const after = await turnsOf(db);
    expect(after.get("c2-03a")).toBe("monica|2|补充的一个追问。");
    after.delete("c2-03a");
    expect([...after].sort()).toEqual([...(await turnsOf(before))].sort());
  });

  it("leaves the database being served untouched when content is broken", async () => {
    const db = fresh();
    await ingestUrl(db, CONTENT_DIR);
    const before = await servedState(db);
    const broken = copyContent();
    editFile(broken, `${SEED_DIR}/transcript.md`, (t) => t.replace("### Bill Xing", "### Nobody"));
    // Incremental (the error is found before anything is written) and --full (the path that
    // builds a new library beside the served one).
    for (const full of [false, true]) {
      await expect(ingestUrl(db, broken, { full })).rejects.toBeInstanceOf(ContentValidationError);
      expect(await servedState(db)).toBe(before);
      expect(await leftovers(db)).toEqual([]);
      expect(await countRows(db, "Turn")).toBe(70);
    }
  });

  it("exits non-zero with file:line and keeps the old database when run as `npm run ingest`", async () => {
    const db = fresh();
    await ingestUrl(db, CONTENT_DIR);
    const before = await servedState(db);
    const broken = copyContent();
    editFile(broken, `${SEED_DIR}/episode.md`, (t) => t.replace("role: other", "role: listener"));
    const { code, stderr } = await runIngest(db, broken);
    expect(code).toBe(1);
    expect(stderr).toMatch(/content\/episodes\/onboard-generative-ai-frontier\/episode\.md:\d+: 'participants\.4\.role': must be one of/);
    expect(stderr).toMatch(/existing database was not changed/);
    expect(await servedState(db)).toBe(before);
  });

  it("survives a full ingest killed at any moment: the served database is untouched and readable", { timeout: 300_000 }, async () => {
    const db = fresh();
    await ingestUrl(db, CONTENT_DIR);
    const before = await servedState(db);
    for (const at of ["full:writing", "full:built"] as const) {
      expect(await runIngest(db, CONTENT_DIR, { full: true, haltAt: at })).toMatchObject({ halted: at });
      expect(await servedState(db)).toBe(before);
      expect(await readThroughApp(db)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
      expect(await integrityCheck(db)).toBe("ok");
    }
    // What killed ones left is cleared by the next ingest: in SQLite any (here one with nothing to
    // write); in PostgreSQL the next full one, which drops the schema a dead build left.
    expect((await ingestUrl(db, CONTENT_DIR, { full: kind === "postgres" })).changed.written).toEqual([]);
    expect(await leftovers(db)).toEqual([]);
    expect(await readThroughApp(db)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
  });

  it(
    "changes nothing served when an incremental ingest is killed inside its delta, and applies it next time",
    { timeout: 300_000 },
    async () => {
      const content = copyContent();
      const db = fresh();
      await ingestUrl(db, content);
      const before = await servedState(db);
      editFile(content, `${SEED_DIR}/transcript.md`, (t) => t.replace(ORIGINAL_C6_04, EDITED_C6_04));
      expect(await runIngest(db, content, { haltAt: "incremental:applying" })).toMatchObject({ halted: "incremental:applying" });
      expect(await servedState(db)).toBe(before);
      expect(await readThroughApp(db)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
      expect(await ingestUrl(db, content)).toMatchObject({ mode: "incremental", changed: { written: [SEED_SLUG], removed: [] } });
      expect(await readThroughApp(db)).toEqual({ turns: 70, c6_04: EDITED_C6_04 });
      expect(await turnsOf(db)).toEqual(await turnsOf(await freshIngest(kind, content)));
    },
  );
});

describe("ingest into SQLite files", () => {
  it(
    "leaves the served database readable and unchanged when an incremental ingest is killed at any moment before its rename",
    { timeout: 300_000 },
    async () => {
      const content = copyContent();
      const db = tempDatabasePath();
      await ingestInto(db, content);
      const before = sha256(db);
      editFile(content, `${SEED_DIR}/transcript.md`, (t) => t.replace(ORIGINAL_C6_04, EDITED_C6_04));
      for (const at of ["incremental:copied", "incremental:applying", "incremental:applied"] as const) {
        expect(await runIngest(`file:${db}`, content, { haltAt: at })).toMatchObject({ halted: at });
        // Nothing was written beside the served file either (no journal: the delta went to a copy).
        expect(readdirSync(path.dirname(db)).filter((name) => !name.startsWith("test.db.building-"))).toEqual(["test.db"]);
        expect(sha256(db)).toBe(before);
        expect(await readThroughApp(`file:${db}`)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
      }
      // The last killed ingest left its copy behind; the next ingest removes it first, then applies
      // the edit, and the result is what a full rebuild of the edited content gives.
      expect(readdirSync(path.dirname(db)).filter((name) => name.startsWith("test.db.building-"))).toHaveLength(1);
      expect(await ingestInto(db, content)).toMatchObject({ mode: "incremental", changed: { written: [SEED_SLUG], removed: [] } });
      expect(readdirSync(path.dirname(db))).toEqual(["test.db"]);
      expect(await readThroughApp(`file:${db}`)).toEqual({ turns: 70, c6_04: EDITED_C6_04 });
      expect(dumpDatabase(db)).toEqual(dumpDatabase(await freshDatabase(content)));

      // Killed just after its rename, an ingest has published the whole new library.
      editFile(content, `${SEED_DIR}/transcript.md`, (t) => t.replace(EDITED_C6_04, ORIGINAL_C6_04));
      expect(await runIngest(`file:${db}`, content, { haltAt: "incremental:renamed" })).toMatchObject({ halted: "incremental:renamed" });
      expect(await readThroughApp(`file:${db}`)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
      const next = await ingestInto(db, content);
      expect(next).toMatchObject({ mode: "incremental", changed: { written: [], removed: [] } });
      expect(readdirSync(path.dirname(db))).toEqual(["test.db"]);
    },
  );

  it("repairs a served database that the earlier in-place ingest was killed inside of", async () => {
    const db = tempDatabasePath();
    await ingestInto(db, CONTENT_DIR);
    // What the earlier incremental ingest could leave: its transaction on the served file spilled to
    // the file before its commit (a delta larger than its page cache), then SIGKILL: a hot journal.
    const killed = spawnSync(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(process.argv[1]); db.pragma("cache_size = 10"); db.exec("BEGIN IMMEDIATE");
         db.exec("DELETE FROM Cue; DELETE FROM TurnTopic; DELETE FROM Quote; DELETE FROM search_doc"); process.kill(process.pid, "SIGKILL");`,
        db,
      ],
      { cwd: ROOT },
    );
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(`${db}-journal`)).toBe(true);
    // A read-only client cannot roll it back: every read fails.
    const readonly = new Database(db, { readonly: true });
    expect(() => readonly.prepare("SELECT COUNT(*) FROM Turn").get()).toThrow(
      expect.objectContaining({ code: "SQLITE_READONLY_ROLLBACK" }),
    );
    readonly.close();
    // The next ingest rolls it back before it reads the served file.
    expect((await ingestInto(db, CONTENT_DIR)).mode).toBe("incremental");
    expect(existsSync(`${db}-journal`)).toBe(false);
    expect(await readThroughApp(`file:${db}`)).toEqual({ turns: 70, c6_04: ORIGINAL_C6_04 });
    expect(dumpDatabase(db)).toEqual(dumpDatabase(await freshDatabase(CONTENT_DIR)));
  });
});

const ORIGINAL_C6_04 = "我们现在最直接的其实是API";
const EDITED_C6_04 = "我们现在最直接的其实是一个API";

/** What the app's client (src/lib/db.ts, through the data layer) reads from the database `databaseUrl` names. */
async function readThroughApp(databaseUrl: string): Promise<{ turns: number; c6_04: string }> {
  process.env.DATABASE_URL = databaseUrl;
  const episode = await getEpisode(SEED_SLUG);
  const turns = episode!.chapters.flatMap((c) => c.turns);
  const text = turns.find((t) => t.turnId === "c6-04")!.text;
  return { turns: turns.length, c6_04: [ORIGINAL_C6_04, EDITED_C6_04].find((start) => text.startsWith(start)) ?? text };
}

async function freshDatabase(contentDir: string): Promise<string> {
  const db = tempDatabasePath();
  await ingestInto(db, contentDir);
  return db;
}

async function freshIngest(kind: DatabaseKind, contentDir: string): Promise<string> {
  const db = freshDatabaseUrl(kind);
  await ingestUrl(db, contentDir);
  return db;
}

/**
 * Runs `npm run ingest` as a process. With `haltAt`, the ingest stops at that moment
 * (PODCAST_KB_INGEST_HALT_AT, src/lib/ingest/halt-point.ts) and is killed there with SIGKILL.
 */
function runIngest(
  databaseUrl: string,
  contentDir: string,
  options: { full?: boolean; haltAt?: HaltPoint } = {},
): Promise<{ code: number | null; stderr: string; halted: HaltPoint | null }> {
  return new Promise((resolve) => {
    const args = ["--import", "tsx", "src/cli/ingest.ts", "--content", contentDir, ...(options.full ? ["--full"] : [])];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PODCAST_KB_INGEST_HALT_AT: options.haltAt ?? "" },
    });
    let stderr = "";
    let halted: HaltPoint | null = null;
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (options.haltAt && !halted && stderr.includes(`ingest halted at ${options.haltAt}\n`)) {
        halted = options.haltAt;
        child.kill("SIGKILL");
      }
    });
    child.on("exit", (code) => resolve({ code, stderr, halted }));
  });
}
