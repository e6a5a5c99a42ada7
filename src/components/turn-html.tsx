"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type HTMLAttributes } from "react";
import { signalFirstView, takeTurnHtml } from "@/lib/reader/turn-html-channel";

const EMPTY = { __html: "" };
let refreshedFor: string | null = null;

/**
 * A turn's body on the reader (src/lib/reader/turn-html-channel.ts). With `html` (an RSC request)
 * it renders it. Otherwise the server-side rendering takes the body from the request's channel,
 * and the browser keeps the server's DOM: hydration does not compare or replace a
 * dangerouslySetInnerHTML element's content. Mounted afresh without `html` (the router re-showing
 * the first document's payload, e.g. going back to the page) the body would be empty: the page's
 * payload is fetched again once (router.refresh(): an RSC request, bodies included).
 */
export function TurnHtml({
  html,
  channel,
  entry,
  ...props
}: { html?: string; channel?: string; entry?: number } & HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string | undefined>) {
  const body = html ?? (channel && entry !== undefined ? takeTurnHtml(channel, entry) : undefined);
  const ref = useRef<HTMLDivElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (html !== undefined) refreshedFor = null;
    if (html !== undefined || !ref.current || ref.current.childNodes.length > 0) return;
    if (refreshedFor === window.location.href) return;
    refreshedFor = window.location.href;
    router.refresh();
  }, [html, router]);
  return <div ref={ref} {...props} suppressHydrationWarning dangerouslySetInnerHTML={body === undefined ? EMPTY : { __html: body }} />;
}

/**
 * Renders nothing; placed after a long episode's first view, its server-side rendering tells the
 * page that the first view is rendered, so the streamed chapters' rendering starts after it is
 * written (src/lib/reader/turn-html-channel.ts).
 */
export function FirstViewMark({ channel }: { channel: string }) {
  if (typeof window === "undefined") signalFirstView(channel);
  return null;
}
