// Manual look: node --import tsx tests/e2e/screenshots.mts <baseUrl> -> tests/e2e/screenshots/*.png
import { chromium } from "@playwright/test";
const base = process.argv[2] ?? "http://127.0.0.1:3100";
const pages = (process.argv[3] ?? "/,/episodes/onboard-generative-ai-frontier").split(",");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
for (const scheme of ["light", "dark"] as const) {
  for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]] as const) {
    const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    for (const p of pages) {
      await page.goto(base + p);
      const file = `tests/e2e/screenshots/${p.replace(/[^a-z0-9]+/gi, "_")}-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: false });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
