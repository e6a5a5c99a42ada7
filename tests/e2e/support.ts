import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";

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

/** Re-ingests content/ into the database the test server is serving. */
export function reingest(): void {
  execFileSync("npx", ["tsx", "src/cli/ingest.ts"], { env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL }, stdio: "pipe" });
}

export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
