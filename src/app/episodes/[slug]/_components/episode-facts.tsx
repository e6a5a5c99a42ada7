import type { EpisodeDTO } from "@/lib/data/episodes";
import { formatClock } from "@/lib/content/times";

// The interface strings of this component, together so that they move into a catalogue easily.
const TEXT = {
  audio: "音频",
  listen: "收听",
  licence: "许可",
  imported: "导入自",
} as const;

/** The audio, the source's licence and the file the transcript was imported from, as <dl> entries. */
export function EpisodeFacts({ episode }: { episode: Pick<EpisodeDTO, "audio" | "source" | "imported"> }) {
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
    </>
  );
}
