// The reader's ?t= (a moment or a clip) and the clock the player shows: parsing every form the
// issue names (H:MM:SS, MM:SS, seconds, 1:04.620, start,end), refusing the rest with a message,
// and formatting that reads back to the same millisecond.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clockOf, formatMoment, formatMomentTime, MAX_SECONDS, parseMoment, parseMomentTime } from "../../src/lib/listen/moment.ts";
import { ROUTES, malformedUrlReason } from "../../src/lib/route-params.ts";

const seconds = (text: string) => {
  const result = parseMomentTime(text);
  if (!result.ok) throw new Error(result.message);
  return result.seconds;
};

describe("parseMomentTime", () => {
  it.each([
    ["1:23:45", 5025],
    ["01:23:45", 5025],
    ["23:45", 1425],
    ["5025", 5025],
    ["0", 0],
    ["1:04.620", 64.62],
    ["1:04.6", 64.6],
    ["0:12:04.500", 724.5],
    ["724.5", 724.5],
    ["724.25", 724.25],
    ["9:05", 545],
    ["100:00:00", 360_000],
  ])("%s is %d s", (text, expected) => {
    expect(seconds(text)).toBeCloseTo(expected, 6);
  });

  it.each([
    ["1:75", /minutes and seconds go up to 59/],
    ["83:45", /not a valid time: write H:MM:SS, MM:SS or M:SS/],
    ["1:04,620", /fraction with a dot/],
    ["1:04.6201", /at most three digits/],
    ["5025.1234", /not a time/],
    ["-5", /not a time/],
    ["+5", /not a time/],
    ["0x10", /not a time/],
    ["1e4", /not a time/],
    ["abc", /not a time/],
    ["1::4", /not a valid time/],
    ["99999999", /not a time/],
    ["9999999", /longer than any recording/],
  ])("%s is refused (%s)", (text, message) => {
    const result = parseMomentTime(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("parseMoment", () => {
  it("reads a moment and a clip", () => {
    expect(parseMoment("1:23:45")).toEqual({ ok: true, moment: { start: 5025, end: null } });
    expect(parseMoment("696,886")).toEqual({ ok: true, moment: { start: 696, end: 886 } });
    expect(parseMoment("11:36,14:46")).toEqual({ ok: true, moment: { start: 696, end: 886 } });
    expect(parseMoment("1:04.620,1:10")).toEqual({ ok: true, moment: { start: 64.62, end: 70 } });
  });

  it.each([
    ["886,696", /ends before it starts/],
    ["5,5", /ends before it starts/],
    ["1,2,3", /more than two times/],
    ["5,", /not a time/],
    [",5", /not a time/],
  ])("refuses %s", (text, message) => {
    const result = parseMoment(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("formatting", () => {
  it("writes the reader's clock, with a fraction only when there is one", () => {
    expect(formatMomentTime(5025)).toBe("1:23:45");
    expect(formatMomentTime(724.5)).toBe("12:04.5");
    expect(formatMomentTime(64.62)).toBe("1:04.62");
    expect(formatMomentTime(0)).toBe("0:00");
    expect(formatMoment({ start: 696, end: 886 })).toBe("11:36,14:46");
    expect(clockOf(3723.9)).toBe("1:02:03");
    expect(clockOf(59.999)).toBe("0:59");
  });

  it("reads back to the same millisecond (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(MAX_SECONDS * 1000) }), (ms) => {
        const text = formatMomentTime(ms / 1000);
        expect(Math.round(seconds(text) * 1000)).toBe(ms);
      }),
    );
  });
});

describe("the reader's t parameter in ROUTES", () => {
  const reader = "/episodes/some-episode";
  it("takes every form, on the reader and its chapter pages", () => {
    for (const t of ["1:23:45", "5025", "696,886", "1:04.620", "11:36,14:46"]) {
      expect(malformedUrlReason(reader, new URLSearchParams({ t }))).toBeNull();
      expect(malformedUrlReason(`${reader}/chapters/2`, new URLSearchParams({ t }))).toBeNull();
    }
    expect(ROUTES["/episodes/[slug]"].query.parse({ t: "696,886", speaker: "a" })).toEqual({
      ok: true,
      data: { speaker: ["a"], topic: [], q: "", t: { start: 696, end: 886 } },
    });
    expect(ROUTES["/episodes/[slug]"].query.parse({})).toMatchObject({ ok: true, data: { t: null } });
  });

  it("answers a malformed t with a message naming the parameter", () => {
    expect(malformedUrlReason(reader, new URLSearchParams({ t: "1:75" }))).toMatch(
      /^the 't' query parameter .*minutes and seconds go up to 59/,
    );
    expect(malformedUrlReason(reader, new URLSearchParams({ t: "886,696" }))).toMatch(/^the 't' query parameter .*ends before it starts/);
    expect(malformedUrlReason(reader, new URLSearchParams("t=1&t=2"))).toMatch(/given 2 times/);
  });
});
