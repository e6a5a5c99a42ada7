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
