import type { Moment } from "@/lib/listen/moment";
import { episodeUrl, momentUrl } from "@/lib/urls";

/**
 * "Listen from here": the episode's reader at a moment (or a clip) of its audio, with the turn in
 * view; the reader's player starts there. A plain link, so it works without JavaScript.
 */
export function ListenLink({ slug, moment, turnId, label }: { slug: string; moment: Moment; turnId: string; label: string }) {
  return (
    <a
      href={momentUrl(episodeUrl(slug), moment, turnId)}
      data-testid="listen-from-here"
      data-moment-start={moment.start}
      data-moment-end={moment.end ?? undefined}
      className="inline-flex items-center gap-1.5 rounded-full border border-amber-600 px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-50 dark:border-amber-400 dark:text-amber-200 dark:hover:bg-amber-950/50"
    >
      <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 fill-current">
        <path d="M2.5 1.5v9l8-4.5z" />
      </svg>
      {label}
    </a>
  );
}
