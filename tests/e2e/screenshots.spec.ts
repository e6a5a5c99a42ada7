// Screenshots of every page type at phone and desktop width, light and dark, in the project's
// language, for a person to look at (test-results/screenshots/<page>-<size>-<scheme>-<locale>.png).
// Each test also checks that nothing overflows the phone width. One test per page: each width is
// loaded once and shot in both colour schemes (the app's dark theme is prefers-color-scheme only,
// which the browser switches in place), so no test comes near its timeout on a busy machine.
import { test } from "@playwright/test";
import { localeOf } from "./i18n";
import { PAGE_TYPES, SIZES, expectNoHorizontalScroll } from "./support";

const PAGES: Record<string, string> = {
  ...PAGE_TYPES,
  // The listening fixture's timed episode with its player, started at a moment (tests/e2e/listen.spec.ts).
  listening: `${process.env.E2E_LISTEN_URL}/episodes/tuning-forks?t=1:19`,
};

for (const [name, path] of Object.entries(PAGES)) {
  test(`${name} fits a phone and a desktop screen (light and dark)`, async ({ page }, testInfo) => {
    const locale = localeOf(testInfo);
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      await page.goto(path);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectNoHorizontalScroll(page);
        // A page that scrolls itself (a link to a moment, an anchor) is shot once it has come to rest.
        // (polled once per animation frame: at rest when two frames in a row have the same scroll position).
        await page.waitForFunction(() => {
          const w = window as unknown as { lastScrollY?: number };
          const still = w.lastScrollY === window.scrollY;
          w.lastScrollY = window.scrollY;
          return still;
        });
        await page.screenshot({ path: `test-results/screenshots/${name}-${size}-${scheme}-${locale}.png`, animations: "disabled" });
      }
    }
  });
}
