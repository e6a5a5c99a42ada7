// npm run bench:reader [-- --port 3500 --requests 20 --seconds 8]
// What the reader costs for the seed (70 turns) and a generated three-hour episode (2,000 turns in
// 12 chapters, src/lib/bench/synthetic-library.ts writeLongEpisode), on two servers over the same
// database and build: the reader as it is (later chapters of long episodes streamed after the
// first view, src/lib/reader/streaming.ts; turn cards written as HTML, src/lib/reader/turn-card-html.ts),
// the old all-at-once rendering (PODCAST_KB_READER_RENDER=all-at-once) and the turn cards as React
// elements (PODCAST_KB_READER_TURNS=elements), three servers measured in the same run, alternating.
// Per page and server: time to first byte, time to the end of the first view (the bytes before
// React's first streamed segment), total time (p50/p95 over sequential requests), bytes raw and
// gzipped (on the wire, Accept-Encoding: gzip), the first view's gzip size, the share of the HTML
// that is the inline RSC payload, server CPU per request (the server process's utime+stime), and
// req/s at 4 connections (autocannon). Writes bench/results/reader.md and .json with verdicts
// computed from the figures. Needs `npm run build` first.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGunzip, gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { seedSentences, writeLongEpisode } from "../lib/bench/synthetic-library.ts";
import { loadLibrary } from "../lib/content/load-library.ts";
import { ingestLibrary } from "../lib/ingest/ingest-library.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3500" },
    requests: { type: "string", default: "20" },
    seconds: { type: "string", default: "8" },
    out: { type: "string", default: "bench/results/reader" },
  },
});
const PORT = Number(values.port);
const REQUESTS = Number(values.requests);
const SECONDS = Number(values.seconds);
const SEED = path.resolve("tests/fixtures/library");
const SEED_SLUG = "onboard-generative-ai-frontier";
const LONG_SLUG = "three-hours";
const LONG_TURNS = 2000;
const ONE_CHAPTER_SLUG = "three-hours-one-chapter";
const TARGETS = { firstViewMs: 100, totalMs: 300, firstViewGzipKb: 150 };

/**
 * streamed: the reader as it is (turn cards written as HTML, src/lib/reader/turn-card-html.ts);
 * all-at-once: the same without streaming; elements: streamed, with the turn cards as React elements
 * (PODCAST_KB_READER_TURNS=elements: the reader before the cards were written as HTML).
 */
type Mode = "streamed" | "all-at-once" | "elements";
interface Sample {
  ttfbMs: number;
  firstViewMs: number;
  totalMs: number;
  wireBytes: number;
  rawBytes: number;
}
interface PageResult {
  page: string;
  turns: number;
  mode: Mode;
  ttfb: { p50: number; p95: number };
  firstView: { p50: number; p95: number };
  total: { p50: number; p95: number };
  rawBytes: number;
  gzipBytes: number;
  firstViewRawBytes: number;
  firstViewGzipBytes: number;
  rscShare: number;
  /** Turn bodies' cue spans (data-cue-start) inside the inline RSC payload, against those in the HTML. */
  rscBodyShare: number;
  cpuMsPerRequest: number;
  reqPerSec: number;
}

const MARKER = Buffer.from('<div hidden id="S:');

/** One GET with gzip: times to the first body byte, to the end of the first view, to the end. */
function fetchOnce(port: number, pathname: string): Promise<Sample & { html: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfbMs = 0;
    let firstViewMs = 0;
    let wireBytes = 0;
    const chunks: Buffer[] = [];
    let tail = Buffer.alloc(0);
    const req = http.get({ host: "127.0.0.1", port, path: pathname, headers: { "accept-encoding": "gzip" } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${pathname}: ${res.statusCode}`));
      const gunzip = createGunzip();
      res.on("data", (chunk: Buffer) => {
        if (!ttfbMs) ttfbMs = performance.now() - started;
        wireBytes += chunk.length;
      });
      gunzip.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        if (!firstViewMs) {
          const window = Buffer.concat([tail, chunk]);
          if (window.includes(MARKER)) firstViewMs = performance.now() - started;
          tail = window.subarray(Math.max(0, window.length - MARKER.length));
        }
      });
      gunzip.on("end", () => {
        const totalMs = performance.now() - started;
        const html = Buffer.concat(chunks).toString("utf8");
        resolve({ ttfbMs, firstViewMs: firstViewMs || totalMs, totalMs, wireBytes, rawBytes: Buffer.byteLength(html), html });
      });
      gunzip.on("error", reject);
      if (res.headers["content-encoding"] === "gzip") res.pipe(gunzip);
      else reject(new Error(`${pathname}: not gzipped`));
    });
    req.on("error", reject);
  });
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

interface Server {
  mode: Mode;
  port: number;
  child: ChildProcess;
}

async function startServer(mode: Mode, port: number, databasePath: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${databasePath}`,
      NEXT_TELEMETRY_DISABLED: "1",
      SITE_URL: "",
      PODCAST_KB_READER_RENDER: mode === "all-at-once" ? "all-at-once" : "",
      PODCAST_KB_READER_TURNS: mode === "elements" ? "elements" : "",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Serving on")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the ${mode} server exited (${code})`)));
  });
  return { mode, port, child };
}

async function measure(servers: Server[], page: { path: string; turns: number; name: string }): Promise<PageResult[]> {
  const samples = new Map<Mode, Array<Sample & { html: string }>>(servers.map((s) => [s.mode, []]));
  const cpu = new Map<Mode, number>(servers.map((s) => [s.mode, 0]));
  for (const server of servers) for (let i = 0; i < 3; i++) await fetchOnce(server.port, page.path); // warm up
  // Sequential requests, alternating servers, so that all see the same load from other work.
  for (let i = 0; i < REQUESTS; i++)
    for (const server of i % 2 === 0 ? servers : [...servers].reverse()) {
      const before = cpuMs(server.child.pid!);
      samples.get(server.mode)!.push(await fetchOnce(server.port, page.path));
      cpu.set(server.mode, cpu.get(server.mode)! + cpuMs(server.child.pid!) - before);
    }
  const throughput = new Map<Mode, number>();
  for (const server of servers) {
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}${page.path}`,
      connections: 4,
      duration: SECONDS,
      headers: { "accept-encoding": "gzip" },
    });
    throughput.set(server.mode, result.requests.average);
  }
  return servers.map((server) => {
    const list = samples.get(server.mode)!;
    const html = list.at(-1)!.html;
    const at = html.indexOf(MARKER.toString());
    const first = at < 0 ? html : html.slice(0, at);
    const scripts = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\((.*?)\)<\/script>/gs)];
    const rsc = scripts.reduce((n, m) => n + m[0].length, 0);
    const cues = (text: string) => text.split("data-cue-start").length - 1;
    const rscCues = scripts.reduce((n, m) => n + cues(m[0]), 0);
    const htmlCues = cues(html) - rscCues;
    const p = (key: "ttfbMs" | "firstViewMs" | "totalMs") => ({
      p50: quantile(
        list.map((s) => s[key]),
        0.5,
      ),
      p95: quantile(
        list.map((s) => s[key]),
        0.95,
      ),
    });
    return {
      page: page.name,
      turns: page.turns,
      mode: server.mode,
      ttfb: p("ttfbMs"),
      firstView: p("firstViewMs"),
      total: p("totalMs"),
      rawBytes: list.at(-1)!.rawBytes,
      gzipBytes: quantile(
        list.map((s) => s.wireBytes),
        0.5,
      ),
      firstViewRawBytes: Buffer.byteLength(first),
      firstViewGzipBytes: gzipSync(first).length,
      rscShare: rsc / html.length,
      rscBodyShare: htmlCues === 0 ? 0 : rscCues / htmlCues,
      cpuMsPerRequest: cpu.get(server.mode)! / list.length,
      reqPerSec: throughput.get(server.mode)!,
    };
  });
}

async function main(): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm run build` first");
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-reader-"));
  const content = path.join(work, "content");
  cpSync(SEED, content, { recursive: true });
  const seed = loadLibrary(SEED);
  const people = new Map(seed.people.map((p) => [p.id, p.name]));
  writeLongEpisode(seedSentences(seed), content, {
    slug: LONG_SLUG,
    title: "三小时长谈:两千段,十二章",
    show: seed.episodes[0]!.showId,
    speakers: seed.episodes[0]!.participants.map((p) => ({
      id: p.personId,
      name: people.get(p.personId)!,
      role: p.role === "host" ? "host" : "guest",
    })),
    turns: LONG_TURNS,
  });
  // The same length without chapter headings: one chapter of 2,000 turns (streamed in parts).
  writeLongEpisode(seedSentences(seed), content, {
    slug: ONE_CHAPTER_SLUG,
    title: "三小时长谈:两千段,不分章",
    show: seed.episodes[0]!.showId,
    speakers: seed.episodes[0]!.participants.map((p) => ({
      id: p.personId,
      name: people.get(p.personId)!,
      role: p.role === "host" ? "host" : "guest",
    })),
    turns: LONG_TURNS,
    headings: false,
  });
  const databasePath = path.join(work, "reader.db");
  await ingestLibrary({ contentDir: content, databasePath, migrationsDir: path.resolve("prisma/migrations"), full: true });
  const loadBefore = os.loadavg();
  const servers = [
    await startServer("streamed", PORT, databasePath),
    await startServer("all-at-once", PORT + 1, databasePath),
    await startServer("elements", PORT + 2, databasePath),
  ];
  const results: PageResult[] = [];
  try {
    for (const page of [
      { name: "seed", path: `/episodes/${SEED_SLUG}`, turns: seed.episodes[0]!.chapters.reduce((n, c) => n + c.turns.length, 0) },
      { name: "three hours", path: `/episodes/${LONG_SLUG}`, turns: LONG_TURNS },
      { name: "three hours, one chapter", path: `/episodes/${ONE_CHAPTER_SLUG}`, turns: LONG_TURNS },
    ]) {
      console.log(`${page.name} (${page.turns} turns)…`);
      for (const r of await measure(servers, page)) {
        results.push(r);
        console.log(
          `  ${r.mode}: TTFB p50 ${r.ttfb.p50.toFixed(0)} ms, first view p50 ${r.firstView.p50.toFixed(0)} ms, total p50 ${r.total.p50.toFixed(0)} ms, ` +
            `${kb(r.rawBytes)} raw / ${kb(r.gzipBytes)} gzip (first view ${kb(r.firstViewGzipBytes)} gzip), CPU ${r.cpuMsPerRequest.toFixed(0)} ms/request, ${r.reqPerSec.toFixed(1)} req/s`,
        );
      }
    }
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
  }
  const loadAfter = os.loadavg();
  writeFileSync(`${values.out}.json`, JSON.stringify({ date: new Date().toISOString(), loadBefore, loadAfter, results }, null, 2));
  writeFileSync(`${values.out}.md`, report(results, loadBefore, loadAfter));
  console.log(`wrote ${values.out}.md`);
  rmSync(work, { recursive: true, force: true });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

function report(results: PageResult[], loadBefore: number[], loadAfter: number[]): string {
  const get = (page: string, mode: Mode) => results.find((r) => r.page === page && r.mode === mode)!;
  const longNow = get("three hours", "streamed");
  const longOld = get("three hours", "all-at-once");
  const seedOld = get("seed", "all-at-once");
  const longElements = get("three hours", "elements");
  const seedNow = get("seed", "streamed");
  const seedElements = get("seed", "elements");
  const oneChapterElements = get("three hours, one chapter", "elements");
  const oneChapter = get("three hours, one chapter", "streamed");
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const lines = [
    "# Reader benchmark",
    "",
    `Generated by \`npm run bench:reader\` on ${new Date().toISOString().slice(0, 10)}.`,
    "",
    `Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores; Node ${process.version}. Load average (1 min) ${loadBefore[0]!.toFixed(1)} at the start and ${loadAfter[0]!.toFixed(1)} at the end` +
      (loadBefore[0]! > 2 || loadAfter[0]! > 2 ? ": other work shared the two cores, so the times are upper bounds." : "."),
    "",
    `Three servers (\`npm run serve\`) over one database and build: **streamed**, the reader as it is (a long episode's chapters after the first, and a long chapter's turns after its first 100, stream after the first view, src/lib/reader/streaming.ts; each chapter part's turn cards are one HTML string written on the server, src/lib/reader/turn-card-html.ts, kept per episode, data version and language for the plain view, src/lib/reader/turn-card-cache.ts, that reaches the server-side rendering beside the RSC payload, src/lib/reader/turn-html-channel.ts); **all-at-once**, the same without streaming (\`PODCAST_KB_READER_RENDER=all-at-once\`); and **elements**, streamed with every turn card a tree of React elements as before (\`PODCAST_KB_READER_TURNS=elements\`). ${REQUESTS} sequential requests per page and server, alternating servers, after 3 warm-up requests; then ${SECONDS} s of autocannon at 4 connections. Times are on the client (loopback), with Accept-Encoding: gzip. 'First view' is the HTML before React's first streamed segment (the header, introduction, table of contents, filters and first chapter); for a page that streams nothing it is the whole page. CPU is the server process's user+system time per sequential request.`,
    "",
    "| page | turns | rendering | TTFB p50 / p95 | first view p50 / p95 | total p50 / p95 | HTML raw | gzip on the wire | first view raw / gzip | inline RSC payload | turn bodies in the RSC payload | server CPU / request | req/s at 4 connections |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results)
    lines.push(
      `| ${r.page} | ${r.turns.toLocaleString("en")} | ${r.mode} | ${ms(r.ttfb.p50)} / ${ms(r.ttfb.p95)} | ${ms(r.firstView.p50)} / ${ms(r.firstView.p95)} | ${ms(r.total.p50)} / ${ms(r.total.p95)} | ${kb(r.rawBytes)} | ${kb(r.gzipBytes)} | ${kb(r.firstViewRawBytes)} / ${kb(r.firstViewGzipBytes)} | ${(r.rscShare * 100).toFixed(0)} % | ${(r.rscBodyShare * 100).toFixed(0)} % | ${ms(r.cpuMsPerRequest)} | ${r.reqPerSec.toFixed(1)} |`,
    );
  lines.push(
    "",
    "## Streamed against all at once (same run)",
    "",
    "| 2,000-turn episode | streamed | all at once | ratio |",
    "| --- | ---: | ---: | ---: |",
    `| first view p50 | ${ms(longNow.firstView.p50)} | ${ms(longOld.firstView.p50)} | ${(longOld.firstView.p50 / longNow.firstView.p50).toFixed(1)}× sooner |`,
    `| first view gzip | ${kb(longNow.firstViewGzipBytes)} | ${kb(longOld.firstViewGzipBytes)} | ${(longOld.firstViewGzipBytes / longNow.firstViewGzipBytes).toFixed(1)}× smaller |`,
    `| total p50 | ${ms(longNow.total.p50)} | ${ms(longOld.total.p50)} | ${(longNow.total.p50 / longOld.total.p50).toFixed(2)}× |`,
    `| server CPU / request | ${ms(longNow.cpuMsPerRequest)} | ${ms(longOld.cpuMsPerRequest)} | ${(longNow.cpuMsPerRequest / longOld.cpuMsPerRequest).toFixed(2)}× |`,
    "",
    "## Turn cards as HTML against React elements (same run, both streamed)",
    "",
    "| page | what | HTML cards | element cards | ratio |",
    "| --- | --- | ---: | ---: | ---: |",
    ...(
      [
        ["seed", seedNow, seedElements],
        ["three hours", longNow, longElements],
        ["three hours, one chapter", oneChapter, oneChapterElements],
      ] as const
    ).flatMap(([name, html, elements]) => [
      `| ${name} | server CPU / request | ${ms(html.cpuMsPerRequest)} | ${ms(elements.cpuMsPerRequest)} | ${(elements.cpuMsPerRequest / html.cpuMsPerRequest).toFixed(1)}× less |`,
      `| ${name} | first view p50 | ${ms(html.firstView.p50)} | ${ms(elements.firstView.p50)} | ${(elements.firstView.p50 / html.firstView.p50).toFixed(1)}× sooner |`,
      `| ${name} | total p50 | ${ms(html.total.p50)} | ${ms(elements.total.p50)} | ${(elements.total.p50 / html.total.p50).toFixed(1)}× sooner |`,
      `| ${name} | HTML raw | ${kb(html.rawBytes)} | ${kb(elements.rawBytes)} | ${(elements.rawBytes / html.rawBytes).toFixed(1)}× smaller |`,
      `| ${name} | inline RSC payload's share of the HTML | ${(html.rscShare * 100).toFixed(0)} % | ${(elements.rscShare * 100).toFixed(0)} % | |`,
      `| ${name} | req/s at 4 connections | ${html.reqPerSec.toFixed(1)} | ${elements.reqPerSec.toFixed(1)} | ${elements.reqPerSec > 0 ? `${(html.reqPerSec / elements.reqPerSec).toFixed(1)}× more` : `(no element-card request finished within ${SECONDS} s)`} |`,
    ]),
    "",
    "## Against the targets (issue 12, the 2,000-turn episode as served now)",
    "",
    "| what | measured | target | |",
    "| --- | ---: | ---: | --- |",
    `| first bytes (title, contents, first chapter): first view p50 | ${ms(longNow.firstView.p50)} | ≤ ${TARGETS.firstViewMs} ms | ${verdict(longNow.firstView.p50 <= TARGETS.firstViewMs)} |`,
    `| whole page, server time (total p50 on loopback) | ${ms(longNow.total.p50)} | ≤ ${TARGETS.totalMs} ms | ${verdict(longNow.total.p50 <= TARGETS.totalMs)} |`,
    `| gzip transfer of the first view | ${kb(longNow.firstViewGzipBytes)} | ≤ ${TARGETS.firstViewGzipKb} KB | ${verdict(longNow.firstViewGzipBytes <= TARGETS.firstViewGzipKb * 1024)} |`,
    `| reads as quickly as the seed does all at once: first view p50 against the seed's total p50 | ${ms(longNow.firstView.p50)} vs ${ms(seedOld.total.p50)} | ≤ | ${verdict(longNow.firstView.p50 <= seedOld.total.p50)} |`,
    `| (for reference: the 2,000-turn page's total p50 against the seed's, both as served now) | ${ms(longNow.total.p50)} vs ${ms(seedNow.total.p50)} | | |`,
    `| the RSC payload does not duplicate turn HTML: turn bodies' cue spans in the inline RSC payload, against those in the HTML | ${(longNow.rscBodyShare * 100).toFixed(0)} % | 0 % | ${verdict(longNow.rscBodyShare === 0)} |`,
    `| (for reference: the inline RSC payload's share of the HTML) | ${(longNow.rscShare * 100).toFixed(0)} % | | |`,
    `| a single chapter of 2,000 turns (no headings): first view p50 | ${ms(oneChapter.firstView.p50)} | ≤ ${TARGETS.firstViewMs} ms | ${verdict(oneChapter.firstView.p50 <= TARGETS.firstViewMs)} |`,
    `| a single chapter of 2,000 turns: gzip transfer of the first view | ${kb(oneChapter.firstViewGzipBytes)} | ≤ ${TARGETS.firstViewGzipKb} KB | ${verdict(oneChapter.firstViewGzipBytes <= TARGETS.firstViewGzipKb * 1024)} |`,
    "",
  );
  return lines.join("\n");
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
