import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { openTurnHtmlChannel, type TurnHtmlChannel } from "./turn-html-channel";

/**
 * The request's channel for turn bodies (turn-html-channel.ts): one per document request; null for
 * an RSC request (soft navigation, prefetch, refresh), whose payload carries them. Next.js hides its
 * own RSC headers from pages (and from the proxy), so the browser's Fetch Metadata tells them
 * apart: the router fetches (Sec-Fetch-Dest: empty), a document is navigated to (document). A
 * client that sends no Fetch Metadata (curl, crawlers, the benchmarks) asks for the document.
 */
export const requestTurnHtmlChannel = cache(async (): Promise<TurnHtmlChannel | null> => {
  return (await headers()).get("sec-fetch-dest") === "empty" ? null : openTurnHtmlChannel();
});
