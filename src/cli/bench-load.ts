// npm run bench:load [-- --seconds 30 --connections 32 --memory-seconds 120]
// Starts `next start` on loopback against a freshly ingested database, drives the reader, a
// permalink page, the search API and the search page with autocannon, and reports requests per
// second, latency percentiles and errors per target; then runs all four together for two minutes
// and samples the server's memory (RSS) to show whether it grows. The alternative measured in the
// same run: the search API on a second server with the result cache off (every request searches).
// Checks the targets of issue 5 and writes bench/results/load.md. Needs `npm run build` first.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { prng } from "../lib/bench/synthetic-library";
import { loadLibrary } from "../lib/content/load-library";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    connections: { type: "string", default: "32" },
    "memory-seconds": { type: "string", default: "120" },
    port: { type: "string", default: "3290" },
    out: { type: "string", default: "bench/results/load.md" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const memorySeconds = Number(values["memory-seconds"]);
const port = Number(values.port);
const P99_TARGET_MS = 100;

/** Different queries: 1–4 character substrings of the seed and English words from it. */
function seedQueries(count: number): string[] {
  const library = loadLibrary("content");
  const texts = library.episodes.flatMap((e) => e.chapters.flatMap((c) => c.turns.map((t) => t.text)));
  const random = prng(20231208);
  const queries = new Set<string>(["开源", "多模态", "模型 数据", "PaLM", "的", "in-context", "源"]);
  while (queries.size < count) {
    const text = texts[Math.floor(random() * texts.length)]!;
    const words = text.match(/[A-Za-z][A-Za-z-]{3,}/g);
    if (random() < 0.2 && words) queries.add(words[Math.floor(random() * words.length)]!);
    const chars = [...text].filter((c) => /\p{Script=Han}/u.test(c));
    const length = 1 + Math.floor(random() * 4);
    const start = Math.floor(random() * Math.max(1, chars.length - length));
    if (chars.length >= length) queries.add(chars.slice(start, start + length).join(""));
  }
  return [...queries];
}

const queries = seedQueries(300);
const TARGETS = [
  { name: "reader", path: "/episodes/onboard-generative-ai-frontier" },
  { name: "permalink", path: "/episodes/onboard-generative-ai-frontier/turns/c5-13" },
  { name: "search API", paths: queries.map((q) => `/api/search?q=${encodeURIComponent(q)}`) },
  { name: "search page", paths: queries.slice(0, 100).map((q) => `/search?q=${encodeURIComponent(q)}`) },
];

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** The process listening on the port (Next.js's server process, not the CLI that started it), if any. */
function listenerPid(listenPort: number): number | undefined {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${listenPort}`]).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

interface Server {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `next start` in a process group of its own, so that stopping it also stops the server process
 * it forks (which renames itself and outlives a plain kill of the CLI). Refuses a busy port: a
 * server left over from an earlier run would otherwise be measured instead of this build.
 */
async function startServer(listenPort: number, env: NodeJS.ProcessEnv): Promise<Server> {
  const stale = listenerPid(listenPort);
  if (stale) throw new Error(`port ${listenPort} is already in use by process ${stale}; stop it or pass --port`);
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(listenPort)], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // stopped
    }
  };
  const base = `http://127.0.0.1:${listenPort}`;
  try {
    await waitFor(`${base}/api/episodes`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: listenerPid(listenPort)!, stop };
}

const asRequests = (paths: string[]) => paths.map((p) => ({ method: "GET" as const, path: p }));
const pathsOf = (target: (typeof TARGETS)[number]) => ("paths" in target ? target.paths! : [target.path]);
const errorsOf = (result: Result) => result.errors + result.timeouts + result.non2xx;

function row(name: string, result: Result): string {
  return `| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result.requests.total} | ${errorsOf(result)} |`;
}

async function load(server: Server, name: string, paths: string[], connectionCount: number, duration: number): Promise<Result> {
  const result = await autocannon({ url: server.base, connections: connectionCount, duration, requests: asRequests(paths), timeout: 10 });
  console.log(
    `${name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errorsOf(result)}`,
  );
  return result;
}

/** Least-squares slope of y over x. */
function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}

const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / Math.max(1, values.length);

async function main() {
  const databasePath = path.join(mkdtempSync(path.join(os.tmpdir(), "podcast-kb-load-")), "load.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databasePath}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/ingest.ts"], { env, stdio: "inherit" });
  const everything = TARGETS.flatMap(pathsOf);
  const searchApi = pathsOf(TARGETS[2]!);
  const rows: string[] = [];
  let searchResult: Result;
  const allErrors: number[] = [];
  const memory: Array<{ at: number; rss: number }> = [];
  let rssBefore = 0;
  let rssAfter = 0;

  const server = await startServer(port, env);
  try {
    // Warm up (JIT, caches, heap growth) before anything is measured.
    await autocannon({ url: server.base, connections, duration: 15, requests: asRequests(everything), timeout: 10 });
    const results = new Map<string, Result>();
    for (const target of TARGETS) results.set(target.name, await load(server, target.name, pathsOf(target), connections, seconds));
    for (const [name, result] of results) {
      rows.push(row(name, result));
      allErrors.push(errorsOf(result));
    }
    searchResult = results.get("search API")!;
    // The search API with 4 connections: the service time, without 32-deep queueing.
    const few = await load(server, "search API, 4 connections", searchApi, 4, seconds);
    rows.push(row("search API, 4 connections", few));
    allErrors.push(errorsOf(few));

    // Memory: all four targets at once for two minutes, RSS sampled every 5 s.
    rssBefore = rssOf(server.pid);
    const started = Date.now();
    memory.push({ at: 0, rss: rssBefore });
    const sampler = setInterval(() => memory.push({ at: (Date.now() - started) / 1000, rss: rssOf(server.pid) }), 5_000);
    const mixed = await load(server, "all four targets together", everything, connections, memorySeconds);
    clearInterval(sampler);
    rows.push(row(`all four together, ${memorySeconds} s (memory run)`, mixed));
    allErrors.push(errorsOf(mixed));
    await new Promise((r) => setTimeout(r, 5_000));
    rssAfter = rssOf(server.pid);
    memory.push({ at: (Date.now() - started) / 1000, rss: rssAfter });
  } finally {
    await server.stop();
  }

  // The alternative, in the same run: a server that searches on every request (no result cache).
  const uncachedServer = await startServer(port, { ...env, SEARCH_CACHE_ENTRIES: "0" });
  let uncached: Result;
  try {
    await autocannon({ url: uncachedServer.base, connections, duration: 10, requests: asRequests(searchApi), timeout: 10 });
    uncached = await load(uncachedServer, "search API, result cache off", searchApi, connections, seconds);
    rows.push(row("search API, result cache off (alternative)", uncached));
    allErrors.push(errorsOf(uncached));
  } finally {
    await uncachedServer.stop();
  }

  const mb = (b: number) => (b / 1e6).toFixed(0);
  const trend = slope(memory.map((m) => ({ x: m.at, y: m.rss })));
  const firstHalf = mean(memory.filter((m) => m.at <= memorySeconds / 2).map((m) => m.rss));
  const secondHalf = mean(memory.filter((m) => m.at > memorySeconds / 2).map((m) => m.rss));
  // "No growth trend": over the run, the fitted line rises less than 5% of the mean RSS, and the
  // second minute averages no more than 5% above the first.
  const growth = trend * memorySeconds;
  const noGrowth = growth < 0.05 * mean(memory.map((m) => m.rss)) && secondHalf < firstHalf * 1.05;
  const checks = [
    [`zero errors on every target`, allErrors.every((e) => e === 0), `${allErrors.reduce((a, e) => a + e, 0)} errors`],
    [
      `search API p99 under ${P99_TARGET_MS} ms at ${connections} connections`,
      searchResult.latency.p99 < P99_TARGET_MS,
      `p99 ${searchResult.latency.p99} ms`,
    ],
    [
      `no memory growth trend over the ${memorySeconds} s run`,
      noGrowth,
      `fitted ${growth >= 0 ? "+" : ""}${mb(growth)} MB over the run; mean ${mb(firstHalf)} MB in the first half, ${mb(secondHalf)} MB in the second`,
    ],
  ] as const;
  const ratio = (a: number, b: number) => (b === 0 ? "–" : `${(a / b).toFixed(1)}×`);
  const report = [
    "# Load benchmark",
    "",
    `Generated by \`npm run bench:load\` on ${new Date().toISOString().slice(0, 10)}: \`next start\` (one Node process) on loopback, the seed library, autocannon in the same machine, sharing its ${os.cpus().length} cores, on ${os.cpus()[0]?.model}, Node ${process.version}. After a 15 s warm-up, each target gets ${connections} connections for ${seconds} s; then the search API with 4 connections (its service time without queueing); then all four targets together for ${memorySeconds} s while the server's RSS is sampled every 5 s. The search targets cycle through ${queries.length} different queries (1–4 character substrings and English words of the seed). The last row is the alternative measured in the same run: a second server with the result cache off (\`SEARCH_CACHE_ENTRIES=0\`), so every request runs the search.`,
    "",
    "| target | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors (incl. non-2xx, timeouts) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `Search API with the result cache against without it: ${ratio(searchResult.requests.average, uncached.requests.average)} the requests per second, p99 ${ratio(uncached.latency.p99, searchResult.latency.p99)} lower.`,
    "",
    `Server memory (RSS) during the ${memorySeconds} s run: ${mb(rssBefore)} MB before, ${mb(Math.max(...memory.map((m) => m.rss)))} MB at most, ${mb(rssAfter)} MB after (5 s after the load stopped); samples every 5 s: ${memory.map((m) => mb(m.rss)).join(", ")} MB.`,
    "",
    "## Targets (issue 5)",
    "",
    ...checks.map(([what, ok, detail]) => `- ${ok ? "met" : "**missed**"}: ${what} (${detail})`),
    "",
  ].join("\n");
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, report);
  console.log(report);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
