// Screenshots of every page type at phone and desktop width, light and dark, in the project's
// language, for a person to look at (test-results/screenshots/<page>-<size>-<scheme>-<locale>.png).
// Each test also checks that nothing overflows the phone width. One test per page and scheme, so
// no test comes near its timeout on a busy machine.
import { test } from "@playwright/test";
import { localeOf } from "./i18n";
import { PAGE_TYPES, SIZES, expectNoHorizontalScroll } from "./support";

const PAGES: Record<string, string> = {
  ...PAGE_TYPES,
  // The listening fixture's timed episode with its player, started at a moment (tests/e2e/listen.spec.ts).
  listening: `${process.env.E2E_LISTEN_URL}/episodes/tuning-forks?t=1:19`,
};

for (const scheme of ["light", "dark"] as const) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} fits a phone and a desktop screen (${scheme})`, async ({ browser }, testInfo) => {
      const locale = localeOf(testInfo);
      const context = await browser.newContext({ colorScheme: scheme, locale: testInfo.project.use.locale });
      const page = await context.newPage();
      for (const [size, viewport] of Object.entries(SIZES)) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        await expectNoHorizontalScroll(page);
        await page.screenshot({ path: `test-results/screenshots/${name}-${size}-${scheme}-${locale}.png` });
      }
      await context.close();
    });
  }
}
