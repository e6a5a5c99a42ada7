// Which hosts the Content-Security-Policy lets the page play audio from: the origins (scheme, host
// and port) of the library's audio URLs, and nothing else. Pure; src/lib/data/media.ts reads the
// URLs from the database and src/proxy.ts writes the directive.

/** The distinct http(s) origins of `urls`, sorted; anything that is not an http(s) URL is left out. */
export function mediaOrigins(urls: Iterable<string>): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      const parsed = new URL(url);
      // An origin never contains a character CSP treats as a separator (space, ';', ','): URL
      // parsing percent-encodes or refuses them, so a hostile URL cannot add a directive.
      if (parsed.protocol === "https:" || parsed.protocol === "http:") origins.add(parsed.origin);
    } catch {
      // not a URL: validation refuses these at ingest; nothing to allow
    }
  }
  return [...origins].sort();
}

/**
 * The media-src directive for these origins. Pages pass `self`: the transcript's WebVTT export is a
 * same-origin <track>, which media-src governs too. 'none' when nothing is allowed (API answers).
 */
export function mediaSrcDirective(origins: string[], self = false): string {
  const sources = self ? ["'self'", ...origins] : origins;
  return `media-src ${sources.length > 0 ? sources.join(" ") : "'none'"}`;
}
