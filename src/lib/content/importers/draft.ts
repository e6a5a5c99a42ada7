// An episode ready to be written in the content format: what the assembler makes of a parsed
// transcript (and what the seed's web-page importer makes of its page). The writer
// (content-writer.ts) turns it into episode.md, transcript.md, people/ and shows/ files.
import type { Audio, Role } from "./types.ts";

export interface DraftCue {
  start: number | null;
  end: number | null;
  text: string;
}

export interface DraftParagraph {
  cues: DraftCue[];
  /** Inline editor's notes cut out of an untimed paragraph's text, at character offsets (the seed's `(更新:…)`). */
  inlineNotes?: Array<{ at: number; text: string }>;
}

export interface DraftTurn {
  /** What the turn heading names: the participant's display name (or id, for unnamed voices). */
  heading: string;
  personId: string;
  start: number | null;
  end: number | null;
  paragraphs: DraftParagraph[];
  /** Editor's notes after the speech: each one a list of paragraphs. */
  notes: string[][];
}

export interface DraftChapter {
  /** Null only for the one untitled chapter of a transcript without chapters. */
  title: string | null;
  start: number | null;
  /** Editor's notes before the chapter's first turn. */
  leadingNotes: string[][];
  turns: DraftTurn[];
}

export interface DraftPerson {
  id: string;
  name: string;
  role: Role;
  /** How this episode introduced them (episode.md's `intro`). */
  intro: string | null;
  /** For a new people/<id>.md file. */
  affiliation: string | null;
  bio: string | null;
}

export interface DraftShow {
  id: string;
  name: string;
  url?: string;
  author?: string;
  image?: string;
  description?: string[];
}

export interface EpisodeDraft {
  title: string;
  publishedAt: string;
  language: string;
  show: DraftShow;
  summary: string[];
  editorial: string[];
  contents: string[];
  source: { name: string; url?: string; licence?: string; note?: string };
  audio?: Audio;
  imported?: { file: string; format: string };
  participants: DraftPerson[];
  chapters: DraftChapter[];
  /** Write times with milliseconds (captions) or as whole seconds where they are whole. */
  precision: "ms" | "s";
}
