// Listening along (issue 15) on the listening fixture library (tests/fixtures/listening), served on
// its own port (E2E_PORT + 2). Its episode's audio is a real WAV written from the transcript's
// times (a tone per turn; tests/support/audio-fixture.ts) and served from another origin with range
// requests. Twelve turns of 14 s in three chapters: turn n of chapter c runs from
// (c - 1) * 60 + (n - 1) * 15 to 14 s later; cues start 0, 4.5 and 9.5 s into each turn.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { translator } from "./i18n";
import { expectNoHorizontalScroll, SIZES, SLUG as SEED_SLUG } from "./support";

const BASE = process.env.E2E_LISTEN_URL!;
const SLUG = "tuning-forks";
const READER = `${BASE}/episodes/${SLUG}`;
const start = (chapter: number, n: number) => (chapter - 1) * 60 + (n - 1) * 15;
/** The turn playing at `t` (a turn stays current through the second of silence after it). */
const turnAt = (t: number) => `c${Math.floor(t / 60) + 1}-${String(Math.floor((t % 60) / 15) + 1).padStart(2, "0")}`;

// Playing real audio in real time on a busy 2-core machine: generous limits.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${BASE}/api/episodes`).catch(() => null))?.status(), { timeout: 120_000 }).toBe(200);
});

const audio = (page: Page) => page.getByTestId("player-audio");
const currentTime = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => a.currentTime);
const paused = (page: Page) => audio(page).evaluate((a: HTMLAudioElement) => a.paused);
const playingTurn = (page: Page) => page.locator("article[data-playing]");

/**
 * The reader with its player hydrated; every seek's target is recorded in window.__seeks (at the
 * `seeking` event, when currentTime is the position sought: at `seeked` playing audio has already
 * moved on, by more than the tolerance when the machine is busy).
 */
async function openReader(page: Page, query = "") {
  await page.goto(`${READER}${query}`);
  await expect(page.locator("[data-listen-dock][data-ready]")).toBeAttached();
  await audio(page).evaluate((a: HTMLAudioElement) => {
    const w = window as unknown as { __seeks: number[] };
    w.__seeks = [];
    a.addEventListener("seeking", () => w.__seeks.push(a.currentTime));
  });
}
const seeks = (page: Page) => page.evaluate(() => (window as unknown as { __seeks: number[] }).__seeks);

/** Plays on: currentTime moves past `from` while not paused. */
async function expectPlayingPast(page: Page, from: number) {
  await expect.poll(() => paused(page), { timeout: 20_000 }).toBe(false);
  await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(from + 0.5);
}

async function inViewport(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const rect = el.getBoundingClientRect();
    const dock = document.querySelector("[data-listen-dock] > div")!.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < dock.top;
  });
}

test("the CSP allows media from the library's audio origins and nothing else", async ({ request }) => {
  const episode = await (await request.get(`${BASE}/api/episodes/${SLUG}`)).json();
  const audioOrigin = new URL(episode.audio.url).origin;
  expect(audioOrigin).not.toBe(BASE);
  const page = await request.get(READER);
  expect(page.headers()["content-security-policy"]).toContain(`media-src 'self' ${audioOrigin};`);
  // The seed library has no audio: its pages load media from their own origin only (the transcript's
  // WebVTT <track>); API answers load none at all.
  const seed = await request.get(`/episodes/${SEED_SLUG}`);
  expect(seed.headers()["content-security-policy"]).toContain("media-src 'self';");
  expect((await request.get(`${BASE}/api/episodes`)).headers()["content-security-policy"]).toContain("media-src 'none';");
});

test("a turn's time, a cue's time and a chapter's time in the contents each seek there and play", async ({ page }) => {
  await openReader(page);
  // A turn: c2-03 starts at 1:30.
  await page.locator("#c2-03 a[data-seek]").first().click();
  await expectPlayingPast(page, start(2, 3));
  expect(Math.abs((await seeks(page)).at(-1)! - start(2, 3))).toBeLessThanOrEqual(0.3);
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-03");
  // A cue: the second cue of c3-02 starts at 2:19.5.
  await page.locator('#c3-02 a.cue-time[data-seek="139.5"]').click();
  await expect.poll(async () => (await seeks(page)).at(-1)).toBeCloseTo(139.5, 0);
  expect(Math.abs((await seeks(page)).at(-1)! - 139.5)).toBeLessThanOrEqual(0.3);
  await expectPlayingPast(page, 139.5);
  await expect(page.locator("span[data-cue-playing]")).toHaveAttribute("data-cue-start", "139.5");
  // A chapter in the table of contents: chapter 2 starts at 1:00.
  await page.locator('[data-toc-chapter="2"] a[data-seek]').click();
  await expect.poll(async () => (await seeks(page)).at(-1)).toBeCloseTo(60, 0);
  expect(Math.abs((await seeks(page)).at(-1)! - 60)).toBeLessThanOrEqual(0.3);
  await expectPlayingPast(page, 60);
});

test("seeking inside turn N marks turn N, its cue and its chapter, in the transcript, the contents and the player", async ({ page }) => {
  await openReader(page);
  for (const [time, turn, chapter, cue] of [
    [start(2, 3) + 10, "c2-03", "2", String(start(2, 3) + 9.5)],
    [start(1, 2) + 1, "c1-02", "1", String(start(1, 2))],
    [start(3, 4) + 5, "c3-04", "3", String(start(3, 4) + 4.5)],
  ] as const) {
    await page.getByRole("slider").fill(String(time));
    await expect(playingTurn(page)).toHaveAttribute("id", turn);
    await expect(page.locator("article[data-playing]")).toHaveCount(1);
    await expect(page.locator("span[data-cue-playing]")).toHaveAttribute("data-cue-start", cue);
    await expect(page.locator("[data-toc-chapter][aria-current='true']")).toHaveAttribute("data-toc-chapter", chapter);
    await expect(page.getByTestId("player-chapter")).toHaveAttribute("data-chapter", chapter);
  }
  // In the silence after a turn's last cue, no cue is marked and the turn stays marked.
  await page.getByRole("slider").fill(String(start(2, 1) + 14));
  await expect(page.locator("span[data-cue-playing]")).toHaveCount(0);
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-01");
});

for (const [query, at, turn] of [
  ["?t=1:19", 79, "c2-02"],
  ["?t=79", 79, "c2-02"],
  ["?t=0:02:31.5", 151.5, "c3-03"],
] as const) {
  test(`${query} starts there, playing, with its turn in view`, async ({ page }) => {
    expect(turnAt(at)).toBe(turn);
    await openReader(page, query);
    await expectPlayingPast(page, at);
    // Where playback started, from the element's own record of what it played (however long the
    // page took to get here on a busy machine).
    const from = await audio(page).evaluate((a: HTMLAudioElement) => (a.played.length > 0 ? a.played.start(0) : -1));
    expect(Math.abs(from - at)).toBeLessThanOrEqual(0.3);
    // Paused, the turn playing is marked and in view (the page followed it if it moved on).
    await audio(page).evaluate((a: HTMLAudioElement) => a.pause());
    const now = turnAt(await currentTime(page));
    await expect(playingTurn(page)).toHaveAttribute("id", now);
    await expect.poll(() => inViewport(page, `#${now}`)).toBe(true);
  });
}

test("?t=start,end plays the clip and pauses at its end", async ({ page }) => {
  // A clip of 13.5 s: long enough that the page is surely ready while it still plays, however
  // busy the machine (a 2.5 s clip could end before the first assertion).
  await openReader(page, "?t=1:05,1:18.5");
  await expect(page.getByTestId("player-clip")).toBeVisible();
  await expect.poll(() => paused(page), { timeout: 20_000 }).toBe(false);
  await expect.poll(() => paused(page), { timeout: 45_000 }).toBe(true);
  expect(Math.abs((await currentTime(page)) - 78.5)).toBeLessThanOrEqual(0.3);
  await expect(page.getByTestId("player-clip")).toHaveCount(0);
});

test("a malformed t is a 400 with a message, on the reader and its chapter pages", async ({ request }) => {
  // (1:04,620 is no error: it is the clip from 1:04 to 620 s.)
  for (const t of ["1:75", "886,696", "abc", "1:04.6201", "1,2,3", "-5", "5,"]) {
    for (const path of [READER, `${READER}/chapters/2`]) {
      const response = await request.get(`${path}?t=${encodeURIComponent(t)}`);
      expect(response.status(), `${path}?t=${t}`).toBe(400);
      expect(await response.text()).toMatch(/the (&#39;|')t(&#39;|') query parameter/);
    }
  }
});

test("the page follows the audio into the next turn, stops following after the reader scrolls away, and the return button brings the turn back", async ({
  page,
}) => {
  // 0:50 is in c1-04, ten seconds before the next turn: time enough to see it marked first.
  await openReader(page, "?t=0:50");
  await expect(playingTurn(page)).toHaveAttribute("id", "c1-04");
  // Following: when chapter 2's first turn starts (1:00) the page brings it into view.
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-01", { timeout: 30_000 });
  await expect.poll(() => inViewport(page, "#c2-01")).toBe(true);
  await expect(page.getByTestId("back-to-turn")).toHaveCount(0);
  // The reader scrolls away (to the top): the button appears, and the page stays where the reader put it.
  await page.mouse.move(640, 300);
  await page.mouse.wheel(0, -10_000);
  await expect(page.getByTestId("back-to-turn")).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 74)); // into c2-02, out of sight
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-02");
  await expectPlayingPast(page, 74);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
  expect(await inViewport(page, "#c2-02")).toBe(false);
  // The button returns to the playing turn and following resumes.
  await page.getByTestId("back-to-turn").click();
  await expect.poll(() => inViewport(page, "#c2-02")).toBe(true);
  await expect(page.getByTestId("back-to-turn")).toHaveCount(0);
  await expect(page.locator("#c2-02")).toBeFocused();
});

test("a turn folded away by a filter unfolds when it starts playing; filters keep their view", async ({ page }) => {
  await openReader(page, "?speaker=ben-ortiz");
  // Ada's turns are folded; c2-03 is one of them.
  await expect(page.locator("#c2-03")).toBeHidden();
  await page.locator("#c2-02 a[data-seek]").first().click(); // Ben's turn, 1:15
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-02");
  await audio(page).evaluate((a: HTMLAudioElement) => (a.currentTime = 89));
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-03", { timeout: 20_000 });
  await expect(page.locator("#c2-03")).toBeVisible();
  expect(await page.locator("details:has(#c2-03)").evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  // Without JavaScript a time is a link to the same filtered view at that moment.
  expect(await page.locator("#c2-02 a[data-seek]").first().getAttribute("href")).toBe("?speaker=ben-ortiz&t=1:15#c2-02");
});

test("keyboard: Space, ←/→, < and >, p; nothing while typing in a field", async ({ page }) => {
  await openReader(page);
  await page.locator("h1").click(); // focus on the page, not on a control
  await page.keyboard.press("Space");
  await expectPlayingPast(page, 0);
  await page.keyboard.press("Space");
  await expect.poll(() => paused(page)).toBe(true);
  const before = await currentTime(page);
  const lastSeek = async () => (await seeks(page)).at(-1) ?? -1;
  await page.keyboard.press("ArrowRight");
  await expect.poll(lastSeek).toBeCloseTo(before + 15, 1);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(lastSeek).toBeCloseTo(before, 1);
  await page.keyboard.press(">");
  await page.keyboard.press(">");
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.5);
  await expect(page.getByTestId("player-speed")).toHaveValue("1.5");
  await page.keyboard.press("<");
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.25);
  for (let i = 0; i < 6; i++) await page.keyboard.press("<");
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(0.75);
  // p plays from the focused turn.
  await page.locator("#c3-02").evaluate((el: HTMLElement) => {
    el.tabIndex = -1;
    el.focus();
  });
  await page.keyboard.press("p");
  await expect.poll(async () => Math.abs((await lastSeek()) - start(3, 2))).toBeLessThanOrEqual(0.3);
  await expectPlayingPast(page, start(3, 2));
  await page.keyboard.press("Space");
  await expect.poll(() => paused(page)).toBe(true);
  // Typing in the find box: the keys are text, not commands.
  const time = await currentTime(page);
  await page.locator("#find-q").fill("");
  await page.locator("#find-q").pressSequentially(" p<>");
  expect(await page.locator("#find-q").inputValue()).toBe(" p<>");
  await page.locator("#find-q").press("ArrowLeft");
  expect(await paused(page)).toBe(true);
  expect(await currentTime(page)).toBe(time);
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(0.75);
});

test("the player's buttons: play/pause, ±15 s, speed and copy link at the current time", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  await openReader(page, "?t=1:05");
  await expectPlayingPast(page, 65);
  await page.getByTestId("player-toggle").click();
  await expect.poll(() => paused(page)).toBe(true);
  const at = await currentTime(page);
  const lastSeek = async () => (await seeks(page)).at(-1) ?? -1;
  await page.getByRole("button", { name: /15/ }).last().click(); // forward
  await expect.poll(lastSeek).toBeCloseTo(at + 15, 1);
  await page.getByRole("button", { name: /15/ }).first().click(); // back
  await expect.poll(lastSeek).toBeCloseTo(at, 1);
  await page.getByTestId("player-speed").selectOption("2");
  expect(await audio(page).evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(2);
  await page.getByTestId("player-copy").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${BASE}/episodes/${SLUG}?t=1:${String(Math.floor(at) - 60).padStart(2, "0")}`);
  await expect(page.getByTestId("player-status")).not.toBeEmpty();
});

test("listen from here: the turn permalink, the question page and the quote page (a clip of its sentence's cues)", async ({ page }) => {
  await page.goto(`${BASE}/episodes/${SLUG}/turns/c2-02`);
  await expect(page.getByTestId("listen-from-here")).toHaveAttribute("href", `/episodes/${SLUG}?t=1:15#c2-02`);
  // Question 2 is Ada's second turn, c1-03 (0:30).
  await page.goto(`${BASE}/episodes/${SLUG}/questions/2`);
  await expect(page.getByTestId("listen-from-here")).toHaveAttribute("href", `/episodes/${SLUG}?t=0:30#c1-03`);
  // The quote covers the second cue of c2-02 (1:19.5 to 1:24.5).
  await page.goto(`${BASE}/quotes/beating-stops-when-they-match`);
  await expect(page.getByTestId("listen-from-here")).toHaveAttribute("href", `/episodes/${SLUG}?t=1:19.5,1:24.5#c2-02`);
  // One that spans two cues: from the second's start to the third's end.
  await page.goto(`${BASE}/quotes/tuners-listen-for-beating`);
  await expect(page.getByTestId("listen-from-here")).toHaveAttribute("href", `/episodes/${SLUG}?t=1:19.5,1:29#c2-02`);
  // Following it plays the clip.
  await page.getByTestId("listen-from-here").click();
  await expect(page.locator("[data-listen-dock][data-ready]")).toBeAttached();
  await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(79.6);
  await expect(playingTurn(page)).toHaveAttribute("id", "c2-02");
});

test("found words are marked inside their cues: the times stay and following still marks the cue", async ({ page }) => {
  await openReader(page, "?q=fork");
  const found = page.locator('mark[id^="find-"]');
  expect(await found.count()).toBeGreaterThan(1);
  // Every match sits inside a cue span of a timed turn, and that turn still has its cue times.
  for (const mark of await found.all()) await expect(mark.locator("xpath=ancestor::span[@data-cue-start]")).toHaveCount(1);
  const turn = page.locator("article", { has: found.first() });
  await expect(turn.locator("a.cue-time").first()).toBeVisible();
  // Seeking into that turn marks the cue holding the match.
  const cue = found.first().locator("xpath=ancestor::span[@data-cue-start]");
  const at = Number(await cue.getAttribute("data-cue-start"));
  await page.getByRole("slider").fill(String(at + 0.5));
  await expect(cue).toHaveAttribute("data-cue-playing", "");
});

test("an episode without audio reads as before: no player, no time links, no follow-along marks", async ({ page }) => {
  await page.goto(`/episodes/${SEED_SLUG}`);
  await expect(page.locator("article[data-turn-id]").first()).toBeVisible();
  await expect(page.locator("[data-listen-dock]")).toHaveCount(0);
  await expect(page.locator("a[data-seek], a.cue-time, [data-turn-start], audio")).toHaveCount(0);
  await page.goto(`/episodes/${SEED_SLUG}/turns/c6-04`);
  await expect(page.getByTestId("listen-from-here")).toHaveCount(0);
});

test("the player speaks the interface language, and ? lists its keys where there is a player", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await openReader(page);
  await expect(page.locator("html[data-shortcuts=ready]")).toBeAttached();
  await expect(page.getByRole("region", { name: t("Listen.player") })).toBeVisible();
  await expect(page.getByTestId("player-toggle")).toHaveAccessibleName(t("Listen.play"));
  await expect(page.getByRole("link", { name: t("Listen.playFrom", { time: "0:15" }) }).first()).toBeAttached();
  await page.keyboard.press("?");
  const dialog = page.getByTestId("shortcuts-dialog");
  await expect(dialog).toBeVisible();
  const keys = dialog.getByTestId("shortcuts-player");
  for (const key of ["shortcutPlay", "shortcutSeek", "shortcutSpeed", "shortcutPlayTurn"] as const)
    await expect(keys.getByText(t(`Listen.${key}`), { exact: true })).toBeVisible();
  // The seed's episode has no audio: no player keys in its list.
  await page.goto(`/episodes/${SEED_SLUG}`);
  await expect(page.locator("html[data-shortcuts=ready]")).toBeAttached();
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-reader")).toBeVisible();
  await expect(page.getByTestId("shortcuts-player")).toHaveCount(0);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds nothing on a reader with the player, at phone and desktop width (${scheme})`, async ({ browser }, testInfo) => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ colorScheme: scheme, locale: testInfo.project.use.locale, viewport });
      const page = await context.newPage();
      await page.goto(`${READER}?t=0:20`);
      await expect(page.locator("[data-listen-dock][data-ready]")).toBeAttached();
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `${size} (${scheme})`,
      ).toEqual([]);
      await context.close();
    }
  });
}

test("without JavaScript: times are links to ?t=, and the browser's own player starts at the moment", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${READER}?t=1:19,1:24`);
  const player = page.getByTestId("player-audio");
  await expect(player).toHaveAttribute("controls", "");
  expect(await player.getAttribute("src")).toMatch(/\/tuning-forks\.wav#t=79,84$/);
  await page.locator("#c2-03 a[data-seek]").first().click();
  await expect(page).toHaveURL(`${READER}?t=1:30#c2-03`);
  expect(await page.getByTestId("player-audio").getAttribute("src")).toMatch(/#t=90$/);
  await context.close();
});

test("on a 390 px phone: no horizontal overflow and no layout shift while the player loads, plays and follows", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number; __shifts: string[] };
      w.__shift = 0;
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<
          PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }
        >) {
          if (entry.hadRecentInput) continue;
          w.__shift += entry.value;
          w.__shifts.push(...(entry.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 80) ?? "?"));
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${READER}?t=0:13`);
    await expect(page.locator("[data-listen-dock][data-ready]")).toBeAttached();
    await expect(playingTurn(page)).toHaveAttribute("id", "c1-02", { timeout: 20_000 });
    await expectNoHorizontalScroll(page);
    const dock = await page.locator("[data-listen-dock] > div").boundingBox();
    expect(dock!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    await context.close();
  }
});
