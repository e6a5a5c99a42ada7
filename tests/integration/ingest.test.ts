// The real ingest into throwaway SQLite files: counts, stable ids, atomic replacement.
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ContentValidationError } from "../../src/lib/content/content-error.ts";
import { CONTENT_DIR, ROOT, SEED_DIR, copyContent, editFile } from "../support/seed.ts";
import { ingestInto, tempDatabasePath, turnsById } from "../support/ingest.ts";

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("ingest", () => {
  it("loads the whole seed and reports what it wrote", async () => {
    const db = tempDatabasePath();
    const summary = await ingestInto(db, CONTENT_DIR);
    expect(summary).toMatchObject({ shows: 1, episodes: 1, chapters: 6, turns: 70, participants: 5, people: 5, quotes: 24, topics: 14 });
    const sqlite = new Database(db, { readonly: true });
    const bySpeaker = sqlite
      .prepare("SELECT speakerId, COUNT(*) n FROM Turn WHERE kind='speech' GROUP BY speakerId ORDER BY speakerId")
      .all();
    expect(bySpeaker).toEqual([
      { speakerId: "bill-xing", n: 4 },
      { speakerId: "monica", n: 22 },
      { speakerId: "xuezhi-wang", n: 15 },
      { speakerId: "yiwen-li", n: 15 },
      { speakerId: "yizhou-zheng", n: 12 },
    ]);
    const topicLinks = sqlite.prepare("SELECT COUNT(*) n FROM TurnTopic WHERE source='manual'").get() as { n: number };
    expect(topicLinks.n).toBeGreaterThanOrEqual(7);
    sqlite.close();
  });

  it("gives identical turn ids when unchanged content is ingested again", async () => {
    const first = tempDatabasePath();
    const second = tempDatabasePath();
    await ingestInto(first, CONTENT_DIR);
    await ingestInto(second, CONTENT_DIR);
    expect([...turnsById(second)]).toEqual([...turnsById(first)]);
  });

  it("changes no URL outside a chapter when a turn is added to or removed from it", async () => {
    // Curated files refer to turns of the edited chapters; they are not what this test is about.
    const withoutCuration = () => {
      const dir = copyContent();
      rmSync(path.join(dir, SEED_DIR, "quotes.md"));
      rmSync(path.join(dir, SEED_DIR, "tags.md"));
      return dir;
    };
    const before = tempDatabasePath();
    await ingestInto(before, withoutCuration());
    const original = turnsById(before);

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
      const db = tempDatabasePath();
      await ingestInto(db, content);
      const after = turnsById(db);
      const outside = (m: Map<string, string>) => [...m].filter(([id]) => !id.startsWith(chapter));
      expect(outside(after)).toEqual(outside(original));
      expect(after.size).toBe(original.size + delta);
    }
  });

  it("changes no URL at all when an inserted turn carries an explicit id", async () => {
    const before = tempDatabasePath();
    await ingestInto(before, CONTENT_DIR);
    const inserted = copyContent();
    editFile(inserted, `${SEED_DIR}/transcript.md`, (t) =>
      t.replace("### Bill Xing\n", "### Monica {#c2-03a}\n\n补充的一个追问。\n\n### Bill Xing\n"),
    );
    const db = tempDatabasePath();
    await ingestInto(db, inserted);
    const after = turnsById(db);
    expect(after.get("c2-03a")).toBe("monica|2|补充的一个追问。");
    after.delete("c2-03a");
    expect([...after].sort()).toEqual([...turnsById(before)].sort());
  });

  it("leaves the database being served untouched when content is broken", async () => {
    const db = tempDatabasePath();
    await ingestInto(db, CONTENT_DIR);
    const before = sha256(db);
    const broken = copyContent();
    editFile(broken, `${SEED_DIR}/transcript.md`, (t) => t.replace("### Bill Xing", "### Nobody"));
    await expect(ingestInto(db, broken)).rejects.toBeInstanceOf(ContentValidationError);
    expect(sha256(db)).toBe(before);
    expect(readdirSync(path.dirname(db))).toEqual(["test.db"]);
    const sqlite = new Database(db, { readonly: true });
    expect((sqlite.prepare("SELECT COUNT(*) n FROM Turn").get() as { n: number }).n).toBe(70);
    sqlite.close();
  });

  it("exits non-zero with file:line and keeps the old database when run as `npm run ingest`", async () => {
    const db = tempDatabasePath();
    await ingestInto(db, CONTENT_DIR);
    const before = sha256(db);
    const broken = copyContent();
    editFile(broken, `${SEED_DIR}/episode.md`, (t) => t.replace("role: other", "role: listener"));
    const { code, stderr } = await runIngest(db, broken);
    expect(code).toBe(1);
    expect(stderr).toMatch(/content\/episodes\/onboard-generative-ai-frontier\/episode\.md:\d+: 'participants\.4\.role': must be one of/);
    expect(stderr).toMatch(/existing database was not changed/);
    expect(sha256(db)).toBe(before);
  });

  it("survives being killed mid-way: the previous database still opens and holds everything", async () => {
    const db = tempDatabasePath();
    await ingestInto(db, CONTENT_DIR);
    const before = sha256(db);
    for (const delay of [150, 600, 1200]) {
      await runIngest(db, CONTENT_DIR, delay);
      expect(sha256(db) === before || turnsById(db).size === 70).toBe(true);
      const sqlite = new Database(db, { readonly: true });
      expect((sqlite.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
      expect((sqlite.prepare("SELECT COUNT(*) n FROM Turn").get() as { n: number }).n).toBe(70);
      sqlite.close();
    }
    // The next ingest clears what a killed one left behind.
    await ingestInto(db, CONTENT_DIR);
    expect(readdirSync(path.dirname(db))).toEqual(["test.db"]);
  });
});

function runIngest(databasePath: string, contentDir: string, killAfterMs?: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", "--content", contentDir], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}
