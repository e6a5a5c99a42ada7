// Two interface languages on the same URLs: the browser's Accept-Language decides, the header's
// switch overrides it (a cookie), <html lang> follows, content keeps its own lang.
import { expect, test } from "@playwright/test";
import { localeOf, translator } from "./i18n";
import { READER } from "./support";

test("the interface follows Accept-Language, and content keeps its own language", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  const locale = localeOf(testInfo);
  await page.goto(READER);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(
    page.getByRole("navigation", { name: t("Layout.navLabel") }).getByRole("link", { name: t("Layout.speakers") }),
  ).toBeVisible();
  // The interview is Chinese in either interface: its title, turns and chapter titles say so.
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("#c1-01 .prose-turn")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("#chapter-1-title [lang]")).toHaveAttribute("lang", "zh-CN");
  // Every turn's text carries a lang.
  expect(await page.locator("article[data-turn-id] .prose-turn:not([lang])").count()).toBe(0);
  // Dates through Intl in the interface language.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date("2023-12-08"));
  await expect(page.locator("time[datetime='2023-12-08']").first()).toHaveText(date);
});

test("the header switch changes the language on the same URL, remembers it, and works without JavaScript", async ({
  browser,
}, testInfo) => {
  const from = localeOf(testInfo);
  const to = from === "en" ? "zh-CN" : "en";
  const context = await browser.newContext({ javaScriptEnabled: false, locale: testInfo.project.use.locale });
  const page = await context.newPage();
  const url = `${READER}/chapters/2?speaker=monica`;
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("lang", from);
  const button = page.getByTestId("language-switch").getByRole("button");
  await expect(button).toHaveAttribute("lang", to);
  await button.click();
  await expect(page).toHaveURL(new RegExp(`${url.replace(/[?]/g, "\\?")}$`)); // the same address
  await expect(page.locator("html")).toHaveAttribute("lang", to);
  expect((await context.cookies()).find((c) => c.name === "locale")?.value).toBe(to);
  // Remembered: another page comes in the chosen language, whatever the browser asks for.
  await page.goto("/topics");
  await expect(page.locator("html")).toHaveAttribute("lang", to);
  // And back.
  await page.getByTestId("language-switch").getByRole("button").click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.locator("html")).toHaveAttribute("lang", from);
  await context.close();
});

test("the language endpoint refuses bad input and never redirects off the site", async ({ request }) => {
  const post = (form: Record<string, string>) => request.post("/language", { form, maxRedirects: 0 });
  expect((await post({ locale: "fr", return: "/" })).status()).toBe(400);
  expect((await post({ locale: "en", return: "//evil.example/" })).status()).toBe(400);
  expect((await post({ locale: "en", return: "https://evil.example/" })).status()).toBe(400);
  const ok = await post({ locale: "en", return: "/speakers?x=1" });
  expect(ok.status()).toBe(303);
  expect(ok.headers()["location"]).toBe("/speakers?x=1");
  expect(ok.headers()["set-cookie"]).toMatch(/^locale=en;.*Path=\//);
  // A GET changes nothing and goes to the home page, where the switch is.
  const get = await request.get("/language", { maxRedirects: 0 });
  expect([get.status(), get.headers()["location"], get.headers()["set-cookie"]]).toEqual([303, "/", undefined]);
});

test("favicon and app icons are served", async ({ page, request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /image\/svg\+xml/],
    ["/apple-icon.png", /image\/png/],
    ["/manifest.webmanifest", /application\/manifest\+json/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  await page.goto("/");
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", /\/icon\.svg/);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", /\/apple-icon\.png/);
});

test("the footer tells a reader what the site is and where to go", async ({ page }, testInfo) => {
  const t = translator(testInfo);
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText(t("Footer.about"));
  await expect(footer).toContainText(t("Footer.shortcuts"));
  await expect(footer.getByRole("navigation", { name: t("Footer.linksLabel") }).getByRole("link")).toHaveCount(5);
});
