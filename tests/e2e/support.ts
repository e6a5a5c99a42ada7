import { spawn } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { CONTENT_DIR } from "../support/seed.ts";

export const SLUG = "onboard-generative-ai-frontier";
export const READER = `/episodes/${SLUG}`;
export const PARTICIPANTS = ["xuezhi-wang", "yizhou-zheng", "yiwen-li", "monica", "bill-xing"];

/** Turns a reader can see: rendered and not folded inside a closed "hidden" line. */
export async function visibleTurns(page: Page) {
  return page.locator("article[data-turn-id]:visible").evaluateAll((els) =>
    els.map((el) => ({
      id: el.id,
      turnId: el.getAttribute("data-turn-id"),
      speaker: el.getAttribute("data-speaker"),
      kind: el.getAttribute("data-kind"),
    })),
  );
}

export async function hiddenCount(page: Page): Promise<number> {
  const counts = await page
    .locator("details[data-hidden-turns]")
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-hidden-turns"))));
  return counts.reduce((a, b) => a + b, 0);
}

export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Starts a re-ingest of the test server's database; `finished` resolves with its exit code. */
export function reingestInBackground(): { finished: Promise<number | null> } {
  // --full: a rebuild into a new file and a rename while requests run (unchanged content would
  // otherwise be an incremental ingest with nothing to write).
  const child = spawn("npx", ["tsx", "src/cli/ingest.ts", "--content", CONTENT_DIR, "--full"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    stdio: "ignore",
  });
  return { finished: new Promise((resolve) => child.on("exit", resolve)) };
}

/** One page of every type (and a few states of them), for the screenshot and accessibility checks. */
export const PAGE_TYPES: Record<string, string> = {
  library: "/",
  reader: READER,
  filtered: `${READER}?speaker=yiwen-li&topic=multimodal`,
  chapter: `${READER}/chapters/5`,
  permalink: `${READER}/turns/c6-05`,
  questions: `${READER}/questions`,
  exchange: `${READER}/questions/3`,
  speakers: "/speakers",
  speaker: "/speakers/xuezhi-wang",
  topics: "/topics",
  topic: "/topics/open-source",
  "reader-find": `${READER}?q=${encodeURIComponent("多模态")}#find-3`,
  search: "/search?q=%E5%BC%80%E6%BA%90&speaker=yizhou-zheng",
  "search-entity": "/search?q=monica",
  "search-near": `/search?q=${encodeURIComponent("大模型的能力")}`,
  "search-help": "/search",
  "search-empty": "/search?q=Chinchilla&speaker=bill-xing",
  quotes: "/quotes?speaker=xuezhi-wang",
  quote: "/quotes/in-context-learning-emerges",
  "not-found": "/episodes/no-such-episode",
  "bad-request": "/episodes/Bad_Slug",
};

export const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
