import type { EpisodeDTO } from "@/lib/data/episodes";
import { formatClock } from "@/lib/content/times";
import { TRANSCRIPT_FORMATS } from "@/lib/content/exporters/formats";
import { chaptersExportUrl, transcriptExportUrl } from "@/lib/urls";

// The interface strings of this component, together so that they move into a catalogue easily.
const TEXT = {
  audio: "音频",
  listen: "收听",
  licence: "许可",
  imported: "导入自",
  download: "下载文稿",
  chapters: "章节",
} as const;

const FORMAT_LABELS: Record<(typeof TRANSCRIPT_FORMATS)[number], string> = {
  json: "JSON",
  vtt: "WebVTT",
  srt: "SRT",
  txt: "TXT",
  md: "Markdown",
};

/** The audio, the source's licence, the file the transcript was imported from and the downloads, as <dl> entries. */
export function EpisodeFacts({ episode }: { episode: Pick<EpisodeDTO, "slug" | "audio" | "source" | "imported"> }) {
  const { audio, source, imported } = episode;
  return (
    <>
      {audio && (
        <div className="flex gap-1" data-fact="audio">
          <dt className="text-stone-400">{TEXT.audio}</dt>
          <dd>
            <a href={audio.url} className="underline" rel="noopener noreferrer" type={audio.type ?? undefined}>
              {TEXT.listen}
            </a>
            {audio.duration !== null && (
              <>
                {" · "}
                <time dateTime={`PT${Math.round(audio.duration)}S`}>{formatClock(audio.duration * 1000)}</time>
              </>
            )}
          </dd>
        </div>
      )}
      {source.licence && (
        <div className="flex gap-1" data-fact="licence">
          <dt className="text-stone-400">{TEXT.licence}</dt>
          <dd>{source.licence}</dd>
        </div>
      )}
      {imported && (
        <div className="flex gap-1" data-fact="imported">
          <dt className="text-stone-400">{TEXT.imported}</dt>
          <dd>
            <code className="text-xs">{imported.file}</code> ({imported.format})
          </dd>
        </div>
      )}
      <div className="flex flex-wrap gap-x-1" data-fact="downloads">
        <dt className="text-stone-400">{TEXT.download}</dt>
        <dd>
          <ul className="flex flex-wrap gap-x-2">
            {TRANSCRIPT_FORMATS.map((format) => (
              <li key={format}>
                <a href={transcriptExportUrl(episode.slug, format)} className="underline" download data-export={format}>
                  {FORMAT_LABELS[format]}
                </a>
              </li>
            ))}
            <li>
              <a href={chaptersExportUrl(episode.slug)} className="underline" download data-export="chapters">
                {TEXT.chapters} JSON
              </a>
            </li>
          </ul>
        </dd>
      </div>
    </>
  );
}
