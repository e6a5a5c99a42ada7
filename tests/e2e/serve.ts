// Starts the app for the browser tests: ingests the fixture library (tests/fixtures/library) into a throwaway database, builds once,
// and serves it on loopback (E2E_PORT). A second server on E2E_PORT + 1 serves the hostile fixture
// library (tests/fixtures/hostile-content) from its own database, for the sanitisation tests. A
// third on E2E_PORT + 2 serves the listening library (tests/fixtures/listening), whose episode's
// audio is a WAV written here from its turns' times and served from another origin (a free port)
// with range requests, as a podcast host would. The third server also serves the episodes of the
// imported fixture library (tests/fixtures/imported: episodes brought in by `npm run import`).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CONTENT_DIR, IMPORTED_DIR, LISTENING_DIR, LISTENING_SLUG, LONG_SLUG, ONE_CHAPTER_SLUG } from "../support/seed.ts";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { seedSentences, writeLongEpisode } from "../../src/lib/bench/synthetic-library.ts";
import { listeningAudio, serveFiles } from "../support/audio-fixture.ts";

const port = Number(process.env.E2E_PORT ?? "3210");
if (!process.env.DATABASE_URL || !process.env.E2E_HOSTILE_DATABASE_URL || !process.env.E2E_LISTEN_DATABASE_URL)
  throw new Error("database URLs are set by playwright.config.ts");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const hostileEnv = { ...env, DATABASE_URL: process.env.E2E_HOSTILE_DATABASE_URL, SITE_URL: "" };
const listenEnv = { ...env, DATABASE_URL: process.env.E2E_LISTEN_DATABASE_URL, SITE_URL: `http://127.0.0.1:${port + 2}` };

// The listening library's audio: written from its transcript, served from this process.
const audio = listeningAudio();
const audioServer = await serveFiles(new Map([[`/${LISTENING_SLUG}.wav`, { body: audio.wav, type: "audio/wav" }]]));
const listeningContent = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-listening-")), "content");
cpSync(LISTENING_DIR, listeningContent, { recursive: true });
// The imported episodes, their people and shows (ids distinct from the listening library's: a clash is an error).
for (const part of ["episodes", "people", "shows"])
  cpSync(path.join(IMPORTED_DIR, part), path.join(listeningContent, part), { recursive: true, force: false, errorOnExist: true });
const episodeFile = path.join(listeningContent, "episodes", LISTENING_SLUG, "episode.md");
const episodeText = readFileSync(episodeFile, "utf8");
const AUDIO_URL = /url: https:\/\/audio\.example\/\S+/;
if (!AUDIO_URL.test(episodeText)) throw new Error(`${episodeFile}: no audio url on audio.example to point at the test server`);
writeFileSync(episodeFile, episodeText.replace(AUDIO_URL, `url: ${audioServer.origin}/${LISTENING_SLUG}.wav`));
// A three-hour episode (issue 12): 2,000 turns in 12 chapters, for the long-episode reader tests.
writeLongEpisode(seedSentences(loadLibrary(CONTENT_DIR)), listeningContent, {
  slug: LONG_SLUG,
  title: "三小时长谈:两千段,十二章",
  show: "sound-lab",
  speakers: [
    { id: "ada-park", name: "Ada Park", role: "host" },
    { id: "ben-ortiz", name: "Ben Ortiz", role: "guest" },
  ],
  audio: { url: `${audioServer.origin}/${LISTENING_SLUG}.wav`, type: "audio/wav" },
});
writeLongEpisode(seedSentences(loadLibrary(CONTENT_DIR)), listeningContent, {
  slug: ONE_CHAPTER_SLUG,
  title: "三小时长谈:两千段,不分章",
  show: "sound-lab",
  speakers: [
    { id: "ada-park", name: "Ada Park", role: "host" },
    { id: "ben-ortiz", name: "Ben Ortiz", role: "guest" },
  ],
  headings: false,
});

execFileSync("npx", ["tsx", "src/cli/ingest.ts", "--content", CONTENT_DIR], { env, stdio: "inherit" });
execFileSync("npx", ["tsx", "src/cli/ingest.ts", "--content", "tests/fixtures/hostile-content"], { env: hostileEnv, stdio: "inherit" });
execFileSync("npx", ["tsx", "src/cli/ingest.ts", "--content", listeningContent, "--full"], { env: listenEnv, stdio: "inherit" });
if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["next", "build"], { env, stdio: "inherit" });
const servers: ChildProcess[] = [
  // What `npm run serve` runs: Next.js behind the request guard (src/cli/serve.ts).
  spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "inherit" }),
  spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port + 1)], {
    env: hostileEnv,
    stdio: "inherit",
  }),
  spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port + 2)], {
    env: listenEnv,
    stdio: "inherit",
  }),
];
const stop = () => {
  servers.forEach((s) => s.kill("SIGTERM"));
  audioServer.server.close();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
servers.forEach((s) =>
  s.on("exit", (code) => {
    stop();
    process.exit(code ?? 0);
  }),
);
