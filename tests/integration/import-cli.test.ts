// `npm run import` as a user runs it: help, refusals with file:line, nothing written on any error,
// --force, --speakers (naming voices changes no turn id) and --chapters.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/lib/content/load-library.ts";
import { FORMAT_NAMES } from "../../src/lib/content/importers/types.ts";
import { IMPORT_DIR, INTEROP_DIR } from "../support/import.ts";
import { copyContent, ROOT, SEED_DIR, SEED_SLUG } from "../support/seed.ts";

function runCli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/import.ts", ...args], { cwd: ROOT, encoding: "utf8" });
}

/** Every file of a library with its content, to prove that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

function tempFile(name: string, text: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "podcast-kb-in-")), name);
  writeFileSync(file, text);
  return file;
}

const turnIds = (content: string, slug: string) =>
  loadLibrary(content)
    .episodes.find((e) => e.slug === slug)!
    .chapters.flatMap((c) => c.turns.map((t) => [t.turnId, t.speakerId, t.text]));

describe("npm run import", () => {
  it("--help lists every format, every option and examples", () => {
    const out = runCli(["--help"]);
    expect(out.status).toBe(0);
    for (const name of FORMAT_NAMES) expect(out.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    for (const option of [
      "--slug",
      "--show",
      "--format",
      "--chapters",
      "--speakers",
      "--content",
      "--force",
      "--feed",
      "--item",
      "--fetch",
      "--title",
      "--date",
      "--language",
      "--licence",
    ]) {
      expect(out.stdout).toContain(option);
    }
    expect(out.stdout).toContain("npm run import -- feed.xml --feed --item 3");
  });

  it("refuses a file in no known format, naming the formats, and writes nothing", () => {
    const content = copyContent();
    const before = snapshot(content);
    const file = tempFile("table.csv", "id,name\n1,Ann\n2,Bob\n");
    const out = runCli([file, "--slug", "x", "--show", "s", "--content", content]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${file}:1: not a transcript format this importer knows. Supported formats: ${FORMAT_NAMES.join(", ")}`);
    expect(snapshot(content)).toEqual(before);
  });

  it("reports a malformed cue as file:line and writes nothing", () => {
    const content = copyContent();
    const before = snapshot(content);
    const file = tempFile(
      "bad.vtt",
      "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ann>Hello.\n\n00:00:02.000 --> 00:00:01.000\n<v Bob>Backwards.\n",
    );
    const out = runCli([file, "--slug", "x", "--show", "s", "--content", content]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(`${file}:6: the cue ends (00:00:01.000) before it starts (00:00:02.000)`);
    expect(snapshot(content)).toEqual(before);
  });

  it("no longer says 'no chapter headings found' at the last line: a transcript without chapters imports, and one without speakers is told how to name one", () => {
    const content = copyContent();
    const ok = runCli([path.join(IMPORT_DIR, "qa.txt"), "--slug", "ten-questions", "--show", "s", "--content", content]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    const file = tempFile("notes.txt", "Some words.\n\nMore words.\n");
    const out = runCli([file, "--slug", "x", "--show", "s", "--content", content]);
    expect(out.status).toBe(1);
    expect(out.stderr).not.toContain("chapter heading");
    expect(out.stderr).toMatch(/not a transcript format this importer knows/);
  });

  it("reports a file that is not UTF-8 at its line", () => {
    const file = tempFile(
      "gbk.srt",
      Buffer.concat([Buffer.from("1\n00:00:00,000 --> 00:00:01,000\n"), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a])]),
    );
    const out = runCli([file, "--slug", "x", "--show", "s", "--content", copyContent()]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toMatch(new RegExp(`^${file}:3: not valid UTF-8`));
  });

  it("reports a bad speakers map as map:line and writes nothing", () => {
    const content = copyContent();
    const before = snapshot(content);
    const map = tempFile("speakers.yml", "SPEAKER_1: Alice Smith\nSPEAKER_2: { name: Bob Lee, role: boss }\n");
    const out = runCli([path.join(IMPORT_DIR, "diarised.vtt"), "--slug", "x", "--show", "s", "--speakers", map, "--content", content]);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe(`${map}:2: 'SPEAKER_2': role: must be one of: host, co-host, guest, other`);
    expect(snapshot(content)).toEqual(before);
  });

  it("names diarised voices with --speakers, later, without changing a turn id", () => {
    const content = copyContent();
    const vtt = path.join(IMPORT_DIR, "diarised.vtt");
    expect(runCli([vtt, "--slug", "diarised", "--show", "s", "--content", content]).status).toBe(0);
    const before = turnIds(content, "diarised");
    expect(before.map(([, speaker]) => speaker)).toEqual(["diarised-speaker-1", "diarised-speaker-2", "diarised-speaker-1"]);
    const out = runCli([
      vtt,
      "--slug",
      "diarised",
      "--show",
      "s",
      "--speakers",
      path.join(IMPORT_DIR, "speakers.yml"),
      "--force",
      "--content",
      content,
    ]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const after = turnIds(content, "diarised");
    expect(after.map(([id, , text]) => [id, text])).toEqual(before.map(([id, , text]) => [id, text]));
    expect(after.map(([, speaker]) => speaker)).toEqual(["alice-smith", "bob-lee", "alice-smith"]);
    const library = loadLibrary(content);
    expect(library.episodes.find((e) => e.slug === "diarised")!.participants.map((p) => [p.personId, p.role])).toEqual([
      ["alice-smith", "guest"],
      ["bob-lee", "host"],
    ]);
  });

  it("--force replaces only episode.md and transcript.md: curated quotes and tags stay, and a re-import that would break them writes nothing", () => {
    const content = copyContent();
    const curated = ["quotes.md", "tags.md", "questions.md"].map((f) => readFileSync(path.join(content, SEED_DIR, f), "utf8"));
    const raw = path.join(ROOT, "tests/fixtures/raw/000_ce162c0d91173b95.txt");
    const out = runCli([raw, "--slug", SEED_SLUG, "--force", "--content", content, "--source-name", "展会信息港（转载）"]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(["quotes.md", "tags.md", "questions.md"].map((f) => readFileSync(path.join(content, SEED_DIR, f), "utf8"))).toEqual(curated);
    expect(readFileSync(path.join(content, SEED_DIR, "transcript.md"), "utf8")).toBe(
      readFileSync(path.join(ROOT, "tests/fixtures/library", SEED_DIR, "transcript.md"), "utf8"),
    );
    // A different transcript under the seed's slug would leave quotes.md pointing at turns that no longer exist.
    const before = snapshot(content);
    const broken = runCli([path.join(IMPORT_DIR, "qa.txt"), "--slug", SEED_SLUG, "--show", "onboard", "--force", "--content", content]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^the imported episode would not load, so nothing was written:\n/);
    expect(broken.stderr).toContain(
      "  content/episodes/onboard-generative-ai-frontier/quotes.md:3: quote 'palm-largest-decoder-only' points to turn 'c1-06', which episode 'onboard-generative-ai-frontier' does not have",
    );
    expect(snapshot(content)).toEqual(before);
  });

  it("places chapters from --chapters, and reports a bad chapters file at its line", () => {
    const content = copyContent();
    const out = runCli([
      path.join(INTEROP_DIR, "tx-buzzcast.srt"),
      "--slug",
      "buzzcast",
      "--show",
      "buzzcast",
      "--chapters",
      path.join(IMPORT_DIR, "buzzcast-chapters.json"),
      "--content",
      content,
    ]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const episode = loadLibrary(content).episodes.find((e) => e.slug === "buzzcast")!;
    expect(episode.chapters.map((c) => [c.title, c.startMs])).toEqual([
      ["Cold open", 0],
      ["Going all in on video", 30480],
      ["The rest", 300000],
    ]);
    const bad = tempFile("chapters.json", '{"chapters": [\n  {"startTime": 0},\n  {"startTime": "soon"}\n]}');
    const refused = runCli([
      path.join(INTEROP_DIR, "tx-buzzcast.srt"),
      "--slug",
      "b2",
      "--show",
      "b",
      "--chapters",
      bad,
      "--content",
      content,
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(`${bad}:3: chapter 2: 'startTime' must be a number of seconds ≥ 0, found "soon"`);
  });

  it("imports one feed item by number or guid, and says why an item without a readable transcript cannot be imported", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "podcast-kb-feed-"));
    cpSync(path.join(INTEROP_DIR, "rss-podcasting20-pc20rss.xml"), path.join(dir, "feed.xml"));
    cpSync(path.join(INTEROP_DIR, "pc20-example-transcript.srt"), path.join(dir, "PC20-56-Captions.srt"));
    const content = copyContent();
    const byGuid = runCli([path.join(dir, "feed.xml"), "--feed", "--item", "PC2056", "--slug", "pc20-56", "--content", content]);
    expect(byGuid.stderr).toBe("");
    expect(byGuid.status).toBe(0);
    expect(readdirSync(path.join(content, "episodes"))).toContain("pc20-56");
    const missing = runCli([path.join(dir, "feed.xml"), "--feed", "--item", "1", "--content", content]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `${path.join(dir, "feed.xml")}: no item was imported: ${path.join(dir, "feed.xml")}:40: item 1 “Episode 57: Rebel Rubes”: no transcript could be read (https://mp3s.nashownotes.com/PC20-57-Captions.srt is not beside the feed (as PC20-57-Captions.srt); pass --fetch to download it): skipped`,
    );
    const none = runCli([path.join(dir, "feed.xml"), "--feed", "--item", "99", "--content", content]);
    expect(none.stderr.trim()).toBe(`${path.join(dir, "feed.xml")}: no item with guid or number '99' (the feed has 56 items)`);
  });

  it("downloads a feed's transcript and chapters with --fetch (from a server on loopback), and not without it", async () => {
    const files: Record<string, string> = {
      "/ep1.vtt": readFileSync(path.join(INTEROP_DIR, "pc20-example-transcript.vtt"), "utf8"),
      "/ep1-chapters.json":
        '{"version":"1.2.0","chapters":[{"startTime":0,"title":"Trailer question"},{"startTime":19,"title":"Gillian asks"}]}',
    };
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const body = files[req.url ?? ""];
      res.writeHead(body ? 200 : 404, { "content-type": "text/plain; charset=utf-8" });
      res.end(body ?? "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const feed = tempFile(
        "feed.xml",
        `<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Loopback Show</title><link>https://example.org/</link><description>A show served locally.</description>
<item><title>Do we need a trailer?</title><guid>lb-1</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
<enclosure url="https://example.org/ep1.mp3" type="audio/mpeg" length="1"/><itunes:duration>00:25</itunes:duration>
<podcast:transcript url="${base}/ep1.vtt" type="text/vtt"/><podcast:chapters url="${base}/ep1-chapters.json" type="application/json+chapters"/>
<podcast:person role="host">Sarah</podcast:person></item>
<item><title>Gone</title><guid>lb-2</guid><podcast:transcript url="${base}/missing.srt" type="application/x-subrip"/></item>
</channel></rss>`,
      );
      const content = copyContent();
      const run = (args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ["--import", "tsx", "src/cli/import.ts", ...args], { cwd: ROOT });
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d) => (stdout += d));
          child.stderr.on("data", (d) => (stderr += d));
          child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
      const offline = await run([feed, "--feed", "--content", content]);
      expect(offline.status).toBe(1);
      expect(requests).toEqual([]);
      const out = await run([feed, "--feed", "--fetch", "--content", content]);
      expect(out.stderr).toBe("");
      expect(out.status).toBe(0);
      expect(requests).toEqual(["/ep1.vtt", "/ep1-chapters.json", "/missing.srt"]);
      expect(out.stdout).toContain(`item 2 “Gone”: no transcript could be read (${base}/missing.srt: HTTP 404): skipped`);
      const episode = loadLibrary(content).episodes.find((e) => e.slug === "loopback-show-do-we-need-a-trailer")!;
      expect(episode.chapters.map((c) => c.title)).toEqual(["Trailer question", "Gillian asks"]);
      expect(episode.participants.map((p) => [p.personId, p.role])).toEqual([
        ["sarah", "host"],
        ["gillian", "other"],
      ]);
      expect(episode.audio).toEqual({ url: "https://example.org/ep1.mp3", type: "audio/mpeg", duration: 25 });
      expect(episode.publishedAt).toBe("2024-01-02");
    } finally {
      server.close();
    }
  });
});
