import { expect, test } from "@playwright/test";
import { translator } from "./i18n";

test.describe("search", () => {
  test("type a query, see highlighted results as you type, filter by a guest, open a hit on its highlighted passage", async ({
    page,
  }, testInfo) => {
    const t = translator(testInfo);
    await page.goto("/");
    await expect(page.locator("#site-search[data-ready]")).toBeAttached(); // hydrated: "/" is listened for
    await page.keyboard.press("/");
    await expect(page.locator("#site-search")).toBeFocused();
    await page.keyboard.type("多模态");
    const suggestions = page.getByRole("listbox", { name: t("SearchBox.suggestions") });
    await expect(suggestions.getByRole("option").first()).toBeVisible();
    await expect(suggestions.locator("mark").first()).toHaveText("多模态");

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=%E5%A4%9A%E6%A8%A1%E6%80%81$/);
    await expect(page.getByTestId("search-total")).toHaveText(t("Search.total", { q: "多模态", total: 16 }));
    const marks = page.locator("[data-search-hit] mark");
    expect(await marks.count()).toBeGreaterThan(0);
    for (const text of await marks.allTextContents()) expect(text).toBe("多模态");

    // Every hit is labelled: speaker name and role in this episode, episode title and chapter title.
    const firstHit = page.locator('[data-search-hit][data-speaker="xuezhi-wang"]').first();
    await expect(firstHit).toContainText("Xuezhi Wang");
    await expect(firstHit).toContainText(t("Roles.guest"));
    await expect(firstHit).toContainText("硬核对话Google Brain研究员");
    await expect(page.locator('[data-search-hit][data-speaker="monica"]').first()).toContainText(t("Roles.host"));
    await expect(page.locator("[data-search-hit]").filter({ hasText: "05 LLM的技术边界,多模态如何突破?" }).first()).toBeVisible();

    const chip = page.locator('[data-facet-chip="speaker:xuezhi-wang"]');
    const count = Number(await chip.getAttribute("data-count"));
    await chip.click();
    await expect(page).toHaveURL(/speaker=xuezhi-wang/);
    await expect(page.locator('[data-facet-chip="speaker:xuezhi-wang"]')).toHaveAttribute("aria-current", "true");
    await expect(page.locator("[data-search-hit]")).toHaveCount(count);
    for (const speaker of await page.locator("[data-search-hit]").evaluateAll((els) => els.map((el) => el.getAttribute("data-speaker")))) {
      expect(speaker).toBe("xuezhi-wang");
    }

    await page.locator("[data-search-hit] a").first().click();
    await expect(page).toHaveURL(/\/turns\/c\d+-\d+\?q=.*#match-1$/);
    const first = page.locator("mark#match-1");
    await expect(first).toHaveText("多模态");
    await expect(first).toBeInViewport();
  });

  test("the search form works without JavaScript, and an empty result suggests removing a filter", async ({ browser }, testInfo) => {
    const t = translator(testInfo);
    const context = await browser.newContext({ javaScriptEnabled: false, locale: testInfo.project.use.locale });
    const page = await context.newPage();
    await page.goto("/");
    await page.locator("#site-search").fill("Chinchilla");
    await page.locator("#site-search").press("Enter");
    await expect(page).toHaveURL(/\/search\?q=Chinchilla$/);
    await expect(page.locator("[data-search-hit]").first()).toContainText("Chinchilla");

    await page.goto("/search?q=Chinchilla&speaker=bill-xing");
    await expect(page.getByTestId("search-empty")).toContainText(t("Search.removeFilterHint"));
    await page.getByRole("link", { name: t("Search.removeFilter", { filter: t("Search.filterSpeaker", { name: "Bill Xing" }) }) }).click();
    await expect(page).toHaveURL(/\/search\?q=Chinchilla$/);
    await context.close();
  });

  test("paginates through all results", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto("/search?q=%E7%9A%84");
    const total = Number(await page.getByTestId("search-total").getAttribute("data-total"));
    const seen: string[] = [];
    for (;;) {
      seen.push(...(await page.locator("[data-search-hit]").evaluateAll((els) => els.map((el) => el.getAttribute("data-hit-key")!))));
      const next = page.getByRole("link", { name: t("Search.next") });
      if ((await next.count()) === 0) break;
      await page.goto((await next.getAttribute("href"))!);
    }
    expect(total).toBeGreaterThan(40);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  test("/quotes lists curated quotes by guest and topic, and searches them", async ({ page }) => {
    await page.goto("/quotes");
    const all = await page.locator("[data-quote]").count();
    expect(all).toBe(24);
    await page.locator('[data-facet-chip="speaker:xuezhi-wang"]').click();
    await expect(page).toHaveURL(/\/quotes\?speaker=xuezhi-wang$/);
    const speakers = await page.locator("[data-quote]").evaluateAll((els) => els.map((el) => el.getAttribute("data-speaker")));
    expect(speakers.length).toBeGreaterThan(0);
    expect(new Set(speakers)).toEqual(new Set(["xuezhi-wang"]));
    await page.locator("#quotes-q").fill("模型");
    await page.locator("#quotes-q").press("Enter");
    await expect(page).toHaveURL(/q=%E6%A8%A1%E5%9E%8B&speaker=xuezhi-wang/);
    for (const text of await page.locator("[data-quote] blockquote").allTextContents()) expect(text).toContain("模型");
    await expect(page.locator("[data-quote] mark").first()).toHaveText("模型");
  });

  test("the search API answers the contract, and 400 for bad parameters", async ({ request }) => {
    const response = await request.get("/api/search?q=%E5%BC%80%E6%BA%90&limit=3");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toEqual(
      expect.objectContaining({
        query: "开源",
        total: expect.any(Number),
        hits: expect.any(Array),
        facets: { speaker: expect.any(Object), chapter: expect.any(Object), topic: expect.any(Object) },
      }),
    );
    expect(body.hits).toHaveLength(3);
    for (const hit of body.hits) {
      expect(Object.keys(hit)).toEqual(
        expect.arrayContaining(["turnId", "episode", "chapter", "speakerId", "kind", "snippet", "highlights", "url"]),
      );
      for (const [s, e] of hit.highlights) expect(hit.snippet.slice(s, e)).toBe("开源");
    }
    for (const bad of ["limit=101", "limit=0", "offset=-1", "kind=video", "speaker=..%2F", "chapter=two"]) {
      const r = await request.get(`/api/search?q=x&${bad}`);
      expect(r.status(), bad).toBe(400);
      expect((await r.json()).message).toMatch(/query parameter/);
    }
  });
});
