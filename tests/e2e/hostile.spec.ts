// Pages rendered from a hostile fixture library (tests/fixtures/hostile-content): raw HTML,
// <script>, javascript: links, event handlers, SVG, iframes, style tags in Markdown and front
// matter. No script may run and nothing dangerous may reach the DOM.
import { expect, test, type Page } from "@playwright/test";

const BASE = process.env.E2E_HOSTILE_URL!;
const PAGES = [
  "/",
  "/episodes/hostile-episode",
  "/episodes/hostile-episode/turns/c1-02",
  "/episodes/hostile-episode/turns/c1-02-note1",
  "/speakers/attacker",
  "/topics/xss",
  "/search?q=%E6%B3%A8%E5%85%A5",
  "/episodes/hostile-episode/questions/1",
];

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${BASE}/api/episodes`).catch(() => null))?.status(), { timeout: 60_000 }).toBe(200);
});

async function expectNothingDangerous(page: Page) {
  const report = await page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
    const jsUrls = all.flatMap((el) =>
      [...el.attributes]
        .filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.value) && a.name !== "content")
        .map((a) => `${el.tagName}[${a.name}=${a.value}]`),
    );
    const inContent = document.querySelectorAll(
      "[data-turn-id] script, [data-turn-id] iframe, [data-turn-id] object, [data-turn-id] embed, [data-turn-id] svg, [data-turn-id] style, [data-turn-id] form, main iframe, main object, main embed, main form[action^='javascript']",
    );
    const foreignScripts = [...document.querySelectorAll("script")].filter(
      (s) => s.type !== "application/ld+json" && !(s.src && new URL(s.src).pathname.startsWith("/_next/")) && !s.nonce,
    );
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      handlers,
      jsUrls,
      inContent: inContent.length,
      foreignScripts: foreignScripts.map((s) => s.outerHTML.slice(0, 80)),
    };
  });
  expect(report).toEqual({ pwned: null, handlers: [], jsUrls: [], inContent: 0, foreignScripts: [] });
}

for (const path of PAGES) {
  test(`no script runs and nothing dangerous renders on ${path}`, async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${BASE}${path}`);
    expect(response!.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    // Hover and click everything a reader might touch in the transcript.
    for (const el of await page.locator("[data-turn-id] a, [data-turn-id] b, [data-turn-id] img").all()) {
      await el.hover({ trial: false, timeout: 1000 }).catch(() => undefined);
    }
    await expectNothingDangerous(page);
    expect(dialogs).toEqual([]);
    // What the attacker wrote is shown as text, not run.
    if (path === "/episodes/hostile-episode")
      await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=window.__pwned='title'>");
  });
}

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/", "/episodes/hostile-episode", "/api/search?q=x", "/episodes/Bad_Slug"]) {
    const response = await request.get(`${BASE}${path}`);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
    if (response.status() === 200 && !path.startsWith("/api/"))
      expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
});
