// Following the transcript as the audio plays, in the browser. Everything is read from the page's
// own markup, so it keeps working however the page is rendered (filtered, folded, found, streamed
// or paginated): turns are elements with data-turn-start (seconds; data-turn-end when known), cues
// are spans with data-cue-start / data-cue-end inside them, and table-of-contents entries carry
// data-toc-chapter. What plays is found by binary search (src/lib/listen/timeline.ts); the page is
// re-read after any change to its elements (a MutationObserver marks it stale).
//
// Marks: the current turn gets data-playing, the current cue's spans data-cue-playing, the
// current chapter's contents entry aria-current="true". A turn folded away by a filter ("N 段已
// 隐藏", a closed <details>) is unfolded when it starts playing.
import { lastStartAtOrBefore, spanAt, type TimedSpan } from "@/lib/listen/timeline";

interface Cue extends TimedSpan {
  spans: HTMLElement[];
}

const seconds = (value: string | null) => (value === null || value === "" ? null : Number(value));

export class FollowAlong {
  private turns: HTMLElement[] = [];
  private turnStarts = new Float64Array(0);
  private cues: Cue[] = [];
  private cueStarts = new Float64Array(0);
  private stale = true;
  private readonly observer: MutationObserver;
  private turn: HTMLElement | null = null;
  /** The playing turn's id: a re-read page (new elements) keeps playing the same turn. */
  private turnId: string | null = null;
  private cue: Cue | null = null;
  private chapter: number | null = null;

  /** The last time and chapter marked: marks are put back on elements that replace marked ones. */
  private time: number | null = null;
  private remarkQueued = false;

  constructor(private readonly root: HTMLElement) {
    this.observer = new MutationObserver((records) => {
      // The player's own display changes every tick; only the transcript's elements matter here.
      if (records.every((r) => r.target instanceof Element && r.target.closest("[data-listen-dock]"))) return;
      this.stale = true;
      // Elements were added or replaced (hydration, streamed turns, a re-render): mark what plays
      // on the page as it is now, even while paused, when no timeupdate would come to do it.
      if (this.time !== null && !this.remarkQueued) {
        this.remarkQueued = true;
        queueMicrotask(() => {
          this.remarkQueued = false;
          if (this.time !== null) this.update(this.time, this.chapter);
        });
      }
    });
    this.observer.observe(root, { childList: true, subtree: true });
  }

  disconnect() {
    this.observer.disconnect();
  }

  private read() {
    this.stale = false;
    const turns = [...this.root.querySelectorAll<HTMLElement>("[data-turn-start]")];
    // Document order is time order in the content format; a stable sort keeps it so if a page
    // ever shows turns out of order.
    turns.sort((a, b) => Number(a.dataset.turnStart) - Number(b.dataset.turnStart));
    this.turns = turns;
    this.turnStarts = Float64Array.from(turns, (t) => Number(t.dataset.turnStart));
    const cues: Cue[] = [];
    for (const span of this.root.querySelectorAll<HTMLElement>("[data-turn-start] span[data-cue-start]")) {
      const start = Number(span.dataset.cueStart);
      const last = cues.at(-1);
      // The spans of one cue (split by formatting) are consecutive and share a start.
      if (last && last.start === start && last.spans[0]!.closest("[data-turn-start]") === span.closest("[data-turn-start]"))
        last.spans.push(span);
      else cues.push({ start, end: seconds(span.getAttribute("data-cue-end")), spans: [span] });
    }
    cues.sort((a, b) => a.start - b.start);
    this.cues = cues;
    this.cueStarts = Float64Array.from(cues, (c) => c.start);
    // Marks on elements that are gone do not matter; the next update marks the new ones.
    this.turn = null;
    this.cue = null;
    this.root.querySelectorAll("[data-playing]").forEach((el) => el.removeAttribute("data-playing"));
    this.root.querySelectorAll("[data-cue-playing]").forEach((el) => el.removeAttribute("data-cue-playing"));
  }

  /** The turn that started last at `time` (kept through a silence until the next one starts). */
  turnAt(time: number): HTMLElement | null {
    if (this.stale) this.read();
    return this.turns[lastStartAtOrBefore(this.turnStarts, time)] ?? null;
  }

  /** Marks what plays at `time`; says whether the playing turn changed. */
  update(time: number, chapter: number | null): { turn: HTMLElement | null; cue: HTMLElement | null; turnChanged: boolean } {
    const reread = this.stale;
    this.time = time;
    const turn = this.turnAt(time);
    const turnId = turn?.dataset.turnId ?? null;
    const turnChanged = turnId !== this.turnId;
    if (turn !== this.turn) {
      this.turn?.removeAttribute("data-playing");
      turn?.setAttribute("data-playing", "");
      this.turn = turn;
    }
    if (turnChanged && turn) {
      for (let details = turn.closest("details"); details; details = details.parentElement?.closest("details") ?? null) details.open = true;
    }
    this.turnId = turnId;
    const cue = this.cues[spanAt(this.cues, this.cueStarts, time)] ?? null;
    if (cue !== this.cue) {
      this.cue?.spans.forEach((span) => span.removeAttribute("data-cue-playing"));
      cue?.spans.forEach((span) => span.setAttribute("data-cue-playing", ""));
      this.cue = cue;
    }
    if (chapter !== this.chapter || turnChanged || reread) {
      for (const entry of document.querySelectorAll<HTMLElement>("[data-toc-chapter]")) {
        if (entry.dataset.tocChapter === String(chapter)) entry.setAttribute("aria-current", "true");
        else entry.removeAttribute("aria-current");
      }
      this.chapter = chapter;
    }
    return { turn, cue: cue?.spans[0] ?? null, turnChanged };
  }

  /** Removes every mark (the player stopped following, e.g. before it unmounts). */
  clear() {
    this.turn?.removeAttribute("data-playing");
    this.cue?.spans.forEach((span) => span.removeAttribute("data-cue-playing"));
    document.querySelectorAll("[data-toc-chapter][aria-current]").forEach((el) => el.removeAttribute("aria-current"));
    this.turn = null;
    this.turnId = null;
    this.cue = null;
    this.chapter = null;
    this.time = null;
  }
}
