// npm run bench:search -- --db postgres [--sizes 100000,1000000] [--cache DIR] [--postgres-url URL]
// The same synthetic library in SQLite and in PostgreSQL, searched with the same queries (drawn
// from the corpus, the classes of the SQLite report) through the same code path (searchTurns and
// the API path), class by class and database by database in turn, so that the machine's load
// falls on both alike. Also: each database's ingest time and index size, and for the classes where
// PostgreSQL is slowest against SQLite, where the time goes (auto_explain: every statement one
// search runs, with its plan). Writes bench/results/search-postgres.md (and .json).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { findPostgresBin, startCluster, type Cluster } from "../../../tests/support/postgres-cluster";
import { loadLibrary } from "../content/load-library";
import { searchTurns } from "../data/search";
import { ingestLibrary, type IngestSummary } from "../ingest/ingest-library";
import { parseSearchParams } from "../search/search-params";
import { CLASSES, drawQueries, stats, time, type QueryCase, type Stats } from "./search-queries";
import { writeSyntheticLibrary } from "./synthetic-library";

type Db = "sqlite" | "postgres";
const DBS: readonly Db[] = ["sqlite", "postgres"];

interface Ingest {
  totalMs: number;
  loadMs: number;
  writeMs: number;
  searchIndexMs: number;
  /** "this run", or where the figures come from (a database reused from the cache). */
  measured: string;
}

interface DbResult {
  ingest: Ingest;
  /** The search index's tables (and their indexes), and the whole database or schema. */
  indexBytes: number;
  dbBytes: number;
  /** The API path: parse the query string, searchTurns() with facets, JSON. */
  api: Record<string, Stats>;
  /** searchTurns() without facets. */
  search: Record<string, Stats>;
}

interface Statement {
  ms: number;
  query: string;
  plan: string;
}

interface Explained {
  klass: string;
  q: string;
  speaker?: string;
  /** Wall time of the API call while every statement was explained (auto_explain adds its own cost). */
  wallMs: number;
  /** The same call without auto_explain, just before (the median of three). */
  plainMs: number;
  statements: number;
  /** Executor time of all of them, inside PostgreSQL. */
  executorMs: number;
  slowest: Statement[];
}

export interface PostgresSizeResult {
  turns: number;
  episodes: number;
  textBytes: number;
  /** Turns and characters of turn text in each database: the same corpus in both. */
  corpus: Record<Db, { turns: number; chars: number }>;
  sqlite: DbResult;
  postgres: DbResult;
  queriesPerClass: number;
  explained: Explained[];
  loadAverage: { start: number[]; end: number[] };
}

export interface PostgresRun {
  date: string;
  machine: string;
  node: string;
  sqliteVersion: string;
  postgresVersion: string;
  /** The server's settings that differ from PostgreSQL's defaults, as this run set them. */
  postgresSettings: Record<string, string>;
  server: string;
  results: PostgresSizeResult[];
}

/**
 * The throwaway cluster's settings: durable (as a real server), memory sized for a dedicated
 * database server of this machine's RAM, auto_explain loaded but silent until a class is explained.
 */
const SETTINGS: Record<string, string> = {
  fsync: "on",
  synchronous_commit: "on",
  full_page_writes: "on",
  shared_buffers: "2GB",
  effective_cache_size: "8GB",
  work_mem: "64MB",
  maintenance_work_mem: "1GB",
  max_wal_size: "8GB",
  shared_preload_libraries: "auto_explain",
};

const schemaFor = (turns: number) => `bench_${turns}`;
const withSchema = (url: string, schema: string) => `${url}${url.includes("?") ? "&" : "?"}schema=${schema}`;

function urlFor(db: Db, sqlitePath: string, postgresUrl: string, turns: number): string {
  return db === "sqlite" ? `file:${sqlitePath}` : withSchema(postgresUrl, schemaFor(turns));
}

const ingestFigures = (summary: IngestSummary, totalMs: number, measured: string): Ingest => ({
  totalMs,
  loadMs: summary.timings.loadMs,
  writeMs: summary.timings.writeMs,
  searchIndexMs: summary.timings.searchIndexMs,
  measured,
});

async function sizes(db: Db, sqlitePath: string, postgres: pg.Client, turns: number): Promise<{ indexBytes: number; dbBytes: number }> {
  if (db === "sqlite") {
    const sqlite = new Database(sqlitePath, { readonly: true });
    try {
      const rows = sqlite.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all() as Array<{
        name: string;
        bytes: number;
      }>;
      return {
        indexBytes: rows.filter((r) => r.name.startsWith("search_")).reduce((n, r) => n + r.bytes, 0),
        dbBytes: statSync(sqlitePath).size,
      };
    } finally {
      sqlite.close();
    }
  }
  const { rows } = await postgres.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
    [schemaFor(turns)],
  );
  return {
    indexBytes: rows.filter((r) => r.name.startsWith("search_")).reduce((n, r) => n + Number(r.bytes), 0),
    dbBytes: rows.reduce((n, r) => n + Number(r.bytes), 0),
  };
}

async function corpusOf(db: Db, sqlitePath: string, postgres: pg.Client, turns: number): Promise<{ turns: number; chars: number }> {
  if (db === "sqlite") {
    const sqlite = new Database(sqlitePath, { readonly: true });
    try {
      const row = sqlite.prepare("SELECT COUNT(*) AS turns, SUM(length(text)) AS chars FROM Turn").get() as {
        turns: number;
        chars: number;
      };
      return { turns: row.turns, chars: row.chars };
    } finally {
      sqlite.close();
    }
  }
  const { rows } = await postgres.query<{ turns: string; chars: string }>(
    `SELECT COUNT(*)::text AS turns, SUM(length("text"))::text AS chars FROM "${schemaFor(turns)}"."Turn"`,
  );
  return { turns: Number(rows[0]!.turns), chars: Number(rows[0]!.chars) };
}

/** One search as GET /api/search runs it (no HTTP, no result cache). */
async function apiCall(c: QueryCase): Promise<string> {
  const parsed = parseSearchParams(new URLSearchParams({ q: c.q, ...(c.speaker ? { speaker: c.speaker } : {}) }));
  if (!parsed.ok) throw new Error(parsed.message);
  return JSON.stringify(await searchTurns(parsed.request, { facets: parsed.request.facets, cache: false }));
}

async function searchCall(c: QueryCase): Promise<void> {
  const parsed = parseSearchParams({ q: c.q, ...(c.speaker ? { speaker: c.speaker } : {}) });
  if (!parsed.ok) throw new Error(parsed.message);
  await searchTurns(parsed.request, { facets: false, cache: false });
}

/** auto_explain's entries in the server log from `from` on: `duration: … ms  plan:` and the plan. */
function readPlans(logPath: string, from: number): Statement[] {
  const text = readFileSync(logPath).subarray(from).toString("utf8");
  const statements: Statement[] = [];
  const entries = text.split(/\n(?=\S)/);
  for (const entry of entries) {
    const head = /LOG:\s+duration: ([\d.]+) ms\s+plan:/.exec(entry);
    if (!head) continue;
    const lines = entry
      .slice(head.index + head[0].length)
      .split("\n")
      .map((l) => l.replace(/^\t/, ""));
    const planAt = lines.findIndex((l) => /\(actual |\(never executed\)/.test(l));
    const query = lines
      .slice(0, planAt < 0 ? lines.length : planAt)
      .join("\n")
      .replace(/^\s*Query Text:\s*/, "")
      .trim();
    statements.push({ ms: Number(head[1]), query, plan: planAt < 0 ? "" : lines.slice(planAt).join("\n").trimEnd() });
  }
  return statements;
}

async function explain(admin: pg.Client, cluster: Cluster, klass: string, c: QueryCase): Promise<Explained> {
  const plain = [await time(() => apiCall(c)), await time(() => apiCall(c)), await time(() => apiCall(c))].sort((a, b) => a - b);
  const plainMs = plain[1]!;
  const set = async (settings: Record<string, string>) => {
    for (const [name, value] of Object.entries(settings))
      await admin.query(value === "" ? `ALTER SYSTEM RESET ${name}` : `ALTER SYSTEM SET ${name} = '${value}'`);
    await admin.query("SELECT pg_reload_conf()");
    // Every backend reloads its settings before its next statement once it has taken the signal.
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  await set({ "auto_explain.log_min_duration": "0", "auto_explain.log_analyze": "on", "auto_explain.log_buffers": "on" });
  const from = statSync(cluster.logPath).size;
  let wallMs: number;
  try {
    wallMs = await time(() => apiCall(c));
  } finally {
  }
  const statements = readPlans(cluster.logPath, from).filter((s) => !/pg_reload_conf|ALTER SYSTEM/.test(s.query));
  return {
    klass,
    q: c.q,
    ...(c.speaker ? { speaker: c.speaker } : {}),
    wallMs,
    plainMs,
    statements: statements.length,
    executorMs: statements.reduce((n, s) => n + s.ms, 0),
    slowest: [...statements].sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}

export async function benchPostgres(options: {
  sizes: number[];
  cache?: string;
  postgresUrl?: string;
  work: string;
  out: string;
  explainClasses: number;
}): Promise<void> {
  let cluster: Cluster | null = null;
  let url = options.postgresUrl;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) throw new Error("--db postgres needs PostgreSQL: install Debian's postgresql (pg_ctl) or give --postgres-url");
    cluster = await startCluster(bin, { settings: SETTINGS });
    url = cluster.url;
    console.log(`a throwaway PostgreSQL cluster at ${url}`);
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const version = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    const run: PostgresRun = {
      date: new Date().toISOString(),
      machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}`,
      node: process.version,
      sqliteVersion: (new Database(":memory:").prepare("SELECT sqlite_version() AS v").get() as { v: string }).v,
      postgresVersion: version,
      postgresSettings: cluster ? SETTINGS : {},
      server: cluster
        ? "a throwaway cluster on this machine (loopback TCP), started by the benchmark"
        : "a server given with --postgres-url",
      results: [],
    };
    for (const turns of options.sizes) {
      run.results.push(await benchSize(turns, options, url, admin, cluster));
      mkdirSync(path.dirname(options.out), { recursive: true });
      writeFileSync(`${options.out}.json`, JSON.stringify(run, null, 2));
      writeFileSync(`${options.out}.md`, postgresReport(run));
      console.log(`wrote ${options.out}.md`);
    }
  } finally {
    await admin.end();
    cluster?.stop();
  }
}

async function benchSize(
  turns: number,
  options: { cache?: string; work: string; explainClasses: number },
  postgresUrl: string,
  admin: pg.Client,
  cluster: Cluster | null,
): Promise<PostgresSizeResult> {
  console.log(`\n== ${turns.toLocaleString("en")} turns ==`);
  const loadStart = os.loadavg();
  const seedContent = path.resolve("content");
  const dir = path.join(options.work, `library-${turns}`);
  const generated = writeSyntheticLibrary(seedContent, loadLibrary(seedContent), path.join(dir, "content"), turns);
  console.log(`generated ${generated.episodes} episodes (${(generated.textBytes / 1e6).toFixed(1)} MB of text)`);
  const contentDir = path.join(dir, "content");
  const migrationsDir = path.resolve("prisma/migrations");

  // SQLite: the cached database when there is one of this corpus (bench:search --cache made it),
  // else ingested now. The cache is only read here: what it holds is the SQLite report's.
  const sqlitePath = path.join(options.work, `bench-${turns}.db`);
  const cached = options.cache ? path.join(options.cache, `bench-${turns}.db`) : undefined;
  const cachedMeta = options.cache ? path.join(options.cache, `bench-${turns}.json`) : undefined;
  let sqliteIngest: Ingest;
  const meta =
    cached && cachedMeta && existsSync(cached) && existsSync(cachedMeta)
      ? (JSON.parse(readFileSync(cachedMeta, "utf8")) as { textBytes: number; timings: Record<string, number> })
      : null;
  if (cached && meta && meta.textBytes === generated.textBytes) {
    console.log(`SQLite: reusing ${cached}`);
    cpSync(cached, sqlitePath);
    sqliteIngest = {
      totalMs: meta.timings.totalIngestMs!,
      loadMs: meta.timings.loadMs!,
      writeMs: meta.timings.writeMs!,
      searchIndexMs: meta.timings.searchIndexMs!,
      measured: `the run that built the cached database (${statSync(cachedMeta!).mtime.toISOString().slice(0, 16).replace("T", " ")} UTC; load not recorded)`,
    };
  } else {
    if (meta) console.log(`SQLite: the cached database is of another corpus (${meta.textBytes} bytes of text): ingesting`);
    let summary!: IngestSummary;
    const ms = await time(async () => (summary = await ingestLibrary({ contentDir, databasePath: sqlitePath, migrationsDir, full: true })));
    sqliteIngest = ingestFigures(summary, ms, "this run");
    console.log(`SQLite: ingested in ${(ms / 1000).toFixed(1)} s`);
  }

  // PostgreSQL: always ingested now, from the same folder.
  const postgresDatabaseUrl = withSchema(postgresUrl, schemaFor(turns));
  let pgSummary!: IngestSummary;
  const pgMs = await time(
    async () => (pgSummary = await ingestLibrary({ contentDir, databaseUrl: postgresDatabaseUrl, migrationsDir, full: true })),
  );
  const postgresIngest = ingestFigures(pgSummary, pgMs, "this run");
  console.log(`PostgreSQL: ingested in ${(pgMs / 1000).toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
  await admin.query(`VACUUM ANALYZE`);

  const corpus = {
    sqlite: await corpusOf("sqlite", sqlitePath, admin, turns),
    postgres: await corpusOf("postgres", sqlitePath, admin, turns),
  };
  if (corpus.sqlite.turns !== corpus.postgres.turns || corpus.sqlite.chars !== corpus.postgres.chars)
    throw new Error(`the two databases hold different corpora: ${JSON.stringify(corpus)}`);

  const sqliteDb = new Database(sqlitePath, { readonly: true });
  const perClass = turns >= 1_000_000 ? 100 : 200;
  const queries = drawQueries(sqliteDb, perClass, 7);
  sqliteDb.close();

  const results: Record<Db, { api: Record<string, Stats>; search: Record<string, Stats> }> = {
    sqlite: { api: {}, search: {} },
    postgres: { api: {}, search: {} },
  };
  const postgresSamples: Record<string, Array<{ c: QueryCase; ms: number }>> = {};
  for (const [i, klass] of CLASSES.entries()) {
    // Alternate which database goes first, so that a change in the machine's load falls on both.
    const order = i % 2 === 0 ? DBS : [...DBS].reverse();
    const line: string[] = [];
    for (const db of order) {
      process.env.DATABASE_URL = urlFor(db, sqlitePath, postgresUrl, turns);
      const cases = queries[klass];
      for (const c of cases.slice(0, 3)) await apiCall(c); // warm up (and open the database)
      const apiSamples: number[] = [];
      const searchSamples: number[] = [];
      for (const c of cases) {
        searchSamples.push(await time(() => searchCall(c)));
        const ms = await time(() => apiCall(c));
        apiSamples.push(ms);
        if (db === "postgres") (postgresSamples[klass] ??= []).push({ c, ms });
      }
      results[db].api[klass] = stats(apiSamples);
      results[db].search[klass] = stats(searchSamples);
      line.push(`${db} API p50 ${results[db].api[klass]!.p50.toFixed(2)} p95 ${results[db].api[klass]!.p95.toFixed(2)}`);
    }
    console.log(`${klass.padEnd(15)} ${line.join(" | ")} ms`);
  }

  // Where PostgreSQL's time goes, for the classes where it is furthest behind SQLite: the query
  // at that class's median, every statement it runs, with its plan.
  const explained: Explained[] = [];
  if (cluster && options.explainClasses > 0) {
    process.env.DATABASE_URL = urlFor("postgres", sqlitePath, postgresUrl, turns);
    const worst = [...CLASSES]
      .sort((a, b) => results.postgres.api[b]!.p95 / results.sqlite.api[b]!.p95 - results.postgres.api[a]!.p95 / results.sqlite.api[a]!.p95)
      .slice(0, options.explainClasses);
    for (const klass of worst) {
      const samples = [...postgresSamples[klass]!].sort((a, b) => a.ms - b.ms);
      const median = samples[Math.floor(samples.length / 2)]!;
      explained.push(await explain(admin, cluster, klass, median.c));
      const e = explained.at(-1)!;
      console.log(
        `explained ${klass} (${e.q}): ${e.statements} statements, ${e.executorMs.toFixed(1)} ms inside PostgreSQL of ${e.wallMs.toFixed(1)} ms`,
      );
    }
  }

  const result: PostgresSizeResult = {
    turns,
    episodes: generated.episodes,
    textBytes: generated.textBytes,
    corpus,
    sqlite: { ingest: sqliteIngest, ...(await sizes("sqlite", sqlitePath, admin, turns)), ...results.sqlite },
    postgres: { ingest: postgresIngest, ...(await sizes("postgres", sqlitePath, admin, turns)), ...results.postgres },
    queriesPerClass: perClass,
    explained,
    loadAverage: { start: loadStart, end: os.loadavg() },
  };
  // The next size gets the server to itself; the SQLite copy goes too.
  process.env.DATABASE_URL = "";
  await admin.query(`DROP SCHEMA IF EXISTS "${schemaFor(turns)}" CASCADE`);
  rmSync(sqlitePath, { force: true });
  return result;
}

/**
 * What a plan's scans did, read from its text: each scan node with the rows it returned (all
 * loops), the rows its filter removed, and the buffers it touched.
 */
export function scanSummary(plan: string): string[] {
  const lines = plan.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    const node = /(Bitmap Heap Scan|Bitmap Index Scan|Index Only Scan|Index Scan|Seq Scan)(?: using (\S+))? on (\S+)/.exec(line);
    if (!node) return;
    const actual = /actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/.exec(line);
    const indent = line.search(/\S/);
    let removed = 0;
    let hit = 0;
    let read = 0;
    let heapBlocks = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const detail = lines[j]!;
      if (detail.trim() === "" || detail.search(/\S/) <= indent || /^\s*->/.test(detail)) break;
      removed += Number(/Rows Removed by (?:Filter|Index Recheck): (\d+)/.exec(detail)?.[1] ?? 0);
      const buffers = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(detail);
      if (buffers) {
        hit += Number(buffers[1] ?? 0);
        read += Number(buffers[2] ?? 0);
      }
      heapBlocks += Number(/Heap Blocks: exact=(\d+)/.exec(detail)?.[1] ?? 0);
    }
    if (!actual) return;
    const rows = Number(actual[2]) * Number(actual[3]);
    out.push(
      `${node[1]}${node[2] ? ` using ${node[2]}` : ""} on ${node[3]}: ${rows.toLocaleString("en")} rows out in ${Number(actual[1]).toFixed(1)} ms` +
        (removed ? `, ${removed.toLocaleString("en")} read and removed by its filter` : "") +
        (heapBlocks ? `, ${heapBlocks.toLocaleString("en")} heap blocks` : "") +
        (hit || read ? `, ${(hit + read).toLocaleString("en")} buffers (${read.toLocaleString("en")} from disk)` : ""),
    );
  });
  return out;
}

export function postgresReport(run: PostgresRun): string {
  const ms = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n.toFixed(1));
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const ratio = (pgValue: number, sqliteValue: number) => pgValue / sqliteValue;
  const verdict = (r: number) =>
    r > 1.1
      ? `PostgreSQL ${r.toFixed(1)}× slower`
      : r < 1 / 1.1
        ? `PostgreSQL ${(1 / r).toFixed(1)}× faster`
        : "about the same (within 10 %)";
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
  const settings = Object.entries(run.postgresSettings)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const lines = [
    "# Search benchmark: PostgreSQL beside SQLite",
    "",
    `Generated by \`npm run bench:search -- --db postgres\` on ${run.date.slice(0, 10)} (started ${run.date.slice(11, 16)} UTC).`,
    "",
    `Machine: ${run.machine}; Node ${run.node}. SQLite ${run.sqliteVersion} (better-sqlite3, Prisma 7 driver adapter, the FTS5 engine); PostgreSQL ${run.postgresVersion} (pg, @prisma/adapter-pg, the tsvector engine), ${run.server}${settings ? `, with ${settings}` : ""}. Both on the same 2 cores as the benchmark and as other work: each size gives the load average.`,
    "",
    "Corpus: the synthetic library of the SQLite report (episodes of 100 turns in 5 chapters, sentences of the seed interview, 12 % English passages), generated once per size and ingested into both databases through `npm run ingest`'s code (`ingestLibrary`, full). The queries are drawn from the corpus; every class is measured on both databases with the same queries, one database after the other, the first alternating from class to class. **API path**: what `GET /api/search` does with a request, without HTTP (parse the query string, `searchTurns()` with facets, near matches, entities, JSON). **searchTurns()**: the same without facets. The result cache is off. Query classes as in [search.md](search.md).",
    "",
  ];
  for (const r of run.results) {
    const { sqlite, postgres } = r;
    lines.push(`## ${r.turns.toLocaleString("en")} turns`, "");
    lines.push(
      `- Load average (1, 5, 15 min): ${load(r.loadAverage.start)} when this size started, ${load(r.loadAverage.end)} when its measurements ended.`,
      `- Corpus: ${r.episodes.toLocaleString("en")} episodes, ${mb(r.textBytes)} of turn text; both databases hold ${r.corpus.postgres.turns.toLocaleString("en")} turns of ${r.corpus.postgres.chars.toLocaleString("en")} characters (checked). ${r.queriesPerClass} queries per class.`,
      "",
      "| | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |",
      "| --- | ---: | ---: | ---: |",
      `| full ingest | ${s(sqlite.ingest.totalMs)} | ${s(postgres.ingest.totalMs)} | ${ratio(postgres.ingest.totalMs, sqlite.ingest.totalMs).toFixed(2)}× |`,
      `| … parsing done by (overlaps writing) | ${s(sqlite.ingest.loadMs)} | ${s(postgres.ingest.loadMs)} | |`,
      `| … writing rows and search documents | ${s(sqlite.ingest.writeMs)} | ${s(postgres.ingest.writeMs)} | |`,
      `| … finishing (indexes, vocabulary, swap) | ${s(sqlite.ingest.searchIndexMs)} | ${s(postgres.ingest.searchIndexMs)} | |`,
      `| search index (its tables and their indexes) | ${mb(sqlite.indexBytes)} | ${mb(postgres.indexBytes)} | ${ratio(postgres.indexBytes, sqlite.indexBytes).toFixed(2)}× |`,
      `| whole database (SQLite file; PostgreSQL schema, tables with indexes and TOAST) | ${mb(sqlite.dbBytes)} | ${mb(postgres.dbBytes)} | ${ratio(postgres.dbBytes, sqlite.dbBytes).toFixed(2)}× |`,
      "",
      `SQLite's ingest figures: ${sqlite.ingest.measured}. PostgreSQL's: ${postgres.ingest.measured}.`,
      "",
      "| query class | SQLite API p50 | p95 | PostgreSQL API p50 | p95 | ÷ (p50) | ÷ (p95) | SQLite searchTurns() p50 | p95 | PostgreSQL searchTurns() p50 | p95 | verdict (API p50) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    );
    for (const klass of CLASSES) {
      const a = sqlite.api[klass]!;
      const b = postgres.api[klass]!;
      lines.push(
        `| ${klass} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(b.p50)} | ${ms(b.p95)} | ${ratio(b.p50, a.p50).toFixed(2)}× | ${ratio(b.p95, a.p95).toFixed(2)}× | ${ms(sqlite.search[klass]!.p50)} | ${ms(sqlite.search[klass]!.p95)} | ${ms(postgres.search[klass]!.p50)} | ${ms(postgres.search[klass]!.p95)} | ${verdict(ratio(b.p50, a.p50))} |`,
      );
    }
    lines.push("", "All times in milliseconds; ÷ is PostgreSQL's time divided by SQLite's.", "");
    const slower = CLASSES.filter((k) => ratio(postgres.api[k]!.p50, sqlite.api[k]!.p50) > 1.1);
    const faster = CLASSES.filter((k) => ratio(postgres.api[k]!.p50, sqlite.api[k]!.p50) < 1 / 1.1);
    lines.push(
      `**Where PostgreSQL is slower** (API p50 more than 10 % above SQLite's): ${slower.length ? slower.map((k) => `${k} (${ratio(postgres.api[k]!.p50, sqlite.api[k]!.p50).toFixed(1)}×)`).join(", ") : "no class"}. Faster: ${faster.length ? faster.map((k) => `${k} (${(1 / ratio(postgres.api[k]!.p50, sqlite.api[k]!.p50)).toFixed(1)}×)`).join(", ") : "no class"}.`,
      "",
    );
    if (r.explained.length > 0) {
      lines.push(
        "### Where PostgreSQL's time goes",
        "",
        "For the classes where PostgreSQL's p95 is furthest above SQLite's, the query at PostgreSQL's median for the class was run once more with auto_explain logging every statement the search runs, with `EXPLAIN (ANALYZE, BUFFERS)` plans. *Inside PostgreSQL* is the executor time of all of them; the rest of the wall time is round trips between Node and the server (one per statement), parsing and planning, and the JavaScript both databases share. auto_explain's own instrumentation makes the explained call slower than the plain one.",
        "",
        "| class | query | plain call | explained call | statements | inside PostgreSQL | share of the explained call | slowest statement |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      );
      for (const e of r.explained)
        lines.push(
          `| ${e.klass} | \`${e.q.replace(/\|/g, "\\|")}\`${e.speaker ? ` (speaker ${e.speaker})` : ""} | ${ms(e.plainMs)} | ${ms(e.wallMs)} | ${e.statements} | ${ms(e.executorMs)} | ${((e.executorMs / e.wallMs) * 100).toFixed(0)} % | ${ms(e.slowest[0]?.ms ?? NaN)} |`,
        );
      lines.push("");
      for (const e of r.explained) {
        const top = e.slowest[0];
        if (!top) continue;
        const planLines = top.plan.split("\n");
        const oneLine = (query: string) => query.replace(/\s+/g, " ").slice(0, 110).replace(/\|/g, "\\|").replace(/`/g, "'");
        lines.push(
          `#### ${e.klass}: its slowest statements (${e.statements} in all, ${ms(e.executorMs)} ms inside PostgreSQL)`,
          "",
          ...e.slowest.map((st) => `- ${ms(st.ms)} ms: \`${oneLine(st.query)}${st.query.length > 110 ? " …" : ""}\``),
          "",
          "What the slowest statement's scans did (from its plan):",
          "",
          ...scanSummary(top.plan).map((line) => `- ${line}`),
          "",
          "The slowest, with its plan:",
          "",
          "```sql",
          top.query.length > 1200 ? `${top.query.slice(0, 1200)} …` : top.query,
          "```",
          "",
          "```",
          ...planLines.slice(0, 40),
          ...(planLines.length > 40 ? [`… (${planLines.length - 40} more lines)`] : []),
          "```",
          "",
        );
      }
    }
  }
  lines.push(
    "## Why PostgreSQL differs",
    "",
    "- Round trips: each search is several statements (hits, total, facets, near-match probes, entities, the snippets' rows; the explained searches above ran 7 or 8). With SQLite they are calls into the same process; with PostgreSQL each is a round trip over a socket with its own parse and plan. The tables above give how much of an explained search's time was spent inside PostgreSQL's executor.",
    "- Broad terms (1-character queries, 的, 模型, common English words): FTS5 reads the term's doclist in rowid order and stops after the first 2,000 matches. PostgreSQL, asked for the first 2,000 matching documents in library order, either walks `search_doc` in id order testing each document's `tsvector` (read and decompressed per row, and most rows do not match: see *removed by its filter* above) or bitmap-scans the GIN index, which has no early exit and reads a lexeme's whole posting list; facets then count over the same window again.",
    "- BM25: FTS5 computes it inside the match; here the engine fetches the matching documents' positions (`ts_filter`) and scores them in JavaScript (bm25.ts): more bytes cross the socket.",
    "- Size: a `tsvector` stores every lexeme with its positions per document, and the GIN index a posting list per lexeme, with CJK unigrams and bigrams as separate lexemes; FTS5's contentless index stores compressed doclists once. Ingest: PostgreSQL receives every row over the socket (batched `INSERT … SELECT FROM unnest(…)`) and then builds the GIN index and vocabulary tables, where SQLite writes in-process into one file.",
    "- What PostgreSQL gives for it: several app servers on one database, a served library replaced in one transaction, no file to copy.",
    "",
  );
  return lines.join("\n");
}
