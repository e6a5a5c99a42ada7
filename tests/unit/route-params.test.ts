import { describe, expect, it } from "vitest";
import { malformedUrlReason } from "../../src/lib/route-params.ts";

const reason = (url: string) => {
  const parsed = new URL(url, "http://x");
  return malformedUrlReason(parsed.pathname, parsed.searchParams);
};

describe("malformed URLs answer 400 with a reason", () => {
  it.each([
    "/episodes/BAD_slug",
    "/episodes/%E4%B8%AD",
    "/episodes/ok/chapters/abc",
    "/episodes/ok/chapters/1.5",
    "/episodes/ok/turns/DROP%20TABLE",
    "/episodes/ok/turns/c1",
    "/episodes/ok?speaker=%3Cscript%3E",
    "/episodes/ok?topic=a&topic=../etc",
    "/speakers/..%2F..%2Fetc",
    "/topics/x%ZZ",
    "/api/episodes/Not_A_Slug",
    "/sitemaps/%ZZ.xml",
    "/sitemaps/zero.xml",
    "/quotes?speaker=BAD_slug",
    "/quotes/x%ZZ",
    "/episodes/" + "a".repeat(101),
  ])("%s", (url) => {
    expect(reason(url)).toEqual(expect.any(String));
  });

  it.each([
    "/",
    "/episodes/onboard-generative-ai-frontier",
    "/episodes/onboard-generative-ai-frontier?speaker=yiwen-li&topic=multimodal",
    "/episodes/onboard-generative-ai-frontier/chapters/9",
    "/episodes/onboard-generative-ai-frontier/turns/c5-05-note1",
    "/episodes/does-not-exist",
    "/speakers/nobody",
    "/topics/multimodal",
  ])("%s is well-formed (it may still be a 404)", (url) => {
    expect(reason(url)).toBeNull();
  });
});

describe("one rule for numbers: decimal digits only", () => {
  const numbers = [
    "0x10",
    "1e4",
    "0b11",
    "0o7",
    "+5",
    "-5",
    " 5",
    "5 ",
    "5.0",
    "5.",
    "١٢",
    "Infinity",
    "NaN",
    "1_000",
    "99999999999999999999",
  ];
  it.each([
    "/api/episodes?limit=",
    "/api/episodes?offset=",
    "/api/search?limit=",
    "/api/search?offset=",
    "/api/search?chapter=",
    "/search?offset=",
    "/?page=",
    "/speakers/x?page=",
    "/topics/x?page=",
  ])("%s<not digits> answers 400", (prefix) => {
    for (const n of numbers) expect(reason(prefix + encodeURIComponent(n)), n).toMatch(/query parameter .*decimal digits/);
    expect(reason(prefix + "5")).toBeNull();
    expect(reason(prefix + "05")).toBeNull();
  });
});

describe("one rule for repeated parameters: a list where the contract says so, otherwise 400", () => {
  it.each([
    "/api/search?q=a&q=b",
    "/search?q=a&q=b",
    "/api/search?limit=5&limit=6",
    "/api/episodes?limit=1&limit=1",
    "/api/quotes?speaker=monica&speaker=yiwen-li",
    "/quotes?topic=a&topic=b",
    "/?page=1&page=2",
    "/speakers/monica?page=1&page=1",
    "/episodes/x/turns/c1-01?q=a&q=b",
  ])("%s answers 400", (url) => {
    expect(reason(url)).toMatch(/query parameter is given 2 times; it takes one value/);
  });

  it.each(["/episodes/x?speaker=a&speaker=b&topic=c&topic=d", "/episodes/x/chapters/2?speaker=a&speaker=b"])(
    "%s: the reader's filters are lists",
    (url) => {
      expect(reason(url)).toBeNull();
    },
  );

  it("an empty value counts as absent, and parameters a route does not define are ignored", () => {
    expect(reason("/api/search?q=&q=x&limit=")).toBeNull();
    expect(reason("/api/topics?utm_source=x&utm_source=y&limit=0x10")).toBeNull();
  });
});
