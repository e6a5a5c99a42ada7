import { expect, test } from "@playwright/test";
import { PARTICIPANTS, READER, SLUG, hiddenCount, visibleTurns } from "./support";

test.describe("reading an interview", () => {
  test("every turn is an element with its id, data-turn-id and data-speaker", async ({ page }) => {
    await page.goto(READER);
    const turns = await page.locator("[data-turn-id]").evaluateAll((els) =>
      els.map((el) => ({
        id: el.id,
        turnId: el.getAttribute("data-turn-id"),
        speaker: el.getAttribute("data-speaker"),
        kind: el.getAttribute("data-kind"),
      })),
    );
    expect(turns).toHaveLength(70);
    for (const turn of turns) {
      expect(turn.id).toBe(turn.turnId);
      if (turn.kind === "speech") expect(PARTICIPANTS).toContain(turn.speaker);
      else expect([turn.kind, turn.speaker]).toEqual(["note", ""]);
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/硬核对话Google Brain研究员/);
    await expect(page.locator("[data-participant]")).toHaveCount(5);
    await expect(page.locator('[data-participant="bill-xing"] [data-role="other"]')).toBeVisible();
    await expect(page.getByRole("navigation", { name: "目录" }).getByRole("listitem")).toHaveCount(6);
    // Notes are visibly set apart from speech.
    await expect(page.locator("#c5-05-note1")).toContainText("编者注");
  });

  test("reads one chapter and goes to the next", async ({ page }) => {
    await page.goto(`${READER}/chapters/1`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/01\s*大语言模型的差异与核心机制/);
    expect((await visibleTurns(page)).map((t) => t.turnId)).toHaveLength(14);
    await page
      .getByRole("link", { name: /02 参数和数据会成为模型能力瓶颈吗 →/ })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/episodes/${SLUG}/chapters/2$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/参数和数据/);
    await expect(page.getByRole("link", { name: /← 01/ }).first()).toBeVisible();
  });

  test("filters by speaker and by topic with chips; the URL is the shareable view", async ({ page }) => {
    await page.goto(READER);
    await page.locator('[data-filter-chip="speakers:yiwen-li"]').click();
    await expect(page).toHaveURL(/\?speaker=yiwen-li$/);
    let shown = await visibleTurns(page);
    expect(shown.filter((t) => t.kind === "speech").map((t) => t.speaker)).toEqual(Array(15).fill("yiwen-li"));
    expect(shown.length + (await hiddenCount(page))).toBe(70);

    const multimodalChip = page.locator('[data-filter-chip="topics:multimodal"]');
    const expected = Number((await multimodalChip.getAttribute("aria-label"))!.match(/(\d+) 段/)![1]);
    await multimodalChip.click();
    await expect(page).toHaveURL(/\?speaker=yiwen-li&topic=multimodal$/);
    shown = await visibleTurns(page);
    expect(shown).toHaveLength(expected);
    await expect(page.getByTestId("filter-summary")).toHaveText(`显示 ${expected} / 70 段`);

    // The shared URL opens the same view.
    const url = page.url();
    const other = await page.context().newPage();
    await other.goto(url);
    expect(await visibleTurns(other)).toEqual(shown);

    // A selected chip removes itself.
    await page.locator('[data-filter-chip="speakers:yiwen-li"]').click();
    await expect(page).toHaveURL(/\?topic=multimodal$/);
  });

  test("hidden turns expand in place", async ({ page }) => {
    await page.goto(`${READER}?speaker=bill-xing`);
    const firstHidden = page.locator("details[data-hidden-turns]").first();
    const n = Number(await firstHidden.getAttribute("data-hidden-turns"));
    await expect(firstHidden.locator("article[data-turn-id]").first()).toBeHidden();
    await firstHidden.locator("summary").click();
    await expect(firstHidden.locator("article[data-turn-id]:visible")).toHaveCount(n);
  });

  test("works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(READER);
    await page.locator('[data-filter-chip="speakers:bill-xing"]').click();
    await expect(page).toHaveURL(/\?speaker=bill-xing$/);
    const shown = await visibleTurns(page);
    expect(shown.map((t) => t.turnId)).toEqual(["c2-04", "c4-04", "c5-06", "c5-08"]);
    await page.locator("details[data-hidden-turns] summary").first().click();
    await expect(page.locator("details[data-hidden-turns]").first()).toHaveAttribute("open", "");
    await context.close();
  });

  test("copies a turn's permalink", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(READER);
    await expect(page.locator("#site-search[data-ready]")).toBeAttached(); // hydrated: the button copies
    const button = page.locator("#c2-04 [data-copy-link]");
    await button.click();
    await expect(button).toHaveText("已复制 ✓");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/episodes/${SLUG}/turns/c2-04`);
    await context.close();
  });
});
