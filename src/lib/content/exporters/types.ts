import type { ExportEpisode } from "./export-episode.ts";

/** One export format: what it is called, how it is served, and the writer. */
export interface Exporter {
  /** The value of `?format=` (or "chapters"). */
  format: string;
  /** A name for people: "WebVTT". */
  label: string;
  /** The Content-Type it is served with. */
  contentType: string;
  /** The download's file name, from the episode's slug. */
  fileName(slug: string): string;
  write(episode: ExportEpisode): string;
}
