// Every count of a speaker's or a topic's turns is one number on every page and in the API. A
// "turn" is a speech turn: an editor's note counts toward no one.
import { expect, test } from "@playwright/test";
import { READER } from "./support";

// Each test opens 8-10 pages.
test.describe.configure({ timeout: 120_000 });

test("a speaker's turn count is the same on the home page, the speakers page, their profile, the reader's chip and the API", async ({
  page,
  request,
}) => {
  const api: Array<{ id: string; turnCount: number }> = await (await request.get("/api/speakers")).json();
  expect(api.find((s) => s.id === "yiwen-li")!.turnCount).toBe(15);
  await page.goto("/");
  const home = Object.fromEntries(
    await page
      .locator("[data-person-chip]")
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute("data-person-chip"),
          Number(el.querySelector("[data-turn-count]")!.getAttribute("data-turn-count")),
        ]),
      ),
  );
  await page.goto("/speakers");
  const list = Object.fromEntries(
    await page
      .locator("[data-speaker-card]")
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute("data-speaker-card"),
          Number(el.querySelector("[data-turn-count]")!.getAttribute("data-turn-count")),
        ]),
      ),
  );
  await page.goto(READER);
  const chips = Object.fromEntries(
    await page
      .locator("[data-filter-chip^='speakers:']")
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute("data-filter-chip")!.slice("speakers:".length), Number(el.getAttribute("data-count"))]),
      ),
  );
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
  const home = Object.fromEntries(
    await page
      .locator("[data-topic-chip]")
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute("data-topic-chip"),
          Number(el.querySelector("[data-turn-count]")!.getAttribute("data-turn-count")),
        ]),
      ),
  );
  await page.goto("/topics");
  const list = Object.fromEntries(
    await page
      .locator("[data-topic-card]")
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute("data-topic-card"),
          Number(el.querySelector("[data-turn-count]")!.getAttribute("data-turn-count")),
        ]),
      ),
  );
  await page.goto(READER);
  const chips = Object.fromEntries(
    await page
      .locator("[data-filter-chip^='topics:']")
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute("data-filter-chip")!.slice("topics:".length), Number(el.getAttribute("data-count"))]),
      ),
  );
  // factuality is the topic one editor's note is tagged with: its count must not include the note.
  for (const id of ["factuality", "multimodal", "business"]) {
    const turnCount = api.find((t) => t.id === id)!.turnCount;
    await page.goto(`/topics/${id}`);
    const own = Number(await page.getByTestId("topic-count").getAttribute("data-turn-count"));
    const listed = await page.locator("article[data-turn-id]").count();
    expect([id, home[id], list[id], chips[id], own, listed]).toEqual([id, turnCount, turnCount, turnCount, turnCount, turnCount]);
  }
});
