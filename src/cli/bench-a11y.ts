// npm run bench:a11y [-- --port 3295] [--axe-pages all|library,reader,…]
// Accessibility figures for the README: Lighthouse's accessibility score of the home page and the
// reader (phone and desktop form factors, zh-CN and en interface), and axe-core's violations (WCAG
// 2.1 A/AA and best practices) on every page type in light and dark at phone and desktop widths in
// both languages. Starts `next start` on loopback against the fixture library (needs `npm run
// build` first) and Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Writes
// bench/results/accessibility.md; every figure in it comes from this run.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { PAGE_TYPES, SIZES } from "../../tests/e2e/support";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3295" },
    out: { type: "string", default: "bench/results/accessibility.md" },
    // "all" page types, or a comma-separated list of them (tests/e2e/support.ts PAGE_TYPES).
    "axe-pages": { type: "string", default: "all" },
  },
});
const axePages =
  values["axe-pages"] === "all"
    ? Object.entries(PAGE_TYPES)
    : values["axe-pages"]!.split(",").map((name): [string, string] => {
        const url = PAGE_TYPES[name];
        if (!url) throw new Error(`--axe-pages: no page type '${name}' (known: ${Object.keys(PAGE_TYPES).join(", ")})`);
        return [name, url];
      });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
const loadAtStart = load();
const cores = os.cpus().length;
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const LOCALES = [
  { name: "zh-CN", header: "zh-CN,zh;q=0.9" },
  { name: "en", header: "en-US,en;q=0.9" },
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

async function startServer(port: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "podcast-kb-a11y-"));
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "a11y.db")}`, NEXT_TELEMETRY_DISABLED: "1" };
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", "--content", "tests/fixtures/library"], { env, stdio: "ignore" });
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/episodes`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

const server = await startServer(Number(values.port));
const lines: string[] = [];
try {
  // Lighthouse: accessibility category only (performance on a shared 2-core machine says nothing).
  const scores: Array<{ page: string; locale: string; form: string; score: number; failing: string[] }> = [];
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  try {
    for (const [page, url] of [
      ["home", "/"],
      ["reader", "/episodes/onboard-generative-ai-frontier"],
    ] as const) {
      for (const locale of LOCALES) {
        for (const form of ["mobile", "desktop"] as const) {
          const result = await lighthouse(
            `${server.base}${url}`,
            { port: chrome.port, onlyCategories: ["accessibility"], logLevel: "error", extraHeaders: { "Accept-Language": locale.header } },
            form === "desktop" ? desktopConfig : undefined,
          );
          const lhr = result!.lhr;
          const failing = Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
            .map((a) => a.id);
          scores.push({ page, locale: locale.name, form, score: Math.round((lhr.categories.accessibility!.score ?? 0) * 100), failing });
          console.log(`lighthouse ${page} ${locale.name} ${form}: ${scores.at(-1)!.score} ${failing.join(" ")}`);
        }
      }
    }
  } finally {
    await chrome.kill();
  }

  // axe-core in the real pages: every page type, light and dark, phone and desktop, both languages.
  const browser = await chromium.launch({ executablePath: chromePath, args: CHROME_FLAGS.filter((f) => f !== "--headless=new") });
  const axe: Array<{ page: string; locale: string; scheme: string; size: string; violations: string[] }> = [];
  try {
    for (const locale of LOCALES)
      for (const scheme of ["light", "dark"] as const)
        for (const [size, viewport] of Object.entries(SIZES)) {
          const context = await browser.newContext({ locale: locale.name === "en" ? "en-US" : "zh-CN", colorScheme: scheme, viewport });
          const page = await context.newPage();
          for (const [name, url] of axePages) {
            await page.goto(`${server.base}${url}`);
            const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            axe.push({
              page: name,
              locale: locale.name,
              scheme,
              size,
              violations: result.violations.map((v) => `${v.id} (${v.nodes.length})`),
            });
          }
          await context.close();
        }
  } finally {
    await browser.close();
  }
  const checked = axe.length;
  const failing = axe.filter((a) => a.violations.length > 0);
  console.log(`axe: ${checked} page checks, ${failing.length} with violations`);

  const allHundred = scores.every((s) => s.score === 100);
  lines.push(
    "# Accessibility",
    "",
    `Measured by \`npm run bench:a11y\` on ${new Date().toISOString().slice(0, 10)} against \`next start\` with the fixture library`,
    `(Lighthouse ${createRequire(import.meta.url)("lighthouse/package.json").version}, axe-core via @axe-core/playwright, Debian's Chromium).`,
    `Machine load (1 / 5 / 15-minute load average, ${cores} cores): ${loadAtStart} at the start, ${load()} at the end. Neither`,
    "tool measures speed here, so load changes how long the run takes, not the figures.",
    "",
    "## Lighthouse accessibility score",
    "",
    "| page | interface | form factor | score | failing audits |",
    "| --- | --- | --- | ---: | --- |",
    ...scores.map((s) => `| ${s.page} | ${s.locale} | ${s.form} | ${s.score} | ${s.failing.join(", ") || "none"} |`),
    "",
    `Verdict: ${allHundred ? "every score is 100 (target: 100 on the reader and the home page)" : "NOT every score is 100"}.`,
    "",
    "## axe-core (WCAG 2.1 A and AA, best practices)",
    "",
    `${checked} checks: ${axePages.length} page types (${axePages.map(([name]) => name).join(", ")}) × light/dark × phone (390 px)/desktop (1280 px) × zh-CN/en` +
      (axePages.length < Object.keys(PAGE_TYPES).length
        ? ` (of ${Object.keys(PAGE_TYPES).length} page types: \`--axe-pages\` chose these).`
        : "."),
    "",
    failing.length === 0
      ? "Verdict: no violations on any page."
      : [
          "Verdict: violations found:",
          "",
          ...failing.map((f) => `- ${f.page} ${f.locale} ${f.scheme} ${f.size}: ${f.violations.join(", ")}`),
        ].join("\n"),
    "",
    "The browser suite checks the same with `tests/e2e/accessibility.spec.ts` (and the open search list, the shortcuts dialog and",
    "opened hidden turns), in both interface languages.",
    "",
  );
  mkdirSync(path.dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, lines.join("\n"));
  console.log(`wrote ${values.out}`);
} finally {
  server.stop();
}
