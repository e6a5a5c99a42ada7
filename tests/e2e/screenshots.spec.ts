// Screenshots of the main pages at phone and desktop width, light and dark, for a person to look
// at (test-results/screenshots). The test itself checks that nothing overflows the phone width.
import { test } from "@playwright/test";
import { READER, expectNoHorizontalScroll } from "./support";

const PAGES = {
  library: "/",
  reader: READER,
  filtered: `${READER}?speaker=yiwen-li&topic=multimodal`,
  permalink: `${READER}/turns/c6-05`,
  speaker: "/speakers/xuezhi-wang",
  topic: "/topics/open-source",
  search: "/search?q=%E5%BC%80%E6%BA%90&speaker=yizhou-zheng",
  "search-entity": "/search?q=monica",
  "search-near": `/search?q=${encodeURIComponent("大模型的能力")}`,
  "reader-find": `${READER}?q=${encodeURIComponent("多模态")}#find-3`,
  quotes: "/quotes?speaker=xuezhi-wang",
  quote: "/quotes/in-context-learning-emerges",
  questions: `${READER}/questions`,
  exchange: `${READER}/questions/3`,
  // The listening fixture's timed episode with its player, started at a moment (tests/e2e/listen.spec.ts).
  listening: `${process.env.E2E_LISTEN_URL}/episodes/tuning-forks?t=1:19`,
};
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
// Fourteen pages per test: on a loaded 2-core machine each can take 2–3 s to render.
test.describe.configure({ timeout: 180_000 });

for (const scheme of ["light", "dark"] as const) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    test(`pages fit a ${size} screen in ${scheme} mode`, async ({ browser }) => {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(PAGES)) {
        await page.goto(path);
        await expectNoHorizontalScroll(page);
        await page.screenshot({ path: `test-results/screenshots/${name}-${size}-${scheme}.png` });
      }
      await context.close();
    });
  }
}
