// Renders src/app/icon.svg into the other icon files Next.js serves by convention: apple-icon.png
// (180 px) and favicon.ico (16, 32 and 48 px PNGs in one ICO). Run with `npx tsx src/cli/make-icons.ts`
// after editing the SVG; it uses the Chromium the browser tests use.
import { chromium } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
const svg = readFileSync("src/app/icon.svg", "utf8");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const page = await browser.newPage();
const png = async (size: number, padded = false) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:${padded ? "#1c1917" : "transparent"}">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  return page.screenshot({ omitBackground: !padded, type: "png" });
};
writeFileSync("src/app/apple-icon.png", await png(180, true));
const sizes = [16, 32, 48];

const pngs: Buffer[] = [];
for (const s of sizes) pngs.push(await png(s));
// ICO with PNG-encoded images (supported by every current browser).
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(sizes.length, 4);
let offset = 6 + 16 * sizes.length;
const entries = sizes.map((s, i) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(s, 0);
  e.writeUInt8(s, 1);
  e.writeUInt8(0, 2);
  e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4);
  e.writeUInt16LE(32, 6);
  e.writeUInt32LE(pngs[i]!.length, 8);
  e.writeUInt32LE(offset, 12);
  offset += pngs[i]!.length;
  return e;
});
writeFileSync("src/app/favicon.ico", Buffer.concat([header, ...entries, ...pngs]));
await browser.close();
