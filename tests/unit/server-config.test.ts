// The production server's settings (src/lib/config.ts) and what it refuses before Next.js parses a
// request (src/lib/request-guard.ts); src/cli/serve.ts is tested started, in tests/e2e/http-hardening.spec.ts.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadServerConfig } from "../../src/lib/config.ts";
import { errorResponse } from "../../src/lib/error-response.ts";
import { MAX_QUERY_PARAMETERS, MAX_TARGET_BYTES, refuseRequest } from "../../src/lib/request-guard.ts";

describe("settings", () => {
  it("without SITE_URL: the quick start keeps working on http://localhost:<PORT>, with a warning", () => {
    const result = loadServerConfig({ PORT: "4123" });
    expect(result).toEqual({
      ok: true,
      config: { port: 4123, siteUrl: "http://localhost:4123", siteUrlConfigured: false, hsts: false, warnings: [expect.any(String)] },
    });
    if (!result.ok) return;
    expect(result.config.warnings[0]).toMatch(/SITE_URL is not set.*canonical.*sitemap.*http:\/\/localhost:4123/);
    expect(loadServerConfig({}, "5000")).toMatchObject({ ok: true, config: { port: 5000, siteUrl: "http://localhost:5000" } });
    expect(loadServerConfig({ SITE_URL: "  " })).toMatchObject({ ok: true, config: { port: 3000, siteUrlConfigured: false } });
  });

  it("with an https SITE_URL: that origin, HSTS, no warning", () => {
    expect(loadServerConfig({ SITE_URL: "https://kb.example.org/" })).toEqual({
      ok: true,
      config: { port: 3000, siteUrl: "https://kb.example.org", siteUrlConfigured: true, hsts: true, warnings: [] },
    });
    expect(loadServerConfig({ SITE_URL: "http://kb.example.org:8080" })).toMatchObject({
      ok: true,
      config: { siteUrl: "http://kb.example.org:8080", hsts: false, warnings: [] },
    });
  });

  it.each([
    ["kb.example.org", /absolute http\(s\) URL/],
    ["/relative", /absolute http\(s\) URL/],
    ["ftp://kb.example.org", /http:\/\/ or https:\/\//],
    ["javascript:alert(1)", /http:\/\/ or https:\/\//],
    ["https://user:pw@kb.example.org", /user name or password/],
    ["https://kb.example.org/app", /origin only/],
    ["https://kb.example.org/?x=1", /origin only/],
    ["https://kb.example.org/#top", /origin only/],
  ])("SITE_URL=%s is refused", (value, message) => {
    const result = loadServerConfig({ SITE_URL: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(new RegExp(`SITE_URL .*${message.source}`));
  });

  it.each(["0x10", "1e4", "+80", "80.0", "65536", "http"])("PORT=%s is refused", (port) => {
    expect(loadServerConfig({ PORT: port }).ok).toBe(false);
  });

  it("npm run serve stops with the reason before starting when a setting is wrong", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "--port", "0"], {
      env: { ...process.env, SITE_URL: "kb.example.org" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid setting: SITE_URL must be an absolute http\(s\) URL/);
    expect(run.stderr).not.toMatch(/ at .*\.(ts|js):\d+/);
  });
});

describe("requests refused before Next.js parses them", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT", "get", undefined])(
    "%s: 405, Allow: GET, HEAD",
    (method) => {
      expect(refuseRequest(method, "/")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
    },
  );

  it("GET and HEAD pass", () => {
    expect(refuseRequest("GET", "/episodes/x?speaker=a")).toBeNull();
    expect(refuseRequest("HEAD", "/_next/static/chunks/a.js")).toBeNull();
  });

  it(`a URL over ${MAX_TARGET_BYTES} bytes: 414`, () => {
    expect(refuseRequest("GET", "/" + "a".repeat(MAX_TARGET_BYTES - 1))).toBeNull();
    expect(refuseRequest("GET", "/" + "a".repeat(MAX_TARGET_BYTES))).toMatchObject({ status: 414 });
  });

  it(`more than ${MAX_QUERY_PARAMETERS} query parameters: 400`, () => {
    const query = (n: number) => "/api/search?" + Array.from({ length: n }, (_, i) => `a${i}=1`).join("&");
    expect(refuseRequest("GET", query(MAX_QUERY_PARAMETERS))).toBeNull();
    expect(refuseRequest("GET", query(MAX_QUERY_PARAMETERS + 1))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/query parameters/),
    });
    expect(refuseRequest("GET", "/?" + "&".repeat(MAX_QUERY_PARAMETERS))).toMatchObject({ status: 400 });
    // Ampersands in the path are not query parameters.
    expect(refuseRequest("GET", "/" + "&".repeat(500))).toBeNull();
  });

  it("the refusal is JSON under /api/ and a small HTML page elsewhere, never cached", () => {
    const api = errorResponse("/api/", 405, "no", { allow: "GET, HEAD" });
    expect(api.headers).toMatchObject({ "content-type": "application/json", allow: "GET, HEAD", "cache-control": "no-store" });
    expect(JSON.parse(api.body)).toEqual({ error: "method_not_allowed", message: "no" });
    const page = errorResponse("/x", 414, "<script>");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(page.body).toContain("&#60;script&#62;");
  });
});
