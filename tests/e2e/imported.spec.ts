// Episodes brought in by `npm run import` (tests/fixtures/imported, served beside the listening
// library on the third test server): a WebVTT file with voice tags, from the Podcasting 2.0
// namespace's examples, and a diarised WebVTT file. They read with every turn attributed, filter by
// speaker, are found by search, and download in every export format.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { decodeHTML } from "entities";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { exportEpisodeFromLibrary } from "../../src/lib/content/exporters/from-library.ts";
import { CHAPTERS_EXPORTER, TRANSCRIPT_EXPORTERS, TRANSCRIPT_FORMATS } from "../../src/lib/content/exporters/index.ts";
import { IMPORTED_DIR, ROOT } from "../support/seed.ts";
import { translator } from "./i18n.ts";
import { hiddenCount, visibleTurns } from "./support.ts";

const BASE = process.env.E2E_LISTEN_URL!;
const VOICED = "podcast-trailer-question";
const DIARISED = "diarised-welcome";
const CONTENT_TYPES = { json: "application/json", vtt: "text/vtt", srt: "application/x-subrip", txt: "text/plain", md: "text/markdown" };

/** The sample's cues as the file writes them, read here without the importer: start (s), voice, words. */
function cuesOfSample(file: string) {
  const text = readFileSync(path.join(ROOT, "tests/fixtures/interop", file), "utf8");
  // The file has CRLF line ends, as it was published.
  return [...text.matchAll(/^(\d\d):(\d\d):(\d\d\.\d{3}) --> [^\r\n]*\r?\n<v ([^>]+)>([^\r\n]*)/gm)].map((m) => ({
    start: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]),
    speaker: m[4]!,
    text: decodeHTML(m[5]!),
  }));
}

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${BASE}/api/episodes`).catch(() => null))?.status(), { timeout: 120_000 }).toBe(200);
});

test("an imported WebVTT episode reads with every cue in its speaker's turn, at its time", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  const sample = cuesOfSample("pc20-example-transcript.vtt");
  expect(sample).toHaveLength(7);
  await page.goto(`${BASE}/episodes/${VOICED}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Do we need a podcast trailer?");
  // The voices of consecutive cues make turns: Sarah's five cues, then Gillian's two.
  const turns = page.locator("article[data-turn-id]");
  await expect(turns).toHaveCount(2);
  expect(await visibleTurns(page)).toEqual([
    { id: "c1-01", turnId: "c1-01", speaker: "sarah", kind: "speech" },
    { id: "c1-02", turnId: "c1-02", speaker: "gillian", kind: "speech" },
  ]);
  await expect(turns.nth(0)).toContainText("Sarah");
  await expect(turns.nth(1)).toContainText("Gillian");
  const shown = await page.locator("article[data-turn-id] span[data-cue-start]").evaluateAll((spans) =>
    spans.map((span) => ({
      start: Number(span.getAttribute("data-cue-start")),
      speaker: span.closest("article")!.getAttribute("data-speaker"),
      text: span.textContent!.trim(),
    })),
  );
  expect(shown).toEqual(sample.map((cue) => ({ ...cue, speaker: cue.speaker.toLowerCase() })));
  // No chapters in the file: one untitled chapter, no table of contents.
  await expect(page.getByRole("navigation", { name: t("Reader.toc") })).toHaveCount(0);
});

test("a diarised episode filters by speaker label, and the other speaker's turn folds away", async ({ page }) => {
  await page.goto(`${BASE}/episodes/${DIARISED}`);
  const all = await visibleTurns(page);
  expect(all.map((t) => t.speaker)).toEqual(["diarised-welcome-speaker-1", "diarised-welcome-speaker-2", "diarised-welcome-speaker-1"]);
  const chip = page.locator('[data-filter-chip="speakers:diarised-welcome-speaker-1"]');
  await expect(chip).toContainText("SPEAKER_1");
  await chip.click();
  await expect(page).toHaveURL(/\?speaker=diarised-welcome-speaker-1$/);
  const shown = await visibleTurns(page);
  expect(shown.map((t) => [t.turnId, t.speaker])).toEqual([
    ["c1-01", "diarised-welcome-speaker-1"],
    ["c1-03", "diarised-welcome-speaker-1"],
  ]);
  expect(await hiddenCount(page)).toBe(1);
  await expect(page.locator("article[data-turn-id]:visible")).toContainText(["Hello and welcome.", "Let us begin."]);
});

test("search finds the imported episode's words, labelled with its speaker and title, and opens the turn", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto(`${BASE}/search?q=Buzzsprout`);
  await expect(page.getByTestId("search-total")).toHaveText(t("Search.total", { q: "Buzzsprout", total: 1 }));
  const hit = page.locator("[data-search-hit]");
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute("data-speaker", "gillian");
  await expect(hit).toContainText("Gillian");
  await expect(hit).toContainText("Do we need a podcast trailer?");
  await expect(hit.locator("mark")).toHaveText("Buzzsprout");

  await page.goto(`${BASE}/search?q=trailer`);
  const speakers = await page.locator("[data-search-hit]").evaluateAll((els) => els.map((el) => el.getAttribute("data-speaker")));
  // Ada and Ben also speak in the generated three-hour episode served beside (tests/e2e/serve.ts).
  expect(new Set(speakers.filter((s) => s !== "ada-park" && s !== "ben-ortiz"))).toEqual(new Set(["sarah", "gillian"]));
  await page.locator('[data-search-hit][data-speaker="gillian"] a').first().click();
  await expect(page).toHaveURL(new RegExp(`/episodes/${VOICED}/turns/c1-02\\?q=trailer#match-1$`));
  await expect(page.locator("mark#match-1")).toHaveText("trailer");
});

test("an imported episode's exports download from its page and its API, each with its type, file name and body", async ({
  page,
  request,
}) => {
  const library = loadLibrary(IMPORTED_DIR);
  const exported = exportEpisodeFromLibrary(
    library,
    library.episodes.find((e) => e.slug === VOICED)!,
  );
  for (const format of TRANSCRIPT_FORMATS) {
    const response = await request.get(`${BASE}/api/episodes/${VOICED}/transcript?format=${format}`);
    expect(response.status(), format).toBe(200);
    expect(response.headers()["content-type"], format).toBe(CONTENT_TYPES[format]);
    expect(response.headers()["content-disposition"], format).toBe(`attachment; filename="${VOICED}.${format}"`);
    expect(await response.text(), format).toBe(TRANSCRIPT_EXPORTERS[format].write(exported));
  }
  const chapters = await request.get(`${BASE}/api/episodes/${VOICED}/chapters`);
  expect(chapters.headers()["content-type"]).toBe("application/json+chapters");
  expect(chapters.headers()["content-disposition"]).toBe(`attachment; filename="${VOICED}.chapters.json"`);

  // The page's links: each downloads the same bytes under its file name.
  await page.goto(`${BASE}/episodes/${VOICED}`);
  for (const format of TRANSCRIPT_FORMATS) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`a[data-export=${format}]`).click()]);
    expect(download.suggestedFilename()).toBe(`${VOICED}.${format}`);
    expect(readFileSync((await download.path())!, "utf8"), format).toBe(TRANSCRIPT_EXPORTERS[format].write(exported));
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a[data-export=chapters]").click()]);
  expect(download.suggestedFilename()).toBe(`${VOICED}.chapters.json`);
  expect(readFileSync((await download.path())!, "utf8")).toBe(CHAPTERS_EXPORTER.write(exported));

  // The WebVTT download gives the sample's voices and cues back.
  const vtt = TRANSCRIPT_EXPORTERS.vtt.write(exported);
  const voiced = [...vtt.matchAll(/^<v ([^>]+)>(.*)$/gm)].map((m) => ({ speaker: m[1], text: decodeHTML(m[2]!) }));
  expect(voiced).toEqual(cuesOfSample("pc20-example-transcript.vtt").map(({ speaker, text }) => ({ speaker, text })));
});
