// The interface languages: the catalogue is complete in both, the language is chosen as documented,
// and no interface text is written into a component.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "@/i18n/locales";
import { MESSAGES } from "@/i18n/messages";
import { ROOT } from "../support/seed";

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): Array<[string, string]> =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
/** ICU arguments and rich-text tags a message uses: {count, plural, …} -> count; <content> -> <content>. */
const argumentsOf = (message: string) =>
  [
    ...new Set(
      [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)]
        .map((m) => m[1]!)
        .concat([...message.matchAll(/<(\w+)>/g)].map((m) => `<${m[1]}>`)),
    ),
  ].sort();

describe("message catalogue", () => {
  const zh = new Map(leaves(MESSAGES["zh-CN"] as unknown as Tree));
  const en = new Map(leaves(MESSAGES.en as unknown as Tree));

  it("has the same keys in zh-CN and en, none empty", () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, value] of [...zh, ...en]) expect(value.trim(), key).not.toBe("");
  });

  it("uses the same ICU arguments and tags in both languages", () => {
    for (const [key, value] of zh) expect(argumentsOf(en.get(key)!), key).toEqual(argumentsOf(value));
  });

  it("writes English interface text without Chinese characters (examples of search queries excepted)", () => {
    const allowed = new Set(["Search.exampleAll", "Search.exampleExclude", "Search.placeholder"]);
    for (const [key, value] of en) if (!allowed.has(key)) expect(value, key).not.toMatch(/\p{Script=Han}/u);
  });
});

describe("choosing the interface language", () => {
  it("takes an explicit choice first, then Accept-Language, then the default", () => {
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
    expect(negotiateLocale({ cookie: "zh-CN", acceptLanguage: "en-US" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: "fr", acceptLanguage: "en-GB,en;q=0.8" })).toBe("en"); // unknown cookie ignored
    expect(negotiateLocale({ acceptLanguage: "zh-TW,zh;q=0.9,en;q=0.8" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "de-DE,de;q=0.9,en;q=0.5,zh;q=0.4" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "en;q=0.2,zh-Hans;q=0.8" })).toBe("zh-CN"); // by quality, not order
    expect(negotiateLocale({ acceptLanguage: "fr-FR" })).toBe("en"); // neither: English for a non-Chinese reader
    expect(negotiateLocale({ acceptLanguage: "zh;q=0, en" })).toBe("en");
    expect(negotiateLocale({})).toBe("zh-CN"); // no header at all (crawlers, curl): the default
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("zh-CN");
  });

  it("parses Accept-Language by quality, dropping q=0 and malformed entries", () => {
    expect(parseAcceptLanguage("en-US,en;q=0.9,zh;q=0.95, ,fr;q=0")).toEqual(["en-US", "zh", "en"]);
  });
});

describe("components hold no interface text", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? files(file) : /\.tsx?$/.test(name) ? [file] : [];
    });

  it("has no Chinese in src/app and src/components: every string comes from the catalogue", () => {
    const offenders = [...files(path.join(ROOT, "src/app")), ...files(path.join(ROOT, "src/components"))].flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /\p{Script=Han}/u.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});
