import { expect, test } from "@playwright/test";
import { translator } from "./i18n";
import { READER, SLUG, reingestInBackground } from "./support";

test.describe("turn permalinks", () => {
  test("show the turn, the question it answers, and preview well when pasted", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto(`${READER}/turns/c6-04`);
    await expect(page.locator("[data-permalink] article#c6-04")).toContainText("我们现在最直接的其实是API");
    await expect(page.locator("#c6-04 time")).toHaveText("01:46:42");
    await expect(page.getByRole("heading", { name: t("Permalink.questionAnswered") })).toBeVisible();
    await expect(page.getByTestId("exchange").locator('article[data-speaker="monica"]')).toContainText(
      "你现在看到的工具链上有什么需要解决的痛点",
    );
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description).toMatch(/^Yizhou Zheng/);
    expect(description).toContain("硬核对话");
    expect(description).toContain("我们现在最直接的其实是API");
    const title = t("Permalink.metaTitle", { who: "Yizhou Zheng", excerpt: "我们现在最直接的其实是API" });
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toMatch(new RegExp(`^${title}`));
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", new RegExp(`/episodes/${SLUG}/turns/c6-04$`));
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/episodes/${SLUG}/turns/c6-04$`));
  });

  test("a question's permalink lists the answers it got", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    await page.goto(`${READER}/turns/c1-07`);
    await expect(page.getByRole("heading", { name: t("Permalink.answersGot") })).toBeVisible();
    await expect(page.getByTestId("exchange").locator("article[data-turn-id]")).toHaveCount(1);
    await expect(page.getByTestId("exchange").locator("article[data-turn-id]")).toHaveAttribute("data-speaker", "xuezhi-wang");
  });

  test("links to its place in the reader, which scrolls to and marks the turn", async ({ page }) => {
    await page.goto(`${READER}/turns/c3-04`);
    await page.getByTestId("in-reader").click();
    await expect(page).toHaveURL(new RegExp(`${READER}#c3-04$`));
    await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe("c3-04");
    await expect(page.locator("#c3-04")).toBeInViewport();
  });

  test("keeps working after a re-ingest, and no request fails while the database is swapped", async ({ request }) => {
    test.setTimeout(120_000); // an ingest takes 2 s alone and 20-40 s on a busy 2-core machine
    const before = await request.get(`${READER}/turns/c5-13`);
    expect(before.status()).toBe(200);
    const ingest = reingestInBackground();
    const failures: string[] = [];
    let requests = 0;
    let done = false;
    void ingest.finished.then(() => (done = true));
    const paths = [`${READER}/turns/c5-13`, "/api/search?q=%E5%BC%80%E6%BA%90", `/api/episodes/${SLUG}`, `${READER}/chapters/5`];
    while (!done) {
      const path = paths[requests % paths.length]!;
      const response = await request.get(path);
      requests += 1;
      if (response.status() !== 200) failures.push(`${response.status()} ${path}`);
    }
    expect(await ingest.finished).toBe(0);
    for (const path of paths) {
      const response = await request.get(path);
      if (response.status() !== 200) failures.push(`${response.status()} ${path} (after)`);
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(5);
    const after = await request.get(`${READER}/turns/c5-13`);
    expect(await after.text()).toContain("如果多模态,可能最大的难点就是你怎么把不同的模态对齐起来");
  });
});

test.describe("not found and malformed", () => {
  for (const path of [
    `/episodes/no-such-episode`,
    `${READER}/turns/c9-99`,
    `${READER}/chapters/9`,
    `/speakers/nobody`,
    `/topics/no-such-topic`,
    `/speakers/monica?page=2`, // one episode: there is no second page
    `/topics/open-source?page=2`,
    `/?page=2`,
  ]) {
    test(`404 for ${path}`, async ({ page }, testInfo) => {
      const t = translator(testInfo);
      const response = await page.goto(path);
      expect(response!.status()).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
      // A meaningful title, the reader's language, and ways back.
      await expect(page).toHaveTitle(new RegExp(`^404 · ${t("NotFound.metaTitle")}`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("NotFound.title"));
      await expect(page.getByTestId("not-found").getByRole("link", { name: t("NotFound.home") })).toHaveAttribute("href", "/");
    });
  }

  for (const path of [
    `/episodes/Bad_Slug`,
    `${READER}/chapters/abc`,
    `${READER}/turns/%3Cscript%3E`,
    `${READER}?speaker=%3Cx%3E`,
    `/speakers/..%2Fetc`,
    `/api/episodes/Bad_Slug`,
    `/speakers/monica?page=0`,
    `/topics/open-source?page=abc`,
    `/?page=-1`,
  ]) {
    test(`400 for ${path}`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(400);
      const body = await response.text();
      expect(body).not.toMatch(/at .*\.(ts|js):\d+|node_modules|\/work\//);
    });
  }

  test("the 400 page is styled and in the reader's language, with a way back", async ({ page }, testInfo) => {
    const t = translator(testInfo);
    const response = await page.goto("/episodes/Bad_Slug");
    expect(response!.status()).toBe(400);
    await expect(page.locator("html")).toHaveAttribute("lang", testInfo.project.use.locale!.startsWith("en") ? "en" : "zh-CN");
    await expect(page).toHaveTitle(new RegExp(t("BadRequest.title")));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("BadRequest.title"));
    await expect(page.getByRole("link", { name: t("BadRequest.home") })).toHaveAttribute("href", "/");
    // The validator's technical reason is kept, folded away and marked as English.
    await expect(page.locator("details code[lang=en]")).toContainText("episode");
  });
});
