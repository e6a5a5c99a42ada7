// The interface language of the running Playwright project (projects "zh-CN" and "en" run the same
// tests), and its messages from the app's own catalogue: tests find elements by role and by the
// name the catalogue gives them, never by a hard-coded Chinese or English string.
import type { TestInfo } from "@playwright/test";
import { createTranslator } from "next-intl";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import zhCN from "../../src/i18n/messages/zh-CN.json" with { type: "json" };

export type TestLocale = "zh-CN" | "en";

export function localeOf(testInfo: TestInfo): TestLocale {
  return testInfo.project.use.locale?.startsWith("en") ? "en" : "zh-CN";
}

/** `t("Permalink.inReader")`, `t("Filter.shown", { shown: 3, total: 68 })` in the project's language. */
export function translator(testInfo: TestInfo) {
  const locale = localeOf(testInfo);
  return createTranslator({ locale, messages: locale === "en" ? en : zhCN });
}
