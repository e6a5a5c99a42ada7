// The importer against the real seed interview, checked by an independent walk over the raw text.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLibrary, type Episode } from "../../src/lib/content/load-library.ts";
import { importPlainTextTranscript, toContentFiles } from "../../src/lib/content/importers/plain-text-transcript.ts";
import { noteParentId } from "../../src/lib/reader/reader-filter.ts";
import { CONTENT_DIR, RAW_SEED, SEED_DIR, SEED_SLUG } from "../support/seed.ts";

// Hand-written from reading the source page.
const SPEAKERS: Record<string, string> = {
  Monica: "monica",
  "Xuezhi Wang": "xuezhi-wang",
  "Yizhou Zheng": "yizhou-zheng",
  "Yiwen Li": "yiwen-li",
  "Bill Xing": "bill-xing",
};
const BODY_HEADINGS = [
  "01大语言模型的差异与核心机制",
  "02 参数和数据会成为模型能力瓶颈吗",
  "03 如何理解Stability AI基于开源的竞争力",
  "04 基于AI会形成类似iOS vs 安卓的生态吗?",
  "05 LLM的技术边界,多模态如何突破?",
  "06 LLM产品化,需要怎样的工具生态",
];
const CHROME = [
  "展会信息港展会大全",
  "发布日期",
  "浏览:",
  "赞助本站",
  "相关内容",
  "AiLab",
  "热门栏目",
  "HotCates",
  "Copyright",
  "版权所有",
  "展开",
];

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const paragraphsOf = (text: string) => text.split(/\n\n+/).map(squash).filter(Boolean);

interface Expected {
  line: number;
  chapter: number;
  speakerId: string;
  text: string;
}

/** The body of the raw page, classified line by line without the importer's code. */
function expectedParagraphs(raw: string): Expected[] {
  const lines = raw.split("\n");
  const start = lines.findIndex((l) => l.trim() === BODY_HEADINGS[0]);
  const end = lines.findIndex((l) => l.trim() === "赞助本站");
  const out: Expected[] = [];
  let chapter = 0;
  let speakerId = "";
  for (let i = start; i < end; i++) {
    const text = lines[i]!.trim();
    if (!text) continue;
    const heading = BODY_HEADINGS.indexOf(text);
    if (heading !== -1) {
      chapter = heading + 1;
      continue;
    }
    const name = text.replace(/\d{2}:\d{2}:\d{2}$/, "");
    if (SPEAKERS[name]) {
      speakerId = SPEAKERS[name]!;
      continue;
    }
    out.push({ line: i + 1, chapter, speakerId, text: squash(text) });
  }
  return out;
}

describe("importing the seed interview", () => {
  let raw: string;
  let episode: Episode;
  beforeAll(() => {
    raw = readFileSync(RAW_SEED, "utf8");
    episode = loadLibrary(CONTENT_DIR).episodes.find((e) => e.slug === SEED_SLUG)!;
  });

  const turns = () => episode.chapters.flatMap((c) => c.turns);
  const speech = () => turns().filter((t) => t.kind === "speech");

  it("finds six chapters with the body's headings, and keeps the 目录's wording where it differs", () => {
    expect(episode.chapters.map((c) => `${String(c.number).padStart(2, "0")} ${c.title}`)).toEqual([
      "01 大语言模型的差异与核心机制",
      "02 参数和数据会成为模型能力瓶颈吗",
      "03 如何理解Stability AI基于开源的竞争力",
      "04 基于AI会形成类似iOS vs 安卓的生态吗?",
      "05 LLM的技术边界,多模态如何突破?",
      "06 LLM产品化,需要怎样的工具生态",
    ]);
    expect(episode.chapters.map((c) => c.tocTitle)).toEqual([
      "几个主流大语言模型的差异与核心机制",
      null,
      null,
      null,
      "LLM的技术边界,以及多模态如何突破?",
      null,
    ]);
  });

  it("has exactly 68 speech turns: 14, 9, 8, 8, 15 and 14 per chapter", () => {
    expect(speech()).toHaveLength(68);
    expect(episode.chapters.map((c) => c.turns.filter((t) => t.kind === "speech").length)).toEqual([14, 9, 8, 8, 15, 14]);
  });

  it("attributes the turns per speaker", () => {
    const counts: Record<string, number> = {};
    for (const t of speech()) counts[t.speakerId!] = (counts[t.speakerId!] ?? 0) + 1;
    expect(counts).toEqual({ monica: 22, "xuezhi-wang": 15, "yizhou-zheng": 12, "yiwen-li": 15, "bill-xing": 4 });
  });

  it("makes Bill Xing, a voice outside the guest list, a participant who asks in chapters 2, 4 and 5", () => {
    expect(episode.participants.map((p) => [p.personId, p.role])).toEqual([
      ["xuezhi-wang", "guest"],
      ["yizhou-zheng", "guest"],
      ["yiwen-li", "guest"],
      ["monica", "host"],
      ["bill-xing", "other"],
    ]);
    const chapters = new Set(
      speech()
        .filter((t) => t.speakerId === "bill-xing")
        .map((t) => t.turnId.split("-")[0]),
    );
    expect([...chapters]).toEqual(["c2", "c4", "c5"]);
  });

  it("turns the timestamp fused to a name into that turn's start time", () => {
    const timed = turns().filter((t) => t.startSeconds !== null);
    expect(timed.map((t) => [t.turnId, t.speakerId, t.startSeconds])).toEqual([["c6-04", "yizhou-zheng", 1 * 3600 + 46 * 60 + 42]]);
    expect(timed[0]!.text).toMatch(/^我们现在最直接的其实是API/);
  });

  it("keeps editor updates as notes, apart from the speaker's words", () => {
    const notes = turns().filter((t) => t.kind === "note");
    expect(notes.map((n) => [n.turnId, n.speakerId, paragraphsOf(n.text)])).toEqual([
      [
        "c5-05-note1",
        null,
        [
          "更新:关于这一块,OpenAI Co-founder 首席科学家 Illya Suskever 在这篇访谈中透露了他认为可以如何用 Reinforcement Learning from Human Feedback (RLHF)解决。",
          "中文翻译链接直达 -->",
        ],
      ],
      ["c6-05-note1", null, ["更新:OmniML 2023年被Nviida收购了"]],
    ]);
    const c605 = turns().find((t) => t.turnId === "c6-05")!;
    expect(c605.text).toContain("叫OmniML,他做了两件事情");
    expect(c605.text).not.toContain("更新:");
    expect(c605.html).toContain('href="#c6-05-note1"');
    // 更新 inside ordinary words (更新颖, 自我更新) is speech, not a note.
    expect(speech().some((t) => t.text.includes("更新颖的技术"))).toBe(true);
    expect(speech().some((t) => t.text.includes("自我更新"))).toBe(true);
  });

  it("puts every paragraph of the interview body in exactly one turn, under the right speaker and chapter", () => {
    const expected = expectedParagraphs(raw);
    expect(expected.length).toBeGreaterThan(150);
    const placed = turns().flatMap((turn) =>
      paragraphsOf(turn.text).map((text) => ({ turn, text, chapter: Number(turn.turnId.slice(1).split("-")[0]) })),
    );
    const speakerOf = new Map(turns().map((t) => [t.turnId, t.speakerId]));
    for (const want of expected) {
      const inline = /\((更新:[^)]*)\)/.exec(want.text);
      const text = inline ? squash(want.text.replace(inline[0], "")) : want.text;
      const hits = placed.filter((p) => p.text === text);
      expect(hits, `raw line ${want.line}: ${text.slice(0, 30)}`).toHaveLength(1);
      const hit = hits[0]!;
      expect(hit.chapter, `raw line ${want.line}`).toBe(want.chapter);
      const isNote = /^更新:|链接直达/.test(text);
      expect(hit.turn.kind, `raw line ${want.line}`).toBe(isNote ? "note" : "speech");
      const speaker = isNote ? speakerOf.get(noteParentId(hit.turn.turnId)!) : hit.turn.speakerId;
      expect(speaker, `raw line ${want.line}`).toBe(want.speakerId);
      if (inline) {
        const note = placed.filter((p) => p.text === inline[1]);
        expect(note.map((n) => n.turn.kind)).toEqual(["note"]);
        expect(noteParentId(note[0]!.turn.turnId)).toBe(hit.turn.turnId);
      }
    }
    // ... and nothing else: every paragraph in the turns comes from the raw body.
    expect(placed).toHaveLength(expected.length + 1); // +1: the inline note became its own paragraph
  });

  it("keeps the title, the 导读, the guests with their bios and the host", () => {
    expect(episode.title).toBe("硬核对话Google Brain研究员、Stability AI产品经理:生成式AI的技术实践与商业未来");
    expect(episode.publishedAt).toBe("2023-12-08");
    expect(episode.summary).toContain("这一是Onboard!嘉宾们都是少有在中文媒体露面的圈内核心人士");
    expect(episode.summary).toContain("AI 无疑是未来几年最令人兴奋的变量之一");
    expect(episode.participants.find((p) => p.personId === "xuezhi-wang")!.intro).toBe(
      "Google Brain 研究员,Google 语言大模型 PaLM 作者之一。",
    );
    expect(episode.participants.find((p) => p.personId === "monica")!.intro).toBe(
      "风险投资人,前 AWS 硅谷团队+AI创业公司打工人,公众号“M小姐研习录”主理人。",
    );
    expect(episode.editorial).toBe("文字有删减和整理。");
  });

  it("drops the page's chrome, and reports every line it dropped", () => {
    const imported = importPlainTextTranscript(raw);
    expect(imported.dropped.map((d) => d.line)).toEqual([1, 4, 6, 506, 508, 509, 510, 512, 514]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name !== "README.md") files.push(full);
      }
    };
    walk(CONTENT_DIR);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const chrome of CHROME) expect(text.includes(chrome), `${path.relative(CONTENT_DIR, file)} contains '${chrome}'`).toBe(false);
    }
  });

  it("is what content/ holds: re-running the importer reproduces the committed transcript exactly", () => {
    const files = toContentFiles(importPlainTextTranscript(raw), { showId: "onboard", language: "zh-CN", sourceName: "x" });
    expect(files.transcriptMd).toBe(readFileSync(path.join(CONTENT_DIR, SEED_DIR, "transcript.md"), "utf8"));
  });
});
