// axe-core in the real pages: WCAG 2.1 A and AA rules plus best practices, on every page type, in
// light and dark, at phone and desktop widths (and, through the two projects, in both languages).
// Also the states that only exist after an interaction: the search box's open list, the
// shortcuts dialog, a hidden run of turns opened.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PAGE_TYPES, READER, SIZES } from "./support";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
  }));
}

// One test per page type: a page load per colour scheme, analysed at both widths (the layout is
// CSS only), which keeps the suite's time down without dropping any combination.
test.describe("axe on every page type", () => {
  // Four analyses per test: the reader (70 turns) takes up to a minute each on a busy 2-core machine.
  test.describe.configure({ timeout: 300_000 });
  for (const [name, path] of Object.entries(PAGE_TYPES)) {
    test(`${name} has no violations (light and dark, phone and desktop)`, async ({ browser }, testInfo) => {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ colorScheme: scheme, locale: testInfo.project.use.locale, viewport: SIZES.phone });
        const page = await context.newPage();
        await page.goto(path);
        for (const [size, viewport] of Object.entries(SIZES)) {
          await page.setViewportSize(viewport);
          expect(await violations(page), `${name} at ${size} (${scheme})`).toEqual([]);
        }
        await context.close();
      }
    });
  }
});

for (const scheme of ["light", "dark"] as const) {
  test(`interactive states have no violations (${scheme})`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ colorScheme: scheme, locale: testInfo.project.use.locale, viewport: SIZES.desktop });
    const page = await context.newPage();
    await page.goto(`${READER}?speaker=bill-xing`);
    await expect(page.locator("#site-search[data-ready]")).toBeAttached();
    await page.locator("details[data-hidden-turns] summary").first().click();
    await page.locator("#site-search").fill("多模态");
    await expect(page.getByRole("listbox")).toBeVisible();
    expect(await violations(page), "search list open, hidden turns open").toEqual([]);
    await page.keyboard.press("Escape");
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcuts-dialog")).toBeVisible();
    expect(await violations(page), "shortcuts dialog").toEqual([]);
    await context.close();
  });
}
