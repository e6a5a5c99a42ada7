// A library of several shows and episodes, with one person appearing in more than one.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listEpisodes } from "../../src/lib/data/episodes.ts";
import { getPerson, listPeople } from "../../src/lib/data/people.ts";
import { copyContent, RAW_SEED } from "../support/seed.ts";
import { ingestInto, tempDatabasePath } from "../support/ingest.ts";

describe("a library of many shows and episodes", () => {
  beforeAll(async () => {
    const content = copyContent();
    writeFileSync(path.join(content, "shows/second-show.md"), "---\nname: Second Show\n---\n\nAnother podcast.\n");
    const dir = path.join(content, "episodes/second-show-ep1");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "episode.md"),
      "---\ntitle: Monica 做客另一档节目\nshow: second-show\npublishedAt: 2024-03-01\nlanguage: zh-CN\nsource:\n  name: test\nparticipants:\n  - id: yiwen-li\n    role: host\n  - id: monica\n    role: guest\n---\n\n一期测试访谈。\n",
    );
    writeFileSync(
      path.join(dir, "transcript.md"),
      "## 01 开场\n\n### Yiwen Li\n\n欢迎 Monica。\n\n### Monica\n\n谢谢邀请,这次换我当嘉宾。\n",
    );
    const db = tempDatabasePath();
    await ingestInto(db, content);
    process.env.DATABASE_URL = `file:${db}`;
  });

  it("lists every episode, newest first, under its own show", async () => {
    expect((await listEpisodes()).map((e) => [e.slug, e.show.name])).toEqual([
      ["second-show-ep1", "Second Show"],
      ["onboard-generative-ai-frontier", "OnBoard!"],
    ]);
  });

  it("keeps one person across episodes, with a role in each", async () => {
    const monica = (await getPerson("monica"))!;
    expect(monica.appearances.map((a) => [a.episode.slug, a.role, a.turnCount])).toEqual([
      ["second-show-ep1", "guest", 1],
      ["onboard-generative-ai-frontier", "host", 22],
    ]);
    expect(monica.roles.sort()).toEqual(["guest", "host"]);
    expect((await listPeople()).find((p) => p.id === "yiwen-li")!.episodeCount).toBe(2);
  });
});

describe("a duplicate episode slug", () => {
  // The slug is the episode's folder name, so two episodes cannot share one in content/; the
  // way to make a duplicate is to import another transcript under a slug that exists already.
  it("is refused by the importer, which names the files and changes none of them", () => {
    const content = copyContent();
    const dir = path.join(content, "episodes/onboard-generative-ai-frontier");
    const before = readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]);
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/import.ts", RAW_SEED, "--slug", "onboard-generative-ai-frontier", "--content", content],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("episodes/onboard-generative-ai-frontier/episode.md");
    expect(result.stderr).toContain("already exist: pass --force to replace them");
    expect(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")])).toEqual(before);
  });
});
