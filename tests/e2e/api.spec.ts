import { expect, test } from "@playwright/test";
import { SLUG } from "./support";

test("GET /api/episodes lists { slug, title, show, publishedAt }", async ({ request }) => {
  const response = await request.get("/api/episodes");
  expect(response.status()).toBe(200);
  const episodes = await response.json();
  expect(episodes).toEqual([
    expect.objectContaining({ slug: SLUG, title: expect.stringContaining("硬核对话"), show: "OnBoard!", publishedAt: "2023-12-08" }),
  ]);
  // Extension: limit/offset page through a large library; X-Total-Count gives the whole count.
  expect(response.headers()["x-total-count"]).toBe("1");
  expect(await (await request.get("/api/episodes?limit=1")).json()).toEqual(episodes);
  expect(await (await request.get("/api/episodes?offset=1")).json()).toEqual([]);
  for (const bad of ["limit=0", "limit=1001", "limit=x", "offset=-1"]) {
    const r = await request.get(`/api/episodes?${bad}`);
    expect(r.status(), bad).toBe(400);
    expect((await r.json()).message).toMatch(/query parameter/);
  }
});

test("GET /api/episodes/[slug] has participants and chapters of turns with permalinks", async ({ request }) => {
  const episode = await (await request.get(`/api/episodes/${SLUG}`)).json();
  expect(Object.keys(episode)).toEqual(expect.arrayContaining(["slug", "title", "show", "publishedAt", "participants", "chapters"]));
  expect(episode.participants).toEqual([
    { id: "xuezhi-wang", name: "Xuezhi Wang", role: "guest" },
    { id: "yizhou-zheng", name: "Yizhou Zheng", role: "guest" },
    { id: "yiwen-li", name: "Yiwen Li", role: "guest" },
    { id: "monica", name: "Monica", role: "host" },
    { id: "bill-xing", name: "Bill Xing", role: "other" },
  ]);
  expect(episode.chapters.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
  const turns = episode.chapters.flatMap((c: { turns: unknown[] }) => c.turns);
  expect(turns).toHaveLength(70);
  for (const turn of turns) {
    expect(turn).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        kind: expect.stringMatching(/^(speech|note)$/),
        text: expect.any(String),
        url: `/episodes/${SLUG}/turns/${turn.id}`,
        // Seconds, null when the transcript gives no time: the seed has one heading time.
        start: turn.id === "c6-04" ? 6402 : null,
        end: null,
      }),
    );
    expect(turn.text).not.toMatch(/<[a-z]/);
  }
  expect(episode.audio).toBeNull();
  for (const turn of [turns[0], turns[40], turns.at(-1)]) expect((await request.get(turn.url)).status()).toBe(200);
  expect((await request.get("/api/episodes/no-such-episode")).status()).toBe(404);
});
