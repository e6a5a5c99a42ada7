import { expect, test } from "@playwright/test";
import { translator } from "./i18n";
import { PARTICIPANTS, READER, SLUG, hiddenCount, visibleTurns } from "./support";

test.describe("reading an interview", () => {
  test("every turn is an element with its id, data-turn-id and data-speaker", async ({ page }, testInfo) => {
    const t = translator(testInfo);
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
    await expect(page.locator('[data-participant="bill-xing"] [data-role="other"]')).toHaveText(t("Roles.other"));
    await expect(page.getByRole("navigation", { name: t("Reader.toc") }).getByRole("listitem")).toHaveCount(6);
    // Notes are visibly set apart from speech, labelled in the interface language.
    await expect(page.locator("#c5-05-note1")).toContainText(t("Common.editorNote"));
    // 68 turns and 2 notes: a note is nobody's turn.
    await expect(page.getByTestId("episode-length")).toHaveText(t("Reader.lengthValue", { chapters: 6, turns: 68, notes: 2 }));
  });

  test("reads one chapter and goes to the next", async ({ page }) => {
    await page.goto(`${READER}/chapters/1`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/01\s*大语言模型的差异与核心机制/);
    expect((await visibleTurns(page)).map((t) => t.turnId)).toHaveLength(14);
    const next = page.locator('nav[data-pager="chapter"] a[rel="next"]').first();
    await expect(next).toHaveText(/02 参数和数据会成为模型能力瓶颈吗/);
    await next.click();
    await expect(page).toHaveURL(new RegExp(`/episodes/${SLUG}/chapters/2$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/参数和数据/);
    await expect(page.locator('nav[data-pager="chapter"] a[rel="prev"]').first()).toHaveText(/01/);
  });

  test("filters by speaker and by topic with chips; the URL is the shareable view", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto(READER);
    const yiwen = page.locator('[data-filter-chip="speakers:yiwen-li"]');
    await expect(yiwen).not.toHaveAttribute("aria-current");
    await yiwen.click();
    await expect(page).toHaveURL(/\?speaker=yiwen-li$/);
    // The selected chip says so to assistive technology (aria-current), not with aria-pressed on a link.
    await expect(yiwen).toHaveAttribute("aria-current", "true");
    await expect(yiwen).not.toHaveAttribute("aria-pressed");
    let shown = await visibleTurns(page);
    expect(shown.filter((t) => t.kind === "speech").map((t) => t.speaker)).toEqual(Array(15).fill("yiwen-li"));
    expect(shown.length + (await hiddenCount(page))).toBe(70);
    // Her chip, her profile and the API agree: 15 turns (the notes on her turns come along, uncounted).
    await expect(yiwen).toHaveAttribute("data-count", "15");
    await expect(page.getByTestId("filter-summary")).toHaveText(
      `${t("Filter.shown", { shown: 15, total: 68 })} (${t("Filter.notesAlongside", { count: 2 })})`,
    );

    const multimodalChip = page.locator('[data-filter-chip="topics:multimodal"]');
    const expected = Number(await multimodalChip.getAttribute("data-count"));
    await multimodalChip.click();
    await expect(page).toHaveURL(/\?speaker=yiwen-li&topic=multimodal$/);
    shown = await visibleTurns(page);
    expect(shown.filter((t) => t.kind === "speech")).toHaveLength(expected);
    await expect(page.getByTestId("filter-summary")).toHaveAttribute("data-shown", String(expected));
    await expect(page.getByTestId("filter-summary")).toHaveAttribute("data-total", "68");

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

  test("works without JavaScript", async ({ browser }, testInfo) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: testInfo.project.use.locale });
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

  test("copies a turn's permalink", async ({ browser, baseURL }, testInfo) => {
    const t = translator(testInfo);
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], locale: testInfo.project.use.locale });
    const page = await context.newPage();
    await page.goto(READER);
    await expect(page.locator("#site-search[data-ready]")).toBeAttached(); // hydrated: the button copies
    const button = page.locator("#c2-04 [data-copy-link]");
    await expect(button).toHaveAccessibleName(t("Copy.copyLinkOf", { id: "c2-04" }));
    await button.click();
    await expect(button).toHaveText(t("Copy.copied"));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/episodes/${SLUG}/turns/c2-04`);
    await context.close();
  });

  test("labels an editor's-note marker in the interface language; the stored HTML has no label", async ({ page, request }, testInfo) => {
    const t = translator(testInfo);
    await page.goto(READER);
    const marker = page.locator('#c6-05 a[data-note-ref][href="#c6-05-note1"]');
    await expect(marker).toHaveText("1");
    await expect(marker).toHaveAccessibleName(t("TurnCard.noteRef", { n: 1 }));
    const api = await (await request.get(`/api/episodes/${SLUG}`)).json();
    const text = api.chapters[5].turns.find((turn: { id: string }) => turn.id === "c6-05").text;
    expect(text).not.toMatch(/编者注|\[注\]|Editor/);
  });
});
