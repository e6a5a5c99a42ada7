"use client";

import { useEffect } from "react";

/** Events that mean the reader has moved on: from then on the page is theirs to scroll. */
const READER_MOVES = ["wheel", "touchstart", "pointerdown", "keydown"] as const;

/** Is the element in the page where it is shown (not in React's hidden holder of a streamed piece)? */
const inPlace = (element: HTMLElement) => element.isConnected && !element.closest("[hidden]");

/**
 * Lands the page's anchor (`#c7-120`) when its turn arrives in a streamed chapter (a long episode,
 * src/lib/reader/streaming.ts). The browser scrolls to a fragment only while the document loads; a
 * streamed piece that React moves into place after that (React reveals streamed boundaries in
 * batches, on a timer) would leave the page at the top. Once the target is in place it is
 * scrolled into view, once, unless the reader has scrolled, tapped or pressed a key meanwhile;
 * pieces arriving above it afterwards keep it in view by the browser's scroll anchoring. Renders
 * nothing.
 */
export function StreamedAnchor() {
  useEffect(() => {
    let id: string;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch {
      return;
    }
    if (!id) return;
    const observer = new MutationObserver(() => land());
    const stop = () => {
      observer.disconnect();
      for (const type of READER_MOVES) window.removeEventListener(type, stop, true);
    };
    function land() {
      const target = document.getElementById(id);
      if (target && inPlace(target)) {
        stop();
        const top = target.getBoundingClientRect().top;
        const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
        // Already where the browser's own fragment scroll put it: leave the page as it is.
        if (Math.abs(top - padding) > 2) target.scrollIntoView({ block: "start" });
        return;
      }
      // Every streamed piece in place and no such element: nothing to wait for.
      if (!document.querySelector("[data-chapter-pending]:not([hidden] *)")) stop();
    }
    for (const type of READER_MOVES) window.addEventListener(type, stop, { capture: true, passive: true });
    observer.observe(document.body, { childList: true, subtree: true });
    land();
    return stop;
  }, []);
  return null;
}
