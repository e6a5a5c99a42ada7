// What the server refuses before Next.js sees a request (src/cli/serve.ts calls this first).
// Pure: it looks only at the method and the raw request target, in time linear in their length.
//
// - Methods: GET and HEAD reach Next.js; so does a method a route declares in ROUTES
//   (src/lib/route-params.ts, e.g. a form's POST), with a body of at most MAX_BODY_BYTES. Every
//   other method, OPTIONS and TRACE included, is a 405 with `Allow: GET, HEAD` (plus the route's
//   own) on every path, static files included (Next.js answered 500 to TRACE everywhere and to
//   POST on /_next/static files).
// - Request target: at most MAX_TARGET_BYTES (414) and MAX_QUERY_PARAMETERS `&`-separated query
//   parts (400). Next.js parses a query with URLSearchParams.getAll() once per key — quadratic in
//   the number of parameters: 7,000 parameters in 14 KB held the only thread for 1.5–2 s, before
//   any code of ours ran (docs/decisions.md has the measurements).
import { allowedMethods } from "./route-params";

export const MAX_TARGET_BYTES = 8192;
export const MAX_QUERY_PARAMETERS = 100;
export const MAX_BODY_BYTES = 16 * 1024;

export type Refusal = { status: 400 | 405 | 411 | 413 | 414; message: string; headers: Record<string, string> };
type BodyHeaders = { "content-length"?: string; "transfer-encoding"?: string };

export function refuseRequest(method: string | undefined, target: string | undefined, headers: BodyHeaders = {}): Refusal | null {
  const url = target ?? "/";
  if (method !== "GET" && method !== "HEAD") {
    const query = url.indexOf("?");
    const allowed = allowedMethods(query === -1 ? url : url.slice(0, query));
    if (!method || !allowed.includes(method))
      return {
        status: 405,
        message: `the method ${String(method).slice(0, 20)} is not allowed here: this address answers ${allowed.join(", ")}`,
        headers: { allow: allowed.join(", ") },
      };
    if (headers["transfer-encoding"] !== undefined) return { status: 411, message: "send the body with a Content-Length", headers: {} };
    if (Number(headers["content-length"] ?? 0) > MAX_BODY_BYTES)
      return { status: 413, message: `the body is larger than ${MAX_BODY_BYTES} bytes`, headers: {} };
  }
  // The target is what the client sent, so its length in bytes is its length in characters
  // (Node.js decodes the request line as latin1); counting is bounded by the check itself.
  if (url.length > MAX_TARGET_BYTES) return { status: 414, message: `the URL is longer than ${MAX_TARGET_BYTES} bytes`, headers: {} };
  const query = url.indexOf("?");
  if (query !== -1) {
    let parts = 1;
    for (let i = url.indexOf("&", query); i !== -1; i = url.indexOf("&", i + 1))
      if (++parts > MAX_QUERY_PARAMETERS)
        return { status: 400, message: `the URL has more than ${MAX_QUERY_PARAMETERS} query parameters`, headers: {} };
  }
  return null;
}
