// npm run bench:search [-- --sizes 10000,100000,1000000]
// npm run bench:search -- --db postgres [--sizes 100000,1000000]: PostgreSQL beside SQLite (src/lib/bench/search-postgres.ts)
// Builds synthetic libraries from the seed's sentences (plus English passages), ingests each
// through the real code path, and measures search latency per query class against (a) a plain
// LIKE '%…%' scan and (b) MiniSearch, an in-memory JavaScript search library, given the same CJK
// tokenization. Writes bench/results/search.md (and .json).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import MiniSearch from "minisearch";
import { loadLibrary } from "../lib/content/load-library";
import { searchTurns } from "../lib/data/search";
import { ingestLibrary } from "../lib/ingest/ingest-library";
import { writeSyntheticLibrary } from "../lib/bench/synthetic-library";
import { benchPostgres, postgresReport, type PostgresRun } from "../lib/bench/search-postgres";
import { CLASSES, drawQueries, stats, time, type QueryCase, type Stats } from "../lib/bench/search-queries";
import { foldingSettings } from "../lib/search/folding-settings";
import { normaliseForSearch, runsOf } from "../lib/search/normalize";
import { parseSearchParams } from "../lib/search/search-params";
import { docTableSettings } from "../lib/search/sqlite-fts5/engine";
import { buildSearchIndex, type SearchDocument } from "../lib/search/sqlite-fts5/search-index";
import { bigrams } from "../lib/search/tokenize";

/** Classes a LIKE scan cannot answer (another script, a name, a half-remembered quote). */
const NO_LIKE = new Set<string>(["Traditional", "entity", "near"]);
/** The target for the API path's p95 (ms) at 1,000,000 turns. */
const targetFor = (klass: string) => (klass === "near" ? 50 : 20);

interface FoldingCost {
  /** Building the search index from the same documents, with and without Han folding and stemming (CPU ms, bytes). */
  withMs: number;
  withoutMs: number;
  withBytes: number;
  withoutBytes: number;
}

interface SizeResult {
  turns: number;
  episodes: number;
  textBytes: number;
  dbBytes: number;
  indexBytes: number;
  timings: { generateMs: number; loadMs: number; writeMs: number; searchIndexMs: number; totalIngestMs: number };
  /** searchTurns() alone: no facets (near matches and entities as the API has them). */
  fts: Record<string, Stats>;
  /** The API path as called: parse the query string, searchTurns() with facets, JSON. */
  api: Record<string, Stats>;
  /** The same API path with the engine's document table off (SQL only, as before it existed), measured in the same run. */
  apiSql?: Record<string, Stats>;
  /** Loading the engine's document table once (the first search of a data version), ms, and its chunks. */
  docTable?: { loadMs: number; chunks: number; documents: number };
  like: Record<string, Stats>;
  folding: FoldingCost | null;
  /** The earlier run whose LIKE and folding figures this one reused instead of measuring them (--reuse-from). */
  reusedFrom?: string;
  /** os.loadavg() when this size's measurements ended (1, 5, 15 min). */
  loadAverage?: number[];
  minisearch: { buildMs: number; heapBytes: number; latency: Record<string, Stats> } | null;
}

/** The same tokens the FTS index uses, for MiniSearch. */
function miniSearchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of runsOf(normaliseForSearch(text).text)) {
    if (run.kind === "word") tokens.push(run.text);
    else tokens.push(...run.text, ...bigrams(run.text));
  }
  return tokens;
}
function miniSearchQueryTokens(q: string): string[] {
  const tokens: string[] = [];
  for (const run of runsOf(normaliseForSearch(q.replace(/"/g, " ")).text)) {
    if (run.kind === "word") tokens.push(run.text);
    else tokens.push(...([...run.text].length === 1 ? [run.text] : bigrams(run.text)));
  }
  return tokens;
}

interface Built {
  textBytes: number;
  episodes: number;
  timings: SizeResult["timings"];
}

/** Generates and ingests a library of `turns` turns, or reuses one from the cache directory. */
async function buildLibrary(
  turns: number,
  seedContent: string,
  work: string,
  cache: string | undefined,
): Promise<{ databasePath: string; built: Built }> {
  const databasePath = path.join(work, `bench-${turns}.db`);
  const cached = cache ? path.join(cache, `bench-${turns}.db`) : undefined;
  const cachedMeta = cache ? path.join(cache, `bench-${turns}.json`) : undefined;
  if (cached && cachedMeta && existsSync(cached) && existsSync(cachedMeta)) {
    console.log(`reusing ${cached} (built earlier by this benchmark; its ingest figures come from that run)`);
    cpSync(cached, databasePath);
    return { databasePath, built: JSON.parse(readFileSync(cachedMeta, "utf8")) as Built };
  }
  const seed = loadLibrary(seedContent);
  const dir = path.join(work, `library-${turns}`);
  let generated!: { textBytes: number; episodes: number };
  const generateMs = await time(() => (generated = writeSyntheticLibrary(seedContent, seed, path.join(dir, "content"), turns)));
  console.log(
    `generated ${generated.episodes} episodes (${(generated.textBytes / 1e6).toFixed(1)} MB of text) in ${(generateMs / 1000).toFixed(1)} s`,
  );
  let summary!: Awaited<ReturnType<typeof ingestLibrary>>;
  const totalIngestMs = await time(async () => {
    summary = await ingestLibrary({
      contentDir: path.join(dir, "content"),
      databasePath,
      migrationsDir: path.resolve("prisma/migrations"),
    });
  });
  const { loadMs, writeMs, searchIndexMs } = summary.timings;
  console.log(
    `ingested in ${(totalIngestMs / 1000).toFixed(1)} s (load ${(loadMs / 1000).toFixed(1)} s, rows ${(writeMs / 1000).toFixed(1)} s, search index ${(searchIndexMs / 1000).toFixed(1)} s)`,
  );
  rmSync(dir, { recursive: true, force: true });
  const built: Built = { ...generated, timings: { generateMs, loadMs, writeMs, searchIndexMs, totalIngestMs } };
  if (cache && cached && cachedMeta) {
    mkdirSync(cache, { recursive: true });
    cpSync(databasePath, cached);
    writeFileSync(cachedMeta, JSON.stringify(built));
  }
  return { databasePath, built };
}

async function benchSize(
  turns: number,
  seedContent: string,
  work: string,
  cache: string | undefined,
  previous: SizeResult | undefined,
  minisearchMax: number,
  reuse?: { from: string; result: SizeResult },
): Promise<SizeResult> {
  console.log(`\n== ${turns.toLocaleString("en")} turns ==`);
  const { databasePath, built } = await buildLibrary(turns, seedContent, work, cache);

  const db = new Database(databasePath, { readonly: true });
  const sizes = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all() as Array<{ name: string; bytes: number }>;
  const indexBytes = sizes.filter((s) => s.name.startsWith("search_")).reduce((n, s) => n + s.bytes, 0);
  const dbBytes = statSync(databasePath).size;
  const perClass = turns >= 1_000_000 ? 100 : 200;
  const queries = drawQueries(db, perClass, 7);

  process.env.DATABASE_URL = `file:${databasePath}`;
  const request = (c: QueryCase) => {
    const parsed = parseSearchParams({ q: c.q, ...(c.speaker ? { speaker: c.speaker } : {}) });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.request;
  };
  // The API path: what GET /api/search does with a request (parse the query string, search with
  // facets, serialise), without HTTP. The result cache is off: every sample runs the query.
  const apiCall = async (c: QueryCase) => {
    const parsed = parseSearchParams(new URLSearchParams({ q: c.q, ...(c.speaker ? { speaker: c.speaker } : {}) }));
    if (!parsed.ok) throw new Error(parsed.message);
    return JSON.stringify(await searchTurns(parsed.request, { facets: parsed.request.facets, cache: false }));
  };
  // The engine's document table is loaded once per data version (in the background in a server;
  // here waited for, and timed, before anything is measured).
  docTableSettings.mode = "await";
  const documents = (db.prepare("SELECT COUNT(*) AS n FROM search_doc").get() as { n: number }).n;
  const loadMs = await time(() => searchTurns(request({ q: "的" }), { cache: false }));
  const docTable = { loadMs, chunks: Math.ceil(documents / docTableSettings.chunk), documents };
  console.log(`document table loaded with the first search in ${(loadMs / 1000).toFixed(2)} s (${docTable.chunks} chunks)`);
  /** The API path with SQL only (the document table off), for the same query, in the same run. */
  const apiCallSql = async (c: QueryCase) => {
    docTableSettings.mode = "off";
    try {
      return await apiCall(c);
    } finally {
      docTableSettings.mode = "await";
    }
  };
  const fts: Record<string, Stats> = {};
  const api: Record<string, Stats> = {};
  const apiSql: Record<string, Stats> = {};
  const like: Record<string, Stats> = {};
  for (const klass of CLASSES) {
    const cases = queries[klass];
    for (const c of cases.slice(0, 3)) await apiCall(c); // warm up
    for (const c of cases.slice(0, 3)) await apiCallSql(c);
    const samples: number[] = [];
    const apiSamples: number[] = [];
    const apiSqlSamples: number[] = [];
    for (const c of cases) {
      samples.push(await time(() => searchTurns(request(c), { facets: false, cache: false })));
      apiSamples.push(await time(() => apiCall(c)));
      apiSqlSamples.push(await time(() => apiCallSql(c)));
    }
    fts[klass] = stats(samples);
    api[klass] = stats(apiSamples);
    apiSql[klass] = stats(apiSqlSamples);
    if (NO_LIKE.has(klass) || reuse) {
      like[klass] = reuse?.result.like[klass] ?? { p50: NaN, p95: NaN, p99: NaN, n: 0 };
      console.log(
        `${klass.padEnd(15)} searchTurns p50 ${fts[klass]!.p50.toFixed(2)} p95 ${fts[klass]!.p95.toFixed(2)} | API p50 ${api[klass]!.p50.toFixed(2)} p95 ${api[klass]!.p95.toFixed(2)} ms | SQL only p95 ${apiSql[klass]!.p95.toFixed(2)}`,
      );
      continue;
    }
    // LIKE: the same work (top 20 in document order, and the total), on the raw text.
    const likeCases = cases.slice(0, turns >= 1_000_000 ? 8 : 20);
    const likeSamples: number[] = [];
    for (const c of likeCases) {
      const terms = c.q.replace(/"/g, "").split(/\s+/).filter(Boolean);
      const where = terms.map(() => "text LIKE ?").join(" AND ") + (c.speaker ? " AND speakerId = ?" : "");
      const args = [...terms.map((t) => `%${t}%`), ...(c.speaker ? [c.speaker] : [])];
      likeSamples.push(
        await time(() => {
          db.prepare(`SELECT id FROM Turn WHERE ${where} ORDER BY id LIMIT 20`).all(...args);
          db.prepare(`SELECT COUNT(*) FROM Turn WHERE ${where}`).get(...args);
        }),
      );
    }
    like[klass] = stats(likeSamples);
    console.log(
      `${klass.padEnd(15)} searchTurns p50 ${fts[klass]!.p50.toFixed(2)} p95 ${fts[klass]!.p95.toFixed(2)} | API p50 ${api[klass]!.p50.toFixed(2)} p95 ${api[klass]!.p95.toFixed(2)} ms | SQL only p95 ${apiSql[klass]!.p95.toFixed(2)} | LIKE p50 ${like[klass]!.p50.toFixed(1)} ms`,
    );
  }

  // MiniSearch, in memory, same tokens (or its figures from an earlier run on the same corpus).
  let minisearch: SizeResult["minisearch"] = previous?.minisearch ?? null;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (minisearch) console.log("MiniSearch: figures reused from the earlier run on the same corpus");
  if (gc && !minisearch && turns <= minisearchMax) {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], tokenize: miniSearchTokens, processTerm: (t) => t });
    const buildMs = await time(() => {
      const rows = db.prepare("SELECT id, text FROM Turn").iterate() as IterableIterator<{ id: number; text: string }>;
      for (const row of rows) index.add(row);
    });
    gc();
    const heapBytes = process.memoryUsage().heapUsed - heapBefore;
    const latency: Record<string, Stats> = {};
    for (const klass of CLASSES) {
      const samples: number[] = [];
      for (const c of queries[klass].slice(0, turns >= 1_000_000 ? 10 : turns >= 100_000 ? 25 : 100)) {
        const tokens = miniSearchQueryTokens(c.q);
        samples.push(
          await time(() => {
            const results = index.search(
              { combineWith: "AND", queries: tokens },
              { prefix: (_t, i, all) => i === all.length - 1 && /^[a-z0-9]/.test(_t) },
            );
            return c.speaker ? results.length : results.slice(0, 20);
          }),
        );
      }
      latency[klass] = stats(samples);
    }
    minisearch = { buildMs, heapBytes, latency };
    console.log(
      `MiniSearch: built in ${(buildMs / 1000).toFixed(1)} s, ${(heapBytes / 1e6).toFixed(0)} MB heap; 2-char p50 ${latency["2-char"]!.p50.toFixed(2)} ms`,
    );
  }
  const folding = reuse ? reuse.result.folding : measureFoldingCost(db, work);
  db.close();
  rmSync(databasePath, { force: true });
  return {
    turns,
    episodes: built.episodes,
    textBytes: built.textBytes,
    dbBytes,
    indexBytes,
    timings: built.timings,
    fts,
    api,
    apiSql,
    docTable,
    ...(reuse ? { reusedFrom: reuse.from } : {}),
    like,
    folding,
    minisearch,
    loadAverage: os.loadavg(),
  };
}

/**
 * What Traditional/Simplified folding and stemming cost: the search index built twice into scratch
 * databases from the same documents (read back from the ingested library), with them and without.
 */
function measureFoldingCost(db: Database.Database, work: string): FoldingCost {
  const documents = (
    db
      .prepare(
        `SELECT d.kind, d.episodeSlug, d.episodeRank, d.chapterNumber, d.turnPk, d.turnId, d.quoteId, d.speakerId, d.position,
           COALESCE(q.text, t.text) AS text,
           CASE WHEN d.quoteId IS NULL THEN (SELECT group_concat(topicId, ' ') FROM TurnTopic WHERE turnPk = d.turnPk)
                ELSE (SELECT group_concat(topicId, ' ') FROM QuoteTopic WHERE quoteId = d.quoteId) END AS topics
         FROM search_doc d JOIN Turn t ON t.id = d.turnPk LEFT JOIN Quote q ON q.id = d.quoteId ORDER BY d.rowid`,
      )
      .all() as Array<Omit<SearchDocument, "topics"> & { topics: string | null }>
  ).map((d): SearchDocument => ({ ...d, topics: d.topics ? d.topics.split(" ") : [] }));
  const chapters = db.prepare("SELECT episodeSlug, number AS chapterNumber, title FROM Chapter").all() as Array<{
    episodeSlug: string;
    chapterNumber: number;
    title: string;
  }>;
  const build = (on: boolean) => {
    foldingSettings.hanFold = on;
    foldingSettings.stem = on;
    const file = path.join(work, `folding-${on ? "on" : "off"}.db`);
    rmSync(file, { force: true });
    const scratch = new Database(file);
    try {
      // CPU time of this process, not wall time: other work on the machine would blur a wall clock.
      const started = process.cpuUsage();
      buildSearchIndex(scratch, documents, chapters);
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      const bytes = (scratch.prepare("SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_%'").get() as { bytes: number })
        .bytes;
      return { ms, bytes };
    } finally {
      scratch.close();
      rmSync(file, { force: true });
      foldingSettings.hanFold = true;
      foldingSettings.stem = true;
    }
  };
  const without = build(false);
  const withFolding = build(true);
  console.log(
    `search index with folding + stemming: ${(withFolding.ms / 1000).toFixed(1)} s of CPU, ${(withFolding.bytes / 1e6).toFixed(1)} MB; without: ${(without.ms / 1000).toFixed(1)} s, ${(without.bytes / 1e6).toFixed(1)} MB`,
  );
  return { withMs: withFolding.ms, withoutMs: without.ms, withBytes: withFolding.bytes, withoutBytes: without.bytes };
}

function report(results: SizeResult[]): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const sqlite = new Database(":memory:").prepare("SELECT sqlite_version() AS v").get() as { v: string };
  // NaN (not measured) is written to the JSON as null.
  const ms = (n: number | null | undefined) =>
    n === undefined || n === null || Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n.toFixed(1);
  const pct = (a: number, b: number) => `${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(1)} %`;
  const lines = [
    "# Search benchmark",
    "",
    `Generated by \`npm run bench:search\` on ${new Date().toISOString().slice(0, 10)}.`,
    "",
    `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}; Node ${process.version}, SQLite ${sqlite.v} (better-sqlite3), Prisma 7 driver adapter. Other work shares these cores: each size below gives the load average when its measurements ended.`,
    "",
    "Corpus: synthetic episodes of 100 turns (5 chapters) whose turns are 1–3 sentences drawn from the seed interview (12% English passages), written as Markdown and ingested through the real code path (`loadLibrary` → Prisma → search index). Queries are drawn from the corpus itself. **API path** is what `GET /api/search` does with a request, without HTTP: parse the query string, `searchTurns()` with facets (the API's default), near matches and entities, JSON serialisation. **searchTurns()** is the same call without facets (as the header's suggestions call it). **API path, SQL only** is the API path with the engine's in-memory document table off (`SEARCH_DOC_TABLE=off`: filters, facets and a broad query's window read from SQL, as before the table existed), measured in the same run, query after query, as the alternative. The result cache is off for all three. LIKE does the same work as searchTurns (top 20 + total) with `text LIKE '%…%'` (not for classes it cannot answer); MiniSearch is given the same unigram+bigram tokens, AND semantics, in memory.",
    "",
    "Query classes: 1-, 2- and 4-character Chinese substrings; English words; two-word phrases; two 2-character terms; a 2-character term with a speaker filter; the commonest terms 的 and 模型; **Traditional**: a 4-character substring converted to Traditional (OpenCC cn→tw); **entity**: people's names in any case and spacing (`yiwen li`, `YiwenLi`, `M小姐`), topics (`LLM`, `多模态`), the show, an episode title, part of a chapter title; **near**: a 12-character passage with a character dropped and its halves swapped (a half-remembered quote: no exact hit, near matches).",
    "",
  ];
  for (const r of results) {
    lines.push(`## ${r.turns.toLocaleString("en")} turns`, "");
    lines.push(
      r.loadAverage
        ? `- Load average when these measurements ended: ${r.loadAverage.map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min).`
        : "- Load average: not recorded by this run (the 2026-11-30 run at 10,000 and 100,000 turns ran at a load average of 15–21, from `uptime` during the run).",
    );
    lines.push(
      `- Ingest: ${(r.timings.totalIngestMs / 1000).toFixed(1)} s in all — reading and validating Markdown ${(r.timings.loadMs / 1000).toFixed(1)} s, writing rows ${(r.timings.writeMs / 1000).toFixed(1)} s, **building the search index ${(r.timings.searchIndexMs / 1000).toFixed(1)} s**.`,
      `- Text: ${(r.textBytes / 1e6).toFixed(1)} MB (UTF-8). Search index (every search_ table: FTS5 with its filter tokens, search_doc, search_word, entities): ${(r.indexBytes / 1e6).toFixed(1)} MB = **${(r.indexBytes / r.textBytes).toFixed(2)}× the text**. Whole database: ${(r.dbBytes / 1e6).toFixed(1)} MB (${(r.dbBytes / r.textBytes).toFixed(2)}× the text; it also stores Markdown, text and HTML of every turn).`,
      r.folding
        ? `- Traditional/Simplified folding and stemming (the search index built twice from the same documents in this run, CPU time of the process): ${(r.folding.withMs / 1000).toFixed(1)} s and ${(r.folding.withBytes / 1e6).toFixed(1)} MB with them, ${(r.folding.withoutMs / 1000).toFixed(1)} s and ${(r.folding.withoutBytes / 1e6).toFixed(1)} MB without: index size ${pct(r.folding.withBytes, r.folding.withoutBytes)}, index build ${pct(r.folding.withMs, r.folding.withoutMs)}, whole ingest ${pct(r.timings.totalIngestMs, r.timings.totalIngestMs - (r.folding.withMs - r.folding.withoutMs))} (the difference against the ingest's wall time).`
        : "- Folding cost: not measured.",
      ...(r.reusedFrom
        ? [
            `- LIKE figures and the folding cost are reused from an earlier run of this benchmark on the same cached database (\`--reuse-from ${r.reusedFrom}\`), not measured in this run (the machine was busy: these two parts alone take tens of minutes under load).`,
          ]
        : []),
      r.docTable
        ? `- The engine's document table (kind, episode, chapter, speaker, order, topics and length of ${r.docTable.documents.toLocaleString("en")} documents, and how many documents hold each token) loaded with the first search in ${(r.docTable.loadMs / 1000).toFixed(2)} s (${r.docTable.chunks} chunks of documents, then the tokens' frequencies; a server loads it in the background after the first search of each data version, answering with SQL meanwhile).`
        : "- Document table: not measured.",
      r.minisearch
        ? `- MiniSearch: built in ${(r.minisearch.buildMs / 1000).toFixed(1)} s (vs ${(r.timings.searchIndexMs / 1000).toFixed(1)} s for FTS5), ${(r.minisearch.heapBytes / 1e6).toFixed(0)} MB of JavaScript heap, held in every server process (FTS5: ${(r.indexBytes / 1e6).toFixed(0)} MB on disk, paged in by SQLite).`
        : "- MiniSearch: not measured.",
      "",
      "| query class | API path p50 | p95 | p99 | API path, SQL only p50 | p95 | SQL only ÷ API (p95) | searchTurns() p50 | p95 | LIKE p50 | LIKE ÷ searchTurns (p50) | MiniSearch p50 | p95 |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const klass of CLASSES) {
      const f = r.fts[klass]!;
      const a = r.api[klass]!;
      const l = r.like[klass]!;
      const m = r.minisearch?.latency[klass];
      const q = r.apiSql?.[klass];
      lines.push(
        `| ${klass} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${ms(q?.p50)} | ${ms(q?.p95)} | ${q ? `${(q.p95 / a.p95).toFixed(1)}×` : "–"} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(l.p50)} | ${r.reusedFrom || l.p50 === null || Number.isNaN(l.p50) ? "–" : `${(l.p50 / f.p50).toFixed(0)}×`} | ${ms(m?.p50)} | ${ms(m?.p95)} |`,
      );
    }
    lines.push("", "All times in milliseconds.", "");
  }
  const largest = results.at(-1);
  if (largest && largest.turns >= 1_000_000) {
    const mark = (ok: boolean) => (ok ? "met" : "**missed**");
    lines.push(`## Against the targets (${largest.turns.toLocaleString("en")} turns)`, "");
    lines.push("| query class | API path p95 | target | |", "| --- | ---: | ---: | --- |");
    for (const klass of CLASSES) {
      const p95 = largest.api[klass]!.p95;
      lines.push(`| ${klass} | ${ms(p95)} | ≤ ${targetFor(klass)} | ${mark(p95 <= targetFor(klass))} |`);
    }
    const f = largest.folding;
    if (f) {
      const sizeAdded = (f.withBytes - f.withoutBytes) / f.withoutBytes;
      const ingestAdded = (f.withMs - f.withoutMs) / (largest.timings.totalIngestMs - (f.withMs - f.withoutMs));
      lines.push(
        "",
        `Folding and stemming add ${(sizeAdded * 100).toFixed(1)} % to the index size (target ≤ 10 %): ${mark(sizeAdded <= 0.1)}; ${(ingestAdded * 100).toFixed(1)} % to the ingest time (target ≤ 10 %): ${mark(ingestAdded <= 0.1)}.`,
      );
    }
    lines.push("");
  }
  lines.push(
    "## Notes",
    "",
    "- Filters (speaker, topic, chapter, episode, kind) are tokens of a fourth FTS5 column, so a filtered query is an AND that FTS5 evaluates over two posting lists.",
    "- The last word of a query matches as a prefix: the stems of the indexed words it starts (`search_word`, up to 64) instead of a `*` query, which FTS5 would evaluate by merging every such word's postings first.",
    "- Very broad queries (more than 2,000 matches) are ranked top-k over their first 2,000 matches (quotes and chapter-title matches first, then position) instead of by BM25; totals are exact up to 10,000 matches (`exact: false` beyond) and facets count at most the first 2,000 (`facetsExact: false` beyond).",
    "- The SQLite engine reads a query's matches once (up to 10,001 rowids) and filters them, counts facets and ranks a broad query's window with its in-memory document table (kind, episode, chapter, speaker, order, topics and length of every document, and the document frequency of every token); the page's rows come from SQL, and so does BM25 (`bm25()`) except for a query of one phrase, whose scores the engine computes with FTS5's formula from the instances of its rarest token. The SQL-only column is the same engine with that table off, which reads the matches up to four times and looks up 2,000 rows for facets (docs/decisions.md, Search).",
    "- Near matches run when a query has fewer than 5 exact hits: its tokens are probed, AND-groups of the rarest ones find up to 60 candidates, which are scored in JavaScript (docs/decisions.md, Search).",
    "- MiniSearch keeps its whole index in the JavaScript heap of every server process. Its figures are reused from an earlier full run (`--minisearch-from`) and exist only for the classes measured then; when that run's synthetic corpus differed (the generator has changed since commit 81022cd: 21.2 MB of text at 100,000 turns then), they show MiniSearch's scale, not a same-corpus comparison.",
    "",
  );
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10000,100000,1000000" },
      out: { type: "string", default: "bench/results/search" },
      // Keep built databases here and reuse them (a 1,000,000-turn ingest takes about 15 minutes).
      cache: { type: "string" },
      // Reuse MiniSearch figures from an earlier run's JSON (same corpus: generation is deterministic).
      "minisearch-from": { type: "string" },
      // Largest library MiniSearch is built for (its index of 1,000,000 turns needs many GB and minutes).
      "minisearch-max": { type: "string", default: String(Number.MAX_SAFE_INTEGER) },
      // Reuse the LIKE and folding figures of an earlier run's JSON (same cached database) instead of measuring them.
      "reuse-from": { type: "string" },
      // Rewrite the report from a results JSON without measuring anything.
      "report-only": { type: "boolean", default: false },
      // sqlite: the FTS5 engine against LIKE and MiniSearch (search.md); postgres: PostgreSQL's
      // tsvector engine beside SQLite's on the same corpus (search-postgres.md).
      db: { type: "string", default: "sqlite" },
      // PostgreSQL: a server of yours (default: a throwaway cluster the benchmark starts and removes).
      "postgres-url": { type: "string" },
      // PostgreSQL: how many of the classes where it is furthest behind SQLite to explain.
      "explain-classes": { type: "string", default: "2" },
    },
  });
  if (values.db !== "sqlite" && values.db !== "postgres") throw new Error(`--db must be sqlite or postgres, not '${values.db}'`);
  if (values.db === "postgres") {
    const out = values.out === "bench/results/search" ? "bench/results/search-postgres" : values.out;
    if (values["report-only"]) {
      writeFileSync(`${out}.md`, postgresReport(JSON.parse(readFileSync(`${out}.json`, "utf8")) as PostgresRun));
      return;
    }
    const sizes = (process.argv.some((a) => a.startsWith("--sizes")) ? values.sizes : "100000,1000000").split(",").map(Number);
    if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`--sizes must be whole numbers, not '${values.sizes}'`);
    const work = mkdtempSync(path.join(os.tmpdir(), "podcast-kb-bench-"));
    try {
      await benchPostgres({
        sizes,
        cache: values.cache,
        postgresUrl: values["postgres-url"],
        work,
        out,
        explainClasses: Number(values["explain-classes"]),
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  if (values["report-only"]) {
    writeFileSync(`${values.out}.md`, report(JSON.parse(readFileSync(`${values.out}.json`, "utf8")) as SizeResult[]));
    return;
  }
  const previousRuns: SizeResult[] = values["minisearch-from"]
    ? (JSON.parse(readFileSync(values["minisearch-from"], "utf8")) as SizeResult[])
    : [];
  // Read before measuring: --reuse-from may name the file this run overwrites.
  const reusedRuns: SizeResult[] = values["reuse-from"] ? (JSON.parse(readFileSync(values["reuse-from"], "utf8")) as SizeResult[]) : [];
  const sizes = values.sizes
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const work = mkdtempSync(path.join(os.tmpdir(), "podcast-kb-bench-"));
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      results.push(
        await benchSize(
          size,
          path.resolve("content"),
          work,
          values.cache,
          previousRuns.find((r) => r.turns === size && r.minisearch),
          Number(values["minisearch-max"]),
          reusedRuns.find((r) => r.turns === size)
            ? { from: values["reuse-from"]!, result: reusedRuns.find((r) => r.turns === size)! }
            : undefined,
        ),
      );
      mkdirSync(path.dirname(values.out), { recursive: true });
      writeFileSync(`${values.out}.md`, report(results));
      writeFileSync(`${values.out}.json`, JSON.stringify(results, null, 2));
      console.log(`wrote ${values.out}.md`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
