// Several app servers on one PostgreSQL (issue 13): two `npm run serve` processes (the build the
// browser tests use) share a library schema of their own; a full re-ingest of edited content runs
// in the middle of a load run against both. Not one request may fail, and as soon as the ingest
// has finished both serve the new library: nothing a process caches (search results, pages) is
// stale. Runs when the tests have a PostgreSQL server (TEST_POSTGRES_URL; .ci/run starts one).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { SEED_DIR, SEED_SLUG, copyContent, editFile } from "../support/seed.ts";

const postgresUrl = process.env.TEST_POSTGRES_URL;
const NEW_WORD = "两台服务器共用的新词";
const NEW_TITLE = "重新导入之后的标题";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test.describe.configure({ timeout: 300_000 });

test("two servers on one PostgreSQL: a full re-ingest during a load run, no failed request, no stale answer", async ({ request }) => {
  test.skip(!postgresUrl, "needs a PostgreSQL server (TEST_POSTGRES_URL)");
  const url = new URL(postgresUrl!);
  url.searchParams.set("schema", `e2e_servers_${process.env.E2E_PORT ?? "3210"}`);
  const env = { ...process.env, DATABASE_URL: url.toString(), NEXT_TELEMETRY_DISABLED: "1", SITE_URL: "" };
  const content = copyContent();
  const ingest = (args: string[]) =>
    spawn("npx", ["tsx", "src/cli/ingest.ts", "--content", content, "--full", ...args], { env, stdio: "ignore" });
  expect(spawnSync("npx", ["tsx", "src/cli/ingest.ts", "--content", content, "--full"], { env, stdio: "ignore" }).status).toBe(0);

  const servers: ChildProcess[] = [];
  const origins: string[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      servers.push(
        spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "-H", "127.0.0.1", "-p", String(port)], {
          env,
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
      origins.push(`http://127.0.0.1:${port}`);
    }
    for (const origin of origins)
      await expect
        .poll(async () => (await request.get(`${origin}/api/episodes`).catch(() => null))?.status(), { timeout: 120_000 })
        .toBe(200);

    // Both servers answer, and cache, a search for a word the library does not hold yet.
    for (const origin of origins) {
      const before = await (await request.get(`${origin}/api/search?q=${encodeURIComponent(NEW_WORD)}`)).json();
      expect(before.total).toBe(0);
    }

    editFile(content, `${SEED_DIR}/episode.md`, (t) => t.replace(/^title: .*$/m, `title: ${NEW_TITLE}`));
    editFile(content, `${SEED_DIR}/transcript.md`, (t) => t.replace("### Bill Xing\n\n", `### Bill Xing\n\n${NEW_WORD}。`));
    const paths = [
      "/api/episodes",
      `/api/episodes/${SEED_SLUG}`,
      `/api/search?q=${encodeURIComponent("模型")}`,
      `/search?q=${encodeURIComponent("开源")}`,
      `/episodes/${SEED_SLUG}`,
      "/speakers/monica",
      "/sitemap.xml",
    ];
    const failures: string[] = [];
    let sent = 0;
    let ingesting = true;
    const reingest = ingest([]);
    const finished = new Promise<number | null>((resolve) => reingest.on("exit", resolve));
    void finished.then(() => (ingesting = false));
    const worker = async (w: number) => {
      // Until the ingest has finished, and one more round after it.
      for (let round = 0, after = 0; after < paths.length; round++) {
        if (!ingesting) after++;
        const target = `${origins[(w + round) % 2]}${paths[(w + round) % paths.length]}`;
        sent++;
        try {
          // A connection per request: a reused keep-alive connection that the server closes as it
          // idles (Node.js's 5 s) races with the next request on it, which no server can prevent.
          const response = await request.get(target, { timeout: 60_000, headers: { connection: "close" } });
          if (response.status() !== 200) failures.push(`${response.status()} ${target}`);
          else await response.body();
        } catch (error) {
          failures.push(`${(error as Error).message.split("\n")[0]} ${target}`);
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(await finished).toBe(0);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(40);
    expect(servers.map((server) => server.exitCode)).toEqual([null, null]);

    // Both servers serve the new library at once: the episode's new title, and the search that
    // found nothing before the ingest (and was cached) now finds the new word.
    for (const origin of origins) {
      expect((await (await request.get(`${origin}/api/episodes/${SEED_SLUG}`)).json()).title).toBe(NEW_TITLE);
      const after = await (await request.get(`${origin}/api/search?q=${encodeURIComponent(NEW_WORD)}`)).json();
      expect(after.total).toBe(1);
      // The reader, whose plain view keeps its turn cards' HTML between requests (it was read
      // during the ingest), shows the edited turn.
      expect(await (await request.get(`${origin}/episodes/${SEED_SLUG}`)).text()).toContain(NEW_WORD);
    }
  } finally {
    for (const server of servers) server.kill("SIGTERM");
  }
});
