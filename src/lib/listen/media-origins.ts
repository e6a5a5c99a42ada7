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

/** The media-src directive for these origins: 'none' when the library has no audio. */
export function mediaSrcDirective(origins: string[]): string {
  return `media-src ${origins.length > 0 ? origins.join(" ") : "'none'"}`;
}
