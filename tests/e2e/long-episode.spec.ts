// A three-hour episode on the reader (issue 12, part 4): 2,000 timed turns in 12 chapters, generated
// into the listening library by tests/e2e/serve.ts (LONG_SLUG; the first chapter 20 turns, the
// others 180, 5 s each, playing the listening episode's 180-s WAV). The first chapter is in the
// page's first bytes; the others stream after them in the same response (src/lib/reader/streaming.ts).
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { LONG_SLUG, ONE_CHAPTER_SLUG } from "../support/seed";

const BASE = process.env.E2E_LISTEN_URL!;
const READER = `${BASE}/episodes/${LONG_SLUG}`;
const TURNS = 2000;
const ONE_CHAPTER = `${BASE}/episodes/${ONE_CHAPTER_SLUG}`;

/** The inline RSC payload's scripts (self.__next_f.push(…)) in a page's HTML. */
function flightScripts(html: string): string {
  return [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs)].map((m) => m[0]).join("");
}

// A 2,000-turn page on a busy 2-core machine: generous limits.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${BASE}/api/episodes`).catch(() => null))?.status(), { timeout: 120_000 }).toBe(200);
});

/** The page's HTML before React's first streamed segment: what a browser can show first. */
function firstView(html: string): string {
  const at = html.indexOf('<div hidden id="S:');
  return at < 0 ? html : html.slice(0, at);
}

test("sends the header, contents and first chapter first, and every other turn later in the same response", async ({ request }) => {
  const html = await (await request.get(READER)).text();
  const first = firstView(html);
  expect(first.length).toBeLessThan(html.length);
  // The first view: the title, the table of contents (all 12 chapters), the first chapter's turns.
  expect(first).toContain("三小时长谈");
  for (let n = 1; n <= 12; n++) expect(first).toContain(`data-toc-chapter="${n}"`);
  expect(first).toContain('id="c1-01"');
  expect(first).toContain('id="c1-20"');
  expect(first).not.toContain('id="c2-01"');
  expect(first).not.toContain('id="c7-120"');
  // Later chapters stand as placeholders linking to the chapter's own page.
  expect(first).toContain(`href="/episodes/${LONG_SLUG}/chapters/12"`);
  // The first view is small, whatever the episode's length (≤ 150 KB gzipped: issue 12).
  expect(gzipSync(first).length).toBeLessThan(150_000);
  // Every turn is in the response.
  expect(html.match(/ data-turn-id="/g)?.length).toBe(TURNS);
  expect(html).toContain('id="c12-');
});

test("lands on a turn of a late chapter by its anchor, with every chapter in place", async ({ page }) => {
  await page.goto(`${READER}#c7-120`);
  await expect(page.locator("#c7-120")).toBeInViewport({ timeout: 30_000 });
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0);
  await expect(page.locator("article [data-turn-id]")).toHaveCount(TURNS);
  // Chapters are in order in the article (streamed ones moved into place).
  const order = await page.locator("article section[id^=chapter-]").evaluateAll((els) => els.map((e) => e.id));
  expect(order).toEqual(Array.from({ length: 12 }, (_, i) => `chapter-${i + 1}`));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("lands on a turn of a late chapter, shows every turn and hides the placeholders", async ({ page }) => {
    await page.goto(`${READER}#c7-120`);
    await expect(page.locator("#c7-120")).toBeInViewport();
    await expect(page.locator("#c7-120")).toBeVisible();
    await expect(page.locator("[data-chapter-pending]").first()).toBeHidden();
    await expect(page.locator("[data-turn-id]")).toHaveCount(TURNS);
    await expect(page.locator("#c12-180")).toBeVisible();
  });

  test("folds filtered-out turns in late chapters too (a filtered view is sent all at once)", async ({ page }) => {
    await page.goto(`${READER}?speaker=ben-ortiz`);
    // Turns alternate Ada, Ben: Ada's turns fold, one "1 turn hidden" line before each of Ben's.
    const chapter9 = page.locator("#chapter-9");
    await expect(chapter9.locator("details[data-hidden-turns]").first()).toHaveAttribute("data-hidden-turns", "1");
    await expect(chapter9.locator("[data-turn-id]:visible")).toHaveCount(90);
  });
});

test("find in the episode counts and marks matches in every chapter, streamed ones included", async ({ page }) => {
  const query = "Open source communities";
  await page.goto(`${READER}?q=${encodeURIComponent(query)}`);
  const marks = page.locator("article mark[id^=find-]");
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0);
  const total = await marks.count();
  expect(total).toBeGreaterThan(10);
  // Marks in a late chapter carry their episode-wide numbers.
  const lastId = await marks.last().getAttribute("id");
  expect(lastId).toBe(`find-${total}`);
  expect(await page.locator("#chapter-12 mark[id^=find-]").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("find-status")).toHaveAttribute("data-total", String(total));
});

test("follows along into a streamed chapter from its cues' times", async ({ page }) => {
  // 2:30 is turn 11 of chapter 2 (chapter 1 is 20 turns of 5 s); chapter 2 arrives streamed.
  await page.goto(`${READER}?t=2:30`);
  await expect(page.locator("[data-listen-dock][data-ready]")).toBeAttached({ timeout: 60_000 });
  const playing = page.locator("article[data-playing]");
  await expect(playing).toHaveCount(1, { timeout: 30_000 });
  expect(await playing.getAttribute("data-turn-id")).toMatch(/^c2-\d+$/);
  await expect(page.locator("#chapter-2 [data-cue-playing]").first()).toBeAttached();
});

test("prints every chapter", async ({ page }) => {
  await page.goto(READER);
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("#c12-180")).toBeVisible();
  await expect(page.locator("#c2-01")).toBeVisible();
});

test("turn bodies are in the HTML once: the inline RSC payload does not carry them", async ({ request }) => {
  const html = await (await request.get(READER)).text();
  const flight = flightScripts(html);
  expect(flight.length).toBeGreaterThan(1000);
  // Every generated turn's body is made of cue spans (data-cue-start); none of them is in the payload.
  expect(html.split("data-cue-start").length - 1).toBeGreaterThanOrEqual(TURNS);
  expect(flight).not.toContain("data-cue-start");
  // Nor the turn cards: they are HTML written on the server (src/lib/reader/turn-card-html.ts), one
  // client leaf per chapter part, so the payload holds no card's element tree.
  expect(flight).not.toContain("turn-speaker");
  expect(flight).not.toContain("data-copy-link");
  expect(flight.length).toBeLessThan(html.length / 10);
  // A late turn's words are in its article.
  const late = html.slice(html.indexOf('id="c12-180"'));
  expect(late.slice(0, 4000)).toMatch(/class="prose-turn[^"]*"><p>/);
});

test("a transcript without chapter headings streams its one chapter in parts after its first turns", async ({ request }) => {
  const html = await (await request.get(ONE_CHAPTER)).text();
  const first = firstView(html);
  expect(first.length).toBeLessThan(html.length / 5);
  expect(first).toContain('id="c1-01"');
  expect(first).toContain('id="c1-100"');
  expect(first).not.toContain('id="c1-101"');
  expect(first).not.toContain('id="c1-2000"');
  expect(gzipSync(first).length).toBeLessThan(150_000);
  expect(html.match(/ data-turn-id="/g)?.length).toBe(TURNS);
});

test("lands on a turn deep in a transcript without chapter headings, every part in its chapter", async ({ page }) => {
  await page.goto(`${ONE_CHAPTER}#c1-1750`);
  await expect(page.locator("#c1-1750")).toBeInViewport({ timeout: 30_000 });
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0);
  await expect(page.locator("#chapter-1 [data-turn-id]")).toHaveCount(TURNS);
  await expect(page.locator("#c1-1750 .prose-turn")).not.toBeEmpty();
});

// The last parts are often moved into place after the page's load event (React reveals streamed
// pieces on a timer), when the browser no longer scrolls to the fragment by itself.
test("lands on a turn of the last streamed part", async ({ page }) => {
  await page.goto(`${ONE_CHAPTER}#c1-1990`);
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator("#c1-1990")).toBeInViewport();
});

test.describe("a transcript without chapter headings, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("lands on a turn of a late part and shows every turn", async ({ page }) => {
    await page.goto(`${ONE_CHAPTER}#c1-1750`);
    await expect(page.locator("#c1-1750")).toBeInViewport();
    await expect(page.locator("#c1-1750 .prose-turn")).not.toBeEmpty();
    await expect(page.locator("[data-chapter-pending]").first()).toBeHidden();
    await expect(page.locator("[data-turn-id]")).toHaveCount(TURNS);
  });
});

test("a filtered view of the long episode folds the others' turns in every chapter", async ({ page }) => {
  await page.goto(`${READER}?speaker=ben-ortiz`);
  const chapter9 = page.locator("#chapter-9");
  await expect(chapter9.locator("details[data-hidden-turns]").first()).toHaveAttribute("data-hidden-turns", "1");
  await expect(chapter9.locator("[data-turn-id]:visible")).toHaveCount(90);
  await expect(page.locator("article [data-turn-id]")).toHaveCount(TURNS);
  // Folded turns keep their words (they open in place).
  await expect(chapter9.locator("details[data-hidden-turns] [data-turn-id] .prose-turn").first()).not.toBeEmpty();
});

test("a soft navigation to the long episode shows every turn's words, and so does going back to it", async ({ page }) => {
  await page.goto(`${BASE}/`);
  // A marker that a full page load would lose: the navigations below stay in the page.
  await page.evaluate(() => ((window as unknown as { softNavigation: boolean }).softNavigation = true));
  await page.locator(`a[href="/episodes/${LONG_SLUG}"]`).first().click();
  await expect(page).toHaveURL(READER);
  await expect(page.locator("article [data-turn-id]")).toHaveCount(TURNS, { timeout: 60_000 });
  await expect(page.locator("#c12-180 .prose-turn")).not.toBeEmpty();
  await expect(page.locator("#c1-01 .prose-turn")).not.toBeEmpty();
  // Away (the breadcrumb's link to the library) and back: the router shows the page again.
  await page.locator('.breadcrumb a[href="/"]').click();
  await expect(page).toHaveURL(`${BASE}/`);
  await page.goBack();
  await expect(page).toHaveURL(READER);
  await expect(page.locator("#c7-120 .prose-turn")).not.toBeEmpty({ timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { softNavigation?: boolean }).softNavigation)).toBe(true);
});

test("going back to a long episode that was loaded as a document shows every turn's words", async ({ page }) => {
  await page.goto(READER);
  await expect(page.locator("[data-chapter-pending]")).toHaveCount(0);
  await page.evaluate(() => ((window as unknown as { softNavigation: boolean }).softNavigation = true));
  await page.locator('.breadcrumb a[href="/"]').click();
  await expect(page).toHaveURL(`${BASE}/`);
  await page.goBack();
  await expect(page).toHaveURL(READER);
  await expect(page.locator("#c7-120 .prose-turn")).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.locator("#c1-01 .prose-turn")).not.toBeEmpty();
  expect(await page.evaluate(() => (window as unknown as { softNavigation?: boolean }).softNavigation)).toBe(true);
});
