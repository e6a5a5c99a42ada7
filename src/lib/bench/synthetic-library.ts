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
