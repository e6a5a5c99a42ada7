// The HTTP answer for an export: the exporter's Content-Type and a download file name.
import { NextResponse } from "next/server";
import type { Exporter } from "./content/exporters";
import type { ExportEpisode } from "./content/exporters";

export function exportResponse(exporter: Exporter, episode: ExportEpisode): Response {
  return new NextResponse(exporter.write(episode), {
    headers: {
      "content-type": exporter.contentType,
      // Slugs are lowercase ASCII, so the name needs no encoding.
      "content-disposition": `attachment; filename="${exporter.fileName(episode.slug)}"`,
    },
  });
}

export const episodeNotFound = (slug: string) =>
  NextResponse.json({ error: "not_found", message: `no episode '${slug}'` }, { status: 404 });
export const badRequest = (message: string) => NextResponse.json({ error: "bad_request", message }, { status: 400 });
