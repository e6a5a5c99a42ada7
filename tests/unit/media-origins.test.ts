// The CSP's media-src: the origins of the library's audio URLs, nothing else.
import { describe, expect, it } from "vitest";
import { mediaOrigins, mediaSrcDirective } from "../../src/lib/listen/media-origins.ts";
import { contentSecurityPolicy } from "../../src/proxy.ts";

describe("media-src", () => {
  it("lists each origin once, sorted, with its port, and leaves out what is not http(s)", () => {
    expect(
      mediaOrigins([
        "https://cdn.example.org/a.mp3",
        "https://cdn.example.org/b.mp3?x=1",
        "http://127.0.0.1:4000/c.wav",
        "https://CDN.Example.org:443/d.mp3",
        "https://audio.example.net:8443/e.ogg",
        "ftp://files.example.org/f.mp3",
        "not a url",
      ]),
    ).toEqual(["http://127.0.0.1:4000", "https://audio.example.net:8443", "https://cdn.example.org"]);
  });

  it("cannot be made to add a directive", () => {
    const origins = mediaOrigins(["https://evil.example/;script-src *", "https://evil.example/ 'unsafe-inline'"]);
    expect(origins).toEqual(["https://evil.example"]);
    expect(mediaSrcDirective(origins)).toBe("media-src https://evil.example");
  });

  it("is 'none' when nothing is allowed, 'self' on pages (the WebVTT <track>), and sits in the policy", () => {
    expect(mediaSrcDirective([])).toBe("media-src 'none'");
    expect(mediaSrcDirective([], true)).toBe("media-src 'self'");
    const policy = contentSecurityPolicy("abc", false, ["https://cdn.example.org"]);
    expect(policy.split("; ")).toContain("media-src 'self' https://cdn.example.org");
    expect(contentSecurityPolicy("abc", false, [], false).split("; ")).toContain("media-src 'none'");
    expect(policy.split("; ").filter((d) => d.startsWith("media-src"))).toHaveLength(1);
  });
});
