// A synthetic library for benchmarks, made of the seed interview's own sentences plus English
// passages, written to disk in the content format so that it is ingested through the real code
// path (loadLibrary -> Prisma -> search index). Deterministic for a given size.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Library } from "../content/load-library";

export const TURNS_PER_EPISODE = 100;
const CHAPTERS_PER_EPISODE = 5;

/** English passages, so that word queries, prefixes and phrases have something to find. */
export const ENGLISH_PASSAGES = [
  "In-context learning emerges when the model is large enough and has seen enough tokens.",
  "Chain of thought prompting lets a large language model reason step by step through a math problem.",
  "Stable Diffusion is an open source latent diffusion model for text to image generation.",
  "Inference cost matters more than training cost once a product has real users.",
  "The Chinchilla paper showed that most large models were undertrained for their parameter count.",
  "Multimodal models interleave text and images so that each modality informs the other.",
  "Fine-tuning a foundation model on a small high quality dataset often beats a bigger generic model.",
  "Quantization from FP16 to INT8 reduces memory with a small loss of accuracy.",
  "Open source communities move faster than any single company can.",
  "PaLM 540B was trained on a mixture of web pages, books, Wikipedia, conversations and code.",
  "Retrieval augmented generation grounds the answers of a language model in documents.",
  "Data-centric AI focuses on the quality of the training data rather than the architecture.",
  "GPT-3 showed few-shot learning abilities that smaller models did not have.",
  "Tooling for deployment, monitoring and evaluation is still immature for generative models.",
  "An API is the simplest product surface for a foundation model company.",
  "Self-consistency samples several reasoning paths and takes the majority answer.",
];

/** Deterministic pseudo-random numbers (mulberry32). */
export function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed's speech split into sentences. */
export function seedSentences(seed: Library): string[] {
  return seed.episodes
    .flatMap((e) => e.chapters.flatMap((c) => c.turns.filter((t) => t.kind === "speech").map((t) => t.text)))
    .flatMap((text) => text.split(/(?<=[。?!？！])|\n\n/))
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 6);
}

const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#|~])/g, "\\$1");

/**
 * Writes a library of `turns` turns (episodes of 100 turns in 5 chapters) into `dir`, reusing the
 * seed's shows, people and topics. Returns the UTF-8 size of all turn text.
 */
export function writeSyntheticLibrary(
  seedContentDir: string,
  seed: Library,
  dir: string,
  turns: number,
  turnsPerEpisode = TURNS_PER_EPISODE,
): { textBytes: number; episodes: number } {
  const sentences = seedSentences(seed);
  const random = prng(turns);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const speakers = seed.episodes[0]!.participants;
  const nameOf = new Map(seed.people.map((p) => [p.id, p.name]));
  mkdirSync(dir, { recursive: true });
  for (const part of ["shows", "people", "topics.md"]) cpSync(path.join(seedContentDir, part), path.join(dir, part), { recursive: true });
  const episodes = Math.ceil(turns / turnsPerEpisode);
  const turnsPerChapter = Math.max(1, Math.floor(turnsPerEpisode / CHAPTERS_PER_EPISODE));
  let textBytes = 0;
  let written = 0;
  for (let e = 0; e < episodes; e++) {
    const slug = `synthetic-${String(e + 1).padStart(6, "0")}`;
    const folder = path.join(dir, "episodes", slug);
    mkdirSync(folder, { recursive: true });
    const day = new Date(Date.UTC(2020, 0, 1) + (e % 1500) * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      path.join(folder, "episode.md"),
      `---\ntitle: 合成访谈 ${e + 1}\nshow: onboard\npublishedAt: ${day}\nlanguage: zh-CN\nsource:\n  name: benchmark\nparticipants:\n${speakers
        .map((p) => `  - id: ${p.personId}\n    role: ${p.role}`)
        .join("\n")}\n---\n\n由种子访谈的句子合成的基准测试访谈。\n`,
    );
    const inThisEpisode = Math.min(turnsPerEpisode, turns - written);
    const lines: string[] = [];
    for (let t = 0; t < inThisEpisode; t++) {
      if (t % turnsPerChapter === 0) {
        const chapter = t / turnsPerChapter + 1;
        lines.push(`## ${String(chapter).padStart(2, "0")} ${pick(sentences).slice(0, 18).replace(/[#\n]/g, "")}`, "");
      }
      const speaker = pick(speakers);
      const count = 1 + Math.floor(random() * 3);
      const parts: string[] = [];
      for (let s = 0; s < count; s++) parts.push(random() < 0.12 ? pick(ENGLISH_PASSAGES) : pick(sentences));
      const text = parts.join("");
      textBytes += Buffer.byteLength(text);
      lines.push(`### ${nameOf.get(speaker.personId)}`, "", escapeMarkdown(text), "");
    }
    writeFileSync(path.join(folder, "transcript.md"), lines.join("\n"));
    written += inThisEpisode;
  }
  return { textBytes, episodes };
}

/**
 * Writes one long episode into an existing library `dir` (issue 12: a three-hour episode of 2,000
 * turns in 12 chapters), made of the seed's sentences and spoken by `speakers` (people of that
 * library) on `show`. The first chapter is `firstChapterTurns` long, the others share the rest.
 * Turns are timed (`secondsPerTurn` each, one cue per sentence), and the episode points at
 * `audio` when given. Deterministic.
 */
export function writeLongEpisode(
  sentences: string[],
  dir: string,
  options: {
    slug: string;
    title: string;
    show: string;
    speakers: Array<{ id: string; name: string; role: "host" | "guest" }>;
    turns?: number;
    chapters?: number;
    firstChapterTurns?: number;
    secondsPerTurn?: number;
    audio?: { url: string; type: string };
    /** false: no chapter headings, so the transcript is one chapter of all its turns. */
    headings?: boolean;
  },
): void {
  const { slug, turns = 2000, chapters = 12, firstChapterTurns = 20, secondsPerTurn = 5 } = options;
  const random = prng(turns * 31 + chapters);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const folder = path.join(dir, "episodes", slug);
  mkdirSync(folder, { recursive: true });
  const audio = options.audio
    ? `audio:\n  url: ${options.audio.url}\n  type: ${options.audio.type}\n  duration: ${turns * secondsPerTurn}\n`
    : "";
  writeFileSync(
    path.join(folder, "episode.md"),
    `---\ntitle: ${options.title}\nshow: ${options.show}\npublishedAt: 2024-06-01\nlanguage: zh-CN\nsource:\n  name: generated for the long-episode tests\n${audio}participants:\n${options.speakers
      .map((p) => `  - id: ${p.id}\n    role: ${p.role}`)
      .join("\n")}\n---\n\n由种子访谈的句子合成的长访谈:${turns} 段,${chapters} 章。\n`,
  );
  const rest = turns - firstChapterTurns;
  const perChapter = Math.ceil(rest / (chapters - 1));
  const stamp = (s: number) => {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    return `${h}:${String(m).padStart(2, "0")}:${sec.toFixed(3).padStart(6, "0")}`;
  };
  const lines: string[] = [`# ${options.title}`, ""];
  for (let t = 0; t < turns; t++) {
    const chapterStart = t === 0 || (t >= firstChapterTurns && (t - firstChapterTurns) % perChapter === 0);
    const start = t * secondsPerTurn;
    if (chapterStart && options.headings !== false) {
      const n = t === 0 ? 1 : 2 + (t - firstChapterTurns) / perChapter;
      const clock = `${Math.floor(start / 3600)}:${String(Math.floor((start % 3600) / 60)).padStart(2, "0")}:${String(start % 60).padStart(2, "0")}`;
      lines.push(
        `## ${String(n).padStart(2, "0")} ${pick(sentences)
          .slice(0, 14)
          .replace(/[#\n·]/g, "")} · ${clock}`,
        "",
      );
    }
    const speaker = options.speakers[t % options.speakers.length]!;
    const count = 1 + Math.floor(random() * 3);
    lines.push(`### ${speaker.name} · ${stamp(start)}–${stamp(start + secondsPerTurn - 0.5)}`, "");
    for (let s = 0; s < count; s++) {
      const at = start + (s * (secondsPerTurn - 0.5)) / count;
      const text = random() < 0.12 ? pick(ENGLISH_PASSAGES) : pick(sentences);
      lines.push(`[${stamp(Math.round(at * 1000) / 1000)}] ${escapeMarkdown(text)}`);
    }
    lines.push("");
  }
  writeFileSync(path.join(folder, "transcript.md"), lines.join("\n"));
}
