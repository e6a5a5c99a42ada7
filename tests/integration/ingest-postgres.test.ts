// The real ingest into throwaway PostgreSQL schemas (when the tests have a server:
// tests/support/databases.ts): counts, stable ids, and the guarantees ingest.test.ts proves for
// SQLite: a failed, refused or killed ingest leaves the served library as it was (the build schema
// is renamed into place in one transaction, or dropped).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ContentValidationError } from "../../src/lib/content/content-error.ts";
import { resolveDatabase } from "../../src/lib/database-url.ts";
import { CONTENT_DIR, ROOT, SEED_DIR, copyContent, editFile } from "../support/seed.ts";
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

/** The database's own consistency check: SQLite's integrity_check; PostgreSQL's catalog answers for every table. */
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

describe.runIf(DATABASES.includes("postgres"))("ingest into PostgreSQL", () => {
  const kind: DatabaseKind = "postgres";
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
    const [topicLinks] = await queryRows<{ n: number }>(db, `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "TurnTopic" WHERE "source" = 'manual'`);
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
    // --full: the path that builds a new library beside the served one (an incremental ingest
    // would find the error before writing anything).
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

  it("survives being killed mid-way: the previous database still opens and holds everything", async () => {
    const db = fresh();
    await ingestUrl(db, CONTENT_DIR);
    const before = await servedState(db);
    for (const delay of [150, 600, 1200, 2500]) {
      await runIngest(db, CONTENT_DIR, delay, true);
      expect((await servedState(db)) === before || (await turnsOf(db)).size === 70).toBe(true);
      expect(await integrityCheck(db)).toBe("ok");
      expect(await countRows(db, "Turn")).toBe(70);
    }
    // The next ingest clears what a killed one left behind.
    await ingestUrl(db, CONTENT_DIR, { full: true });
    expect(await leftovers(db)).toEqual([]);
  });
});

function runIngest(
  databaseUrl: string,
  contentDir: string,
  killAfterMs?: number,
  full = false,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", "--content", contentDir, ...(full ? ["--full"] : [])], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}
