// Every count of a speaker's or a topic's turns is one number on every page and in the API. A
// "turn" is a speech turn: an editor's note counts toward no one.
import { expect, test, type Page } from "@playwright/test";
import { READER } from "./support";

// Each test opens 8-10 pages.
test.describe.configure({ timeout: 120_000 });

/** The counts the page shows, by id: `[idAttribute]` elements and their `[data-turn-count]`. */
async function cardCounts(page: Page, idAttribute: string): Promise<Record<string, number>> {
  const pairs = await page
    .locator(`[${idAttribute}]`)
    .evaluateAll(
      (els, attribute) =>
        els.map((el) => [el.getAttribute(attribute), Number(el.querySelector("[data-turn-count]")!.getAttribute("data-turn-count"))]),
      idAttribute,
    );
  return Object.fromEntries(pairs);
}

/** The reader's filter chips of one kind ("speakers" or "topics") and their counts, by id. */
async function chipCounts(page: Page, kind: "speakers" | "topics"): Promise<Record<string, number>> {
  const pairs = await page
    .locator(`[data-filter-chip^='${kind}:']`)
    .evaluateAll(
      (els, prefix) => els.map((el) => [el.getAttribute("data-filter-chip")!.slice(prefix.length), Number(el.getAttribute("data-count"))]),
      `${kind}:`,
    );
  return Object.fromEntries(pairs);
}

test("a speaker's turn count is the same on the home page, the speakers page, their profile, the reader's chip and the API", async ({
  page,
  request,
}) => {
  const api: Array<{ id: string; turnCount: number }> = await (await request.get("/api/speakers")).json();
  expect(api.find((s) => s.id === "yiwen-li")!.turnCount).toBe(15);
  await page.goto("/");
  const home = await cardCounts(page, "data-person-chip");
  await page.goto("/speakers");
  const list = await cardCounts(page, "data-speaker-card");
  await page.goto(READER);
  const chips = await chipCounts(page, "speakers");
  for (const { id, turnCount } of api) {
    await page.goto(`/speakers/${id}`);
    const profile = Number(await page.getByTestId("speaker-totals").getAttribute("data-turn-count"));
    expect([id, home[id], list[id], chips[id], profile]).toEqual([id, turnCount, turnCount, turnCount, turnCount]);
  }
});

test("a topic's turn count is the same on the home page, the topics page, its page, the reader's chip and the API", async ({
  page,
  request,
}) => {
  const api: Array<{ id: string; turnCount: number }> = await (await request.get("/api/topics")).json();
  await page.goto("/");
  const home = await cardCounts(page, "data-topic-chip");
  await page.goto("/topics");
  const list = await cardCounts(page, "data-topic-card");
  await page.goto(READER);
  const chips = await chipCounts(page, "topics");
  // factuality is the topic one editor's note is tagged with: its count must not include the note.
  for (const id of ["factuality", "multimodal", "business"]) {
    const turnCount = api.find((t) => t.id === id)!.turnCount;
    await page.goto(`/topics/${id}`);
    const own = Number(await page.getByTestId("topic-count").getAttribute("data-turn-count"));
    const listed = await page.locator("article[data-turn-id]").count();
    expect([id, home[id], list[id], chips[id], own, listed]).toEqual([id, turnCount, turnCount, turnCount, turnCount, turnCount]);
  }
});
