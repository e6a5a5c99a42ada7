// The server's settings, read from the environment and validated with zod when `npm start` /
// `npm run serve` starts (src/cli/serve.ts), so a bad value stops the server with a message
// instead of surfacing as wrong URLs later. Pure: it reads only the env object it is given.
import { z } from "zod";

const Port = z
  .string()
  .regex(/^[0-9]{1,5}$/, "must be a port number from 0 to 65535, in decimal digits")
  .transform(Number)
  .refine((port) => port <= 65535, "must be a port number from 0 to 65535, in decimal digits");

/** The public origin, e.g. https://kb.example.org: no path, query, fragment or credentials. */
export const SiteUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be an absolute http(s) URL such as https://kb.example.org, not '${value}'` });
      return z.NEVER;
    }
    const problem =
      url.protocol !== "http:" && url.protocol !== "https:"
        ? "must start with http:// or https://"
        : url.username || url.password
          ? "must not contain a user name or password"
          : url.pathname !== "/" || url.search || url.hash || value.endsWith("?") || value.endsWith("#")
            ? "must be an origin only (scheme, host and port), without a path, query or fragment"
            : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: `${problem}: '${value}'` });
      return z.NEVER;
    }
    return url.origin;
  });

const Env = z.object({
  PORT: Port.optional().transform((port) => port ?? 3000),
  SITE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(SiteUrl.optional()),
  SEARCH_CACHE_ENTRIES: z
    .string()
    .regex(/^[0-9]{1,7}$/, "must be a whole number of entries (0 turns the cache off), in decimal digits")
    .optional(),
});

export type ServerConfig = {
  port: number;
  /** The public origin for absolute URLs. */
  siteUrl: string;
  /** False when SITE_URL was not set and siteUrl is http://localhost:<port>. */
  siteUrlConfigured: boolean;
  /** Strict-Transport-Security is sent when the public origin is https. */
  hsts: boolean;
  /** Things an operator should know (printed at start-up). */
  warnings: string[];
};

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; errors: string[] };

/** HSTS for a year; no includeSubDomains or preload, which would bind other hosts of the domain. */
export const HSTS_VALUE = "max-age=31536000";

export function loadServerConfig(env: Record<string, string | undefined>, portOverride?: string): ConfigResult {
  const parsed = Env.safeParse({ ...env, PORT: portOverride ?? (env.PORT === "" ? undefined : env.PORT) });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`) };
  const { PORT: port, SITE_URL } = parsed.data;
  const siteUrl = SITE_URL ?? `http://localhost:${port}`;
  const warnings = SITE_URL
    ? []
    : [
        `SITE_URL is not set: canonical links, og:url, the sitemap, robots.txt and structured data will say ${siteUrl}. ` +
          "Set SITE_URL to the public address (e.g. SITE_URL=https://kb.example.org) before sharing or deploying this server; " +
          "search engines and share previews need it.",
      ];
  return { ok: true, config: { port, siteUrl, siteUrlConfigured: !!SITE_URL, hsts: siteUrl.startsWith("https:"), warnings } };
}
