// zod schemas for every front matter block in content/. Types come from z.infer.
import { z } from "zod";

/** Ids appear in URLs and file names: lowercase ASCII words joined by single hyphens. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters and digits joined by single hyphens, e.g. 'yiwen-li'");

const NonEmpty = z.string().trim().min(1, "must not be empty");

export const ROLES = ["host", "co-host", "guest", "other"] as const;
export const Role = z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` });
export type Role = z.infer<typeof Role>;

/** content/shows/<id>.md — body: the show's description. */
/** Links shown to readers: http(s) only (no javascript:, data: …). */
const WebUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://example.org/" });

export const ShowFrontMatter = z.strictObject({
  name: NonEmpty,
  url: WebUrl.optional(),
  /** Who makes the show, as its feed credits them (itunes:author). */
  author: NonEmpty.optional(),
  /** The show's artwork (a feed's itunes:image). */
  image: WebUrl.optional(),
});

/** content/people/<id>.md — body: the person's bio (may be empty). */
export const PersonFrontMatter = z.strictObject({
  name: NonEmpty,
  affiliation: NonEmpty.optional(),
  /** Other names the person goes by (a Chinese name, a nickname): search finds the person by them. */
  aliases: z.array(NonEmpty).optional(),
});

export const Participant = z.strictObject({
  id: Slug,
  role: Role,
  /** How this episode introduced the person (e.g. the 本期嘉宾 line). */
  intro: NonEmpty.optional(),
});

/** A duration in seconds (`3725`, `3725.4`) or written as a time (`1:02:05`). */
const Duration = z.union(
  [
    z.number().nonnegative("must not be negative").finite(),
    z
      .string()
      .regex(/^(?:\d{1,3}:)?[0-5]?\d:[0-5]\d(?:\.\d{1,3})?$/, "must be seconds (3725) or a time such as 1:02:05")
      .transform((label) => label.split(":").reduce((seconds, part) => seconds * 60 + Number(part), 0)),
  ],
  { error: "must be seconds (3725) or a time such as 1:02:05" },
);

/** The episode's audio, as a feed's enclosure gives it. */
export const Audio = z.strictObject({
  url: WebUrl,
  type: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i, "must be a MIME type such as audio/mpeg")
    .optional(),
  duration: Duration.optional(),
});

/** content/episodes/<slug>/episode.md — body: the episode's introduction (导读). */
export const EpisodeFrontMatter = z.strictObject({
  title: NonEmpty,
  show: Slug,
  publishedAt: z.iso.date({ error: "must be a date written YYYY-MM-DD" }),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as 'zh-CN' or 'en'"),
  source: z.strictObject({
    name: NonEmpty,
    url: WebUrl.optional(),
    /** The licence or attribution line the source asks for, shown with the episode. */
    licence: NonEmpty.optional(),
    note: NonEmpty.optional(),
  }),
  audio: Audio.optional(),
  /** The raw file the transcript was imported from (written by `npm run import`). */
  imported: z
    .strictObject({
      file: NonEmpty,
      format: z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "must be a format name such as 'webvtt' or 'podcasting20-json'"),
    })
    .optional(),
  participants: z.array(Participant).min(1, "an episode needs at least one participant"),
  /** The table of contents (目录) as published; may word chapters differently from the headings. */
  contents: z.array(NonEmpty).optional(),
  /** Editorial remarks about the transcript as a whole (e.g. 文字有删减和整理). */
  editorial: NonEmpty.optional(),
});

export const TOPIC_ID_HINT = "a topic id from content/topics.md";

/** content/topics.md — the taxonomy that drives keyword tagging. */
export const TopicsFrontMatter = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id: Slug,
        name: NonEmpty,
        nameEn: NonEmpty,
        description: NonEmpty,
        keywords: z.array(NonEmpty).min(1, "a topic needs at least one keyword or alias"),
      }),
    )
    .min(1),
});

/** content/episodes/<slug>/quotes.md — curated quotes, verified against their turns at ingest. */
export const QuotesFrontMatter = z.strictObject({
  quotes: z.array(
    z.strictObject({
      id: Slug,
      turn: NonEmpty,
      text: NonEmpty,
      topics: z.array(Slug).default([]),
    }),
  ),
});

/** content/episodes/<slug>/tags.md — manual topic tags for turns, on top of keyword tagging. */
export const TagsFrontMatter = z.strictObject({
  tags: z.array(
    z.strictObject({
      turn: NonEmpty,
      topics: z.array(Slug).min(1),
    }),
  ),
});

export type ShowFrontMatter = z.infer<typeof ShowFrontMatter>;
export type PersonFrontMatter = z.infer<typeof PersonFrontMatter>;
export type EpisodeFrontMatter = z.infer<typeof EpisodeFrontMatter>;
export type TopicsFrontMatter = z.infer<typeof TopicsFrontMatter>;

/**
 * content/episodes/<slug>/questions.md — corrections to the derived question-and-answer
 * structure: `asks: true` makes a turn open an exchange, `asks: false` keeps it inside the
 * exchange before it.
 */
export const QuestionsFrontMatter = z.strictObject({
  corrections: z.array(
    z.strictObject({
      turn: NonEmpty,
      asks: z.boolean({ error: "must be true or false" }),
      reason: NonEmpty.optional(),
    }),
  ),
});
