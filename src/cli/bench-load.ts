// npm run bench:load [-- --seconds 30 --connections 32]
// Starts `next start` on loopback against a freshly ingested database, drives the reader, a
// permalink page, the search API and the search page with autocannon, and reports requests per
// second, latency percentiles, errors and the server's memory (RSS) before, during and after.
// Writes bench/results/load.md. Needs a production build (`npm run build`).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { prng } from "../lib/bench/synthetic-library";
import { loadLibrary } from "../lib/content/load-library";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    connections: { type: "string", default: "32" },
    port: { type: "string", default: "3290" },
    out: { type: "string", default: "bench/results/load.md" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;

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

/** The process listening on the port (the Next.js server, not the npx wrapper that started it). */
function serverPid(listenPort: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${listenPort}`]).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on port ${listenPort}`);
  return Number(pid);
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

async function main() {
  const databasePath = path.join(mkdtempSync(path.join(os.tmpdir(), "podcast-kb-load-")), "load.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databasePath}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  execFileSync("npx", ["tsx", "src/cli/ingest.ts"], { env, stdio: "inherit" });
  const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "ignore" });
  try {
    await waitFor(`${base}/api/episodes`);
    const pid = serverPid(port);
    // Warm up (JIT, caches, heap growth) before anything is measured.
    const all = TARGETS.flatMap((t) => ("paths" in t ? t.paths! : [t.path])).map((p) => ({ method: "GET" as const, path: p }));
    await autocannon({ url: base, connections, duration: 15, requests: all, timeout: 10 });
    const rssBefore = rssOf(pid);
    const rows: string[] = [];
    const memory: Array<{ at: number; rss: number }> = [{ at: 0, rss: rssBefore }];
    const started = Date.now();
    const sampler = setInterval(() => memory.push({ at: (Date.now() - started) / 1000, rss: rssOf(pid) }), 5_000);
    for (const target of TARGETS) {
      const requests = ("paths" in target ? target.paths! : [target.path]).map((p) => ({ method: "GET" as const, path: p }));
      const result = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 10 });
      const errors = result.errors + result.timeouts + result.non2xx;
      rows.push(
        `| ${target.name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result.requests.total} | ${errors} |`,
      );
      console.log(
        `${target.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`,
      );
    }
    // The same search API load with 4 connections: the service time, without 32-deep queueing.
    {
      const requests = TARGETS[2]!.paths!.map((p) => ({ method: "GET" as const, path: p }));
      const result = await autocannon({ url: base, connections: 4, duration: seconds, requests, timeout: 10 });
      const errors = result.errors + result.timeouts + result.non2xx;
      rows.push(
        `| search API, 4 connections | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result.requests.total} | ${errors} |`,
      );
      console.log(`search API (4 connections): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    }
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 5_000));
    const rssAfter = rssOf(pid);
    memory.push({ at: (Date.now() - started) / 1000, rss: rssAfter });
    // Memory trend: least-squares slope of RSS over time during the run.
    const n = memory.length;
    const mx = memory.reduce((a, m) => a + m.at, 0) / n;
    const my = memory.reduce((a, m) => a + m.rss, 0) / n;
    const slope =
      memory.reduce((a, m) => a + (m.at - mx) * (m.rss - my), 0) /
      Math.max(
        1e-9,
        memory.reduce((a, m) => a + (m.at - mx) ** 2, 0),
      );
    const mb = (b: number) => (b / 1e6).toFixed(0);
    const report = [
      "# Load benchmark",
      "",
      `Generated by \`npm run bench:load\` on ${new Date().toISOString().slice(0, 10)}: \`next start\` on loopback, the seed library, autocannon (in the same machine, sharing its ${os.cpus().length} cores) with ${connections} connections for ${seconds} s per target (${((TARGETS.length + 1) * seconds) / 60} minutes in all, after a 15 s warm-up; the last row runs the search API again with 4 connections), on ${os.cpus()[0]?.model}, Node ${process.version}. The search targets cycle through ${queries.length} different queries (1–4 character substrings and English words of the seed); search results are cached per database file (LRU, 500 entries), as in production.`,
      "",
      "| target | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors (incl. non-2xx, timeouts) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
      "",
      `Server memory (RSS): ${mb(rssBefore)} MB before, ${mb(Math.max(...memory.map((m) => m.rss)))} MB at most, ${mb(rssAfter)} MB after; trend over the run ${(slope / 1e6).toFixed(2)} MB/s (samples every 5 s: ${memory.map((m) => mb(m.rss)).join(", ")} MB).`,
      "",
    ].join("\n");
    mkdirSync(path.dirname(values.out), { recursive: true });
    writeFileSync(values.out, report);
    console.log(report);
  } finally {
    server.kill("SIGTERM");
    try {
      execFileSync("pkill", ["-f", `next start -H 127.0.0.1 -p ${port}`]);
    } catch {
      // already gone
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
