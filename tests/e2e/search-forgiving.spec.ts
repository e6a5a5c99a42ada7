import { expect, test } from "@playwright/test";
import { translator } from "./i18n";
import { READER } from "./support";

test.describe("search that forgives", () => {
  test("a Traditional query in the header box opens a highlighted Simplified passage", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto("/");
    await expect(page.locator("#site-search[data-ready]")).toBeAttached();
    await page.locator("#site-search").fill("語言模型");
    const suggestions = page.getByRole("listbox", { name: t("SearchBox.suggestions") });
    const hit = suggestions.locator('[role="option"][data-match="exact"]').first();
    await expect(hit.locator("mark").first()).toHaveText("语言模型");
    // The query names a topic (语言模型 is one of 大语言模型's keywords): its card comes first.
    await expect(suggestions.getByRole("option").first()).toHaveAttribute("data-entity", "topic:llm");
    await hit.click(); // options are not links: a click (or Enter) opens the one shown
    await expect(page).toHaveURL(/\/turns\/c\d+-\d+\?q=.*#match-1$/);
    const first = page.locator("mark#match-1");
    await expect(first).toHaveText("语言模型");
    await expect(first).toBeInViewport();
  });

  test("names come first as cards, in the header and on the results page", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto("/");
    await expect(page.locator("#site-search[data-ready]")).toBeAttached();
    await page.locator("#site-search").fill("Monica");
    const card = page.getByRole("listbox", { name: t("SearchBox.suggestions") }).locator('[data-entity="person:monica"]');
    await expect(card).toContainText("Monica");
    await expect(card).toContainText(`${t("Roles.host")} · ${t("Entities.turns", { count: 22 })}`);

    await page.goto("/search?q=yiwen%20li");
    const entity = page
      .getByRole("region", { name: t("Entities.label") })
      .getByRole("link")
      .first();
    const turns = (await page.request.get("/api/speakers").then((r) => r.json())).find(
      (p: { id: string }) => p.id === "yiwen-li",
    ).turnCount;
    await expect(entity).toHaveAccessibleName(`Yiwen Li · ${t("Roles.guest")} · ${t("Entities.turns", { count: turns })}`);
    await entity.click();
    await expect(page).toHaveURL(/\/speakers\/yiwen-li$/);
  });

  test("a half-remembered phrase shows near results in their own section", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto(`/search?q=${encodeURIComponent("大模型的能力")}`);
    await expect(page.getByTestId("search-empty")).toContainText(t("Search.noExact"));
    const near = page.getByRole("region", { name: t("Search.nearHeading") });
    await expect(near.getByRole("heading", { name: t("Search.nearHeading") })).toBeVisible();
    const hits = near.locator('[data-search-hit][data-match="near"]');
    expect(await hits.count()).toBeGreaterThan(0);
    await expect(hits.first().locator("mark").first()).toBeVisible();
    await expect(page.locator('[data-search-hit][data-match="exact"]')).toHaveCount(0);
    // Its permalink marks the words it holds.
    await hits.first().locator("a").click();
    await expect(page.locator("mark#match-1")).toBeVisible();
  });

  test("the API says which hits are exact and which near, and lists entities", async ({ request }) => {
    const near = await (await request.get(`/api/search?q=${encodeURIComponent("大模型的能力")}`)).json();
    expect(near.total).toBe(0);
    expect(near.hits.length).toBeGreaterThan(0);
    for (const hit of near.hits) expect(hit.match).toBe("near");
    const exact = await (await request.get(`/api/search?q=${encodeURIComponent("多模态")}`)).json();
    for (const hit of exact.hits) expect(hit.match).toBe("exact");
    expect(exact.entities).toContainEqual(
      expect.objectContaining({ kind: "topic", id: "multimodal", name: "多模态", url: "/topics/multimodal" }),
    );
    const monica = await (await request.get("/api/search?q=monica&facets=0")).json();
    expect(monica.entities[0]).toEqual(
      expect.objectContaining({ kind: "person", id: "monica", name: "Monica", url: "/speakers/monica", count: 22 }),
    );
  });

  test("find in the episode: every match marked in place, a count, next and previous from the keyboard", async ({ page }, testInfo) => {
    // Some twenty steps on the seed's longest page: on a busy 2-core machine this takes over 30 s.
    test.slow();
    const t = translator(testInfo);
    await page.goto(READER);
    const bar = page.getByTestId("find-bar");
    await expect(bar).toHaveAttribute("data-ready", "");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const box = page.getByRole("searchbox", { name: t("Find.label") });
    await box.fill("多模态");
    const status = page.getByTestId("find-status");
    await expect(status).toHaveAttribute("data-total", /^[1-9]\d*$/);
    const total = Number(await status.getAttribute("data-total"));
    await expect(page.locator('mark[id^="find-"]')).toHaveCount(total);
    await expect(page).toHaveURL(/\?q=%E5%A4%9A%E6%A8%A1%E6%80%81$/);
    for (const text of await page.locator('mark[id^="find-"]').allTextContents()) expect(text).toBe("多模态");

    // Typing jumped to the first match; Enter and Shift+Enter move on and back.
    await expect(page.locator("mark#find-1")).toHaveAttribute("data-find-current", "");
    await expect(status).toHaveText(t("Find.position", { current: 1, total }));
    await box.press("Enter");
    await expect(page.locator("mark#find-2")).toHaveAttribute("data-find-current", "");
    await expect(page.locator("mark#find-2")).toBeInViewport();
    await expect(page.locator("mark#find-1")).not.toHaveAttribute("data-find-current", "");
    await box.press("Shift+Enter");
    await expect(page.locator("mark#find-1")).toHaveAttribute("data-find-current", "");
    // n / N anywhere on the page; going back from the first match wraps to the last.
    await box.blur();
    await page.keyboard.press("n");
    await expect(page.locator("mark#find-2")).toHaveAttribute("data-find-current", "");
    await page.keyboard.press("Shift+N");
    await page.keyboard.press("Shift+N");
    await expect(page.locator(`mark#find-${total}`)).toHaveAttribute("data-find-current", "");
    await expect(page.locator(`mark#find-${total}`)).toBeInViewport();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // A Traditional query marks the Simplified text too; clearing removes every mark. (Its total is
    // the Simplified query's, so the page is known to show it only once the URL has it.)
    await box.fill("多模態");
    await expect(page).toHaveURL(/\?q=%E5%A4%9A%E6%A8%A1%E6%85%8B$/);
    await expect(status).toHaveAttribute("data-total", String(total));
    await expect(page.locator('mark[id^="find-"]')).toHaveCount(total);
    for (const text of await page.locator('mark[id^="find-"]').allTextContents()) expect(text).toBe("多模态");
    await bar.getByRole("link", { name: t("Find.clear") }).click();
    await expect(page.locator('mark[id^="find-"]')).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`${READER}$`));
  });

  test("find in the episode works without JavaScript", async ({ browser }, testInfo) => {
    const t = translator(testInfo);
    const context = await browser.newContext({ javaScriptEnabled: false, locale: testInfo.project.use.locale });
    const page = await context.newPage();
    await page.goto(READER);
    await page.getByRole("searchbox", { name: t("Find.label") }).fill("GPT3");
    await page.getByRole("searchbox", { name: t("Find.label") }).press("Enter");
    await expect(page).toHaveURL(/\?q=GPT3$/);
    const status = page.getByTestId("find-status");
    const total = Number(await status.getAttribute("data-total"));
    expect(total).toBeGreaterThan(5);
    await expect(status).toHaveText(t("Find.count", { total }));
    const marks = page.locator('mark[id^="find-"]');
    await expect(marks).toHaveCount(total);
    for (const text of await marks.allTextContents()) expect(text).toMatch(/^GPT[- ]?3\d*$/i);
    await page.getByRole("link", { name: t("Find.first") }).click();
    await expect(page).toHaveURL(/#find-1$/);
    await expect(page.locator("mark#find-1")).toBeInViewport();
    // Filters are kept by the form.
    await page.goto(`${READER}?speaker=xuezhi-wang&q=GPT-3`);
    expect(await page.locator('mark[id^="find-"]').count()).toBe(total);
    await expect(page.locator('input[type="hidden"][name="speaker"]')).toHaveValue("xuezhi-wang");
    await context.close();
  });
});
