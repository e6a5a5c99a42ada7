// Every transcript format `npm run import` reads, in the order detection tries them: the formats
// with an unmistakable signature first (JSON shapes, `WEBVTT`, SRT timings, TSV rows, HTML tags),
// the seed's web-page layout, and Markdown/plain text with speaker labels last.
import { looksLikeChapters } from "./chapters-json.ts";
import { markdown } from "./markdown.ts";
import { podcastingHtml } from "./podcasting-html.ts";
import { podcastingJson } from "./podcasting-json.ts";
import { srt } from "./srt.ts";
import { FORMAT_NAMES, ImportError, type FormatName, type SourceText, type TranscriptFormat } from "./types.ts";
import { webPage } from "./web-page.ts";
import { webvtt } from "./webvtt.ts";
import { whisperJson, whisperTsv } from "./whisper.ts";

export const FORMATS: readonly TranscriptFormat[] = [podcastingJson, whisperJson, webvtt, srt, whisperTsv, podcastingHtml, webPage, markdown];

export function formatByName(name: string): TranscriptFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** Whether the text is an RSS feed (imported with --feed). */
export function looksLikeFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<rss\b/i.test(text) || /<channel>[\s\S]*<item\b/i.test(text.slice(0, 20000));
}

/** The format of a file, from its content; an ImportError naming the supported formats when none fits. */
export function detectFormat(source: SourceText): TranscriptFormat {
  if (looksLikeChapters(source.text)) {
    throw new ImportError(1, "this is a chapters file (Podcasting 2.0 chapters JSON), not a transcript: pass it with --chapters next to the transcript");
  }
  if (looksLikeFeed(source.text)) throw new ImportError(1, "this is an RSS feed: import it with --feed [--item <guid or number>]");
  const format = FORMATS.find((f) => f.detect(source));
  if (!format) {
    throw new ImportError(1, `not a transcript format this importer knows. Supported formats: ${FORMAT_NAMES.join(", ")} (and RSS feeds with --feed); pass --format <name> if the file is one of them`);
  }
  return format;
}

export type { FormatName };
