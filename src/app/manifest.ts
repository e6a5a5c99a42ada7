import type { MetadataRoute } from "next";
import { MESSAGES } from "@/i18n/messages";

// The web app manifest (/manifest.webmanifest): names and icons for a reader who installs the site.
// One file for everyone, so it names the site in both interface languages.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: `${MESSAGES["zh-CN"].Site.name} · ${MESSAGES.en.Site.name}`,
    short_name: MESSAGES["zh-CN"].Site.name,
    start_url: "/",
    display: "browser",
    background_color: "#fafaf9",
    theme_color: "#1c1917",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/apple-icon.png", type: "image/png", sizes: "180x180" },
    ],
  };
}
