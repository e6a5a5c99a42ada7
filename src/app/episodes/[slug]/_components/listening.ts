// What the reader and chapter pages need to play an episode: the player's props and the links
// that make turn and cue times play. Nothing at all for an episode without audio, which reads
// exactly as before.
import type { TurnListen } from "@/components/turn-card";
import { formatClock } from "@/lib/content/times";
import type { EpisodeDTO } from "@/lib/data/episodes";
import type { Moment } from "@/lib/listen/moment";
import { chapterLabel } from "@/lib/reader/chapter-label";
import { episodeUrl, momentUrl } from "@/lib/urls";
import type { PlayerChapter } from "./listen-player";

export interface Listening {
  /** For each TurnCard. */
  turn: TurnListen;
  /** A chapter's start, as a link that plays from there. */
  chapterHref: (start: number, chapterNumber: number) => string;
  player: {
    audio: { url: string; type: string | null; duration: number | null };
    chapters: PlayerChapter[];
    moment: Moment | null;
    sharePath: string;
  };
}

/**
 * `keep` are the page's other query parameters (filters, find), so that a time link without
 * JavaScript reloads the same view at that moment. The links are relative to the page
 * (`?speaker=…&t=12:04#c2-05`): a long caption-style transcript has a link per cue, and the path
 * would add some 35 bytes to each.
 */
export function listening(
  episode: EpisodeDTO,
  keep: Array<[string, string]>,
  moment: Moment | null,
  /** The accessible name of a time that plays ("Play from 12:04"), from the catalogue's Listen.playFrom. */
  playFromLabel: (clock: string) => string,
): Listening | undefined {
  if (!episode.audio) return undefined;
  return {
    turn: {
      href: (start, turnId) => momentUrl("", { start, end: null }, turnId, keep),
      playFromLabel,
    },
    chapterHref: (start, number) => momentUrl("", { start, end: null }, `chapter-${number}`, keep),
    player: {
      audio: episode.audio,
      // The one chapter of a transcript without headings has no name to show.
      chapters: episode.chapters.map((c) => ({
        number: c.number,
        title: chapterLabel(c, ""),
        start: c.startMs === null ? null : c.startMs / 1000,
      })),
      moment,
      sharePath: episodeUrl(episode.slug),
    },
  };
}

export const clock = (seconds: number) => formatClock(seconds * 1000);
