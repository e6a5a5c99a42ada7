// A route that declares a method besides GET/HEAD in ROUTES (e.g. a form's POST) gets it through
// the request guard, with a bounded body; ROUTES is replaced here by one such route.
import { describe, expect, it, vi } from "vitest";

vi.mock("../../src/lib/route-params.ts", () => ({
  allowedMethods: (path: string) => (path === "/form" ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"]),
}));
const { MAX_BODY_BYTES, refuseRequest } = await import("../../src/lib/request-guard.ts");

describe("a route's declared methods", () => {
  it("pass, with a body of at most MAX_BODY_BYTES sent with Content-Length", () => {
    expect(refuseRequest("POST", "/form", { "content-length": "20" })).toBeNull();
    expect(refuseRequest("POST", "/form?x=1", { "content-length": String(MAX_BODY_BYTES) })).toBeNull();
    expect(refuseRequest("POST", "/form", { "content-length": String(MAX_BODY_BYTES + 1) })).toMatchObject({ status: 413 });
    expect(refuseRequest("POST", "/form", { "transfer-encoding": "chunked" })).toMatchObject({ status: 411 });
    expect(refuseRequest("POST", "/form?" + "a&".repeat(200), { "content-length": "1" })).toMatchObject({ status: 400 });
  });

  it("other methods on that route, and POST elsewhere, are 405 with the route's Allow", () => {
    expect(refuseRequest("PUT", "/form")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD, POST" } });
    expect(refuseRequest("POST", "/elsewhere")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
  });
});
