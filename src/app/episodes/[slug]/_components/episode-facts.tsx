import { useTranslations } from "next-intl";
import type { EpisodeDTO } from "@/lib/data/episodes";
import { formatClock } from "@/lib/content/times";
import { TRANSCRIPT_FORMATS } from "@/lib/content/exporters/formats";
import { chaptersExportUrl, transcriptExportUrl } from "@/lib/urls";

// Format names are the formats' own names, the same in every language.
const FORMAT_LABELS: Record<(typeof TRANSCRIPT_FORMATS)[number], string> = {
  json: "JSON",
  vtt: "WebVTT",
  srt: "SRT",
  txt: "TXT",
  md: "Markdown",
};

/** The audio, the source's licence, the file the transcript was imported from and the downloads, as <dl> entries. */
export function EpisodeFacts({ episode }: { episode: Pick<EpisodeDTO, "slug" | "audio" | "source" | "imported"> }) {
  const t = useTranslations("EpisodeFacts");
  const { audio, source, imported } = episode;
  return (
    <>
      {audio && (
        <div className="flex gap-1" data-fact="audio">
          <dt className="text-stone-600 dark:text-stone-400">{t("audio")}</dt>
          <dd>
            <a href={audio.url} className="underline" rel="noopener noreferrer" type={audio.type ?? undefined}>
              {t("listen")}
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
          <dt className="text-stone-600 dark:text-stone-400">{t("licence")}</dt>
          <dd>{source.licence}</dd>
        </div>
      )}
      {imported && (
        <div className="flex gap-1" data-fact="imported">
          <dt className="text-stone-600 dark:text-stone-400">{t("imported")}</dt>
          <dd>
            <code className="text-xs">{imported.file}</code> ({imported.format})
          </dd>
        </div>
      )}
      <div className="flex flex-wrap gap-x-1" data-fact="downloads">
        <dt className="text-stone-600 dark:text-stone-400">{t("download")}</dt>
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
                {t("chaptersJson")}
              </a>
            </li>
          </ul>
        </dd>
      </div>
    </>
  );
}
