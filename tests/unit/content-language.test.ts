import { describe, expect, it } from "vitest";
import { blockLanguage, guessLanguage } from "@/lib/content-language";

describe("content language", () => {
  it("is the episode's language, except an English block in a CJK episode", () => {
    expect(blockLanguage("我们现在最直接的其实是API", "zh-CN")).toBe("zh-CN");
    expect(blockLanguage("Scaling laws still hold, I think.", "zh-CN")).toBe("en");
    expect(blockLanguage("GPT-4", "zh-CN")).toBe("en");
    expect(blockLanguage("2023", "zh-CN")).toBe("zh-CN"); // no words: nothing to go by
    expect(blockLanguage("Scaling laws still hold.", "en")).toBe("en");
    expect(blockLanguage("规模定律", "en")).toBe("en"); // only CJK episodes are checked
  });

  it("guesses a text's language from its script when there is no episode", () => {
    expect(guessLanguage("Google Brain 研究员", "en")).toBe("zh-CN");
    expect(guessLanguage("OnBoard!", "zh-CN")).toBe("en");
    expect(guessLanguage("カタカナ", "en")).toBe("ja");
    expect(guessLanguage("…", "zh-CN")).toBe("zh-CN");
  });
});
