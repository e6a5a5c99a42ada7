// Starts the app for the browser tests: ingests content/ into a throwaway database, builds,
// and serves on loopback. The production build is what readers get, so that is what is tested.
import { execFileSync, spawn } from "node:child_process";

const port = process.env.E2E_PORT ?? "3210";
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is set by playwright.config.ts");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

execFileSync("npx", ["tsx", "src/cli/ingest.ts"], { env, stdio: "inherit" });
if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["next", "build"], { env, stdio: "inherit" });
const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", port], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
