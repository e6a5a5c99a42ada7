// The reader's turn-card HTML kept between requests (src/lib/reader/turn-card-cache.ts): per
// episode object (one per episode and data version: a re-ingest never meets old HTML) and key,
// bounded by the characters it holds.
import { describe, expect, it } from "vitest";
import { CACHED_CHARACTERS, cachedTurnCards, turnCardCacheSize } from "../../src/lib/reader/turn-card-cache";

describe("the turn-card cache", () => {
  it("makes a part once per episode object and key", () => {
    const episode = {};
    let made = 0;
    const make = () => `<article>${++made}</article>`;
    expect(cachedTurnCards(episode, "en\nc1-01\n100", make)).toBe("<article>1</article>");
    expect(cachedTurnCards(episode, "en\nc1-01\n100", make)).toBe("<article>1</article>");
    expect(cachedTurnCards(episode, "zh-CN\nc1-01\n100", make)).toBe("<article>2</article>");
    // The same episode read again after an ingest is another object: its HTML is made afresh.
    expect(cachedTurnCards({}, "en\nc1-01\n100", make)).toBe("<article>3</article>");
    expect(made).toBe(3);
  });

  it("keeps at most CACHED_CHARACTERS, dropping the least recently used episode first", () => {
    const third = Math.floor(CACHED_CHARACTERS / 3) + 1;
    const [a, b, c] = [{}, {}, {}];
    let made = 0;
    const make = (char: string) => () => (made++, char.repeat(third));
    cachedTurnCards(a, "k", make("a"));
    cachedTurnCards(b, "k", make("b"));
    cachedTurnCards(a, "k", make("a")); // a is used again: b is now the oldest
    expect(made).toBe(2);
    cachedTurnCards(c, "k", make("c")); // over the bound: b goes
    expect(turnCardCacheSize().characters).toBeLessThanOrEqual(CACHED_CHARACTERS);
    cachedTurnCards(a, "k", make("a"));
    expect(made).toBe(3);
    cachedTurnCards(b, "k", make("b"));
    expect(made).toBe(4);
    expect(turnCardCacheSize().characters).toBeLessThanOrEqual(CACHED_CHARACTERS);
  });
});
