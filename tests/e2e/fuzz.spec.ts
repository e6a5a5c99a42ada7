// Hostile search input: 10,000 random and adversarial query strings (FTS5 operators, quotes,
// control characters, very long strings, mixed scripts, URL-encoding tricks) against the search
// API and the search page. Not one answer may be a 5xx, and none may carry a stack trace.
import fc from "fast-check";
import { expect, test } from "@playwright/test";

const API_QUERIES = 8_000;
const PAGE_QUERIES = 2_000;
const CONCURRENCY = 8;

const ADVERSARIAL = [
  '"',
  '""',
  '"""',
  '"unbalanced',
  "*",
  "**",
  "NEAR(",
  "NEAR(a b, 3)",
  'NEAR("a" "b", -1)',
  "AND",
  "OR",
  "NOT",
  "a AND",
  "OR b",
  "NOT NOT",
  ":",
  "uni:开",
  "bi:开源",
  "words:x",
  "{uni bi}: x",
  "^",
  "^开源",
  "(",
  ")",
  "(((",
  ")))",
  "开源)",
  "-",
  "--",
  "- -",
  '-"x"',
  "+",
  "\\",
  '\\\\"',
  "'",
  "';--",
  "' OR 1=1 --",
  "%",
  "%%",
  "_",
  "[",
  "]",
  "{",
  "}",
  "\u0000",
  "\u0001\u0002",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\u2028\u2029",
  "\u202e开源",
  "\ufeff",
  "\u200b",
  "😀",
  "👨‍👩‍👧",
  "🇨🇳",
  "ＧＰＴ＊",
  "ｎｅａｒ（",
  "𠮷野家",
  "ﬁ",
  "İ",
  "ß",
  "Ω",
  "ⅷ",
  "①②",
  "한국어",
  "にほんご",
  "مرحبا",
  "עברית",
  "ไทย",
];

/** Percent-encodes anything, including lone surrogates (as the invalid UTF-8 a buggy client sends). */
function encodeLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return "%ED%A0%80";
        }
      })
      .join("");
  }
}

const URL_TRICKS = [
  "%00",
  "%ZZ",
  "%E4%B8",
  "%C0%AE%C0%AE",
  "%252522",
  "%u5f00",
  "%",
  "%%32%35",
  "%ED%A0%80",
  "%FF%FE",
  "+%2B+",
  "%0D%0ASet-Cookie:x=1",
];

function queryStrings(count: number, seed: number): string[] {
  const piece = fc.oneof(
    fc.constantFrom(...ADVERSARIAL),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom(..."的开源模型大语言多模态推理数据参数GPTPaLM540B-".split("")),
  );
  const query = fc.oneof(
    { weight: 6, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => encodeLoose(parts.join(" "))) },
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 2500 }).map((n) => encodeLoose("开源 ".repeat(n / 3).slice(0, n))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...URL_TRICKS), fc.constantFrom(...URL_TRICKS)).map(([a, b]) => `${a}x${b}`) },
  );
  return fc.sample(query, { numRuns: count, seed });
}

async function sendAll(urls: string[], send: (url: string) => Promise<{ status: number; body: string }>) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const { status, body } = await send(url);
      if (status >= 500 || /at .+\.(ts|js|tsx):\d+|node_modules|\/work\/|SqliteError|PrismaClient/.test(body))
        failures.push(`${status} ${url.slice(0, 120)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

test.describe.configure({ timeout: 600_000 });

test(`${API_QUERIES} hostile queries to /api/search: no 5xx`, async ({ request }) => {
  const urls = [...ADVERSARIAL.map(encodeLoose), ...URL_TRICKS, ...queryStrings(API_QUERIES, 42)]
    .slice(0, API_QUERIES)
    .map((q) => `/api/search?q=${q}`);
  expect(urls).toHaveLength(API_QUERIES);
  const failures = await sendAll(urls, async (url) => {
    const response = await request.get(url);
    return { status: response.status(), body: await response.text() };
  });
  expect(failures).toEqual([]);
});

test(`${PAGE_QUERIES} hostile queries to /search: no 5xx`, async ({ request }) => {
  const urls = queryStrings(PAGE_QUERIES, 7).map((q) => `/search?q=${q}`);
  const failures = await sendAll(urls, async (url) => {
    const response = await request.get(url);
    return { status: response.status(), body: await response.text() };
  });
  expect(failures).toEqual([]);
});
