// Printing the reader: a clean document, markedly shorter than the screen page printed as is (27
// A4 pages before the print stylesheet). Counted from Chromium's own PDF.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { READER } from "./support";

/** Pages of a PDF: Chromium writes one /Type /Page object per page. */
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
const hasPoppler = existsSync("/usr/bin/pdftotext");

test("the reader prints without interface clutter: speaker and time on every turn, the address on the first page", async ({ page }) => {
  await page.goto(READER);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [
    "header.site-header",
    "footer.site-footer",
    "#filters",
    "[data-testid=reader-jumps]",
    "[data-copy-link]",
    "#site-search",
  ]) {
    await expect(page.locator(hidden).first(), hidden).toBeHidden();
  }
  await expect(page.locator("#c6-04 .turn-speaker")).toBeVisible();
  await expect(page.locator("#c6-04 time")).toHaveText("01:46:42");
  await expect(page.locator("#c6-04 [data-turn-anchor]")).toBeVisible();
  await expect(page.getByTestId("print-urls")).toBeVisible();
  // The episode's address and the pattern of every turn's permalink (the turn ids are printed).
  await expect(page.getByTestId("print-urls")).toContainText(`${READER}`);
  await expect(page.getByTestId("print-urls")).toContainText(`${READER}/turns/`);
});

test("the seed prints in at most 17 A4 pages (27 before the print stylesheet), and no chapter heading ends a page", async ({ page }) => {
  await page.goto(READER);
  const pdf = await page.pdf({ format: "A4" });
  const pages = pageCount(pdf);
  const dir = mkdtempSync(path.join(tmpdir(), "podcast-kb-print-"));
  const file = path.join(dir, "reader.pdf");
  writeFileSync(file, pdf);
  await test.info().attach("reader.pdf", { path: file, contentType: "application/pdf" });
  expect(pages).toBeGreaterThan(4);
  expect(pages).toBeLessThanOrEqual(17);
  test.skip(!hasPoppler, "pdftotext (poppler-utils) is not installed");
  const titles = await page.locator("section[data-chapter] h2").allTextContents();
  for (let n = 1; n <= pages; n++) {
    const text = execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
    const lines = text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const last = lines.at(-1) ?? "";
    for (const title of titles)
      expect(last.replace(/\s+/g, ""), `page ${n} ends with a chapter heading`).not.toBe(title.replace(/\s+/g, ""));
  }
});
