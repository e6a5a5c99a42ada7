// Exports: the download links on the episode page, the routes' headers and bodies, and a WebVTT
// file that Chromium's <track> accepts cue by cue.
import { expect, test, type Page } from "@playwright/test";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { exportEpisodeFromLibrary } from "../../src/lib/content/exporters/from-library.ts";
import { timedCaptions } from "../../src/lib/content/exporters/export-episode.ts";
import { CHAPTERS_EXPORTER, TRANSCRIPT_EXPORTERS, TRANSCRIPT_FORMATS } from "../../src/lib/content/exporters/index.ts";
import { CONTENT_DIR } from "../support/seed.ts";

const library = loadLibrary(CONTENT_DIR);
const exported = (slug: string) =>
  exportEpisodeFromLibrary(
    library,
    library.episodes.find((e) => e.slug === slug)!,
  );
const CONTENT_TYPES = { json: "application/json", vtt: "text/vtt", srt: "application/x-subrip", txt: "text/plain", md: "text/markdown" };

/** Loads a WebVTT URL as a <track> of a <video> on the page; resolves with the cues Chromium parsed. */
async function cuesChromiumReads(page: Page, url: string) {
  return page.evaluate(async (src) => {
    const video = document.createElement("video");
    const track = document.createElement("track");
    track.kind = "subtitles";
    track.src = src;
    video.append(track);
    document.body.append(video);
    const loaded = new Promise<string>((resolve) => {
      track.addEventListener("load", () => resolve("loaded"));
      track.addEventListener("error", () => resolve("error"));
    });
    track.track.mode = "hidden";
    const outcome = await loaded;
    return {
      outcome,
      readyState: track.readyState,
      cues: Array.from(track.track.cues ?? [], (cue) => {
        const vtt = cue as VTTCue;
        return { id: vtt.id, start: vtt.startTime, end: vtt.endTime, text: vtt.text, html: vtt.getCueAsHTML().textContent };
      }),
    };
  }, url);
}

for (const episode of library.episodes) {
  const slug = episode.slug;

  test(`${slug}: every transcript format and the chapters download with their type, file name and body`, async ({ request }) => {
    for (const format of TRANSCRIPT_FORMATS) {
      const response = await request.get(`/api/episodes/${slug}/transcript?format=${format}`);
      expect(response.status(), format).toBe(200);
      expect(response.headers()["content-type"]).toBe(CONTENT_TYPES[format]);
      expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${slug}.${format}"`);
      expect(await response.text()).toBe(TRANSCRIPT_EXPORTERS[format].write(exported(slug)));
    }
    const chapters = await request.get(`/api/episodes/${slug}/chapters`);
    expect(chapters.headers()["content-type"]).toBe("application/json+chapters");
    expect(chapters.headers()["content-disposition"]).toBe(`attachment; filename="${slug}.chapters.json"`);
    expect(await chapters.text()).toBe(CHAPTERS_EXPORTER.write(exported(slug)));
  });

  test(`${slug}: Chromium's <track> reads the WebVTT export, every cue with its id, times and voice`, async ({ page }) => {
    await page.goto(`/episodes/${slug}`);
    const read = await cuesChromiumReads(page, `/api/episodes/${slug}/transcript?format=vtt`);
    expect([read.outcome, read.readyState]).toEqual(["loaded", 2]);
    const expected = timedCaptions(exported(slug));
    expect(read.cues.map((c) => [c.id, Math.round(c.start * 1000), Math.round(c.end * 1000)])).toEqual(
      expected.map((c) => [c.id, c.startMs, c.endMs]),
    );
    // The voice tag names the speaker; the words are the cue's, unescaped.
    read.cues.forEach((cue, i) => {
      expect(cue.text.startsWith(`<v ${expected[i]!.speakerName}>`)).toBe(true);
      expect(cue.html).toBe(expected[i]!.text.replace(/\n\s*\n/g, "\n"));
    });
  });

  test(`${slug}: the episode page links to every download`, async ({ page }) => {
    await page.goto(`/episodes/${slug}`);
    const links = page.locator("[data-fact=downloads] a");
    await expect(links).toHaveCount(TRANSCRIPT_FORMATS.length + 1);
    for (const format of TRANSCRIPT_FORMATS) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`a[data-export=${format}]`).click()]);
      expect(download.suggestedFilename()).toBe(`${slug}.${format}`);
    }
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a[data-export=chapters]").click()]);
    expect(download.suggestedFilename()).toBe(`${slug}.chapters.json`);
  });
}

test("a bad format is a 400 with a message, an unknown episode a 404", async ({ request }) => {
  const slug = library.episodes[0]!.slug;
  for (const bad of ["docx", "VTT", "vtt&format=srt"]) {
    const response = await request.get(`/api/episodes/${slug}/transcript?format=${bad}`);
    expect(response.status(), bad).toBe(400);
    expect((await response.json()).message).toMatch(/'format' query parameter/);
  }
  expect((await request.get(`/api/episodes/${slug}/transcript`)).headers()["content-type"]).toBe("application/json");
  for (const url of ["/api/episodes/no-such-episode/transcript?format=vtt", "/api/episodes/no-such-episode/chapters"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect((await response.json()).message).toBe("no episode 'no-such-episode'");
  }
  expect((await request.get("/api/episodes/Bad_Slug/chapters")).status()).toBe(400);
});
