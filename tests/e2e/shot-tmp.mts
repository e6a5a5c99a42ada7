import { chromium } from "@playwright/test";
const [url, out, w, h, scheme, anchor] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: scheme as "light" | "dark" });
await page.goto(url!);
if (anchor) await page.locator(anchor).first().scrollIntoViewIfNeeded();
if (anchor) await page.evaluate((a) => document.querySelector(a)!.scrollIntoView(), anchor);
await page.screenshot({ path: out! });
await browser.close();
