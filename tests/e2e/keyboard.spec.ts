// The reader from the keyboard alone: shortcuts, the skip link, jump links, the search combobox.
import { expect, test, type Page } from "@playwright/test";
import { translator } from "./i18n";
import { READER, SLUG } from "./support";

const focusedTurn = (page: Page) => page.evaluate(() => document.activeElement?.closest("article[data-turn-id]")?.id ?? null);
const ready = (page: Page) => expect(page.locator("html[data-shortcuts=ready]")).toBeAttached();

test("j/k move through turns, ]/[ and Shift+J/K through chapters, c copies the focused turn's link", async ({
  browser,
  baseURL,
}, testInfo) => {
  const t = translator(testInfo);
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], locale: testInfo.project.use.locale });
  const page = await context.newPage();
  await page.goto(READER);
  await ready(page);
  await page.keyboard.press("j");
  await expect.poll(() => focusedTurn(page)).toBe("c1-01");
  await expect(page.locator("#c1-01")).toBeInViewport();
  await page.keyboard.press("j");
  await expect.poll(() => focusedTurn(page)).toBe("c1-02");
  await page.keyboard.press("k");
  await expect.poll(() => focusedTurn(page)).toBe("c1-01");

  await page.keyboard.press("]");
  await expect(page.locator("#chapter-2-title")).toBeFocused();
  await expect(page.locator("#chapter-2-title")).toBeInViewport();
  await page.keyboard.press("j");
  await expect.poll(() => focusedTurn(page)).toBe("c2-01");
  await page.keyboard.press("Shift+J");
  await expect(page.locator("#chapter-3-title")).toBeFocused();
  await page.keyboard.press("Shift+K");
  await expect(page.locator("#chapter-2-title")).toBeFocused();
  await page.keyboard.press("[");
  await expect(page.locator("#chapter-1-title")).toBeFocused();

  // c copies the focused turn's permalink and says so.
  await page.locator("#c2-04").focus();
  await page.keyboard.press("c");
  await expect(page.getByTestId("shortcut-status")).toHaveText(t("Shortcuts.copied"));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/episodes/${SLUG}/turns/c2-04`);
  await context.close();
});

test("j skips turns folded away by a filter; ]/[ go to the next chapter's page from a chapter page", async ({ page }) => {
  await page.goto(`${READER}/chapters/2?speaker=bill-xing`);
  await ready(page);
  await page.keyboard.press("j");
  await expect.poll(() => focusedTurn(page)).toBe("c2-04");
  await page.keyboard.press("]");
  await expect(page).toHaveURL(new RegExp(`/chapters/3\\?speaker=bill-xing$|/chapters/3$`));
  await ready(page);
  await page.keyboard.press("[");
  await expect(page).toHaveURL(/\/chapters\/2/);
});

test("? shows the shortcuts; no shortcut fires while typing", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto(READER);
  await ready(page);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: t("Shortcuts.title") });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(t("Shortcuts.nextTurn"));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await expect(page.locator("#site-search[data-ready]")).toBeAttached();
  await page.locator("#site-search").focus();
  await page.keyboard.type("jk]c?");
  await expect(page.locator("#site-search")).toBeFocused();
  await expect(page.locator("#site-search")).toHaveValue("jk]c?");
  await expect(dialog).toBeHidden();
});

test("the skip link shows above the sticky header; the first turn is a few Tab presses away", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto(READER);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: t("Layout.skipToMain") });
  await expect(skip).toBeFocused();
  // Drawn on top: the element at its centre is the skip link itself, not the header.
  const topmost = await skip.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === el && box.top >= 0;
  });
  expect(topmost).toBe(true);

  // Tab until the "jump to transcript" link; then one Tab reaches the first turn.
  let presses = 1;
  const jump = page.getByTestId("reader-jumps").getByRole("link", { name: t("Reader.jumpToTranscript") });
  while (!(await jump.evaluate((el) => el === document.activeElement)) && presses < 30) {
    await page.keyboard.press("Tab");
    presses += 1;
  }
  expect(presses).toBeLessThanOrEqual(12);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect.poll(() => focusedTurn(page)).toBe("c1-01");
});

test("the header search box is a combobox: Esc closes then clears, Tab leaves, the count is announced, options are not links", async ({
  page,
}, testInfo) => {
  const t = translator(testInfo);
  await page.goto("/");
  const box = page.getByRole("combobox", { name: t("SearchBox.label") });
  await expect(page.locator("#site-search[data-ready]")).toBeAttached();
  await box.fill("多模态");
  const list = page.getByRole("listbox", { name: t("SearchBox.suggestions") });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("search-box-status")).toHaveText(t("SearchBox.status", { count: 16 }));
  expect(await list.locator("a").count()).toBe(0);
  // The topic the query names (a card first), six hits and "see all".
  await expect(list.getByRole("option")).toHaveCount(8);
  await expect(list.getByRole("option").first()).toHaveAttribute("data-entity", "topic:multimodal");
  await expect(list.locator('[role="option"][data-match="exact"]')).toHaveCount(6);

  await page.keyboard.press("ArrowDown");
  const first = list.getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
  await expect(box).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toHaveValue("多模态");
  await page.keyboard.press("Escape");
  await expect(box).toHaveValue("");

  await box.fill("开源");
  await expect(list).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(box).not.toBeFocused();
  await expect(page.getByTestId("language-switch").getByRole("button")).toBeFocused();
  await expect(list).toBeHidden();

  // Arrow to a hit and Enter opens it.
  await box.focus();
  await expect(list).toBeVisible();
  await page.keyboard.press("ArrowDown");
  const href = await list.getByRole("option").first().getAttribute("data-href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(href!.replace(/[?]/g, "\\?").replace(/#.*/, "")));
});
