// The content format itself (content/README.md): episode.md's front matter, then transcript.md's
// chapters and turns — turn and chapter times, cue lines, explicit ids, editor's notes and
// footnotes as they were written — in one file. Its body reads back with parseTranscript to the
// same turn ids, speakers, texts and times.
import { stringify } from "yaml";
import { formatTime } from "../times.ts";
import type { ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

/** The front matter of episode.md for this episode (the fields the library keeps). */
function frontMatter(episode: ExportEpisode): string {
  const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
  const data = {
    title: episode.title,
    show: episode.show.id,
    publishedAt: episode.publishedAt,
    language: episode.language,
    source: drop(episode.source),
    ...(episode.audio && { audio: drop(episode.audio) }),
    ...(episode.imported && { imported: episode.imported }),
    participants: episode.participants.map((p) => ({ id: p.id, role: p.role })),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---`;
}

function timeRange(startMs: number | null, endMs: number | null): string {
  if (startMs === null) return "";
  return ` · ${formatTime(startMs)}${endMs !== null ? `–${formatTime(endMs)}` : ""}`;
}

export function writeMarkdown(episode: ExportEpisode): string {
  const names = new Map(episode.participants.map((p) => [p.id, p.name]));
  const blocks: string[] = [frontMatter(episode), `# ${episode.title.replace(/\n/g, " ")}`];
  for (const chapter of episode.chapters) {
    if (chapter.title) {
      const start = chapter.startMs !== null ? ` · ${formatTime(chapter.startMs)}` : "";
      blocks.push(`## ${String(chapter.number).padStart(2, "0")} ${chapter.title}${start}`);
    }
    // Positional ids count the chapter's speech turns; any other id was written as {#id}.
    let positional = 0;
    for (const turn of chapter.turns) {
      if (turn.kind === "note") {
        // A note's markdown is the note as written: a blockquote, or a footnote definition.
        blocks.push(turn.markdown);
        continue;
      }
      const expected = `c${chapter.number}-${String(positional + 1).padStart(2, "0")}`;
      let explicit = "";
      if (turn.turnId === expected) positional += 1;
      else explicit = ` {#${turn.turnId}}`;
      const name = names.get(turn.speakerId ?? "") ?? turn.speakerId ?? "";
      blocks.push(`### ${name}${timeRange(turn.startMs, turn.endMs)}${explicit}`, turn.markdown);
    }
  }
  return blocks.join("\n\n") + "\n";
}

export const markdownExporter: Exporter = {
  format: "md",
  label: "Markdown",
  contentType: "text/markdown",
  fileName: (slug) => `${slug}.md`,
  write: writeMarkdown,
};
