// Every export format behind one entry point (the mirror of src/lib/content/importers/): a
// transcript in one of TRANSCRIPT_FORMATS, and the chapters. Each format is one module.
import { chaptersJsonExporter } from "./chapters-json.ts";
import { markdownExporter } from "./markdown.ts";
import { plainTextExporter } from "./plain-text.ts";
import { podcasting20JsonExporter } from "./podcasting20-json.ts";
import { srtExporter } from "./srt.ts";
import type { TranscriptFormat } from "./formats.ts";
import type { Exporter } from "./types.ts";
import { webVttExporter } from "./webvtt.ts";

export type { ExportEpisode, ExportChapter, ExportTurn, ExportCue } from "./export-episode.ts";
export type { Exporter } from "./types.ts";

export { TRANSCRIPT_FORMATS, type TranscriptFormat } from "./formats.ts";

export const TRANSCRIPT_EXPORTERS: Record<TranscriptFormat, Exporter> = {
  json: podcasting20JsonExporter,
  vtt: webVttExporter,
  srt: srtExporter,
  txt: plainTextExporter,
  md: markdownExporter,
};

export const CHAPTERS_EXPORTER: Exporter = chaptersJsonExporter;
