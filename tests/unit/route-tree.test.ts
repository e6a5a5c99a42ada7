// Every route of src/app has an entry in ROUTES (src/lib/route-params.ts) with a schema for each
// dynamic segment and a query schema, and every entry is a route: a new page, route handler or
// metadata route cannot go unvalidated by the proxy.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { malformedUrlReason, matchRoute, ROUTES } from "../../src/lib/route-params.ts";

const APP = path.join(import.meta.dirname, "../../src/app");

const METADATA_IMAGE = /^(icon|apple-icon|opengraph-image|twitter-image)$/;

/** The URL path of a route file in the app directory, or null when the file is not a route. */
function routeOf(dir: string[], file: string): string | null {
  const base = file.replace(/\.[^.]+$/, "");
  const ext = file.slice(base.length + 1);
  const at = (last: string) => "/" + [...dir, last].filter(Boolean).join("/");
  if (base === "page" && /^(tsx|ts|jsx|js|mdx)$/.test(ext)) return at("");
  if (base === "route" && /^(ts|js)$/.test(ext)) return at("");
  if (base === "robots") return at("robots.txt");
  if (base === "sitemap") return at("sitemap.xml");
  if (base === "manifest") return at(/^(json|webmanifest)$/.test(ext) ? file : "manifest.webmanifest");
  if (file === "favicon.ico") return at(file);
  if (METADATA_IMAGE.test(base)) return at(/^(tsx|ts|jsx|js)$/.test(ext) ? base : file);
  return null;
}

/** Every route under src/app: folders starting with _ are private, (groups) and @slots add no segment. */
function routeTree(dir = APP, segments: string[] = []): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue;
      expect(entry.name, "intercepting and optional catch-all routes are not supported by ROUTES yet").not.toMatch(/^\(\.|^\[\[/);
      const skip = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@");
      routes.push(...routeTree(path.join(dir, entry.name), skip ? segments : [...segments, entry.name]));
    } else {
      const route = routeOf(segments, entry.name);
      if (route) routes.push(route.length > 1 ? route.replace(/\/$/, "") : route);
    }
  }
  return routes;
}

const tree = routeTree().sort();
const registered = Object.keys(ROUTES).sort();
const paramNames = (route: string) => [...route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

describe("the route tree and ROUTES agree", () => {
  it("finds the routes (pages, route handlers, metadata routes)", () => {
    expect(tree).toEqual(
      expect.arrayContaining(["/", "/episodes/[slug]", "/api/search", "/robots.txt", "/sitemap.xml", "/sitemaps/[file]"]),
    );
  });

  it("every route of src/app has an entry in ROUTES, and every entry is a route", () => {
    const unregistered = tree.filter((route) => !registered.includes(route));
    const stale = registered.filter((route) => !tree.includes(route));
    expect({ unregistered, stale }, "add each unregistered route to ROUTES in src/lib/route-params.ts").toEqual({
      unregistered: [],
      stale: [],
    });
  });

  it.each(tree)("%s has a schema for each dynamic segment and a query schema", (route) => {
    const spec = ROUTES[route as keyof typeof ROUTES];
    expect(Object.keys(spec.params).sort()).toEqual(paramNames(route).sort());
    for (const schema of Object.values(spec.params)) expect(typeof (schema as { safeParse?: unknown }).safeParse).toBe("function");
    expect(typeof spec.query.parse).toBe("function");
    expect(spec.query.parse(new URLSearchParams()).ok).toBe(true);
  });

  it.each(tree)("%s: a URL of this shape is matched to it", (route) => {
    const example = route.replace(/\[(?:\.\.\.)?\w+\]/g, "x");
    expect(matchRoute(example)?.key).toBe(route);
  });

  it.each(tree.filter((r) => r.includes("[")))("%s: malformed segments answer 400", (route) => {
    for (const bad of ["%ZZ", "%E4%B8", "%00", "..%2F..%2Fetc", "%ED%A0%80", "a".repeat(10_000)]) {
      const url = route.replace(/\[(?:\.\.\.)?\w+\]/g, bad);
      expect(malformedUrlReason(url, new URLSearchParams()), url.slice(0, 80)).toEqual(expect.any(String));
    }
  });
});
