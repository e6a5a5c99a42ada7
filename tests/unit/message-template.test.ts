import { describe, expect, it } from "vitest";
import { messageTemplate } from "../../src/i18n/message-template";

describe("messageTemplate", () => {
  it("fills the argument in the formatted message", () => {
    let calls = 0;
    const fill = messageTemplate((time) => (calls++, `Play from ${time}`));
    expect(fill("12:04")).toBe("Play from 12:04");
    expect(fill("1:00:00")).toBe("Play from 1:00:00");
    expect(calls).toBe(1);
  });

  it("formats every value when the argument does not appear exactly once", () => {
    const twice = messageTemplate((id) => `${id} and ${id}`);
    expect(twice("a")).toBe("a and a");
    const absent = messageTemplate((n) => (n === "1" ? "one" : "many"));
    expect(absent("1")).toBe("one");
  });
});
