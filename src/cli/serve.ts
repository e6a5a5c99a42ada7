// npm run serve [-- --port 3000 --hostname 127.0.0.1]   (npm start ingests and builds, then runs this)
// The production server: Next.js's own request handler (the one `next start` uses) behind a plain
// Node.js HTTP server that first
// - validates the settings (src/lib/config.ts) and stops with a message when one is wrong, or warns
//   when SITE_URL is unset;
// - refuses what Next.js must not parse (src/lib/request-guard.ts): methods other than GET/HEAD
//   and those a route declares (405, static files included), URLs over 8 KB (414) and over 100
//   query parameters (400);
// - sends Strict-Transport-Security when SITE_URL is https.
import http from "node:http";
import { parseArgs } from "node:util";
import { HSTS_VALUE, loadServerConfig } from "../lib/config.ts";
import { errorResponse } from "../lib/error-response.ts";
import { refuseRequest } from "../lib/request-guard.ts";

/** Request line and headers together (Node.js counts both); larger requests get Node's own 431. */
const MAX_HEADER_BYTES = 16 * 1024;

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const loaded = loadServerConfig(process.env, values.port);
if (!loaded.ok) {
  for (const error of loaded.errors) console.error(`Invalid setting: ${error}`);
  console.error("The server did not start. README.md (Deploy) lists the settings.");
  process.exit(1);
}
const config = loaded.config;
for (const warning of config.warnings) console.warn(`Warning: ${warning}`);
// The app reads these (src/lib/urls.ts siteUrl()): the validated, normalised values.
process.env.PORT = String(config.port);
process.env.SITE_URL = config.siteUrl;
// Before Next.js and React load, so that they load their production builds.
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");

// Next.js attaches its WebSocket upgrade handler to the server it is given here (or else to the
// one its first request came through). The site has no WebSocket endpoint, and that handler routes
// the raw URL past the guard below (7,000 query parameters held the thread for 4 s): it gets a
// server that never listens, so an upgrade request reaches the guard as an ordinary GET.
const app = next({ dev: false, hostname: values.hostname ?? "localhost", port: config.port, httpServer: http.createServer() });
const handle = app.getRequestHandler();

const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
  const refusal = refuseRequest(req.method, req.url, req.headers);
  if (refusal) {
    const path = (req.url ?? "/").slice(0, 5);
    const { status, headers, body } = errorResponse(path, refusal.status, refusal.message, refusal.headers);
    if (config.hsts) headers["strict-transport-security"] = HSTS_VALUE;
    // The request body (if any) is not read: close the connection instead of draining it.
    res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  if (config.hsts) res.setHeader("strict-transport-security", HSTS_VALUE);
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle ${req.method} ${String(req.url).slice(0, 200)}:`, error);
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("Internal Server Error");
    } else res.destroy();
  });
});
// CONNECT asks for a tunnel, which Node.js hands to a separate event: refuse it like any other method.
// Allow names what the path does answer (GET, HEAD and a route's declared methods, e.g. POST /language).
server.on("connect", (req, socket) => {
  const allow = refuseRequest("CONNECT", req.url)?.headers.allow ?? "GET, HEAD";
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${allow}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
});
// Slow clients: a request must send its headers within 20 s and finish within 60 s.
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;

await app.prepare();
server.listen(config.port, values.hostname, () => {
  const address = server.address();
  const where = typeof address === "object" && address ? `${values.hostname ?? "localhost"}:${address.port}` : String(address);
  console.log(`Serving on http://${where} (public address ${config.siteUrl})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
