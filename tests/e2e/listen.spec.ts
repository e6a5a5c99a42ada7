// Listening along (issue 15) on the listening fixture library (tests/fixtures/listening), served on
// its own port with its audio, a WAV written from the transcript's times, on another origin.
import { expect, test } from "@playwright/test";
import { SLUG as SEED_SLUG } from "./support";

const BASE = process.env.E2E_LISTEN_URL!;
const SLUG = "tuning-forks";
const READER = `${BASE}/episodes/${SLUG}`;

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`${BASE}/api/episodes`).catch(() => null))?.status(), { timeout: 90_000 }).toBe(200);
});

test("the CSP allows media from the library's audio origins and nothing else", async ({ request }) => {
  const episode = await (await request.get(`${BASE}/api/episodes/${SLUG}`)).json();
  const audioOrigin = new URL(episode.audio.url).origin;
  expect(audioOrigin).not.toBe(BASE);
  const page = await request.get(READER);
  expect(page.headers()["content-security-policy"]).toContain(`media-src ${audioOrigin};`);
  // The seed library has no audio: its pages may load no media at all; API answers load none either.
  const seed = await request.get(`/episodes/${SEED_SLUG}`);
  expect(seed.headers()["content-security-policy"]).toContain("media-src 'none';");
  expect((await request.get(`${BASE}/api/episodes`)).headers()["content-security-policy"]).toContain("media-src 'none';");
});
