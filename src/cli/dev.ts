// npm run dev [-- next dev options]
// The authoring loop: brings the database up to date with content/ (incrementally), starts
// `next dev`, and watches content/: every change is ingested again incrementally (only the
// episodes that changed), so a reload of the open page shows it. A validation problem is printed
// as `file:line: what is wrong` and the database keeps its last good state; the dev server stays up.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { ContentValidationError } from "../lib/content/content-error.ts";
import { ingestLibrary } from "../lib/ingest/ingest-library.ts";

const CONTENT_DIR = process.env.CONTENT_DIR ?? "content";
const DEBOUNCE_MS = 150;

let running = false;
let pending = false;

async function ingest(): Promise<void> {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  try {
    const s = await ingestLibrary({
      contentDir: CONTENT_DIR,
      databaseUrl: process.env.DATABASE_URL,
      migrationsDir: path.resolve("prisma/migrations"),
    });
    const what = s.mode === "incremental" ? s.reason : `full ingest (${s.reason}): ${s.episodes} episodes, ${s.turns} turns`;
    console.log(`[content] ${what} in ${Math.round(s.timings.totalMs)} ms`);
  } catch (error) {
    if (error instanceof ContentValidationError) {
      console.error(`[content] ${error.message}\n[content] not ingested: the database keeps its last good state.`);
    } else {
      console.error(`[content] ingest failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    running = false;
    if (pending) {
      pending = false;
      void ingest();
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(CONTENT_DIR)) {
    console.error(`[content] ${CONTENT_DIR}/ does not exist`);
    process.exit(1);
  }
  await ingest();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchTree(CONTENT_DIR, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void ingest(), DEBOUNCE_MS);
  });
  console.log(`[content] watching ${CONTENT_DIR}/ for changes`);
  const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "dev", ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  const stop = (signal: NodeJS.Signals) => {
    watcher.close();
    next.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  next.on("exit", (code) => {
    watcher.close();
    process.exit(code ?? 0);
  });
}

/**
 * Watches every directory under `root` (one non-recursive watcher each: Node 20's recursive
 * watcher on Linux loses files that editors replace by renaming), adding watchers for new ones.
 */
function watchTree(root: string, onChange: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const scan = (dir: string) => {
    if (!watchers.has(dir)) {
      try {
        const watcher = watch(dir, () => {
          scan(dir);
          onChange();
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        return;
      }
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) scan(path.join(dir, entry.name));
  };
  scan(root);
  return { close: () => watchers.forEach((w) => w.close()) };
}

void main();
