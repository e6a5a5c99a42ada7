import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Pages and flows in a real Chromium against `next build && next start` (see tests/e2e/serve.ts).
// Browsers cannot be downloaded on these machines: Debian's chromium is used (CHROMIUM_PATH).
const port = Number(process.env.E2E_PORT ?? 3210);
// The servers' databases: fixed names so that tests (in other processes) can re-ingest into them.
// SQLite files by default; with E2E_DATABASE=postgres, schemas of the PostgreSQL server at
// TEST_POSTGRES_URL (the same browser tests against the app on PostgreSQL).
const postgresUrl = process.env.E2E_DATABASE === "postgres" ? process.env.TEST_POSTGRES_URL : undefined;
if (process.env.E2E_DATABASE === "postgres" && !postgresUrl)
  throw new Error("E2E_DATABASE=postgres needs TEST_POSTGRES_URL=postgresql://…");
function databaseUrl(suffix: string): string {
  if (!postgresUrl) return `file:${path.join(tmpdir(), `podcast-kb-e2e-${port}${suffix}.db`)}`;
  const url = new URL(postgresUrl);
  url.searchParams.set("schema", `e2e_${port}${suffix.replace(/-/g, "_")}`);
  return url.toString();
}
process.env.E2E_DATABASE_URL = databaseUrl("");
process.env.E2E_HOSTILE_DATABASE_URL = databaseUrl("-hostile");
process.env.E2E_HOSTILE_URL = `http://127.0.0.1:${port + 1}`;
// A third server (port + 2) serves the listening fixture library (tests/fixtures/listening), whose
// episode's audio is a WAV written at start-up and served from another origin (tests/e2e/serve.ts).
process.env.E2E_LISTEN_DATABASE_URL = databaseUrl("-listen");
process.env.E2E_LISTEN_URL = `http://127.0.0.1:${port + 2}`;
// The main server runs as a deployment would, with its public address set (no request goes there);
// the hostile-library server runs without, as the zero-configuration quick start does.
process.env.E2E_SITE_URL = "https://kb.example";
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Several helpers' builds and browser suites share this 2-core machine: a page that renders in
  // 1 s alone can take 10 s then. Tests stay well under this (one page type per screenshot test).
  timeout: 60_000,
  // The fuzz test shares the server with the page tests (two workers on two cores): a page that
  // renders in 1 s alone can take longer while 8,000 queries run, so assertions wait up to 10 s.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Tests only: the listening tests start playback from a URL (?t=) without a click.
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  // The whole browser suite runs in both interface languages (the browser's Accept-Language picks
  // it); tests find elements by role, label or test id and read names from the app's catalogue.
  // API, fuzz, hostile-content, HTTP-hardening and export tests do not depend on the language
  // (requests, status codes, headers, file bodies, data-export links): they run once; so do the
  // long-episode streaming and two-server tests (mechanics, not words: the reader's English is
  // covered by the reader, listen and accessibility specs), which keeps CI under 30 minutes.
  projects: [
    { name: "zh-CN", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, locale: "zh-CN" } },
    {
      name: "en",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, locale: "en-US" },
      testIgnore: [
        /api\.spec\.ts/,
        /exports\.spec\.ts/,
        /fuzz\.spec\.ts/,
        /hostile\.spec\.ts/,
        /http-hardening\.spec\.ts/,
        /long-episode\.spec\.ts/,
        /servers\.spec\.ts/,
      ],
    },
  ],
  webServer: {
    command: `node --import tsx tests/e2e/serve.ts`,
    url: `http://127.0.0.1:${port}/api/episodes`,
    env: {
      E2E_PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      E2E_HOSTILE_DATABASE_URL: process.env.E2E_HOSTILE_DATABASE_URL,
      E2E_LISTEN_DATABASE_URL: process.env.E2E_LISTEN_DATABASE_URL,
      SITE_URL: process.env.E2E_SITE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    // `next build` alone takes 2-4 minutes on these 2 cores when other work runs; keep a wide margin.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
  },
});
