"use client";

// The reader's player: the native <audio> element with a small set of controls around it, docked
// at the bottom of the screen. Without JavaScript it is the browser's own <audio controls> (its
// source carries the page's ?t= as a media fragment, #t=start[,end], so it still starts there),
// and every time on the page is a link to ?t=. With JavaScript the controls below replace the
// browser's, times seek instead of reloading, and the transcript follows the audio
// (./follow-along.ts): the current turn, cue and chapter are marked and the page keeps the turn in
// view until the reader scrolls away; a button brings it back.
//
// Keyboard (none while typing in a field, none with Ctrl/Alt/Meta, none while a dialog is open):
// Space play/pause (not on a button), ←/→ 15 s back/forward, < / > slower/faster, p plays from
// the focused turn (else the first turn in view). The reader's own shortcuts (/ j k [ ] c ? n N)
// are left alone.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { clockOf, formatMomentTime, type Moment } from "@/lib/listen/moment";
import { lastStartAtOrBefore } from "@/lib/listen/timeline";
import { FollowAlong } from "./follow-along";

export interface PlayerChapter {
  number: number;
  /** "02 Title" ("" for the one chapter of a transcript without headings). */
  title: string;
  /** Seconds; null when the transcript gives the chapter no time. */
  start: number | null;
}

export const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
const SKIP_SECONDS = 15;
/** How far before a clip's end a pause still counts as the clip ending (the browser's media-fragment end). */
const CLIP_END_SLACK = 0.3;
const noSubscription = () => () => {};

const isField = (el: Element | null) =>
  !!el && ((el as HTMLElement).isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
const isButton = (el: Element | null) =>
  !!el && (el.tagName === "BUTTON" || el.tagName === "SUMMARY" || el.getAttribute("role") === "button");
const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

export function ListenPlayer({
  audio,
  chapters,
  moment,
  sharePath,
}: {
  audio: { url: string; type: string | null; duration: number | null };
  chapters: PlayerChapter[];
  /** The page's ?t=: where to start, and where a clip stops. */
  moment: Moment | null;
  /** The page a copied moment links to (the episode's reader). */
  sharePath: string;
}) {
  // Its strings are the catalogue's "Listen" namespace (src/i18n/messages), sent to the browser.
  const text = useTranslations("Listen");
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const audioRef = useRef<HTMLAudioElement>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const followRef = useRef<FollowAlong | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(moment?.start ?? 0);
  const [duration, setDuration] = useState(audio.duration ?? 0);
  const [rate, setRate] = useState(1);
  const [following, setFollowingState] = useState(true);
  const followingRef = useRef(true);
  const [clip, setClipState] = useState<Moment | null>(moment?.end != null ? moment : null);
  const clipRef = useRef<Moment | null>(clip);
  const [hasTurn, setHasTurn] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  const autoScrolling = useRef(false);

  const setFollowing = (value: boolean) => {
    followingRef.current = value;
    setFollowingState(value);
  };
  const setClip = (value: Moment | null) => {
    clipRef.current = value;
    setClipState(value);
  };
  const announce = useCallback((message: string) => {
    // Cleared first, so that the same words twice are announced twice.
    setAnnouncement("");
    window.setTimeout(() => setAnnouncement(message), 30);
  }, []);

  const timeline = useMemo(() => {
    const timed = chapters.filter((c) => c.start !== null);
    return { starts: timed.map((c) => c.start!), chapters: timed };
  }, [chapters]);
  const chapterAt = useCallback((t: number) => timeline.chapters[lastStartAtOrBefore(timeline.starts, t)] ?? null, [timeline]);
  const chapter = chapterAt(time);

  /** The part of the window the transcript shows: below the sticky header, above the dock. */
  const band = useCallback(() => {
    const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    const bottom = dockRef.current?.getBoundingClientRect().top ?? window.innerHeight;
    return { top, bottom };
  }, []);

  const scrollIntoBand = useCallback(
    (element: HTMLElement) => {
      const { top, bottom } = band();
      const rect = element.getBoundingClientRect();
      // A third of the way down the free band: the turn above stays in sight for context.
      const target = window.scrollY + rect.top - top - Math.max(0, (bottom - top - Math.min(rect.height, bottom - top)) / 3);
      autoScrolling.current = true;
      const done = () => {
        autoScrolling.current = false;
      };
      window.addEventListener("scrollend", done, { once: true });
      window.setTimeout(done, 1500);
      window.scrollTo({ top: Math.max(0, target), behavior: reducedMotion() ? "auto" : "smooth" });
    },
    [band],
  );

  /** Follow the audio to `t`: mark what plays, keep it in view, stop a clip at its end. */
  const tick = useCallback(
    (t: number) => {
      const follow = followRef.current;
      if (!follow) return;
      const { turn, cue, turnChanged } = follow.update(t, chapterAt(t)?.number ?? null);
      setHasTurn(turn !== null);
      if (followingRef.current && turn && !autoScrolling.current) {
        const { top, bottom } = band();
        const target = cue ?? turn;
        const rect = target.getBoundingClientRect();
        const outOfView = rect.top < top || rect.top > bottom - 32;
        if (turnChanged ? turn.getBoundingClientRect().top < top || turn.getBoundingClientRect().top > bottom - 64 : outOfView)
          scrollIntoBand(turnChanged ? turn : target);
      }
    },
    [band, scrollIntoBand, chapterAt],
  );

  const seek = useCallback(
    (t: number, options: { play?: boolean; keepClip?: boolean } = {}) => {
      const element = audioRef.current;
      if (!element) return;
      const end = Number.isFinite(element.duration) ? element.duration : (audio.duration ?? Infinity);
      const target = Math.min(Math.max(0, t), end);
      if (!options.keepClip && clipRef.current && (target < clipRef.current.start || target >= clipRef.current.end!)) setClip(null);
      element.currentTime = target;
      setTime(target);
      tick(target);
      if (options.play) void element.play().catch(() => announce(text("announceReady", { time: clockOf(target) })));
    },
    [audio.duration, tick, announce, text],
  );

  const toggle = useCallback(() => {
    const element = audioRef.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setFailed(true));
    else element.pause();
  }, []);

  const skip = useCallback(
    (by: number) => {
      const element = audioRef.current;
      if (!element) return;
      seek(element.currentTime + by);
      announce(text("announceMoved", { time: clockOf(element.currentTime) }));
    },
    [seek, announce, text],
  );

  const changeRate = useCallback(
    (next: number) => {
      const element = audioRef.current;
      if (!element) return;
      element.playbackRate = next;
      element.defaultPlaybackRate = next;
      setRate(next);
      announce(text("announceSpeed", { rate: next }));
    },
    [announce, text],
  );

  const stepRate = useCallback(
    (direction: 1 | -1) => {
      const index = RATES.findIndex((r) => r >= rate);
      const next = RATES[Math.min(RATES.length - 1, Math.max(0, (index === -1 ? RATES.length - 1 : index) + direction))]!;
      if (next !== rate) changeRate(next);
    },
    [rate, changeRate],
  );

  const backToTurn = useCallback(() => {
    const follow = followRef.current;
    const element = audioRef.current;
    if (!follow || !element) return;
    setFollowing(true);
    const turn = follow.turnAt(element.currentTime);
    if (!turn) return;
    scrollIntoBand(turn);
    if (!turn.hasAttribute("tabindex")) turn.tabIndex = -1;
    turn.focus({ preventScroll: true });
  }, [scrollIntoBand]);

  const copyMoment = useCallback(async () => {
    const element = audioRef.current;
    const url = `${window.location.origin}${sharePath}?t=${formatMomentTime(Math.floor(element?.currentTime ?? time))}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      announce(text("copied"));
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt(text("copyPrompt"), url);
    }
  }, [sharePath, time, announce, text]);

  // Following along: read the transcript around the player once it runs.
  useEffect(() => {
    const root = dockRef.current?.closest<HTMLElement>("[data-episode]") ?? document.body;
    const follow = new FollowAlong(root);
    followRef.current = follow;
    return () => {
      follow.clear();
      follow.disconnect();
      followRef.current = null;
    };
  }, []);

  // The audio element's events.
  useEffect(() => {
    const element = audioRef.current;
    if (!element) return;
    let frame = 0;
    // While a clip plays, watch every frame (timeupdate comes only every 250 ms) to stop on time.
    const watchClip = () => {
      const current = clipRef.current;
      if (current && current.end !== null && element.currentTime >= current.end) {
        element.pause();
        element.currentTime = current.end;
        setClip(null);
        announce(text("announceClipEnd", { time: clockOf(current.end) }));
        return;
      }
      if (!element.paused) frame = window.requestAnimationFrame(watchClip);
    };
    const onPlay = () => {
      setPlaying(true);
      setFailed(false);
      announce(text("announcePlaying", { time: clockOf(element.currentTime) }));
      if (clipRef.current) frame = window.requestAnimationFrame(watchClip);
    };
    const onPause = () => {
      setPlaying(false);
      window.cancelAnimationFrame(frame);
      // The src's own #t=start,end fragment makes the browser pause at the clip's end by itself, a
      // little before it sometimes, and before the frame watch above when the page is busy: that
      // pause ends the clip too.
      const current = clipRef.current;
      if (current && current.end !== null && element.currentTime >= current.end - CLIP_END_SLACK) {
        setClip(null);
        announce(text("announceClipEnd", { time: clockOf(current.end) }));
        return;
      }
      if (!element.ended) announce(text("announcePaused", { time: clockOf(element.currentTime) }));
    };
    const onTime = () => {
      setTime(element.currentTime);
      tick(element.currentTime);
    };
    const onDuration = () => {
      if (Number.isFinite(element.duration) && element.duration > 0) setDuration(element.duration);
    };
    const onError = () => setFailed(true);
    element.addEventListener("play", onPlay);
    element.addEventListener("pause", onPause);
    element.addEventListener("timeupdate", onTime);
    element.addEventListener("seeked", onTime);
    element.addEventListener("durationchange", onDuration);
    element.addEventListener("loadedmetadata", onDuration);
    element.addEventListener("error", onError);
    return () => {
      window.cancelAnimationFrame(frame);
      element.removeEventListener("play", onPlay);
      element.removeEventListener("pause", onPause);
      element.removeEventListener("timeupdate", onTime);
      element.removeEventListener("seeked", onTime);
      element.removeEventListener("durationchange", onDuration);
      element.removeEventListener("loadedmetadata", onDuration);
      element.removeEventListener("error", onError);
    };
  }, [tick, announce, text]);

  // ?t=: start there, with its turn in view (playing, where the browser lets a page start audio).
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !moment || !followRef.current) return;
    started.current = true;
    const element = audioRef.current!;
    element.currentTime = moment.start;
    followRef.current.update(moment.start, chapterAt(moment.start)?.number ?? null);
    const turn = followRef.current.turnAt(moment.start);
    if (turn) scrollIntoBand(turn);
    void element.play().catch(() => announce(text("announceReady", { time: clockOf(moment.start) })));
  }, [moment, chapterAt, scrollIntoBand, announce, text]);

  // Times on the page (turns, cues, chapters) seek instead of reloading the page.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a[data-seek]");
      if (!link) return;
      event.preventDefault();
      setFollowing(true);
      seek(Number(link.dataset.seek), { play: true });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [seek]);

  // The reader scrolling away from the playing turn stops the page following it; scrolling back to it resumes.
  useEffect(() => {
    const onScroll = () => {
      if (autoScrolling.current) return;
      const element = audioRef.current;
      const turn = element && followRef.current?.turnAt(element.currentTime);
      if (!turn || !followRef.current) return;
      const { top, bottom } = band();
      const rect = turn.getBoundingClientRect();
      const visible = rect.bottom > top && rect.top < bottom;
      if (visible !== followingRef.current) setFollowing(visible);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, [band]);

  // The keyboard.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (isField(target) || document.querySelector("dialog[open]")) return;
      const element = audioRef.current;
      if (!element) return;
      switch (event.key) {
        case " ":
          if (isButton(target)) return;
          toggle();
          break;
        case "ArrowLeft":
          skip(-SKIP_SECONDS);
          break;
        case "ArrowRight":
          skip(SKIP_SECONDS);
          break;
        case "<":
          stepRate(-1);
          break;
        case ">":
          stepRate(1);
          break;
        case "p": {
          const { top } = band();
          const focused = document.activeElement?.closest<HTMLElement>("[data-turn-start]");
          const turn =
            focused ??
            [...document.querySelectorAll<HTMLElement>("[data-turn-start]")].find(
              (t) => t.checkVisibility() && t.getBoundingClientRect().bottom > top,
            );
          if (!turn) return;
          setFollowing(true);
          seek(Number(turn.dataset.turnStart), { play: true });
          break;
        }
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [toggle, skip, stepRate, seek, band]);

  const fragment = moment ? `#t=${moment.start}${moment.end !== null ? `,${moment.end}` : ""}` : "";
  const button =
    "inline-flex size-10 shrink-0 items-center justify-center rounded-full text-stone-700 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-amber-600 dark:text-stone-200 dark:hover:bg-stone-800";
  return (
    <>
      {/* Room at the end of the page, so that the dock never covers its last lines. */}
      <div aria-hidden="true" className="h-24" />
      <section
        aria-label={text("player")}
        data-listen-dock=""
        data-ready={ready ? "" : undefined}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-30"
      >
        <div
          ref={dockRef}
          className="pointer-events-auto relative mx-auto flex h-[5.5rem] max-w-5xl flex-col justify-center border-t border-stone-200 bg-white/95 px-3 pb-[env(safe-area-inset-bottom)] shadow-[0_-4px_16px_rgb(0_0_0/0.06)] backdrop-blur sm:rounded-t-2xl sm:border-x dark:border-stone-700 dark:bg-stone-900/95"
        >
          {ready && !following && hasTurn && (
            <button
              type="button"
              onClick={backToTurn}
              data-testid="back-to-turn"
              className="absolute -top-12 left-1/2 -translate-x-1/2 rounded-full border border-amber-600 bg-amber-50 px-4 py-2 text-sm font-medium whitespace-nowrap text-amber-900 shadow-lg hover:bg-amber-100 dark:border-amber-400 dark:bg-stone-900 dark:text-amber-200"
            >
              ↓ {text("backToTurn")}
            </button>
          )}
          <audio
            ref={audioRef}
            src={`${audio.url}${fragment}`}
            preload={moment ? "auto" : "none"}
            controls={!ready}
            data-testid="player-audio"
            // The browser's own controls are for pages without JavaScript. With JavaScript they
            // stay invisible until the player takes over: they re-lay themselves out when the
            // duration arrives, a layout shift whenever the page is slower than the audio.
            className="h-12 w-full [@media(scripting:enabled)]:invisible"
          >
            {/* Browsers without <audio> get the file. */}
            <a href={audio.url}>{audio.url}</a>
          </audio>
          {ready && (
            <>
              <div className="flex h-5 min-w-0 items-center gap-2 text-xs text-stone-600 dark:text-stone-300">
                <span className="min-w-0 flex-1 truncate" data-testid="player-chapter" data-chapter={chapter?.number}>
                  {chapter?.title}
                </span>
                {clip && clip.end !== null && (
                  <span
                    className="flex shrink-0 items-center gap-1 rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100"
                    data-testid="player-clip"
                  >
                    {text("clip", { start: clockOf(clip.start), end: clockOf(clip.end) })}
                    <button type="button" onClick={() => setClip(null)} aria-label={text("stopClip")} className="px-0.5">
                      ×
                    </button>
                  </span>
                )}
                {failed && (
                  <span role="alert" className="shrink-0 text-red-700 dark:text-red-300">
                    {text("audioError")}
                  </span>
                )}
                <span className="shrink-0 font-mono tabular-nums" data-testid="player-time">
                  {clockOf(time)} / {clockOf(duration)}
                </span>
              </div>
              <div className="mt-1 flex h-11 items-center gap-1 sm:gap-2">
                <button type="button" onClick={() => skip(-SKIP_SECONDS)} aria-label={text("back")} className={button}>
                  <span aria-hidden="true" className="font-mono text-xs font-semibold">
                    −15
                  </span>
                </button>
                <button
                  type="button"
                  onClick={toggle}
                  aria-label={playing ? text("pause") : text("play")}
                  data-testid="player-toggle"
                  data-playing={playing ? "" : undefined}
                  className="inline-flex size-11 shrink-0 items-center justify-center rounded-full bg-stone-900 text-white hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-600 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white"
                >
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-current">
                    {playing ? <path d="M3.5 2h3v12h-3zM9.5 2h3v12h-3z" /> : <path d="M4 2.2v11.6L13.5 8z" />}
                  </svg>
                </button>
                <button type="button" onClick={() => skip(SKIP_SECONDS)} aria-label={text("forward")} className={button}>
                  <span aria-hidden="true" className="font-mono text-xs font-semibold">
                    +15
                  </span>
                </button>
                <input
                  type="range"
                  min={0}
                  max={Math.max(1, Math.round(duration))}
                  step={1}
                  value={Math.min(Math.round(time), Math.max(1, Math.round(duration)))}
                  onChange={(event) => seek(Number(event.target.value))}
                  aria-label={text("position")}
                  aria-valuetext={text("positionValue", { time: clockOf(time), duration: clockOf(duration) })}
                  className="mx-1 h-10 min-w-0 flex-1 accent-amber-600"
                />
                <select
                  value={rate}
                  onChange={(event) => changeRate(Number(event.target.value))}
                  aria-label={text("speed")}
                  data-testid="player-speed"
                  className="h-9 shrink-0 rounded-lg border border-stone-300 bg-transparent px-1 font-mono text-xs dark:border-stone-600 dark:bg-stone-900"
                >
                  {RATES.map((r) => (
                    <option key={r} value={r}>
                      {r}×
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  onClick={copyMoment}
                  aria-label={text("copyMoment")}
                  title={text("copyMoment")}
                  data-testid="player-copy"
                  className={button}
                >
                  <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-none stroke-current stroke-[1.6]">
                    {copied ? (
                      <path d="M3 8.5l3 3 7-7" />
                    ) : (
                      <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L7.6 4.2M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8A3 3 0 0 0 7.2 13l1.2-1.2" />
                    )}
                  </svg>
                </button>
              </div>
            </>
          )}
          <span role="status" aria-live="polite" className="sr-only" data-testid="player-status">
            {announcement}
          </span>
        </div>
      </section>
    </>
  );
}
