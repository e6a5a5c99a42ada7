// Hostile HTTP against the production server (src/cli/serve.ts), sent as raw bytes over sockets so
// that nothing normalises them on the way: every route of ROUTES × every method × hostile path
// segments (seeded), static files included — never a 5xx, never a stack trace, 405 with
// `Allow: GET, HEAD` for other methods; a burst of crafted requests does not delay ordinary ones;
// the production settings (SITE_URL set on this server by tests/e2e/serve.ts) reach every response.
import net from "node:net";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { allowedMethods, ROUTES } from "../../src/lib/route-params.ts";
import { SLUG } from "./support";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const SITE_URL = process.env.E2E_SITE_URL!;
const STACK_TRACE = /at .+\.(ts|js|tsx|mjs):\d+|node_modules|\/work\/|\.next\/server|SqliteError|PrismaClient|TypeError|ReferenceError/;

type RawResponse = { status: number; head: string; body: string };
type RawOptions = { port?: number; headers?: Record<string, string>; timeout?: number };

/** One request over a fresh socket; `target` may hold any bytes (latin1 string). */
function raw(method: string, target: string, { port = PORT, headers = {}, timeout = 30_000 }: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(timeout, () => socket.destroy(new Error(`no answer in ${timeout} ms to ${method} ${target.slice(0, 80)}`)));
    socket.on("connect", () => {
      const extra = Object.entries({ host: `127.0.0.1:${port}`, connection: "close", ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.write(Buffer.from(`${method} ${target} HTTP/1.1\r\n${extra}\r\n`, "latin1"));
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const data = Buffer.concat(chunks);
      const split = data.indexOf("\r\n\r\n");
      const head = (split === -1 ? data : data.subarray(0, split)).toString("latin1");
      let body: Buffer = split === -1 ? Buffer.alloc(0) : data.subarray(split + 4);
      if (/^transfer-encoding: chunked/im.test(head)) body = dechunk(body);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: body.toString("utf8") });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    const lineEnd = data.indexOf("\r\n", at);
    const size = parseInt(data.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const header = (response: RawResponse, name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(response.head)?.[1]?.trim();

const EXAMPLES: Record<string, string> = {
  slug: SLUG,
  number: "2",
  turnId: "c6-04",
  n: "3",
  file: "0.xml",
};
const exampleId = (route: string) =>
  route.startsWith("/speakers") ? "monica" : route.startsWith("/topics") ? "multimodal" : "parameters-not-at-ceiling";
const fill = (route: string, segment: (name: string) => string) =>
  route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => segment(name));
const valid = (route: string) => fill(route, (name) => EXAMPLES[name] ?? exampleId(route));

const HOSTILE_SEGMENTS = [
  "%ZZ",
  "%",
  "%E4%B8",
  "%C0%AE%C0%AE",
  "%E0%80%AF",
  "%F0%80%80%AF",
  "%ED%A0%80",
  "%ED%B0%80",
  "%FF%FE",
  "%00",
  "a%00b",
  "..",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f%2e%2e%2f",
  "....%2F%2F",
  "%252e%252e",
  "%5C..%5C..%5Cwin.ini",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%0D%0ASet-Cookie:%20x=1",
  "%E4%B8%AD%E6%96%87",
  "\u00e4\u00b8\u00ad", // the raw UTF-8 bytes of 中
  "\u00c0\u00ae", // a raw overlong byte pair
  "\u00ff",
  "a".repeat(10_240),
  "%E4%B8%AD".repeat(1_140),
  "c1-01%20OR%201=1",
  "-1",
  "99999999999999999999",
  "0x10",
  "1e4",
];
const HOSTILE_QUERIES = [
  "page=%ZZ",
  "q=%ED%A0%80",
  "speaker=..%2F",
  "limit=1e4",
  "offset=0x10",
  "page=1&page=2",
  "x=" + "%FF".repeat(2000),
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "get"];
const ROUTE_KEYS = Object.keys(ROUTES);

type Probe = [method: string, target: string];

/** The methods the target's route answers (GET, HEAD and those it declares in ROUTES, e.g. POST /language). */
const allowedAt = (target: string) => allowedMethods(target.split("?")[0]!);

/**
 * What a method may answer: GET/HEAD, and a method the route declares, anything but 5xx (its
 * handler checks the body); others 405 (400 when Node's parser rejects the request line).
 */
function acceptable(method: string, target: string, status: number): boolean {
  if (status < 200 || status >= 500) return false;
  // 431: request line and headers over Node's 16 KB, refused by Node before any method check.
  if (method === "GET" || method === "HEAD" || status === 431 || allowedAt(target).includes(method)) return true;
  const wellFormed = /^[\x21-\x7e]*$/.test(target) && /^[A-Z]+$/.test(method);
  return status === 405 || (status === 400 && (!wellFormed || method === "CONNECT"));
}

async function sendAll(requests: Probe[], concurrency = 4) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const [method, target] = requests[next++]!;
      const response = await raw(method, target);
      const where = `${response.status} ${method} ${target.slice(0, 100)}`;
      if (!acceptable(method, target, response.status)) failures.push(where);
      else if (STACK_TRACE.test(response.body)) failures.push(`stack trace in ${where}`);
      else if (response.status === 405 && header(response, "allow") !== allowedAt(target).join(", "))
        failures.push(`no Allow: ${allowedAt(target).join(", ")} in ${where}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

// About 1,700 requests: 30 s on a quiet machine, 2 min while other builds and browser tests run.
test.describe.configure({ timeout: 480_000 });

test("every route × every method × hostile path segments: no 5xx, no stack trace, 405 for other methods", async ({ request }) => {
  const home = await (await request.get("/")).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(home)?.[0];
  expect(asset).toBeTruthy();
  const staticTargets = [
    "/_next/static/..%2F..%2Fpackage.json",
    "/_next/static/chunks/%2e%2e/%2e%2e/server/app/page.js",
    "/_next/static/../../package.json",
    "/_next/webpack-hmr",
    "/__nextjs_original-stack-frame?file=/etc/passwd",
    asset!,
    "/_next/static/chunks/nope.js",
    "/_next/static/%ZZ",
    "/favicon.ico",
    "/_next/image?url=%2Fx&w=64&q=75",
    "/_next/data/x.json",
  ];

  const requests: Probe[] = [];
  for (const route of ROUTE_KEYS) {
    // GET: each hostile segment in place of each parameter (or after a route without one), and hostile queries.
    for (const bad of HOSTILE_SEGMENTS) {
      const names = [...route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
      if (names.length === 0) requests.push(["GET", `${route.replace(/\/$/, "")}/${bad}`]);
      for (const name of names) requests.push(["GET", fill(route, (n) => (n === name ? bad : (EXAMPLES[n] ?? exampleId(route))))]);
    }
    for (const query of HOSTILE_QUERIES) requests.push(["GET", `${valid(route)}?${query}`]);
    // Every method on a valid URL of the route.
    for (const method of METHODS) requests.push([method, valid(route)]);
  }
  for (const target of staticTargets) for (const method of METHODS) requests.push([method, target]);
  // And a seeded sample of random combinations.
  const random = fc.sample(fc.tuple(fc.constantFrom(...METHODS), fc.constantFrom(...ROUTE_KEYS), fc.constantFrom(...HOSTILE_SEGMENTS)), {
    numRuns: 300,
    seed: 14,
  });
  for (const [method, route, bad] of random) requests.push([method, fill(route, () => bad)]);

  const failures = await sendAll(requests);
  expect(failures).toEqual([]);
  expect(requests.length).toBeGreaterThan(1_500);
});

test("a malformed URL is a 400 with a message, an unknown one a 404; other methods a 405", async () => {
  for (const target of [
    "/_next/static/..%2F..%2Fpackage.json",
    "/_next/static/chunks/%2e%2e/%2e%2e/server/app/page.js",
    "/..%2fpackage.json",
  ]) {
    const traversal = await raw("GET", target);
    expect([traversal.status, traversal.body], target).toEqual([404, expect.not.stringMatching(/"dependencies"|require\(/)]);
  }
  const bad = await raw("GET", "/sitemaps/%ZZ.xml");
  expect(bad.status).toBe(400);
  expect(bad.body).toMatch(/sitemap file .*not valid percent-encoding/);
  expect((await raw("GET", "/no/such/page")).status).toBe(404);
  const trace = await raw("TRACE", "/api/episodes");
  expect([trace.status, header(trace, "allow")]).toEqual([405, "GET, HEAD"]);
  expect(JSON.parse(trace.body)).toEqual({ error: "method_not_allowed", message: expect.stringMatching(/TRACE is not allowed/) });
  const long = await raw("GET", "/search?q=" + "x".repeat(9_000));
  expect(long.status).toBe(414);
  const many = await raw("GET", "/api/search?" + Array.from({ length: 101 }, (_, i) => `p${i}=1`).join("&"));
  expect([many.status, JSON.parse(many.body).message]).toEqual([400, "the URL has more than 100 query parameters"]);
});

const UPGRADE = {
  connection: "Upgrade",
  upgrade: "websocket",
  "sec-websocket-version": "13",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
};

test("an upgrade request is an ordinary GET: the guard sees it, and the page answers", async () => {
  // Next.js routed upgrade requests itself, past the guard: 7,000 parameters held the server 4 s.
  const crafted = await raw("GET", "/api/topics?" + Array(7_000).fill("a").join("&"), { headers: UPGRADE });
  expect(crafted.status).toBe(414);
  const many = await raw("GET", "/?" + "a&".repeat(200), { headers: UPGRADE });
  expect(many.status).toBe(400);
  expect((await raw("GET", "/api/topics", { headers: UPGRADE })).status).toBe(200);
  expect((await raw("POST", "/", { headers: UPGRADE })).status).toBe(405);
});

test("a burst of crafted requests does not delay ordinary ones", async () => {
  // 7,000 query parameters in 14 KB: before the request guard, Next.js spent 1.5–2 s parsing each
  // one, and other requests waited (unguarded, this test fails: ordinary requests take seconds).
  const crafted = "/api/topics?" + Array(7_000).fill("a").join("&");
  const craftedShort = "/api/topics?" + Array(4_000).fill("a").join("&").slice(0, 8_000);
  const LATE = 3_000;
  const ordinary = async (count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const response = await raw("GET", "/api/topics", { timeout: LATE }).catch(() => null);
      expect([200, null]).toContain(response?.status ?? null);
      times.push(response ? performance.now() - started : LATE);
    }
    return times.sort((a, b) => a - b)[Math.floor(count / 2)]!;
  };
  const before = await ordinary(11);
  let burstOn = true;
  const craftedStatuses: number[] = [];
  const attacker = async () => {
    for (let i = 0; burstOn; i++) {
      // Every third one asks for a WebSocket upgrade, which Node.js hands to a separate event.
      const headers = i % 3 === 2 ? UPGRADE : {};
      const response = await raw("GET", i % 2 ? crafted : craftedShort, { timeout: 10_000, headers }).catch(() => null);
      craftedStatuses.push(response?.status ?? 0);
    }
  };
  const attackers = Array.from({ length: 4 }, attacker);
  const during = await ordinary(11);
  burstOn = false;
  await Promise.all(attackers);
  console.log(
    `ordinary median ${before.toFixed(0)} ms alone, ${during.toFixed(0)} ms during a burst of ${craftedStatuses.length} crafted requests`,
  );
  expect(during, `median of ordinary requests: ${before.toFixed(0)} ms alone, ${during.toFixed(0)} ms during the burst`).toBeLessThan(
    before * 3 + 150,
  );
  expect(new Set(craftedStatuses)).toEqual(new Set([400, 414]));
  expect(craftedStatuses.length).toBeGreaterThanOrEqual(30);
});

test("production settings: SITE_URL everywhere and never localhost, HSTS, CORP, Cache-Control", async ({ request }) => {
  expect(SITE_URL).toMatch(/^https:\/\//);
  const pages = [
    "/",
    `/episodes/${SLUG}`,
    `/episodes/${SLUG}/turns/c6-04`,
    `/episodes/${SLUG}/chapters/2`,
    `/episodes/${SLUG}/questions/3`,
    "/speakers/monica",
    "/topics/multimodal",
    "/quotes/parameters-not-at-ceiling",
    "/sitemap.xml",
    "/robots.txt",
    "/api/episodes",
    `/api/episodes/${SLUG}`,
  ];
  for (const path of pages) {
    // A Host header naming another site must not leak into absolute URLs either.
    const response = await request.get(path, { headers: { host: "evil.example", "x-forwarded-host": "evil.example" } });
    expect(response.status(), path).toBe(200);
    const body = await response.text();
    expect(body, path).not.toMatch(/localhost|127\.0\.0\.1|evil\.example/);
    const headers = response.headers();
    expect(headers["strict-transport-security"], path).toBe("max-age=31536000");
    expect(headers["cross-origin-resource-policy"], path).toBe("same-origin");
    if (path.startsWith("/api/")) expect(headers["cache-control"], path).toBe("public, max-age=60");
  }
  const reader = await (await request.get(`/episodes/${SLUG}/turns/c6-04`)).text();
  expect(reader).toContain(`<link rel="canonical" href="${SITE_URL}/episodes/${SLUG}/turns/c6-04"/>`);
  expect(reader).toContain(`<meta property="og:url" content="${SITE_URL}/episodes/${SLUG}/turns/c6-04"/>`);
  expect(await (await request.get("/robots.txt")).text()).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
  expect(await (await request.get("/sitemap.xml")).text()).toContain(`<loc>${SITE_URL}/episodes/${SLUG}</loc>`);
  // Errors carry the same headers and are not cached.
  for (const [method, path, status] of [
    ["GET", "/api/episodes/Bad_Slug", 400],
    ["GET", "/episodes/Bad_Slug", 400],
    ["POST", "/api/search", 405],
    ["DELETE", "/", 405],
    ["GET", "/?" + "a&".repeat(200), 400],
  ] as const) {
    const response = await raw(method, path);
    expect(response.status, path).toBe(status);
    expect(header(response, "strict-transport-security"), path).toBe("max-age=31536000");
    expect(header(response, "cross-origin-resource-policy"), path).toBe("same-origin");
    expect(header(response, "cache-control"), path).toBe("no-store");
  }
});

test("without SITE_URL (the hostile-library server): the quick start's localhost origin and no HSTS", async ({ request }) => {
  const base = process.env.E2E_HOSTILE_URL!;
  const response = await request.get(`${base}/robots.txt`);
  expect(await response.text()).toContain(`Sitemap: http://localhost:${PORT + 1}/sitemap.xml`);
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
  expect(response.headers()["cross-origin-resource-policy"]).toBe("same-origin");
});
