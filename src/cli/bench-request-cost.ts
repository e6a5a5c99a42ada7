// npm run bench:request-cost [-- --port 3294 --seconds 8]
// What one crafted request costs the server, and whether a burst of them delays other clients.
// Two servers on loopback over the same freshly ingested fixture library and the same build:
// `next start` as it is (the alternative) and `npm run serve` (src/cli/serve.ts, the request guard).
// 1. Where the cost is: Next.js's parseReqUrl loop (getAll() per key) timed in this process.
// 2. One request with n query parameters at a time, on each server.
// 3. Ordinary requests (GET /api/topics, one at a time) alone, then while 4 connections send
//    crafted requests (7,000 parameters in 14 KB) without pause.
// 4. The guard's own cost: ordinary throughput (autocannon, 4 connections) on both servers.
// Writes bench/results/request-cost.md with verdicts computed from the figures. Needs `npm run build`.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3294" },
    seconds: { type: "string", default: "8" },
    out: { type: "string", default: "bench/results/request-cost.md" },
  },
});
const port = Number(values.port);
const seconds = Number(values.seconds);

type Server = { name: string; port: number; stop(): Promise<void> };

async function startServer(name: string, args: string[], listenPort: number, env: NodeJS.ProcessEnv): Promise<Server> {
  const busy = execFileSync("ss", ["-ltnH", `sport = :${listenPort}`])
    .toString()
    .trim();
  if (busy) throw new Error(`port ${listenPort} is already in use; pass --port`);
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: "ignore", detached: true });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // stopped
    }
  };
  const until = Date.now() + 90_000;
  for (;;) {
    const status = await request(listenPort, "/api/topics", 5_000).catch(() => 0);
    if (status === 200) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`${name} did not start on port ${listenPort}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { name, port: listenPort, stop };
}

/** One GET over a fresh socket; resolves with the status once the response has ended. */
function request(listenPort: number, target: string, timeout = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(listenPort, "127.0.0.1");
    let head = "";
    socket.setTimeout(timeout, () => socket.destroy(new Error("timeout")));
    socket.on("connect", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    socket.on("data", (chunk) => {
      if (head.length < 20) head += chunk.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
  });
}

async function timed(listenPort: number, target: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const status = await request(listenPort, target);
  return { status, ms: performance.now() - started };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const crafted = (n: number) => "/api/topics?" + Array(n).fill("a").join("&");

/** The loop of Next.js's parseReqUrl (next/dist/lib/url.js), as it runs for every request. */
function parseReqUrlLoop(url: string): number {
  const parsed = new URL(url, "http://n");
  const query: Record<string, string | string[]> = {};
  for (const key of parsed.searchParams.keys()) {
    const all = parsed.searchParams.getAll(key);
    query[key] = all.length > 1 ? all : all[0]!;
  }
  return Object.keys(query).length;
}

function inProcessCost(n: number): number {
  const url = crafted(n);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    parseReqUrlLoop(url);
    times.push(performance.now() - started);
  }
  return median(times);
}

async function ordinaryLatency(server: Server, withBurst: boolean) {
  let on = true;
  let burst = 0;
  const statuses = new Set<number>();
  const attacker = async () => {
    while (on) {
      const status = await request(server.port, crafted(7_000), 120_000).catch(() => 0);
      statuses.add(status);
      burst++;
    }
  };
  const attackers = withBurst ? Array.from({ length: 4 }, attacker) : [];
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || times.length < 5) times.push((await timed(server.port, "/api/topics")).ms);
  on = false;
  await Promise.all(attackers);
  return { p50: median(times), p99: percentile(times, 99), count: times.length, burst, statuses: [...statuses].sort() };
}

async function main() {
  const temp = mkdtempSync(path.join(os.tmpdir(), "bench-request-cost-"));
  const env = { ...process.env, DATABASE_URL: `file:${path.join(temp, "bench.db")}`, NEXT_TELEMETRY_DISABLED: "1", SITE_URL: "" };
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", "--content", "tests/fixtures/library"], {
    env,
    stdio: "inherit",
  });
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const load = os.loadavg()[0]!.toFixed(1);
  const counts = [100, 1_000, 2_000, 4_000, 7_000];

  console.log("1. The parseReqUrl loop in this process (ms, median of 5):");
  const loop = counts.map((n) => ({ n, ms: inProcessCost(n) }));
  for (const { n, ms } of loop) console.log(`  ${n} parameters: ${ms.toFixed(2)} ms`);

  const servers: Array<{ server: Server; label: string }> = [];
  try {
    servers.push({
      label: "`next start` (unguarded)",
      server: await startServer("next start", [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], port, env),
    });
    servers.push({
      label: "`npm run serve` (request guard)",
      server: await startServer("serve", ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port + 1)], port + 1, env),
    });
    const single: Record<string, Array<{ n: number; status: number; ms: number }>> = {};
    const throughput: Record<string, { rps: number; p50: number; p99: number; errors: number }> = {};
    const latency: Record<
      string,
      { alone: Awaited<ReturnType<typeof ordinaryLatency>>; burst: Awaited<ReturnType<typeof ordinaryLatency>> }
    > = {};
    for (const { server, label } of servers) {
      for (let i = 0; i < 5; i++) await timed(server.port, "/api/topics"); // warm up
      single[label] = [];
      for (const n of counts) {
        const runs = [];
        for (let i = 0; i < 5; i++) runs.push(await timed(server.port, crafted(n)));
        single[label].push({ n, status: runs[0]!.status, ms: median(runs.map((r) => r.ms)) });
      }
      console.log(`2. ${label}: ${single[label].map((r) => `${r.n} → ${r.status} in ${r.ms.toFixed(1)} ms`).join(", ")}`);
      const alone = await ordinaryLatency(server, false);
      const burst = await ordinaryLatency(server, true);
      latency[label] = { alone, burst };
      console.log(
        `3. ${label}: ordinary p50 ${alone.p50.toFixed(1)} ms alone, ${burst.p50.toFixed(1)} ms during ${burst.burst} crafted requests (p99 ${alone.p99.toFixed(1)} → ${burst.p99.toFixed(1)} ms)`,
      );
    }
    // Throughput, alternating between the servers (three rounds each) so that the machine's
    // changing load falls on both alike.
    const rounds: Record<string, Array<{ rps: number; p50: number; p99: number; errors: number }>> = {};
    for (let round = 0; round < 3; round++)
      for (const { server, label } of servers) {
        const result = await autocannon({ url: `http://127.0.0.1:${server.port}/api/topics`, connections: 4, duration: seconds });
        (rounds[label] ??= []).push({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.non2xx,
        });
      }
    for (const { label } of servers) {
      const r = rounds[label]!;
      throughput[label] = {
        rps: r.reduce((sum, x) => sum + x.rps, 0) / r.length,
        p50: median(r.map((x) => x.p50)),
        p99: median(r.map((x) => x.p99)),
        errors: r.reduce((sum, x) => sum + x.errors, 0),
      };
      console.log(`4. ${label}: ${throughput[label].rps.toFixed(0)} req/s (rounds: ${r.map((x) => x.rps.toFixed(0)).join(", ")})`);
    }
    const [unguarded, guarded] = servers.map((s) => s.label) as [string, string];
    const worst = (label: string) => single[label]!.at(-1)!;
    const ratio = (label: string) => latency[label]!.burst.p50 / latency[label]!.alone.p50;
    const verdicts = [
      [
        "the cost of Next.js's parseReqUrl loop grows faster than linearly: 7× the parameters (1,000 → 7,000) cost more than 20× the time (quadratic: 49×, linear: 7×)",
        loop.at(-1)!.ms > 20 * loop[1]!.ms,
        `${loop[1]!.ms.toFixed(1)} ms → ${loop.at(-1)!.ms.toFixed(1)} ms`,
      ],
      [
        "the guard refuses the worst crafted request in under 10 ms",
        worst(guarded).ms < 10 && worst(guarded).status >= 400,
        `${worst(guarded).status} in ${worst(guarded).ms.toFixed(1)} ms (unguarded: ${worst(unguarded).status} in ${worst(unguarded).ms.toFixed(0)} ms)`,
      ],
      [
        // The attackers run in this process and share the 2 cores with both servers, so some
        // delay is the load generator's own; the unguarded server is delayed by seconds.
        "with the guard, ordinary requests keep their latency during the burst (p50 at most 2× alone + 20 ms)",
        latency[guarded]!.burst.p50 <= 2 * latency[guarded]!.alone.p50 + 20,
        `${latency[guarded]!.alone.p50.toFixed(1)} → ${latency[guarded]!.burst.p50.toFixed(1)} ms, ${ratio(guarded).toFixed(2)}× (unguarded: ${latency[unguarded]!.alone.p50.toFixed(1)} → ${latency[unguarded]!.burst.p50.toFixed(0)} ms, ${ratio(unguarded).toFixed(0)}×)`,
      ],
      [
        "the guard costs ordinary requests less than 15% of their throughput",
        throughput[guarded]!.rps >= 0.85 * throughput[unguarded]!.rps,
        `${throughput[guarded]!.rps.toFixed(0)} against ${throughput[unguarded]!.rps.toFixed(0)} req/s`,
      ],
    ] as const;
    const md = [
      "# Request cost: crafted query strings",
      "",
      `Generated by \`npm run bench:request-cost\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${load} at the start. Both servers serve the same build and the fixture library on loopback; requests go one at a time over fresh connections. A crafted request is \`GET /api/topics?a&a&…\` with n parameters (2n bytes); the burst is 4 connections sending 7,000-parameter requests (14 KB, under Node's 16 KB header limit) without pause for ${seconds} s while ordinary \`GET /api/topics\` requests are timed one after another.`,
      "",
      "## Where the cost is",
      "",
      "Next.js's `parseReqUrl` (`next/dist/lib/url.js`, also compiled into `next/dist/compiled/next-server/*.runtime.*.js`) builds the legacy query object with `searchParams.getAll(key)` for every key that `searchParams.keys()` yields — once per parameter, duplicates included, each a scan of all parameters: n² steps. The same loop in this process (median of 5):",
      "",
      "| parameters | ms |",
      "| ---: | ---: |",
      ...loop.map(({ n, ms }) => `| ${n} | ${ms.toFixed(2)} |`),
      "",
      "## One crafted request at a time",
      "",
      `| parameters | ${servers.map((s) => s.label).join(" | ")} |`,
      `| ---: | ${servers.map(() => "---").join(" | ")} |`,
      ...counts.map(
        (n, i) =>
          `| ${n} | ${servers.map(({ label }) => `${single[label]![i]!.status} in ${single[label]![i]!.ms.toFixed(1)} ms`).join(" | ")} |`,
      ),
      "",
      "## Ordinary requests during a burst of crafted ones",
      "",
      "| server | p50 alone (ms) | p50 during burst (ms) | ratio | p99 alone (ms) | p99 during burst (ms) | ordinary requests | crafted requests answered | their statuses |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      ...servers.map(({ label }) => {
        const { alone, burst } = latency[label]!;
        return `| ${label} | ${alone.p50.toFixed(1)} | ${burst.p50.toFixed(1)} | ${ratio(label).toFixed(2)}× | ${alone.p99.toFixed(1)} | ${burst.p99.toFixed(1)} | ${burst.count} | ${burst.burst} | ${burst.statuses.join(", ")} |`;
      }),
      "",
      `## The guard's own cost: ordinary requests, 4 connections, three rounds of ${seconds} s per server, alternating (autocannon)`,
      "",
      "| server | req/s (mean of rounds) | p50 (ms, median of rounds) | p99 (ms, median of rounds) | errors |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...servers.map(({ label }) => {
        const t = throughput[label]!;
        return `| ${label} | ${t.rps.toFixed(0)} | ${t.p50} | ${t.p99} | ${t.errors} |`;
      }),
      "",
      "## Verdicts",
      "",
      ...verdicts.map(([claim, ok, figures]) => `- ${ok ? "PASS" : "FAIL"}: ${claim} — ${figures}`),
      "",
    ].join("\n");
    mkdirSync(path.dirname(values.out), { recursive: true });
    writeFileSync(values.out, md);
    console.log(
      `\n${verdicts.map(([claim, ok, figures]) => `${ok ? "PASS" : "FAIL"}: ${claim} — ${figures}`).join("\n")}\nWrote ${values.out}`,
    );
  } finally {
    for (const { server } of servers) await server.stop();
  }
}

await main();
