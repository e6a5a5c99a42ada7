// The interview as linked knowledge: questions, exchanges, quotes with citations, charts.
import { expect, test } from "@playwright/test";
import { translator } from "./i18n";
import { READER, SLUG } from "./support";

test("browse the question list, open an exchange, go to the next one", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto(`${READER}/questions`);
  const items = page.locator("[data-question]");
  await expect(items).toHaveCount(28);
  await expect(items.first().locator("[data-asker]")).toHaveAttribute("data-asker", "monica");
  await expect(items.first().locator("[data-answerers]")).toHaveAttribute("data-answerers", "xuezhi-wang yizhou-zheng yiwen-li");
  await items.nth(2).locator("a").click();
  await expect(page).toHaveURL(new RegExp(`${READER}/questions/3$`));
  await expect(page.locator('[data-role-in-exchange="question"] article')).toHaveAttribute("data-turn-id", "c1-07");
  await expect(page.locator('[data-role-in-exchange="answers"] article')).toHaveAttribute("data-speaker", "xuezhi-wang");
  await page
    .getByRole("navigation", { name: t("Exchange.pager"), exact: true })
    .getByRole("link", { name: t("Exchange.next") })
    .click();
  await expect(page).toHaveURL(new RegExp(`${READER}/questions/4$`));
  await expect(page.locator('[data-role-in-exchange="question"] article')).toHaveAttribute("data-turn-id", "c1-09");
});

test("a turn's permalink shows its exchange and links to the neighbouring ones", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto(`${READER}/turns/c1-12`);
  await expect(page.getByTestId("exchange-link")).toHaveText(t("Common.questionN", { n: 5 }));
  await expect(page.getByTestId("exchange").locator("article")).toHaveAttribute("data-turn-id", "c1-11");
  await page.getByRole("link", { name: t("Permalink.nextQuestion") }).click();
  await expect(page).toHaveURL(new RegExp(`${READER}/questions/6$`));
});

test("the questions API matches the pages", async ({ request }) => {
  const questions = await (await request.get(`/api/episodes/${SLUG}/questions`)).json();
  expect(questions).toHaveLength(28);
  expect(questions[0]).toEqual({
    n: 1,
    chapter: 1,
    questionTurnId: "c1-01",
    askerId: "monica",
    answerTurnIds: ["c1-02", "c1-03", "c1-04"],
  });
  expect(questions.filter((q: { askerId: string }) => q.askerId === "bill-xing").map((q: { chapter: number }) => q.chapter)).toEqual([
    2, 4, 5, 5,
  ]);
});

test("open a quote and copy it with its citation", async ({ browser }, testInfo) => {
  const t = translator(testInfo);
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], locale: testInfo.project.use.locale });
  const page = await context.newPage();
  await page.goto("/quotes/parameters-not-at-ceiling");
  await expect(page.locator("#site-search[data-ready]")).toBeAttached(); // hydrated: the button copies
  await expect(page.getByTestId("quote-text")).toHaveText("“我不觉得现在模型参数量到了上限,GPT-4有可能是一个万亿级的模型。”");
  await expect(page.getByTestId("citation")).toHaveText(
    "“我不觉得现在模型参数量到了上限,GPT-4有可能是一个万亿级的模型。” — Xuezhi Wang, OnBoard!, 2023, ch. 2",
  );
  await page.getByRole("button", { name: t("Quote.copyCitation") }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(
    /^“我不觉得现在模型参数量到了上限,GPT-4有可能是一个万亿级的模型。” — Xuezhi Wang, OnBoard!, 2023, ch\. 2\nhttp.*\/quotes\/parameters-not-at-ceiling$/,
  );
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Xuezhi Wang, OnBoard!, 2023, ch\. 2/);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({ "@type": "Quotation", creator: { "@type": "Person", name: "Xuezhi Wang" } });
  await page.getByTestId("quote-in-context").click();
  await expect(page.locator("mark#match-1")).toBeInViewport();
  await context.close();
});

test("filter quotes by guest and by topic; every participant has quotes", async ({ page }) => {
  await page.goto("/quotes");
  for (const id of ["xuezhi-wang", "yizhou-zheng", "yiwen-li", "monica", "bill-xing"]) {
    await expect(page.locator(`[data-facet-chip="speaker:${id}"]`)).toBeVisible();
  }
  await page.locator('[data-facet-chip="speaker:yizhou-zheng"]').click();
  await expect(page).toHaveURL(/\/quotes\?speaker=yizhou-zheng$/);
  await page.locator('[data-facet-chip="topic:open-source"]').click();
  await expect(page).toHaveURL(/\/quotes\?speaker=yizhou-zheng&topic=open-source$/);
  const speakers = await page.locator("[data-quote]").evaluateAll((els) => els.map((el) => el.getAttribute("data-speaker")));
  expect(speakers).toEqual(["yizhou-zheng", "yizhou-zheng"]);
  const api = await (await page.request.get("/api/quotes?speaker=yizhou-zheng&topic=open-source")).json();
  expect(api.map((q: { id: string }) => q.id)).toEqual(
    await page.locator("[data-quote]").evaluateAll((els) => els.map((el) => el.getAttribute("data-quote"))),
  );
});

for (const scheme of ["light", "dark"] as const) {
  test(`speaker charts agree with their tables, and have a legend (${scheme})`, async ({ browser }, testInfo) => {
    const locale = testInfo.project.use.locale;
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 }, locale });
    const page = await context.newPage();
    await page.goto("/speakers/yiwen-li");
    const chart = page.locator(`[data-chart="speech-${SLUG}"]`);
    await expect(chart.locator("svg")).toBeVisible();
    const bars = await chart.locator("[data-bar]").evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-value"))));
    const table = await chart.locator("table tbody td").allTextContents();
    expect(bars.map((b) => new Intl.NumberFormat(locale).format(b))).toEqual(table);
    await expect(chart.locator("[data-chart-legend]")).toBeVisible();
    const api = await (await page.request.get("/api/speakers")).json();
    expect(bars.reduce((a, b) => a + b, 0)).toBe(api.find((s: { id: string }) => s.id === "yiwen-li").characters);
    await expect(page.getByTestId("asked")).toBeVisible();
    await expect(page.locator("[data-speaker-quote]")).toHaveCount(6);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/speaker-chart-${scheme}-${locale}.png` });
    await page.goto(READER);
    await page.locator('[data-chart="chapter-speaker"]').scrollIntoViewIfNeeded();
    await expect(page.locator('[data-chart="chapter-speaker"] [data-chart-legend]')).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/episode-overview-${scheme}-${locale}.png` });
    await page.goto("/topics/multimodal");
    await page.locator(`[data-chart="topics-${SLUG}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/topic-heatmap-${scheme}-${locale}.png` });
    await context.close();
  });
}

test("structured data, sitemap and robots", async ({ page, request }) => {
  await page.goto(READER);
  const episode = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(episode).toMatchObject({ "@type": "PodcastEpisode", partOfSeries: { name: "OnBoard!" } });
  await page.goto("/speakers/monica");
  expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)).toMatchObject({
    "@type": "Person",
    name: "Monica",
  });
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`/episodes/${SLUG}/turns/c6-04</loc>`);
  expect(sitemap).toContain("/quotes/parameters-not-at-ceiling</loc>");
  expect(sitemap).toContain(`/episodes/${SLUG}/questions/28</loc>`);
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Sitemap: .*\/sitemap\.xml/);
  // A library this small fits in one sitemap: there are no numbered files.
  expect((await request.get("/sitemaps/0.xml")).status()).toBe(404);
  expect((await request.get("/sitemaps/zero.xml")).status()).toBe(400);
});
