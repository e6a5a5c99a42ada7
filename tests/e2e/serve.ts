// Starts the app for the browser tests: ingests the fixture library (tests/fixtures/library) into a throwaway database, builds once,
// and serves it on loopback (E2E_PORT). A second server on E2E_PORT + 1 serves the hostile fixture
// library (tests/fixtures/hostile-content) from its own database, for the sanitisation tests.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { CONTENT_DIR } from "../support/seed.ts";

const port = Number(process.env.E2E_PORT ?? "3210");
if (!process.env.DATABASE_URL || !process.env.E2E_HOSTILE_DATABASE_URL) throw new Error("database URLs are set by playwright.config.ts");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const hostileEnv = { ...env, DATABASE_URL: process.env.E2E_HOSTILE_DATABASE_URL, SITE_URL: "" };

execFileSync("npx", ["tsx", "src/cli/ingest.ts", "--content", CONTENT_DIR], { env, stdio: "inherit" });
execFileSync("npx", ["tsx", "src/cli/ingest.ts", "--content", "tests/fixtures/hostile-content"], { env: hostileEnv, stdio: "inherit" });
if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["next", "build"], { env, stdio: "inherit" });
const servers: ChildProcess[] = [
  // What `npm run serve` runs: Next.js behind the request guard (src/cli/serve.ts).
  spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "inherit" }),
  spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port + 1)], {
    env: hostileEnv,
    stdio: "inherit",
  }),
];
const stop = () => servers.forEach((s) => s.kill("SIGTERM"));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
servers.forEach((s) =>
  s.on("exit", (code) => {
    stop();
    process.exit(code ?? 0);
  }),
);
