import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { openTurnHtmlChannel, type TurnHtmlChannel } from "./turn-html-channel";

/**
 * The request's channel for turn bodies (turn-html-channel.ts): one per document request; null for
 * an RSC request (header RSC: 1: soft navigation, prefetch, refresh), whose payload carries them.
 */
export const requestTurnHtmlChannel = cache(async (): Promise<TurnHtmlChannel | null> => {
  return (await headers()).get("rsc") === "1" ? null : openTurnHtmlChannel();
});
