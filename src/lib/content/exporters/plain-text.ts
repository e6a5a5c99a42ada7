// Plain text for reading and pasting: a head (title, show and date, source and licence, audio),
// then each chapter's title, and each turn as its speaker's name with its start time on a line of
// its own (`Alice Smith: 00:12:04`, the layout of many published transcripts) followed by its
// paragraphs. Editor's notes are kept, marked `[Editor's note]`.
import { formatTimestamp } from "../parse-transcript.ts";
import { provenanceLines, type ExportEpisode } from "./export-episode.ts";
import type { Exporter } from "./types.ts";

function clock(ms: number): string {
  const whole = formatTimestamp(Math.floor(ms / 1000));
  return ms % 1000 === 0 ? whole : `${whole}.${String(ms % 1000).padStart(3, "0")}`;
}

export function writePlainText(episode: ExportEpisode): string {
  const names = new Map(episode.participants.map((p) => [p.id, p.name]));
  const blocks: string[] = [[episode.title, ...provenanceLines(episode)].join("\n")];
  for (const chapter of episode.chapters) {
    if (chapter.title) blocks.push(`## ${String(chapter.number).padStart(2, "0")} ${chapter.title}`);
    for (const turn of chapter.turns) {
      if (turn.kind === "note") {
        blocks.push(`[Editor's note] ${turn.text}`);
        continue;
      }
      const name = names.get(turn.speakerId ?? "") ?? turn.speakerId ?? "";
      blocks.push(`${name}:${turn.startMs !== null ? ` ${clock(turn.startMs)}` : ""}`, turn.text);
    }
  }
  return blocks.join("\n\n") + "\n";
}

export const plainTextExporter: Exporter = {
  format: "txt",
  label: "Plain text",
  contentType: "text/plain",
  fileName: (slug) => `${slug}.txt`,
  write: writePlainText,
};
